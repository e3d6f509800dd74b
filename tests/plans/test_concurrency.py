"""Two people editing one delivery plan action at the same time (issue 8): the second save
of a stale form is refused with who changed it, when, and both sets of values; nothing is
written and the person's input stays in the form. Full edit and inline progress update,
with and without JavaScript."""

import datetime as dt

import pytest
from django.utils.html import escape

from partnerships.conflicts import NO_VERSION
from plans.models import Action, Milestone
from tests.factories import make_member_with_login, version_in
from tests.plans.factories import make_action, make_plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def action(world):
    plan = make_plan(world.safer, owner=world.person(world.lead))
    return make_action(
        plan,
        "Fund the IDVA service",
        ref="1.2",
        starts_on=dt.date(2009, 4, 1),
        due_on=dt.date(2010, 3, 31),
        status=Action.Status.ON_TRACK,
        percent_complete=50,
        progress_note="Tender out",
    )


def edit_data(action: Action, version: str, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "version": version,
        "ref": action.ref,
        "title": action.title,
        "starts_on": "2009-04-01",
        "due_on": "2010-03-31",
        "status": action.status,
        "percent_complete": action.percent_complete,
        "progress_note": action.progress_note,
        "milestones-TOTAL_FORMS": 0,
        "milestones-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def progress_data(version: str, **changes: object) -> dict[str, object]:
    data = {"version": version, "status": "on_track", "percent_complete": 50}
    return {**data, "progress_note": "Tender out", **changes}


def saved(action: Action) -> tuple[object, ...]:
    action.refresh_from_db()
    return (action.title, action.status, action.percent_complete, action.progress_note)


# The full edit form -----------------------------------------------------------------------


def test_a_stale_edit_is_refused_showing_their_change_and_keeping_yours(world, as_user, action):
    url = f"/plans/actions/{action.pk}/edit/"
    lead, secretariat = as_user(world.lead), as_user(world.secretariat)
    version = version_in(lead.get(url).text)
    assert version_in(secretariat.get(url).text) == version
    response = secretariat.post(url, edit_data(action, version, title="Fund the IDVA for 2 years"))
    assert response.status_code == 302
    theirs = saved(action)
    history = action.history.count()

    response = lead.post(url, edit_data(action, version, title="Fund the IDVA service fully"))

    assert response.status_code == 200
    page = response.text
    assert "Someone else changed this action" in page
    assert "secretariat@example.test saved a change to this action at" in page
    assert "Fund the IDVA for 2 years" in page  # theirs, beside …
    assert 'value="Fund the IDVA service fully"' in page  # … yours, still in the form
    assert saved(action) == theirs and action.history.count() == history


def test_saving_again_after_comparing_replaces_theirs(world, as_user, action):
    url = f"/plans/actions/{action.pk}/edit/"
    secretariat, lead = as_user(world.secretariat), as_user(world.lead)
    secretariat.post(url, edit_data(action, "1", title="Their title"))
    refused = lead.post(url, edit_data(action, "1", title="My title"))
    assert version_in(refused.text) == "2"  # the form now stands on the version shown

    response = lead.post(url, edit_data(action, version_in(refused.text), title="My title"))

    assert response.status_code == 302
    assert saved(action)[0] == "My title" and action.version == 3


def test_a_fresh_edit_saves_and_moves_the_version_on(world, as_user, action):
    url = f"/plans/actions/{action.pk}/edit/"
    response = as_user(world.lead).post(url, edit_data(action, "1", title="Fund it"))
    assert response.status_code == 302
    assert saved(action)[0] == "Fund it" and action.version == 2


def test_a_refused_edit_writes_no_milestones_and_shows_both_sets(world, as_user, action):
    url = f"/plans/actions/{action.pk}/edit/"
    as_user(world.secretariat).post(url, edit_data(action, "1", progress_note="Their note"))
    milestone = {
        "milestones-TOTAL_FORMS": 1,
        "milestones-0-title": "Contract signed",
        "milestones-0-due_on": "2009-06-30",
    }
    response = as_user(world.lead).post(url, edit_data(action, "1", **milestone))
    assert "Contract signed (30 Jun 2009)" in response.text
    assert "Their note" in response.text
    assert not Milestone.objects.filter(action=action).exists()


# The inline progress update -----------------------------------------------------------------


def test_a_stale_htmx_progress_update_comes_back_in_the_row(world, as_user, action):
    url = f"/plans/actions/{action.pk}/progress/"
    version = version_in(as_user(world.lead).get(url, **HTMX).text)
    as_user(world.secretariat).post(url, progress_data(version, progress_note="IDVA in post"))
    theirs = saved(action)

    response = as_user(world.lead).post(
        url, progress_data(version, status="at_risk", progress_note="Manager leaving"), **HTMX
    )

    assert response.status_code == 200
    row = response.text
    assert row.lstrip().startswith(f'<tr class="govuk-table__row" id="action-{action.pk}"')
    assert "Someone else changed this action" in row and "secretariat@example.test" in row
    assert "IDVA in post" in row  # theirs
    assert "Manager leaving</textarea>" in row  # yours, still in the form
    assert 'value="at_risk" selected' in row
    assert version_in(row) == "2"
    assert saved(action) == theirs


def test_a_stale_progress_update_without_javascript_shows_the_plan_with_the_conflict(
    world, as_user, action
):
    url = f"/plans/actions/{action.pk}/progress/"
    as_user(world.secretariat).post(url, progress_data("1", percent_complete=70))
    theirs = saved(action)

    response = as_user(world.lead).post(url, progress_data("1", percent_complete=55))

    assert response.status_code == 200
    page = response.text
    assert "<html" in page and "Someone else changed this action" in page
    assert 'name="percent_complete" value="55"' in page
    assert '<td class="govuk-table__cell">70</td>' in page  # their figure in the comparison
    assert saved(action) == theirs


def test_a_full_edit_makes_an_open_progress_form_stale(world, as_user, action):
    progress = f"/plans/actions/{action.pk}/progress/"
    version = version_in(as_user(world.lead).get(progress, **HTMX).text)
    as_user(world.secretariat).post(
        f"/plans/actions/{action.pk}/edit/", edit_data(action, version, status="slipped")
    )
    response = as_user(world.lead).post(progress, progress_data(version), **HTMX)
    assert "Someone else changed this action" in response.text
    assert saved(action)[1] == "slipped"


def test_a_fresh_progress_update_saves_by_htmx_and_without(world, as_user, action):
    url = f"/plans/actions/{action.pk}/progress/"
    response = as_user(world.lead).post(url, progress_data("1", progress_note="One"), **HTMX)
    assert "Saved" in response.text and "Someone else" not in response.text
    response = as_user(world.lead).post(url, progress_data("2", progress_note="Two"))
    assert response.status_code == 302
    assert saved(action)[3] == "Two" and action.version == 3


def unversioned(data: dict[str, object]) -> dict[str, object]:
    """What a page kept open from before versions (or a hand-made post) sends."""
    return {name: value for name, value in data.items() if name != "version"}


def post_unversioned_progress(as_user, world, action, headers):
    return as_user(world.lead).post(
        f"/plans/actions/{action.pk}/progress/",
        unversioned(progress_data("1", progress_note="From an old page")),
        **headers,
    )


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "without-js"])
def test_a_progress_update_without_a_version_is_refused_and_writes_nothing(
    world, as_user, action, headers
):
    before = (saved(action), action.version, action.history.count())

    response = post_unversioned_progress(as_user, world, action, headers)

    assert response.status_code == 200
    page = response.text
    if headers:
        assert page.lstrip().startswith(f'<tr class="govuk-table__row" id="action-{action.pk}"')
    else:
        assert "<html" in page
    assert "From an old page</textarea>" in page  # their words stay, to save after reloading
    assert "Saved" not in page
    assert (saved(action), action.version, action.history.count()) == before


