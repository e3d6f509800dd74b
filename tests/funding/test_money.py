"""The arithmetic: pure, exact to the penny, and adding up however it is sliced."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from funding.money import (
    Figures,
    Line,
    Measure,
    RewardTarget,
    over_allocation,
    pence,
    reward_totals,
    summarise,
    top_slice,
    total,
)

amounts = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)
lines = st.lists(
    st.builds(
        Line,
        partnership=st.integers(1, 5),
        fund=st.integers(1, 3),
        year=st.sampled_from(["", "2008/09", "2009/10", "2010/11"]),
        measure=st.sampled_from(list(Measure)),
        amount=amounts,
    ),
    max_size=60,
)


def test_the_safer_essex_gap_is_bids_less_indicative():
    figures = Figures(indicative=Decimal("610000"), bid=Decimal("902000"))
    assert figures.gap == Decimal("292000")


@given(lines)
def test_totals_add_up_across_partnerships_years_and_funds(sample):
    grand = total(sample)
    keys = [
        lambda line: line.partnership,
        lambda line: line.year,
        lambda line: line.fund,
        lambda line: (line.partnership, line.fund, line.year),
    ]
    for key in keys:
        parts = summarise(sample, key).values()
        assert sum(parts, Figures()) == grand


@given(lines)
def test_each_measure_totals_its_own_lines_exactly(sample):
    grand = total(sample)
    for measure in Measure:
        expected = sum((x.amount for x in sample if x.measure == measure), Decimal(0))
        assert getattr(grand, measure.value) == expected
    assert grand.gap == grand.bid - grand.indicative


@given(st.dictionaries(st.integers(1, 9), amounts, max_size=8), st.decimals(0, 100, places=2))
def test_guaranteed_amounts_and_the_pot_make_the_available_total(allocations, percent):
    model = top_slice(allocations, percent)
    assert model.guaranteed + model.pot == model.available
    assert model.pot == model.sliced + model.unallocated
    for row in model.rows:
        assert row.guaranteed == pence(row.guaranteed)
        assert Decimal(0) <= row.guaranteed <= row.allocation


def test_a_3_percent_top_slice_guarantees_97_percent():
    model = top_slice(
        {"a": Decimal("100000"), "b": Decimal("50000")}, Decimal(3), Decimal("200000")
    )
    assert [r.guaranteed for r in model.rows] == [Decimal("97000.00"), Decimal("48500.00")]
    assert model.pot == Decimal("54500.00")  # 4,500 sliced + 50,000 never allocated


def test_a_top_slice_over_100_percent_is_refused():
    with pytest.raises(ValueError):
        top_slice({}, Decimal(101))


def test_over_allocation_is_zero_within_the_fund_and_when_unknown():
    assert over_allocation(Decimal("100"), Decimal("90")) == 0
    assert over_allocation(None, Decimal("90")) == 0
    assert over_allocation(Decimal("100"), Decimal("100.01")) == Decimal("0.01")


@given(
    st.lists(
        st.builds(
            RewardTarget,
            target=st.integers(),
            partnership=st.integers(1, 4),
            grant=amounts,
            forecast=st.sampled_from(["green", "amber", "red", "no_data"]),
        )
    )
)
def test_reward_at_risk_adds_up_per_partnership(targets):  # fmt: skip
    totals = reward_totals(targets)
    assert sum(t.at_risk for t in totals.values()) == sum(t.at_risk for t in targets)
    assert sum(t.claimable for t in totals.values()) == sum(t.grant for t in targets)


def test_only_a_green_forecast_takes_the_grant_out_of_risk():
    grant = Decimal("315000")
    assert RewardTarget(1, 1, grant, "green").at_risk == 0
    for forecast in ("amber", "red", "no_data", "not_rated"):
        assert RewardTarget(1, 1, grant, forecast).at_risk == grant
