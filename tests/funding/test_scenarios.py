"""What-if reallocation (issue 21): scenarios move money on paper, never in the ledger;
a move bigger than its line is refused; comparisons add up; the Excel export is safe."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from demo.funding import funding_load
from demo.scenarios import scenarios_load
from funding.models import Allocation, Award, BidAmount, Scenario, ScenarioMove, Spend
from funding.scenarios import (
    Kind,
    LineKey,
    Move,
    MoveRefused,
    PlanLine,
    apply_moves,
    check_move,
    compare,
    moves_of,
    plan_for,
)
from partnerships.models import Membership
from tests.factories import make_member_with_login
from tests.funding.factories import make_allocation, make_bid, make_fund
from tests.funding.test_demo import _agreement
from tests.indicators.factories import make_indicator, make_target

D = Decimal


def _line(kind: Kind, pk: int, amount: str, partnership: int = 1, fund: int = 1) -> PlanLine:
    key = LineKey(kind, pk, "")
    return PlanLine(key, partnership, fund, f"{kind} {pk}", D(amount))


BIDS = {
    line.key: line
    for line in (
        _line(Kind.BID, 1, "315000"),
        _line(Kind.BID, 2, "141920", partnership=2),
        _line(Kind.BID, 3, "5000", fund=2),
        _line(Kind.ALLOCATION, 4, "610000"),
    )
}
B1, B2, B3, A4 = list(BIDS)


def test_a_move_takes_from_one_line_and_gives_to_another() -> None:
    after, skipped = apply_moves(BIDS, [Move(B2, B1, D("40000"))])
    assert after[B1] == D("355000") and after[B2] == D("101920")
    assert skipped == []


def test_a_move_of_more_than_the_line_holds_is_refused_with_what_it_holds() -> None:
    amounts, _ = apply_moves(BIDS, [Move(B2, None, D("100000"))])
    with pytest.raises(MoveRefused, match=r"holds £41,920.00 in this scenario: it cannot give"):
        check_move(BIDS, amounts, Move(B2, B1, D("41920.01")))
    check_move(BIDS, amounts, Move(B2, B1, D("41920")))  # exactly what it holds is fine


@pytest.mark.parametrize(
    ("move", "message"),
    [
        (Move(B1, B3, D("1")), "same fund"),
        (Move(B1, A4, D("1")), "between two allocations or between two bids"),
        (Move(B1, B1, D("1")), "different line"),
        (Move(LineKey(Kind.BID, 99, ""), B1, D("1")), "no longer in the plan"),
    ],
)
def test_moves_that_make_no_sense_are_refused(move: Move, message: str) -> None:
    with pytest.raises(MoveRefused, match=message):
        check_move(BIDS, {k: v.amount for k, v in BIDS.items()}, move)


money_st = st.decimals(min_value=D("0.01"), max_value=D("400000"), places=2)
move_st = st.tuples(st.sampled_from([B1, B2, A4]), st.sampled_from([B1, B2, None]), money_st)


@given(st.lists(move_st, max_size=8))
def test_the_comparison_adds_up_whatever_the_moves(raw: list) -> None:
    moves = [Move(s, d, a) for s, d, a in raw]
    current = {k: v.amount for k, v in BIDS.items()}
    after, _ = apply_moves(BIDS, moves)
    result = compare(BIDS, current, after)
    assert all(amount >= 0 for amount in after.values())
    lines_after = sum((pair.after for _, pair in result.lines), D(0))
    assert lines_after == result.total.indicative.after + result.total.bids.after
    assert sum((p.bids.change for p in result.by_partnership.values()), D(0)) == (
        result.total.bids.change
    )
    # What leaves the lines is what was cut: the plan's money is all accounted for.
    plan = sum(current.values(), D(0))
    assert lines_after + result.cut.after == plan and result.cut.before == 0


# The pages ---------------------------------------------------------------------------------


@pytest.fixture
def plan(world):
    fund = make_fund(world.essex, deciding_body=world.pmg)
    make_allocation(fund, world.safer, "610000")
    make_allocation(fund, world.cwop, "100000")
    target = make_target(world.safer, reward_grant=D("50000"))
    idva = make_bid(world.safer, fund, {"2009/10": "157540"}, "approved", title="IDVA")
    idva.targets.add(target)
    other = make_bid(world.safer, fund, {"": "141920"}, "submitted", title="Other schemes")
    cwop = make_bid(world.cwop, fund, {"": "20000"}, "endorsed", title="Older people")
    Spend.objects.create(award=idva.awards.get(), quarter=1, amount=D("39385"))
    return {"fund": fund, "idva": idva, "other": other, "cwop": cwop, "target": target}


def _ledger() -> tuple:
    return (
        list(Allocation.objects.order_by("pk").values_list("pk", "amount", "version")),
        list(BidAmount.objects.order_by("pk").values_list("pk", "amount")),
        list(Award.objects.order_by("pk").values_list("pk", "amount", "version")),
        list(Spend.objects.order_by("pk").values_list("pk", "amount")),
        Allocation.history.count(),
        BidAmount.history.count(),
        Award.history.count(),
    )


def _token(bid, year: str = "") -> str:
    return f"bid:{bid.pk}:{year}"


def test_scenarios_never_change_the_ledger(world, as_user, plan):
    client = as_user(world.secretariat)
    before = _ledger()
    response = client.post("/funding/scenarios/", {"name": "Fund the IDVA first", "notes": "x"})
    scenario = Scenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/funding/scenarios/{scenario.pk}/"
    url = f"/funding/scenarios/{scenario.pk}/moves/"
    for data in (
        {"source": _token(plan["other"]), "destination": _token(plan["idva"], "2009/10"),
         "amount": "100000"},
        {"source": _token(plan["other"]), "destination": "cut", "amount": "41920"},
        {"source": f"allocation:{Allocation.objects.get(partnership=world.safer).pk}:",
         "destination": f"allocation:{Allocation.objects.get(partnership=world.cwop).pk}:",
         "amount": "10000"},
    ):  # fmt: skip
        assert client.post(url, data).status_code == 302
    assert scenario.moves.count() == 3
    page = client.get(f"/funding/scenarios/{scenario.pk}/").content.decode()
    assert "£257,540.00" in page  # the IDVA line in the scenario
    assert "£600,000.00" in page and "£110,000.00" in page  # the allocations moved
    assert _ledger() == before
    move = scenario.moves.first()
    delete = f"/funding/scenarios/{scenario.pk}/moves/{move.pk}/delete/"
    assert client.post(delete).status_code == 302
    assert client.post(f"/funding/scenarios/{scenario.pk}/delete/").status_code == 302
    assert not Scenario.objects.exists() and not ScenarioMove.objects.exists()
    assert _ledger() == before
    # The history keeps what was done, and by whom.
    assert ScenarioMove.history.filter(history_type="-").count() == 3


def test_a_move_of_more_than_the_line_holds_is_refused_and_nothing_saved(world, as_user, plan):
    scenario = Scenario.objects.create(agreement=world.essex, name="Too much")
    client = as_user(world.secretariat)
    response = client.post(
        f"/funding/scenarios/{scenario.pk}/moves/",
        {"source": _token(plan["other"]), "destination": "cut", "amount": "141920.01"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Other schemes (Not split by year) holds £141,920.00 in this scenario" in body
    assert "it cannot give £141,920.01" in body
    assert not ScenarioMove.objects.exists()


def test_moving_between_funds_is_refused_in_words(world, as_user, plan):
    abg = make_fund(world.essex, name="ABG", kind="abg")
    other_fund_bid = make_bid(world.cwop, abg, {"": "5000"}, "submitted", title="ABG scheme")
    scenario = Scenario.objects.create(agreement=world.essex, name="Across funds")
    response = as_user(world.secretariat).post(
        f"/funding/scenarios/{scenario.pk}/moves/",
        {"source": _token(plan["other"]), "destination": _token(other_fund_bid), "amount": "1"},
    )
    assert "Both lines must be in the same fund." in response.content.decode()
    assert not ScenarioMove.objects.exists()


def test_the_page_shows_ratings_and_the_reward_at_risk(world, as_user, plan):
    scenario = Scenario.objects.create(agreement=world.essex, name="Look")
    body = as_user(world.secretariat).get(f"/funding/scenarios/{scenario.pk}/").content.decode()
    assert plan["target"].indicator.code in body
    assert "£50,000" in body  # the grant at risk: no forecast, so the whole grant


def test_comparing_two_scenarios_adds_up(world, as_user, plan):
    first = Scenario.objects.create(agreement=world.essex, name="Cut other schemes")
    ScenarioMove.objects.create(scenario=first, from_bid=plan["other"], amount=D("141920"))
    second = Scenario.objects.create(agreement=world.essex, name="Older people first")
    ScenarioMove.objects.create(
        scenario=second, from_bid=plan["other"], to_bid=plan["cwop"], amount=D("30000")
    )
    client = as_user(world.secretariat)
    body = client.get(f"/funding/scenarios/compare/?a={first.pk}&b={second.pk}").content.decode()
    assert "Cut other schemes" in body and "Older people first" in body
    # Bids: 157,540 + 0 + 20,000 in the first; 157,540 + 111,920 + 50,000 in the second.
    assert "£177,540.00" in body and "£319,460.00" in body and "£141,920.00" in body
    assert client.get(f"/funding/scenarios/compare/?a=current&b={second.pk}").status_code == 200


def test_the_excel_export_holds_the_scenario_and_is_formula_safe(world, as_user, plan):
    scenario = Scenario.objects.create(
        agreement=world.essex, name='=HYPERLINK("http://x","y")', notes="+1 then cut"
    )
    ScenarioMove.objects.create(
        scenario=scenario, from_bid=plan["other"], amount=D("41920"), note="=SUM(A1:A9)"
    )
    response = as_user(world.secretariat).get(f"/funding/scenarios/{scenario.pk}.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Partnerships", "Lines", "Moves"]
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x","y")' in cells and "'+1 then cut" in cells
    assert "'=SUM(A1:A9)" in cells
    assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in cells if v)
    lines = {row[1]: row[3] for row in wb["Lines"].iter_rows(min_row=2, values_only=True)}
    assert lines["Other schemes (Not split by year)"] == 100000
    total = next(r for r in wb["Partnerships"].iter_rows(values_only=True) if r[0] == "Total")
    assert total[5] == 157540 + 100000 + 20000


# Who may ----------------------------------------------------------------------------------


def _urls(scenario: Scenario) -> list[str]:
    return [
        "/funding/scenarios/",
        "/funding/scenarios/compare/",
        f"/funding/scenarios/{scenario.pk}/",
        f"/funding/scenarios/{scenario.pk}.xlsx",
    ]


def test_anonymous_is_sent_to_sign_in(world, as_user, plan):
    scenario = Scenario.objects.create(agreement=world.essex, name="S")
    for url in _urls(scenario):
        response = as_user(None).get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_only_the_secretariat_models_scenarios(world, as_user, plan, persona):
    scenario = Scenario.objects.create(agreement=world.essex, name="S")
    client = as_user(getattr(world, persona))
    for url in _urls(scenario):
        assert client.get(url).status_code == 403, url
    data = {"source": _token(plan["other"]), "destination": "cut", "amount": "1"}
    assert client.post(f"/funding/scenarios/{scenario.pk}/moves/", data).status_code == 403
    assert client.post("/funding/scenarios/", {"name": "Mine"}).status_code == 403
    assert client.post(f"/funding/scenarios/{scenario.pk}/delete/").status_code == 403
    assert Scenario.objects.count() == 1 and not ScenarioMove.objects.exists()


def test_another_agreements_user_gets_404(world, as_user, plan):
    scenario = Scenario.objects.create(agreement=world.essex, name="S")
    move = ScenarioMove.objects.create(scenario=scenario, from_bid=plan["other"], amount=D("1"))
    for url in _urls(scenario)[2:]:
        assert as_user(world.outsider).get(url).status_code == 404, url
    # Even Herefordshire's secretariat, who models its own scenarios.
    hereford_secretariat, _ = make_member_with_login(
        world.hereford_pmg, Membership.Role.SECRETARIAT, "hfd-secretariat@example.test"
    )
    client = as_user(hereford_secretariat)
    assert client.get("/funding/scenarios/").status_code == 200
    assert "S</a>" not in client.get("/funding/scenarios/").content.decode()
    for url in _urls(scenario)[2:]:
        assert client.get(url).status_code == 404, url
    assert client.get(f"/funding/scenarios/compare/?a={scenario.pk}").status_code == 404
    assert client.post(f"/funding/scenarios/{scenario.pk}/delete/").status_code == 404
    assert (
        client.post(f"/funding/scenarios/{scenario.pk}/moves/{move.pk}/delete/").status_code == 404
    )
    assert ScenarioMove.objects.count() == 1


# Bounded queries ---------------------------------------------------------------------------


def _grow(world, fund, n: int, scenario: Scenario) -> None:
    for i in range(n):
        indicator = make_indicator(world.essex, code=f"NI {100 + i}")
        target = make_target(world.cwop, indicator, reward_grant=D("1000"))
        bid = make_bid(world.cwop, fund, {"2009/10": "1000", "2010/11": "1000"}, "submitted",
                       title=f"Scheme {i}")  # fmt: skip
        bid.targets.add(target)
        ScenarioMove.objects.create(scenario=scenario, from_bid=bid, from_year="2009/10",
                                    amount=D("10"))  # fmt: skip


@pytest.mark.parametrize("size", [1, 12])
def test_the_scenario_page_makes_a_bounded_number_of_queries(
    world, as_user, plan, size, django_assert_max_num_queries
):
    scenario = Scenario.objects.create(agreement=world.essex, name="Big")
    _grow(world, plan["fund"], size, scenario)
    client = as_user(world.secretariat)
    client.get(f"/funding/scenarios/{scenario.pk}/")  # warm the session and caches
    with django_assert_max_num_queries(26):
        response = client.get(f"/funding/scenarios/{scenario.pk}/")
    assert response.status_code == 200
    assert f"Scheme {size - 1} (2009/10)" in response.content.decode()


# The demo ----------------------------------------------------------------------------------


def test_the_demo_scenario_fits_safer_essexs_bids_into_610000(db):
    agreements = {s: _agreement(s) for s in ("essex-laa-2008-11", "herefordshire-laa-2008-11")}
    funding_load(agreements=agreements)
    before = _ledger()
    scenarios_load(agreements=agreements)
    scenarios_load(agreements=agreements)  # a second run writes nothing
    scenario = Scenario.objects.get()
    assert scenario.notes.startswith("Illustrative: not in the source documents.")
    assert [m.amount for m in scenario.moves.all()] == [D("141920"), D("130000"), D("20080")]
    plan = plan_for(agreements["essex-laa-2008-11"])
    after, skipped = apply_moves(plan.lines, moves_of(scenario))
    money = compare(plan.lines, {k: v.amount for k, v in plan.lines.items()}, after)
    safer = next(p for p in plan.partnerships.values() if p.slug == "safer-essex")
    assert money.by_partnership[safer.pk].bids.before == D("902000")
    assert money.by_partnership[safer.pk].bids.after == D("610000")
    assert money.by_partnership[safer.pk].gap.after == 0 and skipped == []
    assert _ledger() == before
