"""What a bid links to and records: plan actions and funding lines, decisions against a
meeting's minutes item, history of every change, carry-forward with its rule, and the
targets' current ratings beside each scheme."""

import datetime as dt
from decimal import Decimal

import pytest

from funding.models import Bid, BidDecision, CarryForward, Fund
from tests.factories import with_version
from tests.funding.factories import make_allocation, make_bid, make_fund
from tests.indicators.factories import add_actual, make_target, set_values
from tests.meetings.factories import make_item, make_meeting
from tests.plans.factories import make_action, make_funding_line, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(world):
    return make_fund(world.essex, deciding_body=world.pmg)


@pytest.fixture
def plan_lines(world):
    plan = make_plan(world.safer)
    action = make_action(plan, "IDVA service")
    lines = [
        make_funding_line(plan, action=action, year=y, description="IDVA service and manager")
        for y in ("2009/10", "2010/11")
    ]
    other = make_funding_line(make_plan(world.cwop, "Falls plan"), "85000",
                              description="Falls prevention")  # fmt: skip
    return {"action": action, "lines": lines, "other": other}


def _post(world, fund, **extra):
    return {
        "partnership": world.safer.pk, "fund": fund.pk, "title": "IDVA service",
        "spend_type": "revenue", "amount_2009_10": "157540", "amount_2010_11": "157540",
        **extra,
    }  # fmt: skip


def test_a_lead_links_a_bid_to_their_plans_actions_and_funding_lines(
    world, as_user, fund, plan_lines
):
    client = as_user(world.lead)
    form = client.get("/funding/bids/new/").content.decode()
    assert "IDVA service and manager" in form
    assert "Falls prevention" not in form  # another partnership's plan is not offered
    lines = [line.pk for line in plan_lines["lines"]]
    response = client.post(
        "/funding/bids/new/",
        _post(world, fund, actions=[plan_lines["action"].pk], funding_lines=lines),
    )
    bid = Bid.objects.get()
    assert response.status_code == 302
    assert sorted(bid.funding_lines.values_list("pk", flat=True)) == sorted(lines)
    assert list(bid.actions.all()) == [plan_lines["action"]]
    page = client.get(f"/funding/bids/{bid.pk}/").content.decode()
    assert "PRG 2009/10 £157,540 – IDVA service and manager" in page
    assert "PRG 2010/11 £157,540 – IDVA service and manager" in page


def test_a_bid_cannot_claim_another_partnerships_funding_line(world, as_user, fund, plan_lines):
    response = as_user(world.secretariat).post(
        "/funding/bids/new/", _post(world, fund, funding_lines=[plan_lines["other"].pk])
    )
    assert response.status_code == 200
    assert "is in Community Wellbeing and Older People&#x27;s plan, not Safer Essex&#x27;s" in (
        response.content.decode()
    )
    assert not Bid.objects.exists()


def test_the_decision_is_recorded_against_the_meeting_and_its_minutes_item(world, as_user, fund):
    bid = make_bid(world.safer, fund, status=Bid.Status.ENDORSED)
    meeting = make_meeting(world.pmg, dt.date(2008, 11, 28))
    item = make_item(meeting, "5", "Performance Reward Grant")
    response = as_user(world.chair).post(
        f"/funding/bids/{bid.pk}/decide/",
        {"outcome": "deferred", "decided_on": "2008-11-28", "meeting": meeting.pk,
         "agenda_item": item.pk, "note": "Come back with the district contributions"},
    )  # fmt: skip
    assert response.status_code == 302
    decision = BidDecision.objects.get()
    assert (decision.meeting, decision.agenda_item, decision.to_status) == (
        meeting, item, "deferred",
    )  # fmt: skip
    page = as_user(world.observer).get(f"/funding/bids/{bid.pk}/").content.decode()
    assert f'href="{item.get_absolute_url()}">minutes item 5</a>' in page


def test_a_minutes_item_from_another_meeting_is_refused(world, as_user, fund):
    bid = make_bid(world.safer, fund, status=Bid.Status.ENDORSED)
    meeting = make_meeting(world.pmg, dt.date(2008, 11, 28))
    other_item = make_item(make_meeting(world.pmg, dt.date(2009, 1, 30)), "3")
    response = as_user(world.chair).post(
        f"/funding/bids/{bid.pk}/decide/",
        {"outcome": "approved", "decided_on": "2008-11-28", "meeting": meeting.pk,
         "agenda_item": other_item.pk},
    )  # fmt: skip
    assert "Choose one of the chosen meeting&#x27;s items." in response.content.decode()
    bid.refresh_from_db()
    assert bid.status == Bid.Status.ENDORSED
    assert not BidDecision.objects.exists() and not bid.awards.exists()


