"""Rank, quartile and median against hand-worked examples."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from indicators.benchmarks import compare, median

GROUP = [("Basildon", D("9.1")), ("Braintree", D("8.2")), ("Brentwood", D("7.9")),
         ("Castle Point", D("6.5")), ("Chelmsford", D("8.2")), ("Colchester", D("7.1")),
         ("Harlow", D("10.4")), ("Maldon", None)]  # fmt: skip


def test_lower_is_better_ranks_the_lowest_first_with_ties_sharing_a_rank():
    result = compare(GROUP, "lower")
    ranks = {p.area: p.rank for p in result.placings}
    # 6.5, 7.1, 7.9, 8.2, 8.2, 9.1, 10.4 -> ranks 1, 2, 3, 4, 4, 6, 7
    assert ranks == {"Castle Point": 1, "Colchester": 2, "Brentwood": 3, "Braintree": 4,
                     "Chelmsford": 4, "Basildon": 6, "Harlow": 7}  # fmt: skip
    assert result.best.area == "Castle Point"
    assert result.missing == ["Maldon"]


def test_quartiles_follow_rank_and_ties_share_a_quartile():
    result = compare(GROUP, "lower")
    quartiles = {p.area: p.quartile for p in result.placings}
    # n = 7: 1 + floor(4 * (rank - 1) / 7): 1->1, 2->1, 3->2, 4->2, 4->2, 6->3, 7->4
    assert quartiles == {"Castle Point": 1, "Colchester": 1, "Brentwood": 2, "Braintree": 2,
                         "Chelmsford": 2, "Basildon": 3, "Harlow": 4}  # fmt: skip


def test_higher_is_better_reverses_the_order():
    result = compare(GROUP, "higher")
    assert result.best.area == "Harlow"
    assert result.placing_of("Castle Point").rank == 7
    assert result.placing_of("Castle Point").quartile == 4


def test_median_of_an_odd_and_even_group_and_missing_values_left_out():
    assert compare(GROUP, "lower").median == D("8.2")
    assert median([D("1"), D("2"), D("3"), D("10")]) == D("2.5")
    assert median([]) is None


def test_gap_to_best_in_class():
    result = compare(GROUP, "lower")
    assert result.gap_to_best("Harlow") == D("3.9")
    assert result.gap_to_best("Castle Point") == D("0")
    assert result.gap_to_best("Maldon") is None


def test_an_empty_group_has_no_best_and_no_median():
    result = compare([("Basildon", None)], "higher")
    assert result.best is None and result.median is None and result.placings == []


@given(st.lists(st.decimals(min_value=-1000, max_value=1000, places=2), min_size=1, max_size=30))
def test_polarity_mirrors_the_ranking(values):
    pairs = [(f"A{i}", v) for i, v in enumerate(values)]
    high = compare(pairs, "higher")
    low = compare([(a, -v) for a, v in pairs], "lower")
    assert {p.area: p.rank for p in high.placings} == {p.area: p.rank for p in low.placings}
    assert all(1 <= p.quartile <= 4 for p in high.placings)
    assert high.placings[0].quartile == 1


def test_higher_is_better_ties_across_a_quartile_boundary_and_missing_values():
    # Worked by hand: 12, 10, 10, 10, 7 with two missing -> ranks 1, 2, 2, 2, 5 of n = 5;
    # quartiles 1 + floor(4 * (rank - 1) / 5): rank 1 -> 1, rank 2 -> 1, rank 5 -> 4.
    pairs = [("A", D("10")), ("B", D("12")), ("C", None), ("D", D("10")), ("E", D("7")),
             ("F", D("10")), ("G", None)]  # fmt: skip
    result = compare(pairs, "higher")
    assert [(p.area, p.rank, p.quartile) for p in result.placings] == [
        ("B", 1, 1), ("A", 2, 1), ("D", 2, 1), ("F", 2, 1), ("E", 5, 4)
    ]  # fmt: skip
    assert result.missing == ["C", "G"]
    assert result.median == D("10")
    assert result.gap_to_best("E") == D("5")
