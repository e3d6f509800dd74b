"""Who may do what to a delivery plan, persona by persona: the deputy lead edits like the
lead, the secretariat changes anything, an action's lead updates that action's status and
progress and nothing else, observers nothing."""

import pytest

from partnerships.models import Membership
from plans.models import Action, DeliveryPlan, FundingLine, Risk
from tests.factories import make_member_with_login, with_version
from tests.plans.factories import answer_equality, make_action
from tests.plans.world import HTMX, snapshot, write_urls

pytestmark = pytest.mark.django_db

PROGRESS = {"status": "at_risk", "percent_complete": 60, "progress_note": "Manager recruited"}


def progress_url(action: Action) -> str:
    return f"/plans/actions/{action.pk}/progress/"


# An action's lead ----------------------------------------------------------------------------


def test_an_action_lead_is_refused_everything_but_their_actions_progress(world, as_user, pw):
    client = as_user(pw.action_lead)
    before = snapshot(pw)
    for method, url, data in write_urls(pw):
        assert getattr(client, method)(url, data).status_code == 403, (method, url)
    answer_equality(pw.plan)
    DeliveryPlan.objects.filter(pk=pw.plan.pk).update(status="submitted")
    for url in (f"/plans/{pw.plan.pk}/approve/", f"/plans/{pw.plan.pk}/return/"):
        assert client.post(url, {"note": "No"}).status_code == 403
    assert client.get("/plans/new/").status_code == 403
    pw.plan.refresh_from_db()
    assert pw.plan.status == "submitted"
    assert snapshot(pw)[2:] == before[2:]


def test_an_action_lead_cannot_update_someone_elses_action(world, as_user, pw):
    client = as_user(pw.action_lead)
    for headers in ({}, HTMX):
        response = client.post(progress_url(pw.other), with_version(pw.other, PROGRESS), **headers)
        assert response.status_code == 403
    pw.other.refresh_from_db()
    assert (pw.other.status, pw.other.progress_note) == ("slipped", "")


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["without-js", "htmx"])
def test_the_progress_update_changes_only_status_percent_and_note(world, as_user, pw, headers):
    before = Action.objects.filter(pk=pw.action.pk).values(
        "title", "ref", "lead", "due_on", "starts_on", "description"
    )[0]
    targets = set(pw.action.targets.all())
    response = as_user(pw.action_lead).post(
        progress_url(pw.action),
        {
            **with_version(pw.action, PROGRESS),
            "title": "Renamed by the action lead",
            "ref": "9.9",
            "lead": "",
            "due_on": "2031-01-01",
            "description": "Changed",
            "targets": [],
        },
        **headers,
    )
    assert response.status_code in (200, 302)
    pw.action.refresh_from_db()
    assert (pw.action.status, pw.action.percent_complete, pw.action.progress_note) == (
        "at_risk",
        60,
        "Manager recruited",
    )
    after = Action.objects.filter(pk=pw.action.pk).values(*before)[0]
    assert after == before
    assert set(pw.action.targets.all()) == targets


def test_an_action_led_from_another_partnership_is_updated_by_its_lead(world, as_user, pw):
    """The CWOP lead leads a Safer Essex action: they update it, but not its plan."""
    action = make_action(pw.plan, "Falls and domestic abuse", lead=world.person(world.other_lead))
    client = as_user(world.other_lead)
    response = client.post(progress_url(action), with_version(action, PROGRESS), **HTMX)
    assert response.status_code == 200 and "Saved" in response.text
    assert "Manager recruited" in response.text
    assert client.get(f"/plans/actions/{action.pk}/edit/").status_code == 403
    page = client.get(f"/plans/{pw.plan.pk}/").text
    assert progress_url(action) in page and progress_url(pw.action) not in page


def test_an_observer_who_leads_an_action_still_changes_nothing(world, as_user, pw):
    action = make_action(pw.plan, "Observe the forum", lead=world.person(world.observer))
    response = as_user(world.observer).post(progress_url(action), with_version(action, PROGRESS))
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.progress_note == ""


# The deputy lead and the secretariat ----------------------------------------------------------


@pytest.fixture
def deputy(world):
    user, _ = make_member_with_login(
        world.safer, Membership.Role.DEPUTY_LEAD, "deputy@example.test", "Sam Deputy"
    )
    return user


def test_the_deputy_lead_edits_the_plan_like_the_lead(world, as_user, pw, deputy):
    client = as_user(deputy)
    for method, url, _ in write_urls(pw):
        if method == "get":
            assert client.get(url).status_code == 200, url
    response = client.post(
        f"/plans/{pw.plan.pk}/risks/new/",
        {"description": "Health do not sign", "likelihood": 2, "impact": 5, "status": "open"},
    )
    assert response.status_code == 302
    assert Risk.objects.filter(plan=pw.plan, description="Health do not sign").exists()
    response = client.post(progress_url(pw.other), with_version(pw.other, PROGRESS), **HTMX)
    assert response.status_code == 200 and "Saved" in response.text
    answer_equality(pw.plan)
    client.post(f"/plans/{pw.plan.pk}/submit/")
    pw.plan.refresh_from_db()
    assert (pw.plan.status, pw.plan.submitted_by) == ("submitted", deputy)
    # Submitting is theirs; approving is the chair's or the secretariat's.
    assert client.post(f"/plans/{pw.plan.pk}/approve/").status_code == 403


def test_a_deputy_lead_of_another_partnership_is_refused(world, as_user, pw):
    other_deputy, _ = make_member_with_login(
        world.cwop, Membership.Role.DEPUTY_LEAD, "cwop-deputy@example.test"
    )
    client = as_user(other_deputy)
    before = snapshot(pw)
    for method, url, data in write_urls(pw):
        assert getattr(client, method)(url, data).status_code == 403, (method, url)
    assert (
        client.post(progress_url(pw.action), with_version(pw.action, PROGRESS)).status_code == 403
    )
    assert snapshot(pw) == before


def test_the_secretariat_changes_anything_in_any_plan(world, as_user, pw):
    client = as_user(world.secretariat)
    response = client.post(
        f"/plans/{pw.plan.pk}/edit/",
        with_version(pw.plan, {"title": "Domestic abuse plan 2009–10", "starts_on": "2009-04-01",
         "ends_on": "2010-03-31"}),
    )  # fmt: skip
    assert response.status_code == 302
    assert (
        client.post(progress_url(pw.action), with_version(pw.action, PROGRESS)).status_code == 302
    )
    assert client.post(f"/plans/risks/{pw.risk.pk}/delete/").status_code == 302
    assert client.post(f"/plans/funding/{pw.line.pk}/delete/").status_code == 302
    assert client.post(f"/plans/actions/{pw.other.pk}/delete/").status_code == 302
    client.post(f"/partnerships/{world.safer.pk}/next-meeting/", {"next_meeting_on": "2009-07-02"})
    pw.plan.refresh_from_db()
    pw.action.refresh_from_db()
    world.safer.refresh_from_db()
    assert pw.plan.title == "Domestic abuse plan 2009–10"
    assert pw.action.progress_note == "Manager recruited"
    assert not Risk.objects.filter(pk=pw.risk.pk).exists()
    assert not FundingLine.objects.filter(pk=pw.line.pk).exists()
    assert not Action.objects.filter(pk=pw.other.pk).exists()
    assert str(world.safer.next_meeting_override) == "2009-07-02"
