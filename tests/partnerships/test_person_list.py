"""The /people/ directory in pages of 50, the search kept in the page links."""

import re

import pytest

from partnerships.models import Membership
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(world):
    """120 more people in Essex, each a member of Safer Essex."""
    for n in range(120):
        person = make_person(world.essex, f"Volunteer {n:03}", job_title="Volunteer")
        Membership.objects.create(person=person, partnership=world.safer, role="member")


def names_on(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/people/\d+/">([^<]+)</a>', html)


def test_the_directory_shows_fifty_people_a_page(world, as_user, crowd):
    client = as_user(world.lead)
    total = world.essex.people.count()
    first = client.get("/people/").text
    assert len(names_on(first)) == 50
    assert f"Showing 1 to 50 of {total} people" in first
    assert 'class="govuk-pagination"' in first and 'href="?page=2"' in first
    last = client.get("/people/", {"page": 3}).text
    assert len(names_on(last)) == total - 100
    assert 'aria-current="page">3</a>' in last and 'rel="next"' not in last
    seen = [*names_on(first), *names_on(client.get("/people/?page=2").text), *names_on(last)]
    assert len(set(seen)) == total  # every person once, in name order
    assert seen == sorted(seen)


def test_a_page_past_the_end_or_not_a_number_shows_a_real_page(world, as_user, crowd):
    client = as_user(world.lead)
    assert len(names_on(client.get("/people/", {"page": 99}).text)) > 0
    assert client.get("/people/", {"page": "x"}).status_code == 200


def test_page_links_keep_the_search(world, as_user, crowd):
    page = as_user(world.lead).get("/people/", {"q": "volunteer", "page": 2}).text
    assert "Showing 51 to 100 of 120 people matching “volunteer”" in page
    assert 'href="?q=volunteer&amp;page=3"' in page
    assert 'href="?q=volunteer&amp;page=1"' in page
    assert "Alan Dawkes" not in page


def test_a_short_list_has_no_pagination(world, as_user):
    page = as_user(world.lead).get("/people/", {"q": "dawkes"}).text
    assert "1 person matching “dawkes”" in page
    assert "govuk-pagination" not in page


def test_outsider_sees_none_of_the_crowd(world, as_user, crowd):
    page = as_user(world.outsider).get("/people/").text
    assert "Volunteer" not in page


def test_the_number_of_queries_does_not_grow_with_the_people(
    world, as_user, crowd, django_assert_max_num_queries
):
    client = as_user(world.lead)
    with django_assert_max_num_queries(10):
        assert client.get("/people/", {"page": 2}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/people/", {"q": "volunteer", "page": 3}).status_code == 200
