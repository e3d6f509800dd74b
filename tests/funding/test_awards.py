"""Changing an award, and the spend rules as a person meets them on the page."""

from decimal import Decimal

import pytest

from funding.models import Award, Bid, Spend
from tests.factories import with_version
from tests.funding.factories import make_bid, make_fund

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(world):
    fund = make_fund(world.essex, deciding_body=world.pmg)
    return make_bid(world.safer, fund, status=Bid.Status.APPROVED, title="IDVA").awards.get()


def test_the_secretariat_changes_an_award_and_the_old_amount_is_kept(world, as_user, award):
    client = as_user(world.secretariat)
    assert "Change the award" in client.get(f"/funding/bids/{award.bid_id}/").content.decode()
    response = client.post(
        f"/funding/awards/{award.pk}/edit/", with_version(award, {"amount": "150000.50"})
    )
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.amount == Decimal("150000.50")
    assert [h.amount for h in award.history.order_by("history_date")] == [
        Decimal("157540.00"), Decimal("150000.50"),
    ]  # fmt: skip
    page = client.get(f"/funding/bids/{award.bid_id}/").content.decode()
    assert "£150,000.50 awarded" in page


def test_an_award_cannot_fall_below_what_was_spent(world, as_user, award):
    Spend.objects.create(award=award, quarter=1, amount=Decimal("39385"))
    response = as_user(world.secretariat).post(
        f"/funding/awards/{award.pk}/edit/", with_version(award, {"amount": "30000"})
    )
    assert response.status_code == 200
    assert "£39,385.00 has already been spent against this award" in response.content.decode()
    award.refresh_from_db()
    assert award.amount == Decimal("157540")
    assert award.history.count() == 1


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_only_the_secretariat_changes_an_award(world, as_user, award, persona):
    client = as_user(getattr(world, persona))
    assert "Change the award" not in client.get(f"/funding/bids/{award.bid_id}/").content.decode()
    assert client.get(f"/funding/awards/{award.pk}/edit/").status_code == 403
    assert client.post(f"/funding/awards/{award.pk}/edit/", {"amount": "1"}).status_code == 403
    award.refresh_from_db()
    assert award.amount == Decimal("157540")


def test_outsiders_get_404_for_an_award(world, as_user, award):
    client = as_user(world.outsider)
    assert client.get(f"/funding/awards/{award.pk}/edit/").status_code == 404
    assert client.post(f"/funding/awards/{award.pk}/edit/", {"amount": "1"}).status_code == 404
    assert as_user(None).get(f"/funding/awards/{award.pk}/edit/").status_code == 302


def test_spend_against_a_rejected_bid_is_refused_with_a_message(world, as_user):
    fund = make_fund(world.essex, deciding_body=world.pmg)
    bid = make_bid(world.safer, fund, status=Bid.Status.REJECTED)
    # An award left over from before the rejection (e.g. entered by mistake).
    award = Award.objects.create(bid=bid, year="2009/10", amount=Decimal("10"))
    response = as_user(world.lead).post(
        f"/funding/awards/{award.pk}/spend/", {"quarter": 1, "amount": "5"}, follow=True
    )
    assert "Spend cannot be recorded against a rejected bid." in response.content.decode()
    assert not Spend.objects.exists()


def test_a_rejected_bid_says_no_spend_can_be_recorded(world, as_user):
    fund = make_fund(world.essex, deciding_body=world.pmg)
    bid = make_bid(world.safer, fund, status=Bid.Status.REJECTED)
    page = as_user(world.lead).get(f"/funding/bids/{bid.pk}/").content.decode()
    assert "The bid was rejected: no money was awarded and no spend can be recorded." in page
    assert "Record spend" not in page


def test_spend_with_htmx_refused_shows_the_message_in_place(world, as_user, award):
    response = as_user(world.lead).post(
        f"/funding/awards/{award.pk}/spend/", {"quarter": 1, "amount": "-5"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "Spend cannot be negative." in body
    assert 'aria-describedby="amount-' in body and 'value="-5"' in body
    assert not Spend.objects.exists()
