"""The seeds' money: the figures quoted in the minutes, and a second run writes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.funding import bid_links_load, funding_load
from demo.meetings import agreement_meetings_load
from demo.partnerships import agreement_load
from demo.plans import plans_load
from funding.models import Bid, CarryForward, CommissioningRound, Fund
from funding.position import funding_position
from partnerships.models import Agreement, Partnership

pytestmark = pytest.mark.django_db


def _agreement(slug: str) -> Agreement:
    agreement = Agreement.objects.create(
        slug=slug, name=slug, starts_on=dt.date(2008, 4, 1), ends_on=dt.date(2011, 3, 31)
    )
    agreement_load(agreement)
    agreement_meetings_load(agreement=agreement)
    return agreement


@pytest.fixture
def agreements(db):
    agreements = {s: _agreement(s) for s in ("essex-laa-2008-11", "herefordshire-laa-2008-11")}
    funding_load(agreements=agreements)
    plans_load(agreements=agreements)
    bid_links_load(agreements=agreements)
    return agreements


def test_safer_essex_has_a_292000_gap(agreements):
    essex = agreements["essex-laa-2008-11"]
    safer = Partnership.objects.get(agreement=essex, slug="safer-essex")
    (group,) = funding_position(essex, partnership=safer).groups
    assert group.total.indicative == Decimal("610000")
    assert group.total.bid == Decimal("902000")
    assert group.total.gap == Decimal("292000")


def test_the_named_bids_carry_the_minutes_figures(agreements):
    idva = Bid.objects.get(title__startswith="Independent Domestic Violence")
    assert {a.year: a.amount for a in idva.amounts.all()} == {
        "2009/10": Decimal("157540"), "2010/11": Decimal("157540"),
    }  # fmt: skip
    dv = Bid.objects.get(title="Domestic Violence Review: PRG bid")
    assert (dv.status, dv.total_amount) == (Bid.Status.ENDORSED, Decimal("315000"))
    endorsement = dv.decisions.get(to_status=Bid.Status.ENDORSED)
    assert endorsement.meeting.date == dt.date(2008, 10, 2)
    assert endorsement.agenda_item.number == "7.1"
    assert Bid.objects.get(title__startswith="Information Sharing").total_amount == Decimal(
        "130000"
    )


def test_herefordshire_reward_grant_guarantee_round_and_carry_forward(agreements):
    hfd = agreements["herefordshire-laa-2008-11"]
    lpsa2 = Fund.objects.get(agreement=hfd, kind=Fund.Kind.LPSA2)
    assert lpsa2.years.get().available == Decimal("2600000")
    assert not lpsa2.allocations.exists()
    abg = Fund.objects.get(agreement=hfd, kind=Fund.Kind.ABG)
    assert (abg.guaranteed_share, abg.top_slice) == (95, 3)
    round_ = CommissioningRound.objects.get(fund=abg)
    assert (round_.opens_on, round_.closes_on) == (dt.date(2009, 5, 11), dt.date(2009, 6, 1))
    carry = CarryForward.objects.get(fund=abg)
    assert carry.percent_of_budget == 3 and carry.partnership.slug == "herefordshire-cyp"
    assert carry.agenda_item.number == "5.5"


def test_a_second_run_writes_nothing(agreements):
    with CaptureQueriesContext(connection) as context:
        funding_load(agreements=agreements)
        bid_links_load(agreements=agreements)
    writes = [q["sql"] for q in context.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []


def test_the_idva_bid_is_tied_to_the_plans_idva_funding_lines(agreements):
    idva = Bid.objects.get(title__startswith="Independent Domestic Violence")
    lines = list(idva.funding_lines.order_by("year"))
    assert [(line.year, line.amount) for line in lines] == [
        ("2009/10", Decimal("157540")), ("2010/11", Decimal("157540")),
    ]  # fmt: skip
    assert {a.pk for a in idva.actions.all()} == {line.action_id for line in lines}


def test_the_abg_round_holds_the_community_led_planning_draft(agreements):
    round_ = CommissioningRound.objects.get()
    (bid,) = round_.bids.all()
    assert (bid.title, bid.status, bid.partnership.slug) == (
        "Community Led Planning", Bid.Status.DRAFT, "herefordshire-stronger-communities",
    )  # fmt: skip
    assert not bid.amounts.exists()  # the minutes give no figure


def test_the_ledger_shows_safer_essexs_292000_gap(agreements):
    import io

    from openpyxl import load_workbook

    from funding.exports import ledger_workbook

    essex = agreements["essex-laa-2008-11"]
    workbook = load_workbook(io.BytesIO(ledger_workbook(essex.pk, funding_position(essex), essex)))
    rows = list(workbook["Totals"].iter_rows(values_only=True))
    header = rows[0]
    (safer,) = [r for r in rows if r[0] == "Safer Essex"]
    row = dict(zip(header, safer, strict=True))
    assert (row["Indicative"], row["Bids"], row["Gap (bids − indicative)"]) == (
        610000, 902000, 292000,
    )  # fmt: skip


def test_herefordshires_position_shows_the_unallocated_reward_grant_and_pending_carry(
    agreements,
):
    position = funding_position(agreements["herefordshire-laa-2008-11"])
    ((fund, (check,)),) = position.available
    assert (fund.kind, check.available, check.allocated, check.unallocated) == (
        Fund.Kind.LPSA2, Decimal("2600000"), Decimal(0), Decimal("2600000"),
    )  # fmt: skip
    (carry,) = position.pending_carries
    assert (carry.partnership.slug, carry.percent_of_budget) == ("herefordshire-cyp", 3)
