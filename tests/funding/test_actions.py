"""The bid workflow and spend rules."""

import datetime as dt
from decimal import Decimal

import pytest

from funding.actions import FundingError, bid_move, spend_record
from funding.models import Award, Bid
from tests.funding.factories import make_bid, make_fund

ON = dt.date(2008, 11, 28)


@pytest.fixture
def fund(world):
    return make_fund(world.essex, deciding_body=world.pmg)


def test_a_bid_moves_draft_submitted_endorsed_approved_and_is_awarded(world, fund):
    bid = make_bid(world.safer, fund, {"2009/10": "157540", "2010/11": "157540"})
    for to in (Bid.Status.SUBMITTED, Bid.Status.ENDORSED, Bid.Status.APPROVED):
        bid_move(bid=bid, to=to, by=world.chair, on=ON)
    assert [d.to_status for d in bid.decisions.all()] == ["submitted", "endorsed", "approved"]
    assert sum(a.amount for a in bid.awards.all()) == Decimal("315080")


def test_a_draft_cannot_be_approved(world, fund):
    bid = make_bid(world.safer, fund)
    with pytest.raises(FundingError):
        bid_move(bid=bid, to=Bid.Status.APPROVED, by=world.chair, on=ON)
    assert not bid.decisions.exists()


def test_a_deferred_bid_can_be_decided_later(world, fund):
    bid = make_bid(world.safer, fund, status=Bid.Status.ENDORSED)
    bid_move(bid=bid, to=Bid.Status.DEFERRED, by=world.chair, on=ON)
    bid_move(bid=bid, to=Bid.Status.REJECTED, by=world.chair, on=ON)
    assert bid.status == Bid.Status.REJECTED and not bid.awards.exists()


def test_no_spend_against_a_rejected_bid(world, fund):
    bid = make_bid(world.safer, fund, status=Bid.Status.REJECTED)
    award = Award.objects.create(bid=bid, year="2009/10", amount=Decimal("10"))
    with pytest.raises(FundingError, match="rejected"):
        spend_record(award=award, quarter=1, amount=Decimal("1"), by=world.lead)
    assert not award.spend.exists()


def test_spend_is_kept_to_the_penny_and_corrected_in_place(world, fund):
    award = make_bid(world.safer, fund, status=Bid.Status.APPROVED).awards.get()
    spend_record(award=award, quarter=2, amount=Decimal("39385.005"), by=world.lead)
    spend_record(award=award, quarter=2, amount=Decimal("39385"), by=world.lead)
    assert award.spend.get().amount == Decimal("39385.00")
    assert award.spend.get().history.count() == 2
