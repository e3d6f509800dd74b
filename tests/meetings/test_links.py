"""What an agenda item and an action point link to: an action point turned into a
delivery plan action (keeping the link), the plans, bids and reports an item discussed,
declarations of interest, and the delivery plan updates in the agenda pack."""

import datetime as dt
import io

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document

from meetings import actions
from meetings.models import ActionPoint, ActionUpdate, Declaration
from meetings.pack import plan_updates_due
from plans.models import Action, DeliveryPlan
from tests.factories import make_person
from tests.meetings.factories import make_action, make_item, make_meeting
from tests.plans.factories import make_action as make_plan_action
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.fixture
def action(world) -> ActionPoint:
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2), status="minutes_draft")
    item = make_item(meeting, "7.1", "Domestic Violence Review")
    peter = make_person(world.essex, "Peter Lowton")
    return make_action(
        item,
        "The target lead convenes a time limited focus group (max 2 meetings)",
        owners=[peter, world.person(world.lead)],
        number="8",
        due_on=dt.date(2009, 1, 22),
    )


@pytest.fixture
def plans(world) -> dict[str, DeliveryPlan]:
    return {
        "safer": make_plan(world.safer, "Safer Essex workplan 2009/10"),
        "cwop": make_plan(world.cwop, "CWOP workplan 2009/10"),
    }


def everything() -> tuple:
    return (
        Action.objects.count(),
        ActionUpdate.objects.count(),
        tuple(ActionPoint.objects.values_list("plan_action", flat=True)),
    )


# --- an action point becomes a delivery plan action ---------------------------------------


def test_secretariat_turns_an_action_point_into_a_plan_action_keeping_the_link(
    world, as_user, action, plans
):
    client = as_user(world.secretariat)
    page = client.get(f"/meetings/actions/{action.pk}/").text
    assert "Make it a delivery plan action" in page
    form = client.get(f"/meetings/actions/{action.pk}/to-plan/").text
    assert "Safer Essex: Safer Essex workplan 2009/10 (draft)" in form
    assert "CWOP workplan 2009/10" in form  # the secretariat may change every plan
    response = client.post(
        f"/meetings/actions/{action.pk}/to-plan/", {"plan": plans["safer"].pk}, follow=True
    )
    action.refresh_from_db()
    made = action.plan_action
    assert made.plan == plans["safer"]
    assert made.title == action.text
    # the first owner as the minutes print them leads, the others contribute
    assert made.lead.name == "Alan Dawkes"
    assert [p.name for p in made.contributors.all()] == ["Peter Lowton"]
    assert made.due_on == dt.date(2009, 1, 22)
    assert "From action point 8 of Safer Essex, 2 October 2008, item 7.1." in made.description
    assert list(made.action_points.all()) == [action]
    assert action.status == "open"  # closed at a meeting, as any other
    update = action.updates.get()
    assert update.by == world.person(world.secretariat)
    assert "Safer Essex workplan 2009/10" in update.text
    # the action point's page links to the plan action, and no longer offers to move it
    assert made.get_absolute_url() in response.text
    assert "Delivery plan action" in response.text
    assert "Make it a delivery plan action" not in response.text


def test_an_action_point_goes_into_a_plan_only_once(world, as_user, action, plans):
    actions.action_to_plan(action=action, plan=plans["safer"], by=None)
    before = everything()
    client = as_user(world.secretariat)
    response = client.post(
        f"/meetings/actions/{action.pk}/to-plan/", {"plan": plans["cwop"].pk}, follow=True
    )
    assert "already an action of a delivery plan" in response.text
    assert everything() == before
    with pytest.raises(ValidationError, match="already an action of a delivery plan"):
        actions.action_to_plan(action=action, plan=plans["cwop"], by=None)
    assert everything() == before


def test_a_lead_may_only_choose_their_own_partnerships_plans(world, as_user, action, plans):
    client = as_user(world.lead)
    form = client.get(f"/meetings/actions/{action.pk}/to-plan/").text
    assert "Safer Essex workplan 2009/10" in form and "CWOP workplan" not in form
    before = everything()
    response = client.post(f"/meetings/actions/{action.pk}/to-plan/", {"plan": plans["cwop"].pk})
    assert response.status_code == 200
    assert "Choose one of the delivery plans offered." in response.text
    response = client.post(f"/meetings/actions/{action.pk}/to-plan/", {})
    assert "Choose the delivery plan the action goes into." in response.text
    assert everything() == before


