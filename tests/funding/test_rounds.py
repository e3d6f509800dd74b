"""A commissioning round's own page: its window, criteria and the bids in it; who may
open and change a round."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding.models import Bid, CommissioningRound, Fund
from tests.factories import with_version
from tests.funding.factories import make_bid, make_fund
from tests.indicators.factories import make_indicator, make_target

pytestmark = pytest.mark.django_db


def make_round(fund: Fund, **extra: object) -> CommissioningRound:
    defaults: dict[str, object] = {
        "title": "ABG 2009/10 application round",
        "year": "2009/10",
        "opens_on": dt.date(2009, 5, 11),
        "closes_on": dt.date(2009, 6, 1),
        "decision_due": "the Management Group meeting in June",
        "criteria": "Applications take account of delivery plans and the commissioning criteria.",
    }
    return CommissioningRound.objects.create(fund=fund, **{**defaults, **extra})


@pytest.fixture
def abg(world):
    return make_fund(world.essex, "ABG", kind=Fund.Kind.ABG, deciding_body=world.pmg)


def test_the_round_page_shows_its_window_criteria_and_bids(world, as_user, abg):
    round_ = make_round(abg)
    make_bid(world.safer, abg, {"2009/10": "45000"}, Bid.Status.SUBMITTED, round=round_,
             title="Strategic DV co-ordinator")  # fmt: skip
    make_bid(world.cwop, abg, {"2009/10": "85000"}, Bid.Status.ENDORSED, round=round_,
             title="Falls prevention")  # fmt: skip
    make_bid(world.cwop, abg, {"2009/10": "1000"}, round=round_, title="A draft")
    make_bid(world.cwop, abg, {"2009/10": "7"}, title="Not in the round")
    body = as_user(world.observer).get(f"/funding/rounds/{round_.pk}/").content.decode()
    assert "Monday 11 May 2009" in body and "Monday 1 June 2009" in body
    assert "The Management Group meeting in June" in body
    assert "commissioning criteria" in body
    assert "Strategic DV co-ordinator" in body and "Falls prevention" in body
    assert "Not in the round" not in body
    assert "3 bids. Those submitted ask for £130,000 in all" in body  # not the draft's £1,000
    assert "Applications closed</strong> on Monday 1 June 2009" in body


def test_a_round_open_today_says_so(world, as_user, abg):
    today = dt.date.today()
    round_ = make_round(abg, opens_on=today, closes_on=today + dt.timedelta(days=21))
    body = as_user(world.observer).get(f"/funding/rounds/{round_.pk}/").content.decode()
    assert "Applications are open</strong> until" in body


def test_the_fund_page_links_to_its_rounds(world, as_user, abg):
    round_ = make_round(abg)
    body = as_user(world.lead).get(f"/funding/funds/{abg.pk}/").content.decode()
    assert f'href="/funding/rounds/{round_.pk}/"' in body


def test_a_lead_may_start_a_bid_in_the_round(world, as_user, abg):
    round_ = make_round(abg)
    client = as_user(world.lead)
    assert f"/funding/bids/new/?fund={abg.pk}&amp;round={round_.pk}" in (
        client.get(f"/funding/rounds/{round_.pk}/").content.decode()
    )
    form = client.get(f"/funding/bids/new/?fund={abg.pk}&round={round_.pk}").content.decode()
    assert f'<option value="{round_.pk}" selected>' in form
    assert (
        "Start a bid"
        not in as_user(world.observer).get(f"/funding/rounds/{round_.pk}/").content.decode()
    )


def test_a_bid_cannot_be_put_in_another_funds_round(world, as_user, abg):
    prg = make_fund(world.essex, "PRG")
    round_ = make_round(abg)
    response = as_user(world.lead).post(
        "/funding/bids/new/",
        {"partnership": world.safer.pk, "fund": prg.pk, "round": round_.pk, "title": "IDVA",
         "spend_type": "revenue", "amount_2009_10": "157540"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "ABG 2009/10 application round is a round of ABG, not PRG." in (
        response.content.decode()
    )
    assert not Bid.objects.exists()


def test_the_secretariat_opens_and_changes_a_round_keeping_history(world, as_user, abg):
    client = as_user(world.secretariat)
    data = {
        "title": "ABG round", "year": "2009/10", "opens_on": "2009-05-11",
        "closes_on": "2009-06-01", "decision_due": "June", "criteria": "LAA targets only",
    }  # fmt: skip
    response = client.post(f"/funding/funds/{abg.pk}/rounds/new/", data)
    round_ = CommissioningRound.objects.get()
    assert response["Location"] == f"/funding/rounds/{round_.pk}/"
    client.post(
        f"/funding/rounds/{round_.pk}/edit/",
        with_version(round_, {**data, "closes_on": "2009-06-08"}),
    )
    round_.refresh_from_db()
    assert round_.closes_on == dt.date(2009, 6, 8)
    assert [h.closes_on for h in round_.history.order_by("history_date")] == [
        dt.date(2009, 6, 1), dt.date(2009, 6, 8),
    ]  # fmt: skip


def test_a_round_must_close_after_it_opens(world, as_user, abg):
    response = as_user(world.secretariat).post(
        f"/funding/funds/{abg.pk}/rounds/new/",
        {"title": "Backwards", "opens_on": "2009-06-01", "closes_on": "2009-05-11"},
    )
    assert "Applications must be due back after the forms go out." in response.content.decode()
    assert not CommissioningRound.objects.exists()


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_only_the_secretariat_opens_or_changes_rounds(world, as_user, abg, persona):
    round_ = make_round(abg)
    client = as_user(getattr(world, persona))
    data = {"title": "Changed", "opens_on": "2009-05-11", "closes_on": "2009-06-01"}
    assert client.post(f"/funding/funds/{abg.pk}/rounds/new/", data).status_code == 403
    assert client.post(f"/funding/rounds/{round_.pk}/edit/", data).status_code == 403
    assert list(CommissioningRound.objects.values_list("title", flat=True)) == [round_.title]


def test_outsiders_get_404_and_anonymous_signs_in(world, as_user, abg):
    round_ = make_round(abg)
    for url in (f"/funding/rounds/{round_.pk}/", f"/funding/rounds/{round_.pk}/edit/"):
        assert as_user(world.outsider).get(url).status_code == 404
        assert as_user(None).get(url).status_code == 302


def test_the_round_page_makes_the_same_queries_however_many_bids(world, as_user, abg):
    round_ = make_round(abg)
    client = as_user(world.secretariat)

    def grow(n: int) -> None:
        for i in range(3):
            bid = make_bid(world.cwop, abg, {"2009/10": "10", "": "5"}, Bid.Status.SUBMITTED,
                           round=round_, title=f"B{n}{i}")  # fmt: skip
            bid.targets.add(make_target(world.cwop, make_indicator(world.essex, f"LI {n}.{i}")))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/funding/rounds/{round_.pk}/").status_code == 200
        return len(ctx.captured_queries)

    grow(1)
    small = count()
    grow(2)
    grow(3)
    assert count() == small
