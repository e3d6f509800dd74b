"""Delivery plan pages: who sees and changes what, the inline htmx update with and without
JavaScript, filters, submission and approval, and query bounds."""

import datetime as dt

import pytest
from django.utils import timezone

from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk
from tests.factories import make_person, with_version
from tests.meetings.factories import make_meeting
from tests.plans.factories import (
    answer_equality,
    make_action,
    make_plan,
    make_risk,
)
from tests.plans.world import HTMX, progress_calls, read_urls, snapshot, write_urls

pytestmark = pytest.mark.django_db


# Who sees what ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_everywhere(world, as_user, pw):
    client = as_user(None)
    urls = ["/plans/", "/plans/new/", *read_urls(pw)] + [u for _, u, _ in write_urls(pw)]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), url
    response = client.post(progress_calls(pw)[1][1], progress_calls(pw)[1][2])
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["secretariat", "lead", "other_lead", "chair", "observer"])
def test_everyone_in_the_agreement_reads_the_plans(world, as_user, pw, persona):
    client = as_user(getattr(world, persona))
    assert "Domestic abuse plan" in client.get("/plans/").text
    for url in read_urls(pw):
        assert client.get(url).status_code == 200, url


def test_outsider_gets_404_for_every_plan_url_and_sees_no_essex_plan(world, as_user, pw):
    client = as_user(world.outsider)
    assert "Domestic abuse plan" not in client.get("/plans/").text
    before = snapshot(pw)
    for url in read_urls(pw):
        assert client.get(url).status_code == 404, url
    for method, url, data in write_urls(pw):
        assert getattr(client, method)(url, data).status_code == 404, url
    for method, url, data, headers in progress_calls(pw):
        assert getattr(client, method)(url, data, **headers).status_code == 404, url
    p = pw.plan.pk
    for url in (f"/plans/{p}/approve/", f"/plans/{p}/return/"):
        assert client.post(url, {"note": "x"}).status_code == 404
    assert snapshot(pw) == before


@pytest.mark.parametrize("persona", ["other_lead", "chair", "observer"])
def test_only_the_partnerships_editors_change_its_plan(world, as_user, pw, persona):
    client = as_user(getattr(world, persona))
    before = snapshot(pw)
    for method, url, data in write_urls(pw):
        assert getattr(client, method)(url, data).status_code == 403, (method, url)
    assert snapshot(pw) == before


@pytest.mark.parametrize("persona", ["other_lead", "chair", "observer"])
def test_progress_updates_are_refused_to_people_who_neither_lead_nor_edit(
    world, as_user, pw, persona
):
    client = as_user(getattr(world, persona))
    before = snapshot(pw)
    for method, url, data, headers in progress_calls(pw):
        assert getattr(client, method)(url, data, **headers).status_code == 403
    assert snapshot(pw) == before


@pytest.mark.parametrize("persona", ["secretariat", "lead"])
def test_the_partnerships_editors_open_every_form(world, as_user, pw, persona):
    client = as_user(getattr(world, persona))
    for method, url, _ in write_urls(pw):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_read_only_people_see_no_editing_controls(world, as_user, pw):
    page = as_user(world.observer).get(f"/plans/{pw.plan.pk}/").text
    assert "Edit plan details" not in page
    assert "Update<span" not in page
    assert "Submit for approval" not in page
    page = as_user(world.lead).get(f"/plans/{pw.plan.pk}/").text
    assert "Edit plan details" in page and "Update<span" in page


def test_an_action_lead_sees_update_only_on_their_own_action(world, as_user, pw):
    page = as_user(pw.action_lead).get(f"/plans/{pw.plan.pk}/").text
    assert f"/plans/actions/{pw.action.pk}/progress/" in page
    assert f"/plans/actions/{pw.other.pk}/progress/" not in page
    assert "Edit plan details" not in page


# The inline update ------------------------------------------------------------------------


def test_htmx_opens_the_row_form_in_place(world, as_user, pw):
    response = as_user(world.lead).get(f"/plans/actions/{pw.action.pk}/progress/", **HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<tr class="govuk-table__row" id="action-{pw.action.pk}"'
    )
    assert "<form" in response.text and 'name="percent_complete"' in response.text
    assert "<html" not in response.text