def test_a_plan_of_another_agreement_is_refused(world, action):
    other = make_plan(world.hereford_pmg, "Herefordshire plan")
    before = everything()
    with pytest.raises(ValidationError, match=r"Choose a delivery plan of this agreement\."):
        actions.action_to_plan(action=action, plan=other, by=None)
    assert everything() == before


@pytest.mark.parametrize(
    ("persona", "status"),
    [("observer", 403), ("chair", 403), ("other_lead", 403), ("outsider", 404)],
)
def test_only_the_meetings_editors_turn_action_points_into_plan_actions(
    world, as_user, action, plans, persona, status
):
    client = as_user(getattr(world, persona))
    before = everything()
    url = f"/meetings/actions/{action.pk}/to-plan/"
    assert client.get(url).status_code == status
    assert client.post(url, {"plan": plans["safer"].pk}).status_code == status
    assert everything() == before
    if status == 403:
        page = client.get(f"/meetings/actions/{action.pk}/").text
        assert "Make it a delivery plan action" not in page


def test_anonymous_is_sent_to_sign_in_for_the_plan_form(world, as_user, action, plans):
    response = as_user(None).post(f"/meetings/actions/{action.pk}/to-plan/", {"plan": 1})
    assert response.status_code == 302 and "/login" in response["Location"].lower()
    assert ActionPoint.objects.get(pk=action.pk).plan_action is None


# --- what an item discussed -------------------------------------------------------------


def test_an_item_links_the_plans_and_reports_it_discussed(world, as_user, plans):
    meeting = make_meeting(world.safer, dt.date(2009, 1, 22), status="held")
    item = make_item(meeting, "5", "Performance Report and Score Card summary")
    client = as_user(world.lead)
    response = client.post(
        f"/meetings/items/{item.pk}/edit/",
        {
            "version": item.version,
            "number": "5",
            "title": item.title,
            "kind": "standing",
            "plans": [plans["safer"].pk],
            "papers": "Exception report, Q2 2008/09 | /reports/exceptions/\n"
            "Domestic Violence Review | javascript:alert(1)",
        },
    )
    assert response.status_code == 302
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    assert f'href="{plans["safer"].get_absolute_url()}"' in page
    assert "Delivery plans discussed" in page
    link = '<a class="govuk-link" href="/reports/exceptions/">Exception report, Q2 2008/09</a>'
    assert link in page
    # an address that is not a web address is printed as a title only
    assert "javascript:" not in page and "Domestic Violence Review" in page
    text = pdf_text(as_user(world.observer).get(f"/meetings/{meeting.pk}/minutes.pdf").content)
    assert "Papers: Exception report, Q2 2008/09; Domestic Violence Review." in text
    assert "Delivery plans: Safer Essex, Safer Essex workplan 2009/10." in text
    document = Document(
        io.BytesIO(as_user(world.observer).get(f"/meetings/{meeting.pk}/minutes.docx").content)
    )
    paragraphs = [p.text for p in document.paragraphs]
    assert "Delivery plans: Safer Essex, Safer Essex workplan 2009/10." in paragraphs


def test_the_item_form_offers_only_this_agreements_plans(world, as_user, plans):
    make_plan(world.hereford_pmg, "Herefordshire plan")
    meeting = make_meeting(world.safer, dt.date(2009, 1, 22))
    item = make_item(meeting, "5", "Scorecard")
    form = as_user(world.lead).get(f"/meetings/items/{item.pk}/edit/").text
    assert "Safer Essex workplan 2009/10" in form and "Herefordshire plan" not in form


