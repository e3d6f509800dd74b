"""Every funding page for every persona: who reads, who changes, who is refused (and that
a refusal writes nothing)."""

from decimal import Decimal

import pytest

from funding.models import Allocation, Bid, BidDecision, Fund, Spend
from tests.factories import with_version
from tests.funding.factories import make_allocation, make_bid, make_fund, make_fund_year
from tests.indicators.factories import make_indicator, make_target

READERS = ["secretariat", "lead", "other_lead", "chair", "observer"]
PAGES = [
    "/funding/",
    "/funding/bids/",
    "/funding/funds/",
    "/funding/modelling/",
    "/funding/reward/",
    "/funding/statement/?year=2009/10",
]


@pytest.fixture
def money(world):
    fund = make_fund(world.essex, deciding_body=world.pmg)
    make_allocation(fund, world.safer, "610000")
    draft = make_bid(world.safer, fund, title="Draft scheme")
    endorsed = make_bid(world.safer, fund, {"": "902000"}, Bid.Status.ENDORSED, title="Schemes")
    approved = make_bid(world.safer, fund, status=Bid.Status.APPROVED, title="IDVA")
    return {"fund": fund, "draft": draft, "endorsed": endorsed, "approved": approved}


def _counts():
    return (Fund.objects.count(), Allocation.objects.count(), Bid.objects.count(),
            BidDecision.objects.count(), Spend.objects.count(), Bid.history.count())  # fmt: skip


@pytest.mark.parametrize("persona", READERS)
def test_everyone_in_the_agreement_reads_every_page(world, as_user, money, persona):
    client = as_user(getattr(world, persona))
    for url in [
        *PAGES,
        f"/funding/bids/{money['draft'].pk}/",
        f"/funding/funds/{money['fund'].pk}/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/funding/statement.pdf?year=2009/10")["Content-Type"] == "application/pdf"
    assert client.get("/funding/ledger.xlsx").status_code == 200


def test_outsider_gets_404_for_essex_records(world, as_user, money):
    client = as_user(world.outsider)
    for url in [f"/funding/bids/{money['draft'].pk}/", f"/funding/funds/{money['fund'].pk}/",
                f"/funding/bids/{money['draft'].pk}/edit/",
                f"/funding/bids/{money['endorsed'].pk}/decide/"]:  # fmt: skip
        assert client.get(url).status_code == 404, url
    before = _counts()
    award = money["approved"].awards.get()
    assert (
        client.post(f"/funding/awards/{award.pk}/spend/", {"quarter": 1, "amount": "1"}).status_code
        == 404
    )
    assert client.post(f"/funding/bids/{money['draft'].pk}/submit/").status_code == 404
    assert _counts() == before


def test_outsider_sees_only_their_own_agreement_on_the_position(world, as_user, money):
    response = as_user(world.outsider).get("/funding/")
    assert response.status_code == 200
    assert "Safer Essex" not in response.content.decode()


def test_anonymous_is_sent_to_sign_in(world, as_user, money):
    for url in PAGES:
        assert as_user(None).get(url).status_code == 302


def test_the_position_shows_the_gap(world, as_user, money):
    body = as_user(world.observer).get(f"/funding/?partnership={world.safer.pk}").content.decode()
    # bids considered: 902,000 + 157,540 (drafts are not counted)
    assert "£1,059,540" in body and "£610,000" in body and "£449,540 over" in body


@pytest.mark.parametrize("persona", ["secretariat"])
def test_secretariat_manages_funds_and_allocations(world, as_user, money, persona):
    client = as_user(world.secretariat)
    response = client.post(
        "/funding/funds/new/",
        {"name": "ABG", "kind": "abg", "guaranteed_share": "95", "top_slice": "3"},
    )
    fund = Fund.objects.get(name="ABG")
    assert response.status_code == 302
    client.post(f"/funding/funds/{fund.pk}/years/new/", {"year": "2009/10", "available": "1000"})
    response = client.post(
        f"/funding/funds/{fund.pk}/allocations/new/",
        {"partnership": world.safer.pk, "year": "2009/10", "amount": "1200.50"}, follow=True,
    )  # fmt: skip
    assert "exceed the £1,000.00 available by £200.50" in response.content.decode()
    client.post(
        f"/funding/funds/{fund.pk}/edit/",
        with_version(
            fund, {"name": "ABG", "kind": "abg", "guaranteed_share": "95", "top_slice": "5"}
        ),
    )
    fund.refresh_from_db()
    assert fund.top_slice == 5
    assert [h.top_slice for h in fund.history.order_by("history_date")] == [3, 5]


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_only_the_secretariat_manages_funds(world, as_user, money, persona):
    client = as_user(getattr(world, persona))
    fund = money["fund"]
    before = _counts()
    assert client.post("/funding/funds/new/", {"name": "X", "kind": "abg"}).status_code == 403
    assert (
        client.post(f"/funding/funds/{fund.pk}/edit/", {"name": "X", "kind": "abg"}).status_code
        == 403
    )
    assert (
        client.post(
            f"/funding/funds/{fund.pk}/allocations/new/",
            {"partnership": world.safer.pk, "amount": "1"},
        ).status_code
        == 403
    )
    assert client.get("/funding/carry-forward/new/").status_code == 403
    assert _counts() == before


def _bid_post(world, fund, **extra):
    data = {
        "partnership": world.safer.pk,
        "fund": fund.pk,
        "title": "MARAC rollout",
        "spend_type": "revenue",
        "amount_2009_10": "1000.10",
        "amount_2010_11": "2000",
    }
    return {**data, **extra}