def test_every_change_to_a_bid_is_kept(world, as_user, fund, plan_lines):
    client = as_user(world.lead)
    client.post("/funding/bids/new/", _post(world, fund))
    bid = Bid.objects.get()
    client.post(
        f"/funding/bids/{bid.pk}/edit/",
        with_version(bid, _post(world, fund, title="IDVA service and manager",
                                amount_2010_11="150000",
                                funding_lines=[plan_lines["lines"][0].pk])),
    )  # fmt: skip
    assert list(bid.history.order_by("history_date").values_list("title", flat=True))[-1] == (
        "IDVA service and manager"
    )
    assert "IDVA service" in bid.history.values_list("title", flat=True)
    amount = bid.amounts.get(year="2010/11")
    assert [h.amount for h in amount.history.order_by("history_date")] == [
        Decimal("157540"), Decimal("150000"),
    ]  # fmt: skip
    latest = bid.history.latest()
    assert [line.fundingline_id for line in latest.funding_lines.all()] == [
        plan_lines["lines"][0].pk
    ]


def test_the_position_shows_each_schemes_targets_current_rating(world, as_user, fund):
    make_allocation(fund, world.safer, "610000")
    target = make_target(world.safer)  # lower is better
    set_values(target, **{"2009/10 Q1": "26"})
    add_actual(target, "2009/10 Q1", "35")
    bid = make_bid(world.safer, fund, status=Bid.Status.SUBMITTED, title="IDVA service")
    bid.targets.add(target)
    body = as_user(world.observer).get("/funding/").content.decode()
    row = body.split(f'href="/funding/bids/{bid.pk}/">IDVA service</a>', 1)[1].split("</tr>")[0]
    assert "NI 32</a>" in row and "app-rag--red" in row and ">Red<" in row


def test_the_secretariat_carries_an_underspend_forward_with_its_rule(world, as_user, fund):
    abg = make_fund(world.essex, "ABG", kind=Fund.Kind.ABG)
    meeting = make_meeting(world.pmg, dt.date(2009, 5, 6))
    item = make_item(meeting, "5.5", "Underspend")
    client = as_user(world.secretariat)
    response = client.post(
        "/funding/carry-forward/new/",
        {"fund": abg.pk, "partnership": world.cwop.pk, "from_year": "2008/09",
         "to_year": "2009/10", "percent_of_budget": "3", "rule": "The activity is still needed",
         "agreed_by": world.pmg.pk, "agreed_on": "2009-05-06", "meeting": meeting.pk,
         "agenda_item": item.pk},
    )  # fmt: skip
    assert response.status_code == 302
    carry = CarryForward.objects.get()
    assert (carry.agreed_by, carry.recorded_by, carry.agenda_item) == (
        world.pmg, world.secretariat, item,
    )  # fmt: skip
    page = client.get(f"/funding/funds/{abg.pk}/").content.decode()
    assert "amount to be confirmed (3% of budget)" in page
    assert "Rule: The activity is still needed" in page and "minutes item 5.5" in page
    statement = client.get("/funding/statement/?year=2008/09").content.decode()
    assert "carried into 2009/10. Agreed by LAA Performance Management Group" in statement


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"to_year": "2008/09"}, "Underspend can only be carried forward into a later year."),
        ({"percent_of_budget": ""}, "Enter the amount, or the underspend as a % of budget."),
        ({"rule": ""}, "This field is required."),
    ],
)
def test_a_carry_forward_needs_a_later_year_an_amount_and_a_rule(
    world, as_user, fund, change, message
):
    data = {"fund": fund.pk, "partnership": world.cwop.pk, "from_year": "2008/09",
            "to_year": "2009/10", "percent_of_budget": "3", "rule": "Still needed",
            "agreed_by": world.pmg.pk, "agreed_on": "2009-05-06"}  # fmt: skip
    response = as_user(world.secretariat).post("/funding/carry-forward/new/", {**data, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CarryForward.objects.exists()


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_only_the_secretariat_records_carry_forward(world, as_user, fund, persona):
    response = as_user(getattr(world, persona)).post(
        "/funding/carry-forward/new/",
        {"fund": fund.pk, "partnership": world.cwop.pk, "from_year": "2008/09",
         "to_year": "2009/10", "amount": "10", "rule": "x", "agreed_by": world.pmg.pk,
         "agreed_on": "2009-05-06"},
    )  # fmt: skip
    assert response.status_code == 403
    assert not CarryForward.objects.exists()