def test_htmx_saves_the_row_and_answers_with_it(world, as_user, pw):
    response = as_user(pw.action_lead).post(
        f"/plans/actions/{pw.action.pk}/progress/",
        with_version(
            pw.action,
            {"status": "at_risk", "percent_complete": 60, "progress_note": "Manager starts soon"},
        ),
        **HTMX,
    )
    assert response.status_code == 200
    assert "Manager starts soon" in response.text and "Saved" in response.text
    assert "<form" not in response.text
    pw.action.refresh_from_db()
    assert (pw.action.status, pw.action.percent_complete) == ("at_risk", 60)
    assert pw.action.progress_updated_by == pw.action_lead
    assert pw.action.history.first().history_user == pw.action_lead


def test_htmx_errors_come_back_in_the_row_at_200_and_nothing_is_saved(world, as_user, pw):
    response = as_user(world.lead).post(
        f"/plans/actions/{pw.action.pk}/progress/",
        with_version(
            pw.action, {"status": "at_risk", "percent_complete": 150, "progress_note": "Too much"}
        ),
        **HTMX,
    )
    assert response.status_code == 200
    assert "govuk-error-message" in response.text and "<form" in response.text
    pw.action.refresh_from_db()
    assert (pw.action.status, pw.action.percent_complete) == ("on_track", 50)


def test_cancel_puts_the_row_back(world, as_user, pw):
    response = as_user(world.lead).get(f"/plans/actions/{pw.action.pk}/progress/?cancel=1", **HTMX)
    assert response.status_code == 200
    assert "<form" not in response.text and "Update<span" in response.text


def test_without_javascript_update_opens_the_plan_page_with_the_rows_form(world, as_user, pw):
    client = as_user(world.lead)
    response = client.get(f"/plans/actions/{pw.action.pk}/progress/")
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{pw.plan.pk}/?edit={pw.action.pk}#action-{pw.action.pk}"
    page = client.get(response["Location"]).text
    assert f'action="/plans/actions/{pw.action.pk}/progress/"' in page
    assert page.count('name="percent_complete"') == 1