def test_lead_drafts_and_submits_their_partnerships_bid(world, as_user, money):
    client = as_user(world.lead)
    target = make_target(world.safer)
    response = client.post(
        "/funding/bids/new/", _bid_post(world, money["fund"], targets=[target.pk])
    )
    bid = Bid.objects.get(title="MARAC rollout")
    assert response.status_code == 302
    assert bid.total_amount == Decimal("3000.10")
    assert list(bid.targets.all()) == [target]
    client.post(f"/funding/bids/{bid.pk}/submit/")
    bid.refresh_from_db()
    assert bid.status == Bid.Status.SUBMITTED
    assert bid.decisions.get().decided_by == world.lead


def test_a_bid_needs_an_amount(world, as_user, money):
    data = _bid_post(world, money["fund"], amount_2009_10="", amount_2010_11="")
    response = as_user(world.lead).post("/funding/bids/new/", data)
    assert response.status_code == 200
    assert "at least one year" in response.content.decode()


@pytest.mark.parametrize("persona", ["other_lead", "chair", "observer"])
def test_others_cannot_draft_or_submit_safer_essex_bids(world, as_user, money, persona):
    client = as_user(getattr(world, persona))
    before = _counts()
    response = client.post("/funding/bids/new/", _bid_post(world, money["fund"]))
    assert response.status_code in (200, 403)  # other_lead: Safer Essex is not a choice
    assert client.post(f"/funding/bids/{money['draft'].pk}/submit/").status_code == 403
    assert client.get(f"/funding/bids/{money['draft'].pk}/edit/").status_code == 403
    assert _counts() == before


def test_chair_of_the_deciding_body_records_the_decision(world, as_user, money):
    bid = money["endorsed"]
    client = as_user(world.chair)
    assert client.get(f"/funding/bids/{bid.pk}/decide/").status_code == 200
    response = client.post(
        f"/funding/bids/{bid.pk}/decide/",
        {"outcome": "approved", "decided_on": "2008-11-28", "note": "Agreed"},
    )
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.status == Bid.Status.APPROVED
    assert bid.awards.get().amount == Decimal("902000")
    decision = bid.decisions.get()
    assert (decision.decided_by, decision.from_status, decision.to_status) == (
        world.chair,
        "endorsed",
        "approved",
    )


@pytest.mark.parametrize("persona", ["lead", "other_lead", "observer"])
def test_others_cannot_record_the_decision(world, as_user, money, persona):
    bid = money["endorsed"]
    before = _counts()
    response = as_user(getattr(world, persona)).post(
        f"/funding/bids/{bid.pk}/decide/", {"outcome": "approved", "decided_on": "2008-11-28"}
    )
    assert response.status_code == 403
    assert _counts() == before


def test_lead_records_quarterly_spend_with_htmx(world, as_user, money):
    award = money["approved"].awards.get()
    response = as_user(world.lead).post(
        f"/funding/awards/{award.pk}/spend/",
        {"quarter": 1, "amount": "39385"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "£39,385" in response.content.decode()
    assert "£118,155 of the award left" in response.content.decode()
    assert award.spend.get().amount == Decimal("39385")


@pytest.mark.parametrize("persona", ["other_lead", "chair", "observer"])
def test_others_cannot_record_spend(world, as_user, money, persona):
    award = money["approved"].awards.get()
    response = as_user(getattr(world, persona)).post(
        f"/funding/awards/{award.pk}/spend/", {"quarter": 1, "amount": "1"}
    )
    assert response.status_code == 403
    assert not Spend.objects.exists()


def test_modelling_gives_each_partnership_its_guarantee(world, as_user, money):
    fund = make_fund(world.essex, "ABG", kind=Fund.Kind.ABG, guaranteed_share=95)
    make_fund_year(fund, "2009/10", "1000000")
    make_allocation(fund, world.safer, "600000", "2009/10")
    make_allocation(fund, world.cwop, "400000", "2009/10")
    body = (
        as_user(world.observer)
        .get(f"/funding/modelling/?fund={fund.pk}&year=2009/10&top_slice=3")
        .content.decode()
    )
    assert "£582,000.00" in body and "£388,000.00" in body and "£30,000.00" in body
    body = (
        as_user(world.observer)
        .get(f"/funding/modelling/?fund={fund.pk}&year=2009/10&top_slice=6")
        .content.decode()
    )
    assert "below the 95% the fund guarantees" in body


def test_reward_at_risk_totals_per_partnership(world, as_user, money):
    make_target(world.safer, reward_grant=Decimal("315000"))
    body = as_user(world.observer).get("/funding/reward/").content.decode()
    assert "£315,000" in body and "Total for Safer Essex" in body


def test_list_and_position_pages_make_the_same_queries_at_two_sizes(world, as_user, money):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(world.secretariat)
    urls = ["/funding/", "/funding/bids/", "/funding/funds/", "/funding/reward/",
            "/funding/statement/?year=2009/10"]  # fmt: skip

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    def grow(n):
        fund = make_fund(world.essex, f"Fund {n}", kind=Fund.Kind.ABG)
        make_allocation(fund, world.cwop, "100", "2009/10")
        for i in range(4):
            bid = make_bid(world.cwop, fund, {"2009/10": "10", "": "5"}, Bid.Status.APPROVED,
                           title=f"B{n}{i}")  # fmt: skip
            indicator = make_indicator(world.essex, f"LI {n}.{i}")
            bid.targets.add(make_target(world.cwop, indicator, reward_grant=Decimal("2")))
            Spend.objects.create(award=bid.awards.get(year="2009/10"), quarter=1, amount=1)

    grow(1)
    small = {url: count(url) for url in urls}
    grow(2)
    grow(3)
    assert {url: count(url) for url in urls} == small
