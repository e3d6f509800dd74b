"""Two people writing the same minutes or action point at the same time (issue 8): the
second save of a stale form is refused with who changed it, when, and both sets of
values; nothing is written and the person's input stays in the form."""

import datetime as dt

import pytest
from django.utils.html import escape

from meetings.models import ActionPoint, ActionUpdate, AgendaItem
from partnerships.conflicts import NO_VERSION
from tests.factories import version_in
from tests.meetings.factories import make_action, make_item, make_meeting

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def item(world):
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    return make_item(meeting, "4", "Terms of reference", minutes="Draft circulated.")


@pytest.fixture
def action(world, item):
    return make_action(item, "Letter to Health on MARACs", owners=[world.person(world.lead)])


def item_data(version: str, minutes: str, **changes: str) -> dict[str, str]:
    data = {"version": version, "number": "4", "title": "Terms of reference", "kind": "proposed"}
    return {**data, "minutes": minutes, **changes}


def action_data(world, version: str, text: str) -> dict[str, object]:
    return {"version": version, "text": text, "owners": [world.person(world.lead).pk]}


def minutes(item: AgendaItem) -> tuple[str, str, int]:
    item.refresh_from_db()
    return item.title, item.minutes, item.version


def state(action: ActionPoint) -> tuple[str, str, int, int]:
    action.refresh_from_db()
    return action.text, action.status, action.version, ActionUpdate.objects.count()


# Minutes (the agenda item form) -----------------------------------------------------------


def test_stale_minutes_are_refused_showing_theirs_and_keeping_yours(world, as_user, item):
    url = f"/meetings/items/{item.pk}/edit/"
    lead, secretariat = as_user(world.lead), as_user(world.secretariat)
    version = version_in(lead.get(url).text)
    assert version_in(secretariat.get(url).text) == version
    assert secretariat.post(url, item_data(version, "Terms agreed.")).status_code == 302
    theirs = minutes(item)

    response = lead.post(url, item_data(version, "Deferred to April.", title="Terms"))

    assert response.status_code == 200
    page = response.text
    assert "Someone else changed this agenda item" in page
    assert "secretariat@example.test saved a change to this agenda item at" in page
    assert "Terms agreed." in page  # theirs, beside …
    assert "Deferred to April.</textarea>" in page  # … yours, still in the form
    assert 'value="Terms"' in page
    assert minutes(item) == theirs


def test_saving_minutes_again_after_comparing_replaces_theirs(world, as_user, item):
    url = f"/meetings/items/{item.pk}/edit/"
    as_user(world.secretariat).post(url, item_data("1", "Terms agreed."))
    refused = as_user(world.lead).post(url, item_data("1", "Terms agreed, with changes."))
    assert version_in(refused.text) == "2"

    response = as_user(world.lead).post(
        url, item_data(version_in(refused.text), "Terms agreed, with changes.")
    )

    assert response.status_code == 302
    assert minutes(item)[1:] == ("Terms agreed, with changes.", 3)


def test_fresh_minutes_are_saved(world, as_user, item):
    url = f"/meetings/items/{item.pk}/edit/"
    response = as_user(world.lead).post(url, item_data("1", "Terms agreed."))
    assert response.status_code == 302
    assert minutes(item)[1:] == ("Terms agreed.", 2)


# Action points: the edit form ---------------------------------------------------------------


def test_a_stale_action_point_edit_is_refused(world, as_user, action):
    url = f"/meetings/actions/{action.pk}/edit/"
    version = version_in(as_user(world.lead).get(url).text)
    as_user(world.secretariat).post(url, action_data(world, version, "Letter to the PCT"))
    theirs = state(action)

    response = as_user(world.lead).post(url, action_data(world, version, "Letter to Health"))

    assert response.status_code == 200
    assert "Someone else changed this action point" in response.text
    assert "Letter to the PCT" in response.text and "Letter to Health</textarea>" in response.text
    assert state(action) == theirs


def test_a_fresh_action_point_edit_is_saved(world, as_user, action):
    url = f"/meetings/actions/{action.pk}/edit/"
    response = as_user(world.lead).post(url, action_data(world, "1", "Letter to the PCT"))
    assert response.status_code == 302
    assert state(action)[::2] == ("Letter to the PCT", 2)


# Action points: reporting progress ----------------------------------------------------------


def test_a_stale_status_change_comes_back_in_the_row(world, as_user, action):
    url = f"/meetings/actions/{action.pk}/update/"
    version = version_in(as_user(world.lead).get("/meetings/actions/").text)
    as_user(world.secretariat).post(url, {"version": version, "status": "done", "text": "Sent"})
    theirs = state(action)

    response = as_user(world.lead).post(
        url, {"version": version, "status": "open", "text": "Chased Health"}, **HTMX
    )

    assert response.status_code == 200
    row = response.text
    assert row.lstrip().startswith(f'<tr class="govuk-table__row" id="action-{action.pk}">')
    assert "Someone else changed this action point" in row and "Saved." not in row
    assert '<td class="govuk-table__cell">Done</td>' in row  # their status …
    assert 'value="open" selected' in row and 'value="Chased Health"' in row  # … and yours
    assert version_in(row) == "2"
    assert state(action) == theirs


