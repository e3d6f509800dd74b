"""Bids in the "My work" panel: each person sees the step that is theirs, and nobody
else's bids."""

import pytest

from funding.models import Bid
from tests.funding.factories import make_bid, make_fund

pytestmark = pytest.mark.django_db


@pytest.fixture
def bids(world):
    fund = make_fund(world.essex, deciding_body=world.pmg)
    return {
        "submitted": make_bid(world.safer, fund, status=Bid.Status.SUBMITTED, title="IDVA service"),
        "endorsed": make_bid(world.cwop, fund, status=Bid.Status.ENDORSED, title="Carers' breaks"),
        "draft": make_bid(world.safer, fund, title="Sanctuary scheme"),
    }


def my_work(client) -> str:
    page = client.get("/").content.decode()
    return page.split("My work", 1)[1].split("</section>", 1)[0] if "My work" in page else ""


def test_the_lead_is_asked_to_endorse_and_submit_their_partnerships_bids(world, bids, as_user):
    work = my_work(as_user(world.lead))
    assert "Bids (2)" in work
    assert (
        'IDVA service (Safer Essex, PRG)</a> <span class="govuk-body-s">– Record the partnership'
        in work
    )
    assert "Sanctuary scheme" in work and "Finish and submit" in work
    assert "Carers" not in work  # another partnership's bid, not for this lead to decide


def test_the_chair_of_the_deciding_body_is_asked_to_decide(world, bids, as_user):
    work = my_work(as_user(world.chair))
    assert "Carers&#x27; breaks" in work and "Record the decision" in work
    assert "Sanctuary scheme" not in work


def test_observers_and_outsiders_see_no_bids(world, bids, as_user):
    assert "IDVA service" not in as_user(world.observer).get("/").content.decode()
    assert "IDVA service" not in as_user(world.outsider).get("/").content.decode()