def test_bids_decided_under_an_item_are_shown_with_it(world, as_user):
    from funding.models import BidDecision
    from tests.funding.factories import make_bid, make_fund

    meeting = make_meeting(world.pmg, dt.date(2009, 3, 27), status="held")
    item = make_item(meeting, "4", "PRG bids")
    bid = make_bid(world.safer, make_fund(world.essex), title="IDVA service", status="approved")
    BidDecision.objects.create(
        bid=bid,
        from_status="endorsed",
        to_status="approved",
        decided_on=meeting.date,
        meeting=meeting,
        agenda_item=item,
    )
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    link = f'<a class="govuk-link" href="{bid.get_absolute_url()}">IDVA service</a>'
    assert f"Bids decided: {link} (approved)" in page


# --- declarations of interest -----------------------------------------------------------


def test_a_declaration_of_interest_is_recorded_and_printed(world, as_user):
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    item = make_item(meeting, "6.2", "Supporting People")
    simon = make_person(world.essex, "Simon Harniess")
    actions.attendance_set(meeting=meeting, person=simon, status="in_attendance")
    client = as_user(world.lead)
    response = client.post(
        f"/meetings/{meeting.pk}/declarations/add/",
        {"person": simon.pk, "item": item.pk, "interest": "Trustee of a women's refuge"},
        follow=True,
    )
    assert "Interest declared by Simon Harniess recorded." in response.text
    assert Declaration.objects.get().interest == "Trustee of a women's refuge"
    assert "Simon Harniess (item 6.2): Trustee of a women&#x27;s refuge" in response.text
    text = pdf_text(client.get(f"/meetings/{meeting.pk}/minutes.pdf").content)
    assert "Declarations of interest Simon Harniess (item 6.2): Trustee of a women's refuge" in text


def test_a_declaration_by_someone_outside_the_agreement_is_refused(world, as_user):
    meeting = make_meeting(world.safer, dt.date(2008, 10, 2), status="held")
    stranger = make_person(world.hereford, "Roger Phillips")
    response = as_user(world.lead).post(
        f"/meetings/{meeting.pk}/declarations/add/",
        {"person": stranger.pk, "interest": "Councillor"},
        follow=True,
    )
    assert "Select a valid choice" in response.text
    assert not Declaration.objects.exists()


# --- delivery plan updates in the agenda pack -------------------------------------------


def test_pack_lists_the_plans_updates_due_and_their_actions_due_by_the_meeting(world):
    today = timezone.localdate()
    meeting = make_meeting(world.safer, today + dt.timedelta(days=20))
    plan = make_plan(world.safer, "Safer Essex workplan")
    DeliveryPlan.objects.filter(pk=plan.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=60)
    )
    due = make_plan_action(plan, "IDVA posts in post", due_on=today + dt.timedelta(days=10))
    make_plan_action(plan, "Done already", due_on=today, status="complete")
    make_plan_action(plan, "After the meeting", due_on=today + dt.timedelta(days=40))
    make_plan(world.cwop, "CWOP workplan")  # another partnership's: not in Safer Essex's pack
    rows = plan_updates_due(meeting, today)
    assert [(r.plan.title, r.check.state.label, r.actions_due) for r in rows] == [
        ("Safer Essex workplan", "Update due", [due])
    ]
    assert rows[0].check.due_on == meeting.date - dt.timedelta(days=7)
    # a management group's pack covers every plan of the agreement
    pmg_meeting = make_meeting(world.pmg, today + dt.timedelta(days=20))
    titles = [r.plan.title for r in plan_updates_due(pmg_meeting, today)]
    assert titles == ["CWOP workplan", "Safer Essex workplan"]


def test_pack_pdf_prints_the_delivery_plan_updates_in_the_contents(world, as_user):
    today = timezone.localdate()
    meeting = make_meeting(world.safer, today + dt.timedelta(days=20))
    plan = make_plan(world.safer, "Safer Essex workplan")
    make_plan_action(
        plan,
        "IDVA posts in post",
        due_on=today + dt.timedelta(days=10),
        lead=world.person(world.lead),
    )
    text = pdf_text(as_user(world.observer).get(f"/meetings/{meeting.pk}/pack.pdf").content)
    contents = text.split("Contents", 1)[1].split("Agenda Safer Essex", 1)[0]
    assert "Delivery plan updates due" in contents
    section = text.split("Delivery plan updates due", 2)[2]
    assert "Safer Essex workplan (draft)" in section
    assert "IDVA posts in post – Alan Dawkes" in section
