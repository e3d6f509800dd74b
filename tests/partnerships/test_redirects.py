"""`next` is followed only to a page of this site (issue 14, finding 4): a bare word used
to be taken for a view's name (NoReverseMatch, a 500), and an address elsewhere must not
be followed at all. Every view that takes a `next` goes through partnerships/redirects.py.
"""

import datetime as dt

import pytest
from django.test import RequestFactory

from partnerships.redirects import is_local_path, safe_next
from tests.factories import with_version
from tests.meetings.factories import make_action, make_item, make_meeting

SAFE = ["/meetings/actions/", "/meetings/actions/?status=open&owner=me", "/plans/3/#actions"]
UNSAFE = [
    "",
    "abc",
    "meetings:action-log",
    "meetings/actions/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https://evil.example/",
    "http://testserver/meetings/",
    "javascript:alert(1)",
    "/meetings/\n/",
]


@pytest.mark.parametrize("url", SAFE)
def test_a_path_on_this_site_is_followed(url):
    assert is_local_path(url)
    assert safe_next(RequestFactory().post("/", {"next": url}), "/home/") == url


@pytest.mark.parametrize("url", UNSAFE)
def test_anything_else_falls_back_to_the_default(url):
    assert not is_local_path(url)
    assert safe_next(RequestFactory().post("/", {"next": url}), "/home/") == "/home/"


def test_a_get_reads_next_from_the_query():
    assert safe_next(RequestFactory().get("/", {"next": "/plans/"}), "/") == "/plans/"
    assert safe_next(RequestFactory().get("/"), "/") == "/"


# The views that take a `next` ------------------------------------------------------------


@pytest.fixture
def action(world):
    item = make_item(make_meeting(world.safer, dt.date(2008, 10, 2)))
    return make_action(item, "Letter to Health", owners=[world.person(world.lead)])


@pytest.mark.django_db
@pytest.mark.parametrize("wanted", ["abc", "https://evil.example/", "//evil.example/"])
def test_an_action_update_with_a_bad_next_returns_to_the_action(world, as_user, action, wanted):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(action, {"status": "done", "text": "Sent", "next": wanted}),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/actions/{action.pk}/"
    action.refresh_from_db()
    assert action.status == "done"


@pytest.mark.django_db
def test_an_action_update_returns_to_the_page_it_came_from(world, as_user, action):
    back = "/meetings/actions/?status=open&owner=me"
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(action, {"status": "done", "next": back}),
    )
    assert response["Location"] == back


@pytest.mark.django_db
def test_the_action_row_does_not_carry_a_bad_next_on(world, as_user, action):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(action, {"status": "done", "next": "https://evil.example/"}),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "evil.example" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("abc", None), ("https://evil.example/", None), ("/plans/", "/plans/")],
)
def test_setting_the_next_meeting_returns_only_to_a_page_of_this_site(
    world, as_user, wanted, expected
):
    response = as_user(world.lead).post(
        f"/partnerships/{world.safer.pk}/next-meeting/",
        {"next_meeting_on": "2009-07-02", "next": wanted},
    )
    assert response.status_code == 302
    assert response["Location"] == (expected or f"/partnerships/{world.safer.pk}/")