@pytest.mark.parametrize("headers", [HTMX, {}], ids=["htmx", "without-js"])
def test_a_progress_update_without_a_version_says_why_it_was_refused(
    world, as_user, action, headers
):
    response = post_unversioned_progress(as_user, world, action, headers)
    assert escape(NO_VERSION) in response.text


def test_a_full_edit_without_a_version_is_refused_and_writes_nothing(world, as_user, action):
    url = f"/plans/actions/{action.pk}/edit/"
    before = (saved(action), action.version, action.history.count())

    response = as_user(world.lead).post(
        url, unversioned(edit_data(action, "1", title="Fund it from an old page"))
    )

    assert response.status_code == 200
    assert escape(NO_VERSION) in response.text
    assert (saved(action), action.version, action.history.count()) == before


# Who may save is unchanged ------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["other_lead", "observer", "outsider"])
def test_people_who_may_not_edit_learn_nothing_from_a_stale_form(world, as_user, action, persona):
    as_user(world.lead).post(
        f"/plans/actions/{action.pk}/progress/", progress_data("1", progress_note="Lead's")
    )
    client = as_user(getattr(world, persona))
    expected = 404 if persona == "outsider" else 403
    for url, data in (
        (f"/plans/actions/{action.pk}/edit/", edit_data(action, "1", title="Hijacked")),
        (f"/plans/actions/{action.pk}/progress/", progress_data("1", progress_note="Hijacked")),
    ):
        response = client.post(url, data)
        assert response.status_code == expected
        assert "Lead's" not in response.text
    assert saved(action)[0] == "Fund the IDVA service" and action.version == 2


def test_anonymous_is_sent_to_sign_in(as_user, action):
    response = as_user(None).post(f"/plans/actions/{action.pk}/progress/", progress_data("1"))
    assert response["Location"].startswith("/accounts/login/")
    assert saved(action)[3] == "Tender out"


def test_an_action_lead_without_an_editing_role_gets_the_conflict_too(world, as_user, action):
    user, person = make_member_with_login(world.safer, "member", "sam@example.test", "Sam Grant")
    Action.objects.filter(pk=action.pk).update(lead=person)
    url = f"/plans/actions/{action.pk}/progress/"
    as_user(world.lead).post(url, progress_data("1", progress_note="Lead's"))
    response = as_user(user).post(url, progress_data("1", progress_note="Sam's"), **HTMX)
    assert "Someone else changed this action" in response.text
    assert saved(action)[3] == "Lead's"