def test_without_javascript_saving_returns_to_the_plan(world, as_user, pw):
    client = as_user(world.lead)
    response = client.post(
        f"/plans/actions/{pw.action.pk}/progress/",
        with_version(
            pw.action, {"status": "complete", "percent_complete": 80, "progress_note": "Done"}
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{pw.plan.pk}/#action-{pw.action.pk}"
    pw.action.refresh_from_db()
    assert pw.action.percent_complete == 100  # complete means 100%
    assert "Progress on “Fund the IDVA service” saved." in client.get(response["Location"]).text


def test_without_javascript_errors_show_on_the_plan_page_at_200(world, as_user, pw):
    response = as_user(world.lead).post(
        f"/plans/actions/{pw.action.pk}/progress/",
        with_version(pw.action, {"status": "nonsense", "percent_complete": 10}),
    )
    assert response.status_code == 200
    assert "<html" in response.text and "govuk-error-message" in response.text


def test_every_hx_post_sits_in_a_real_form(world, as_user, pw):
    page = as_user(world.lead).get(f"/plans/{pw.plan.pk}/?edit={pw.action.pk}").text
    for chunk in page.split("hx-post=")[1:]:
        before = page[: page.index(chunk)]
        assert before.rfind("<form") > before.rfind("</form>")


def test_a_progress_update_marks_the_plan_updated(world, as_user, pw):
    DeliveryPlan.objects.filter(pk=pw.plan.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=30)
    )
    as_user(world.lead).post(
        f"/plans/actions/{pw.action.pk}/progress/",
        with_version(
            pw.action, {"status": "on_track", "percent_complete": 55, "progress_note": ""}
        ),
        **HTMX,
    )
    pw.plan.refresh_from_db()
    assert timezone.localdate(pw.plan.updated_at) == timezone.localdate()


# Filters and ratings ----------------------------------------------------------------------


def test_filters_narrow_the_actions(world, as_user, pw):
    client = as_user(world.observer)
    url = f"/plans/{pw.plan.pk}/"
    assert "Form the domestic abuse forum" in client.get(url, {"overdue": "on"}).text
    assert "Fund the IDVA service" not in client.get(url, {"overdue": "on"}).text
    target_id = pw.action.targets.get().pk
    page = client.get(url, {"target": target_id}).text
    assert "Fund the IDVA service" in page and "Form the domestic abuse forum" not in page
    page = client.get(url, {"lead": pw.samantha.pk}).text
    assert "Fund the IDVA service" in page and "Form the domestic abuse forum" not in page
    page = client.get(url, {"status": "slipped"}).text
    assert "Form the domestic abuse forum" in page and "Showing 1 of 2 actions" in page


def test_htmx_filtering_answers_with_the_actions_table_only(world, as_user, pw):
    response = as_user(world.lead).get(f"/plans/{pw.plan.pk}/", {"status": "slipped"}, **HTMX)
    assert response.text.lstrip().startswith('<div id="plan-actions"')
    assert "Form the domestic abuse forum" in response.text
    assert "Fund the IDVA service" not in response.text


def test_the_plan_page_shows_ratings_overdue_risks_and_money(world, as_user, pw):
    page = as_user(world.lead).get(f"/plans/{pw.plan.pk}/").text
    assert 'app-rag app-rag--green">Green' in page  # 50% done of 50% expected
    assert "Overdue" in page
    assert "12 medium" in page  # 3 × 4
    assert "£157,540" in page


def test_list_and_plan_pages_have_query_bounds(world, as_user, pw, django_assert_max_num_queries):
    for n in range(15):
        make_action(pw.plan, f"Extra {n}", lead=pw.samantha, targets=tuple(pw.action.targets.all()))
        make_risk(pw.plan, description=f"Risk {n}")
        make_plan(world.cwop, f"Plan {n}")
    client = as_user(world.lead)
    client.get("/plans/")  # warm the session
    with django_assert_max_num_queries(12):
        assert client.get("/plans/").status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(f"/plans/{pw.plan.pk}/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(f"/plans/{pw.plan.pk}/changes/").status_code == 200


# Creating and editing ---------------------------------------------------------------------


def test_a_lead_creates_a_plan_for_their_partnership_only(world, as_user):
    client = as_user(world.lead)
    data = {"title": "New plan", "starts_on": "2009-04-01", "ends_on": "2010-03-31"}
    refused = client.post("/plans/new/", {**data, "partnership": world.cwop.pk})
    assert refused.status_code == 200 and "Select a valid choice" in refused.text
    response = client.post("/plans/new/", {**data, "partnership": world.safer.pk})
    plan = DeliveryPlan.objects.get(title="New plan")
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert plan.partnership == world.safer and plan.status == "draft"


@pytest.mark.parametrize("persona", ["chair", "observer"])
def test_people_who_lead_nothing_cannot_start_a_plan(world, as_user, persona):
    assert as_user(getattr(world, persona)).get("/plans/new/").status_code == 403


def test_adding_an_action_with_cross_cutting_targets_contributors_and_milestones(
    world, as_user, pw
):
    ni32, ni134 = pw.action.targets.get(), world.cwop.targets.get()
    response = as_user(world.lead).post(
        f"/plans/{pw.plan.pk}/actions/new/",
        {
            "ref": "1.3",
            "title": "Health partners sign the MARAC protocol",
            "lead": world.person(world.lead).pk,
            "targets": [ni32.pk, ni134.pk],
            "contributors": [pw.samantha.pk],
            "starts_on": "2009-04-01",
            "due_on": "2009-09-30",
            "status": "on_track",
            "percent_complete": 10,
            "milestones-TOTAL_FORMS": 2,
            "milestones-INITIAL_FORMS": 0,
            "milestones-0-title": "Letter sent to Health",
            "milestones-0-due_on": "2009-05-01",
            "milestones-0-is_done": "on",
            "milestones-1-title": "",
            "milestones-1-due_on": "",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(ref="1.3")
    assert set(action.targets.all()) == {ni32, ni134}
    assert list(action.contributors.all()) == [pw.samantha]
    assert Milestone.objects.get(action=action).is_done
    assert action in ni134.actions.all()  # visible from the other partnership's target


def test_an_action_due_before_it_starts_is_refused_clearly(world, as_user, pw):
    response = as_user(world.lead).post(
        f"/plans/{pw.plan.pk}/actions/new/",
        {"title": "Backwards", "starts_on": "2009-06-01", "due_on": "2009-05-01",
         "status": "on_track", "percent_complete": 0,
         "milestones-TOTAL_FORMS": 0, "milestones-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "The due date must be on or after the start date." in response.text
    assert not Action.objects.filter(title="Backwards").exists()


def test_editing_an_approved_plan_makes_it_a_new_draft_version(world, as_user, pw):
    DeliveryPlan.objects.filter(pk=pw.plan.pk).update(status="approved")
    response = as_user(world.lead).post(
        f"/plans/{pw.plan.pk}/edit/",
        with_version(pw.plan, {"title": "Domestic abuse plan, refreshed",
                               "starts_on": "2009-04-01", "ends_on": "2010-03-31"}),
    )  # fmt: skip
    assert response.status_code == 302
    pw.plan.refresh_from_db()
    assert (pw.plan.status, pw.plan.version) == ("draft", 2)


def test_risks_and_funding_lines_are_added(world, as_user, pw):
    client = as_user(world.secretariat)
    response = client.post(
        f"/plans/{pw.plan.pk}/risks/new/",
        {"description": "Health do not sign", "likelihood": 5, "impact": 5, "status": "open",
         "actions": [pw.action.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    risk = Risk.objects.get(description="Health do not sign")
    assert (risk.score, risk.level) == (25, "high")
    response = client.post(
        f"/plans/{pw.plan.pk}/funding/new/",
        {"source": "abg", "year": "2010/11", "amount": "45000.50", "action": pw.action.pk},
    )
    assert response.status_code == 302
    assert FundingLine.objects.get(source="abg").amount == pytest.approx(45000.50)
    refused = client.post(
        f"/plans/{pw.plan.pk}/funding/new/", {"source": "abg", "year": "2031/32", "amount": "-1"}
    )
    assert refused.status_code == 200 and refused.text.count("govuk-error-message") == 2


# Submission and approval ------------------------------------------------------------------


def test_submission_is_blocked_until_the_equality_prompt_is_answered(world, as_user, pw):
    client = as_user(world.lead)
    response = client.post(f"/plans/{pw.plan.pk}/submit/", follow=True)
    assert "The plan cannot be submitted yet. Answer the equality impact question" in response.text
    pw.plan.refresh_from_db()
    assert pw.plan.status == "draft"
    answer_equality(pw.plan)
    response = client.post(f"/plans/{pw.plan.pk}/submit/", follow=True)
    assert "Plan submitted for approval." in response.text
    pw.plan.refresh_from_db()
    assert pw.plan.status == "submitted" and pw.plan.submitted_by == world.lead


def test_an_answer_without_its_detail_does_not_unblock_submission(world, as_user, pw):
    pw.plan.equality_impact = DeliveryPlan.Equality.NOT_NEEDED
    pw.plan.save()
    response = as_user(world.lead).post(f"/plans/{pw.plan.pk}/submit/", follow=True)
    assert "Say why an equality impact assessment is not needed." in response.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [("chair", 302), ("secretariat", 302), ("lead", 403), ("other_lead", 403),
     ("observer", 403)],
)  # fmt: skip
def test_the_chair_or_secretariat_approves(world, as_user, pw, persona, status):
    answer_equality(pw.plan)
    DeliveryPlan.objects.filter(pk=pw.plan.pk).update(status="submitted")
    response = as_user(getattr(world, persona)).post(f"/plans/{pw.plan.pk}/approve/")
    assert response.status_code == status
    pw.plan.refresh_from_db()
    assert pw.plan.status == ("approved" if status == 302 else "submitted")


def test_a_plan_is_returned_with_a_note(world, as_user, pw):
    DeliveryPlan.objects.filter(pk=pw.plan.pk).update(status="submitted")
    client = as_user(world.chair)
    client.post(f"/plans/{pw.plan.pk}/return/", {"note": ""})
    pw.plan.refresh_from_db()
    assert pw.plan.status == "submitted"
    client.post(f"/plans/{pw.plan.pk}/return/", {"note": "Add IDVA milestones"})
    pw.plan.refresh_from_db()
    assert (pw.plan.status, pw.plan.returned_note) == ("draft", "Add IDVA milestones")
    assert "Returned for changes: Add IDVA milestones" in client.get(f"/plans/{pw.plan.pk}/").text


# Changes since the last meeting, and history ----------------------------------------------


def test_what_changed_since_the_last_meeting(world, as_user, pw):
    today = timezone.localdate()
    make_meeting(world.safer, today - dt.timedelta(days=10), status="held")  # the last meeting
    make_meeting(world.safer, today + dt.timedelta(days=20))
    pw.action.history.update(history_date=timezone.now() - dt.timedelta(days=40))
    as_user(world.lead).post(
        f"/plans/actions/{pw.action.pk}/progress/",
        with_version(
            pw.action,
            {"status": "at_risk", "percent_complete": 55, "progress_note": "Manager recruited"},
        ),
    )
    page = as_user(world.observer).get(f"/plans/{pw.plan.pk}/changes/").text
    assert "since the last Safer Essex meeting" in page
    assert "Changed: Action 1.2 “Fund the IDVA service”" in page
    assert "On track" in page and "At risk" in page and "Manager recruited" in page
    assert "Added: Action 1.2" not in page  # created before the last meeting
    earlier = (today - dt.timedelta(days=60)).isoformat()
    page = as_user(world.observer).get(f"/plans/{pw.plan.pk}/changes/?since={earlier}").text
    assert "Added: Action 1.2" in page


def test_version_history_shows_submission_and_approval(world, as_user, pw):
    answer_equality(pw.plan)
    as_user(world.lead).post(f"/plans/{pw.plan.pk}/submit/")
    as_user(world.chair).post(f"/plans/{pw.plan.pk}/approve/")
    page = as_user(world.observer).get(f"/plans/{pw.plan.pk}/history/").text
    assert "Submitted for approval" in page and "Approved" in page
    assert "Ewen Wilson" in page


def test_deleting_an_action_keeps_it_in_the_history(world, as_user, pw):
    as_user(world.lead).post(f"/plans/actions/{pw.other.pk}/delete/")
    assert not Action.objects.filter(pk=pw.other.pk).exists()
    page = as_user(world.lead).get(f"/plans/{pw.plan.pk}/history/").text
    assert "Deleted: Action 1.1" in page


def test_setting_the_next_meeting_shows_when_updates_are_due(world, as_user, pw):
    client = as_user(world.lead)
    meeting = timezone.localdate() + dt.timedelta(days=20)
    client.post(
        f"/partnerships/{world.safer.pk}/next-meeting/",
        {"next_meeting_on": meeting.isoformat(), "next": f"/plans/{pw.plan.pk}/"},
    )
    page = client.get(f"/plans/{pw.plan.pk}/").text
    due = meeting - dt.timedelta(days=7)
    assert "Updated in time" in page
    assert f"for the meeting on {meeting:%-d %b %Y}" in page
    assert f"{due:%-d %b %Y}" in page


def test_a_next_meeting_set_by_hand_overrides_the_meetings_and_is_labelled(world, as_user, pw):
    client = as_user(world.lead)
    booked = timezone.localdate() + dt.timedelta(days=30)
    make_meeting(world.safer, booked)
    page = client.get(f"/plans/{pw.plan.pk}/").text
    assert f"{booked:%A %-d %B %Y}" in page and "Set by hand</strong>" not in page
    by_hand = timezone.localdate() + dt.timedelta(days=20)
    url = f"/partnerships/{world.safer.pk}/next-meeting/"
    client.post(url, {"next_meeting_on": by_hand.isoformat()})
    page = client.get(f"/plans/{pw.plan.pk}/").text
    assert "Next meeting set by hand for" in page and "Set by hand</strong>" in page
    assert f"for the meeting on {by_hand:%-d %b %Y}" in page
    assert f'value="{by_hand.isoformat()}"' in page  # the form shows the override
    client.post(url, {"next_meeting_on": ""})
    page = client.get(f"/plans/{pw.plan.pk}/").text
    assert "Set by hand</strong>" not in page
    assert f"for the meeting on {booked:%-d %b %Y}" in page


def test_next_meeting_redirect_stays_on_this_site(world, as_user):
    response = as_user(world.lead).post(
        f"/partnerships/{world.safer.pk}/next-meeting/",
        {"next_meeting_on": "2009-07-02", "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/partnerships/{world.safer.pk}/"


def test_the_observer_is_shown_nothing_to_do_and_the_lead_their_actions(world, as_user, pw):
    person = world.person(world.lead)
    assert pw.other.lead == person
    home = as_user(world.lead).get("/").text
    assert "My actions" in home and "Form the domestic abuse forum" in home
    assert "Plans to update" in home
    assert "My actions" not in as_user(world.observer).get("/").text
    assert "Plans to update" not in as_user(world.observer).get("/").text


def test_a_person_without_a_login_can_lead_an_action(world, pw):
    volunteer = make_person(world.essex, "Win Bernard")
    action = make_action(pw.plan, "Review report", lead=volunteer)
    assert action in volunteer.actions_led.all()