def test_a_stale_status_change_without_javascript_shows_the_action_page(world, as_user, action):
    url = f"/meetings/actions/{action.pk}/update/"
    as_user(world.secretariat).post(url, {"version": "1", "status": "done", "text": "Sent"})
    theirs = state(action)

    response = as_user(world.lead).post(url, {"version": "1", "status": "dropped", "text": "No"})

    assert response.status_code == 200
    page = response.text
    assert "<html" in page and "Someone else changed this action point" in page
    assert 'name="text" value="No"' in page
    assert version_in(page) == "2"
    assert state(action) == theirs


def test_a_note_that_leaves_the_status_alone_is_added_from_an_old_form(world, as_user, action):
    """It only adds to the record, so it cannot overwrite anyone's change."""
    as_user(world.secretariat).post(
        f"/meetings/actions/{action.pk}/edit/", action_data(world, "1", "Letter to the PCT")
    )
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        {"version": "1", "status": "open", "text": "Drafted"},
        **HTMX,
    )
    assert "Saved." in response.text and "Someone else" not in response.text
    assert action.updates.get().text == "Drafted"


def test_a_fresh_status_change_is_saved(world, as_user, action):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/", {"version": "1", "status": "done"}, **HTMX
    )
    assert "Saved." in response.text
    assert state(action)[1:] == ("done", 2, 1)


# A change posted without a version (a page kept open from before versions) ---------------


def test_minutes_without_a_version_are_refused_and_nothing_is_written(world, as_user, item):
    before = (minutes(item), item.history.count())
    data = item_data("1", "Written on an old page.")
    del data["version"]

    response = as_user(world.lead).post(f"/meetings/items/{item.pk}/edit/", data)

    assert response.status_code == 200
    assert escape(NO_VERSION) in response.text
    assert "Written on an old page.</textarea>" in response.text  # kept, to save after reloading
    assert (minutes(item), item.history.count()) == before


def test_an_action_point_edit_without_a_version_is_refused(world, as_user, action):
    before = (state(action), action.history.count())
    data = action_data(world, "1", "Letter to the PCT")
    del data["version"]

    response = as_user(world.lead).post(f"/meetings/actions/{action.pk}/edit/", data)

    assert response.status_code == 200
    assert escape(NO_VERSION) in response.text
    assert (state(action), action.history.count()) == before


def test_a_status_change_without_a_version_comes_back_refused_in_the_row(world, as_user, action):
    before = (state(action), action.history.count())

    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/", {"status": "done", "text": "Sent"}, **HTMX
    )

    assert response.status_code == 200
    row = response.text
    assert row.lstrip().startswith(f'<tr class="govuk-table__row" id="action-{action.pk}">')
    assert escape(NO_VERSION) in row and 'role="alert"' in row and "Saved." not in row
    assert (state(action), action.history.count()) == before


def test_a_status_change_without_a_version_or_javascript_is_refused_with_the_message(
    world, as_user, action
):
    before = (state(action), action.history.count())

    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        {"status": "done", "text": "Sent", "next": "/meetings/actions/"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/meetings/actions/"
    assert escape(NO_VERSION) in response.text
    assert "Action point updated." not in response.text
    assert (state(action), action.history.count()) == before


# Who may save is unchanged ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["other_lead", "observer", "outsider"])
def test_people_who_may_not_edit_are_refused_before_any_version_check(
    world, as_user, item, action, persona
):
    as_user(world.lead).post(f"/meetings/items/{item.pk}/edit/", item_data("1", "Lead's"))
    before = (minutes(item), state(action))
    client = as_user(getattr(world, persona))
    expected = 404 if persona == "outsider" else 403
    for url, data in (
        (f"/meetings/items/{item.pk}/edit/", item_data("1", "Hijacked")),
        (f"/meetings/actions/{action.pk}/edit/", action_data(world, "1", "Hijacked")),
        (f"/meetings/actions/{action.pk}/update/", {"version": "1", "status": "dropped"}),
    ):
        response = client.post(url, data)
        assert response.status_code == expected, url
        assert "Lead's" not in response.text
    assert (minutes(item), state(action)) == before


def test_anonymous_is_sent_to_sign_in(as_user, item):
    response = as_user(None).post(f"/meetings/items/{item.pk}/edit/", item_data("1", "x"))
    assert response["Location"].startswith("/accounts/login/")
    assert minutes(item)[1] == "Draft circulated."
