from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import Period
from indicators.rating import (
    NO_TOLERANCE,
    RULE_VERSION,
    Accumulation,
    Direction,
    Polarity,
    Rating,
    Rule,
    Tolerance,
    comparison_period,
    direction,
    forecast,
    rate,
)

D = Decimal
TEN_PERCENT = Tolerance(percent=D(10))
# Red < amber < green, for "never gets worse" properties.
RANK = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}

values = st.decimals(
    min_value=-1_000_000, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False
)
percents = st.decimals(min_value=0, max_value=200, places=1, allow_nan=False)
amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False)
tolerances = st.one_of(
    st.just(NO_TOLERANCE),
    st.builds(Tolerance, percent=percents),
    st.builds(Tolerance, absolute=amounts),
)
zero_tolerances = st.sampled_from(
    [NO_TOLERANCE, Tolerance(percent=D(0)), Tolerance(absolute=D(0)), Tolerance(percent=D("0.0"))]
)
polarities = st.sampled_from([Polarity.HIGHER, Polarity.LOWER])


def quarter(label: str) -> Period:
    return Period.parse(label)


# Higher is better ---------------------------------------------------------------------
# Target 25.0, tolerance 10% = 2.5: green from 25.0, amber from 22.5, red below.


@pytest.mark.parametrize(
    ("actual", "rating"),
    [
        ("1000", Rating.GREEN),
        ("25.01", Rating.GREEN),
        ("25.0", Rating.GREEN),
        ("25", Rating.GREEN),
        ("24.99", Rating.AMBER),
        ("23.0", Rating.AMBER),
        ("22.51", Rating.AMBER),
        ("22.5", Rating.AMBER),
        ("22.49", Rating.RED),
        ("0", Rating.RED),
        ("-25", Rating.RED),
    ],
)
def test_higher_is_better_boundaries(actual, rating):
    assert rate(D(actual), D("25.0"), Polarity.HIGHER, TEN_PERCENT).rating is rating


def test_higher_is_better_records_the_rule_and_numbers():
    result = rate(D("23.0"), D("25.0"), Polarity.HIGHER, TEN_PERCENT)

    assert result.rule is Rule.HIGHER_AMBER
    assert result.rule == "T - t <= A < T"
    assert result.tolerance_amount == D("2.5")
    assert (result.actual, result.target, result.polarity) == (
        D("23.0"),
        D("25.0"),
        Polarity.HIGHER,
    )


def test_the_why_amber_sentence_names_the_numbers_and_the_band():
    result = rate(D("23.0"), D("25.0"), Polarity.HIGHER, TEN_PERCENT)

    assert result.explanation == (
        "Amber: actual 23.0 is below the target 25.0 but within the tolerance of 2.5 "
        "(higher is better; amber from 22.5 up to 25.0)."
    )


# Lower is better ----------------------------------------------------------------------
# Target 40, tolerance 10% = 4: green up to 40, amber up to 44, red above.


@pytest.mark.parametrize(
    ("actual", "rating"),
    [
        ("-5", Rating.GREEN),
        ("39.99", Rating.GREEN),
        ("40", Rating.GREEN),
        ("40.00", Rating.GREEN),
        ("40.01", Rating.AMBER),
        ("43.99", Rating.AMBER),
        ("44", Rating.AMBER),
        ("44.01", Rating.RED),
        ("400", Rating.RED),
    ],
)
def test_lower_is_better_boundaries(actual, rating):
    assert rate(D(actual), D(40), Polarity.LOWER, TEN_PERCENT).rating is rating


def test_lower_is_better_explains_red_with_the_band():
    result = rate(D("44.01"), D(40), Polarity.LOWER, TEN_PERCENT)

    assert result.rule is Rule.LOWER_RED
    assert result.explanation == (
        "Red: actual 44.01 is above the target 40 by more than the tolerance of 4 "
        "(lower is better; red above 44)."
    )


def test_lower_is_better_explains_amber_and_green():
    amber = rate(D(42), D(40), Polarity.LOWER, TEN_PERCENT)
    green = rate(D(38), D(40), Polarity.LOWER, TEN_PERCENT)

    assert amber.explanation == (
        "Amber: actual 42 is above the target 40 but within the tolerance of 4 "
        "(lower is better; amber above 40 up to 44)."
    )
    assert green.explanation == "Green: actual 38 is below the target 40 (lower is better)."


def test_meeting_the_target_exactly_says_so():
    result = rate(D(40), D(40), Polarity.LOWER, TEN_PERCENT)

    assert result.explanation == "Green: actual 40 meets the target 40 (lower is better)."


# Tolerances ---------------------------------------------------------------------------


def test_an_absolute_tolerance_is_used_as_it_is():
    tolerance = Tolerance(absolute=D(3))

    assert rate(D(97), D(100), Polarity.HIGHER, tolerance).rating is Rating.AMBER
    assert rate(D("96.99"), D(100), Polarity.HIGHER, tolerance).rating is Rating.RED
    assert rate(D(103), D(100), Polarity.LOWER, tolerance).rating is Rating.AMBER
    assert rate(D("103.01"), D(100), Polarity.LOWER, tolerance).rating is Rating.RED


def test_a_percentage_tolerance_is_a_share_of_the_target():
    assert TEN_PERCENT.amount(D(250)) == D(25)
    assert Tolerance(percent=D("2.5")).amount(D(1000)) == D(25)


def test_a_negative_target_takes_its_tolerance_from_the_size_of_the_target():
    # Target -10 (e.g. a change in a rate), 10% tolerance = 1, not -1.
    assert TEN_PERCENT.amount(D(-10)) == D(1)
    assert rate(D(-10), D(-10), Polarity.HIGHER, TEN_PERCENT).rating is Rating.GREEN
    assert rate(D(-11), D(-10), Polarity.HIGHER, TEN_PERCENT).rating is Rating.AMBER
    assert rate(D("-11.01"), D(-10), Polarity.HIGHER, TEN_PERCENT).rating is Rating.RED
    assert rate(D(-9), D(-10), Polarity.LOWER, TEN_PERCENT).rating is Rating.AMBER
    assert rate(D("-8.99"), D(-10), Polarity.LOWER, TEN_PERCENT).rating is Rating.RED


def test_a_zero_target_with_a_percentage_tolerance_has_no_amber_band():
    assert TEN_PERCENT.amount(D(0)) == 0
    assert rate(D(0), D(0), Polarity.HIGHER, TEN_PERCENT).rating is Rating.GREEN
    assert rate(D("-0.01"), D(0), Polarity.HIGHER, TEN_PERCENT).rating is Rating.RED
    assert rate(D("0.01"), D(0), Polarity.LOWER, TEN_PERCENT).rating is Rating.RED


def test_no_tolerance_means_anything_short_of_the_target_is_red():
    result = rate(D("24.9"), D(25), Polarity.HIGHER, None)

    assert result.rating is Rating.RED
    assert result.tolerance_amount == 0
    assert result.explanation == (
        "Red: actual 24.9 is below the target 25 and there is no tolerance (higher is better)."
    )


def test_a_tolerance_is_a_percentage_or_an_amount_not_both():
    with pytest.raises(ValueError, match="not both"):
        Tolerance(percent=D(10), absolute=D(2))


def test_a_tolerance_cannot_be_negative():
    with pytest.raises(ValueError, match="cannot be negative"):
        Tolerance(percent=D(-1))
    with pytest.raises(ValueError, match="cannot be negative"):
        Tolerance(absolute=D("-0.5"))


def test_a_tolerance_reads_as_typed():
    assert str(Tolerance(percent=D("12.5"))) == "12.5%"
    assert str(Tolerance(absolute=D(3))) == "3"
    assert str(NO_TOLERANCE) == "none"


def test_the_explanation_drops_only_trailing_zeros_from_derived_numbers():
    result = rate(D(23), D("25.0"), Polarity.HIGHER, Tolerance(percent=D("10.00")))

    assert "tolerance of 2.5 " in result.explanation
    assert "amber from 22.5 up to 25.0" in result.explanation


def test_the_explanation_shows_large_numbers_with_separators():
    result = rate(D(4200), D(4500), Polarity.HIGHER, TEN_PERCENT)

    assert result.explanation == (
        "Amber: actual 4,200 is below the target 4,500 but within the tolerance of 450 "
        "(higher is better; amber from 4,050 up to 4,500)."
    )


# Within a range -----------------------------------------------------------------------
# Range 40 to 60, 10% of the edge missed: amber from 36 below, up to 66 above.


@pytest.mark.parametrize(
    ("actual", "rating", "rule"),
    [
        ("35.99", Rating.RED, Rule.RANGE_RED_BELOW),
        ("36", Rating.AMBER, Rule.RANGE_AMBER_BELOW),
        ("39.99", Rating.AMBER, Rule.RANGE_AMBER_BELOW),
        ("40", Rating.GREEN, Rule.RANGE_GREEN),
        ("50", Rating.GREEN, Rule.RANGE_GREEN),
        ("60", Rating.GREEN, Rule.RANGE_GREEN),
        ("60.01", Rating.AMBER, Rule.RANGE_AMBER_ABOVE),
        ("66", Rating.AMBER, Rule.RANGE_AMBER_ABOVE),
        ("66.01", Rating.RED, Rule.RANGE_RED_ABOVE),
    ],
)
def test_within_a_range_boundaries(actual, rating, rule):
    result = rate(D(actual), None, Polarity.RANGE, TEN_PERCENT, low=D(40), high=D(60))

    assert (result.rating, result.rule) == (rating, rule)


def test_within_a_range_with_an_absolute_tolerance():
    tolerance = Tolerance(absolute=D(5))

    def rating(actual: str) -> Rating:
        return rate(D(actual), None, "range", tolerance, low=D(40), high=D(60)).rating

    assert [rating(a) for a in ["34.9", "35", "65", "65.1"]] == [
        Rating.RED,
        Rating.AMBER,
        Rating.AMBER,
        Rating.RED,
    ]


def test_within_a_range_explains_each_side():
    def why(actual: str) -> str:
        return rate(D(actual), None, "range", TEN_PERCENT, low=D(40), high=D(60)).explanation

    assert why("50") == "Green: actual 50 is within the range 40 to 60 (edges included)."
    assert why("38") == (
        "Amber: actual 38 is below the range 40 to 60 but within the tolerance of 4 "
        "(within the range is best; amber from 36 up to 40)."
    )
    assert why("70") == (
        "Red: actual 70 is above the range 40 to 60 by more than the tolerance of 6 "
        "(within the range is best; red above 66)."
    )


def test_a_range_of_one_value_is_green_only_on_it():
    assert rate(D(5), None, "range", None, low=D(5), high=D(5)).rating is Rating.GREEN
    assert rate(D("5.01"), None, "range", None, low=D(5), high=D(5)).rating is Rating.RED


def test_a_range_that_runs_backwards_is_refused():
    with pytest.raises(ValueError, match="runs backwards"):
        rate(D(5), None, Polarity.RANGE, None, low=D(60), high=D(40))


def test_a_range_without_both_ends_is_not_rated():
    result = rate(D(5), None, Polarity.RANGE, TEN_PERCENT, low=D(4))

    assert result.rating is Rating.NOT_RATED
    assert result.explanation == (
        "Not rated: there is no range for this period, so the actual 5 is shown as data only."
    )


# Missing actuals and targets ----------------------------------------------------------


@pytest.mark.parametrize("polarity", list(Polarity))
def test_no_actual_once_the_period_has_ended_is_no_data(polarity):
    result = rate(None, D(25), polarity, TEN_PERCENT, low=D(1), high=D(2))

    assert result.rating is Rating.NO_DATA
    assert result.rule is Rule.NO_DATA
    assert result.explanation == "No data: the period has ended and no actual has been entered."


@pytest.mark.parametrize("polarity", list(Polarity))
def test_no_actual_before_the_period_ends_is_not_rated_as_not_yet_due(polarity):
    result = rate(None, D(25), polarity, TEN_PERCENT, period_ended=False)

    assert result.rating is Rating.NOT_RATED
    assert result.rule is Rule.NOT_DUE
    assert "not ended yet" in result.explanation


@pytest.mark.parametrize("polarity", [Polarity.HIGHER, Polarity.LOWER])
def test_an_actual_without_a_target_is_data_only(polarity):
    result = rate(D("12.5"), None, polarity, TEN_PERCENT)

    assert result.rating is Rating.NOT_RATED
    assert result.rule is Rule.NO_TARGET
    assert result.explanation == (
        "Not rated: there is no target for this period, so the actual 12.5 is shown as data only."
    )


def test_no_actual_and_no_target_after_the_period_is_still_no_data():
    assert rate(None, None, Polarity.HIGHER, None).rating is Rating.NO_DATA


def test_an_actual_entered_before_the_period_ends_is_rated():
    result = rate(D(30), D(25), Polarity.HIGHER, None, period_ended=False)

    assert result.rating is Rating.GREEN


def test_polarity_may_be_given_as_its_stored_value():
    assert rate(D(1), D(2), "lower", None).polarity is Polarity.LOWER


def test_an_unknown_polarity_is_refused():
    with pytest.raises(ValueError, match="is not a polarity"):
        rate(D(1), D(2), "sideways", None)


def test_ratings_are_the_values_exported_in_csv():
    assert [str(r) for r in Rating] == ["green", "amber", "red", "no_data", "not_rated"]
    assert Rating.NO_DATA == "no_data"
    assert Rating.NOT_RATED.label == "Not rated"


def test_the_rule_version_is_recorded():
    assert RULE_VERSION == "1"


# Direction of travel ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        ("12", "10", Polarity.HIGHER, Direction.IMPROVING),
        ("10", "10.00", Polarity.HIGHER, Direction.NO_CHANGE),
        ("9.99", "10", Polarity.HIGHER, Direction.WORSENING),
        ("8", "10", Polarity.LOWER, Direction.IMPROVING),
        ("10", "10", Polarity.LOWER, Direction.NO_CHANGE),
        ("10.01", "10", Polarity.LOWER, Direction.WORSENING),
        ("-3", "-5", Polarity.HIGHER, Direction.IMPROVING),
        ("-3", "-5", Polarity.LOWER, Direction.WORSENING),
    ],
)
def test_direction_of_travel_reads_through_polarity(current, previous, polarity, expected):
    assert direction(D(current), D(previous), polarity) is expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        ("38", "30", Direction.IMPROVING),  # closer from below
        ("62", "70", Direction.IMPROVING),  # closer from above
        ("50", "70", Direction.IMPROVING),  # into the range
        ("45", "55", Direction.NO_CHANGE),  # both inside
        ("35", "65", Direction.NO_CHANGE),  # 5 below, then 5 above
        ("65", "35", Direction.NO_CHANGE),
        ("30", "38", Direction.WORSENING),
        ("61", "60", Direction.WORSENING),  # out of the range
    ],
)
def test_within_a_range_improving_means_closer_to_the_range(current, previous, expected):
    assert direction(D(current), D(previous), Polarity.RANGE, low=D(40), high=D(60)) is expected


@pytest.mark.parametrize("polarity", list(Polarity))
def test_direction_is_unknown_without_both_values(polarity):
    assert direction(None, D(1), polarity, low=D(0), high=D(2)) is Direction.UNKNOWN
    assert direction(D(1), None, polarity, low=D(0), high=D(2)) is Direction.UNKNOWN
    assert direction(None, None, polarity) is Direction.UNKNOWN


def test_direction_within_a_range_without_a_range_is_unknown():
    assert direction(D(1), D(2), Polarity.RANGE) is Direction.UNKNOWN


def test_snapshots_compare_with_the_period_before():
    assert comparison_period(quarter("2009/10 Q1"), Accumulation.SNAPSHOT) == quarter("2008/09 Q4")
    assert comparison_period(quarter("2009-04"), "snapshot") == quarter("2009-03")


def test_cumulative_figures_compare_with_the_same_period_last_year():
    assert comparison_period(quarter("2009/10 Q2"), Accumulation.CUMULATIVE) == quarter(
        "2008/09 Q2"
    )
    assert comparison_period(quarter("2009-04"), "cumulative") == quarter("2008-04")


# Forecast -----------------------------------------------------------------------------


def test_a_cumulative_forecast_continues_the_year_to_date_in_a_straight_line():
    result = forecast(
        [(quarter("2009/10 Q1"), D(20)), (quarter("2009/10 Q2"), D(50))],
        Accumulation.CUMULATIVE,
        D(110),
        Polarity.HIGHER,
        TEN_PERCENT,
    )

    assert result is not None
    assert result.value == 100
    assert result.based_on == quarter("2009/10 Q2")
    assert result.rating is Rating.AMBER
    assert result.explanation == (
        "Forecast for the year 100: 50 so far at 2009/10 Q2 (6 of 12 months), continued "
        "in a straight line. Amber: forecast 100 is below the target 110 but within the "
        "tolerance of 11 (higher is better; amber from 99 up to 110)."
    )


def test_a_cumulative_forecast_uses_the_latest_period_whatever_the_order():
    result = forecast(
        [
            (quarter("2009/10 Q3"), D(90)),
            (quarter("2009/10 Q1"), D(20)),
            (quarter("2009/10 Q4"), None),
        ],
        "cumulative",
        D(100),
        "higher",
        None,
    )

    assert result is not None
    assert result.value == 120
    assert result.rating is Rating.GREEN


def test_a_forecast_that_does_not_divide_evenly_keeps_one_more_decimal_place():
    result = forecast([(quarter("2009-10"), D(50))], "cumulative", D(80), "higher", None)

    assert result is not None
    assert result.value == D("85.7")  # 50 * 12 / 7 months


def test_a_cumulative_forecast_at_year_end_is_the_year_end_figure():
    result = forecast([(quarter("2009/10 Q4"), D("97.5"))], "cumulative", D(100), "higher", None)

    assert result is not None
    assert result.value == D("97.5")
    assert result.explanation.startswith("Forecast for the year 97.5: the year-end figure.")


def test_a_snapshot_forecast_is_the_latest_value():
    result = forecast(
        [(quarter("2009/10 Q1"), D(30)), (quarter("2009/10 Q2"), D(27))],
        Accumulation.SNAPSHOT,
        D(25),
        Polarity.LOWER,
        TEN_PERCENT,
    )

    assert result is not None
    assert result.value == 27
    assert result.rating is Rating.AMBER
    assert result.explanation.startswith(
        "Forecast for the year 27: the latest actual, at 2009/10 Q2, carried forward. "
        "Amber: forecast 27 is above the target 25"
    )


def test_a_forecast_against_a_range():
    result = forecast(
        [(quarter("2009/10 Q1"), D(15))],
        Accumulation.CUMULATIVE,
        None,
        Polarity.RANGE,
        Tolerance(absolute=D(5)),
        low=D(40),
        high=D(55),
    )

    assert result is not None
    assert (result.value, result.rating) == (60, Rating.AMBER)


def test_no_forecast_without_any_actual():
    assert forecast([], "cumulative", D(100), "higher", None) is None
    assert forecast([(quarter("2009/10 Q1"), None)], "snapshot", D(1), "higher", None) is None


def test_a_forecast_without_an_annual_target_is_not_rated():
    result = forecast([(quarter("2009/10 Q1"), D(10))], "cumulative", None, "higher", None)

    assert result is not None
    assert result.value == 40
    assert result.rating is Rating.NOT_RATED
    assert "so the forecast 40 is shown as data only" in result.explanation


# Properties ---------------------------------------------------------------------------


@given(values, values, tolerances)
def test_higher_and_lower_mirror_each_other(actual, target, tolerance):
    higher = rate(actual, target, Polarity.HIGHER, tolerance)
    lower = rate(-actual, -target, Polarity.LOWER, tolerance)

    assert higher.rating is lower.rating
    assert higher.tolerance_amount == lower.tolerance_amount


@given(values, values, values, tolerances)
def test_a_higher_actual_never_rates_worse_when_higher_is_better(a, b, target, tolerance):
    low, high = sorted((a, b))

    assert (
        RANK[rate(high, target, "higher", tolerance).rating]
        >= RANK[rate(low, target, "higher", tolerance).rating]
    )
    assert (
        RANK[rate(low, target, "lower", tolerance).rating]
        >= RANK[rate(high, target, "lower", tolerance).rating]
    )


@given(values, values, tolerances)
def test_green_exactly_when_the_target_is_met(actual, target, tolerance):
    assert (rate(actual, target, "higher", tolerance).rating is Rating.GREEN) == (actual >= target)
    assert (rate(actual, target, "lower", tolerance).rating is Rating.GREEN) == (actual <= target)


@given(values, values, tolerances, polarities)
def test_red_exactly_when_outside_the_tolerance(actual, target, tolerance, polarity):
    t = tolerance.amount(target)
    gap = target - actual if polarity is Polarity.HIGHER else actual - target

    assert (rate(actual, target, polarity, tolerance).rating is Rating.RED) == (gap > t)


@given(values, values, zero_tolerances, polarities)
def test_zero_tolerance_is_never_amber(actual, target, tolerance, polarity):
    assert rate(actual, target, polarity, tolerance).rating in (Rating.GREEN, Rating.RED)


@given(values, values, tolerances, polarities)
def test_a_rated_result_is_always_green_amber_or_red_and_explains_itself(
    actual, target, tolerance, polarity
):
    result = rate(actual, target, polarity, tolerance)

    assert result.rating in RANK
    assert result.explanation.startswith(result.rating.label + ":")
    assert f"{actual:,f}" in result.explanation


@given(values, values, values, tolerances)
def test_a_range_mirrors_around_zero(actual, a, b, tolerance):
    low, high = sorted((a, b))

    assert (
        rate(actual, None, "range", tolerance, low=low, high=high).rating
        is rate(-actual, None, "range", tolerance, low=-high, high=-low).rating
    )


@given(values, values, tolerances)
def test_a_range_of_one_value_behaves_like_a_target_from_either_side(actual, target, tolerance):
    as_range = rate(actual, None, "range", tolerance, low=target, high=target).rating
    polarity = Polarity.HIGHER if actual <= target else Polarity.LOWER

    assert as_range is rate(actual, target, polarity, tolerance).rating


@given(values, values, values, tolerances)
def test_a_range_rating_never_worsens_moving_towards_the_range(actual, a, b, tolerance):
    low, high = sorted((a, b))
    nearer = min(max(actual, low), high)
    halfway = (actual + nearer) / 2

    def rank(value: Decimal) -> int:
        return RANK[rate(value, None, "range", tolerance, low=low, high=high).rating]

    assert rank(nearer) >= rank(halfway) >= rank(actual)


@given(values, values, polarities)
def test_direction_swaps_when_the_values_swap(current, previous, polarity):
    forwards = direction(current, previous, polarity)
    backwards = direction(previous, current, polarity)
    opposite = {
        Direction.IMPROVING: Direction.WORSENING,
        Direction.WORSENING: Direction.IMPROVING,
        Direction.NO_CHANGE: Direction.NO_CHANGE,
    }

    assert backwards is opposite[forwards]


@given(values, values)
def test_direction_mirrors_between_higher_and_lower(current, previous):
    assert direction(current, previous, "higher") is direction(-current, -previous, "lower")


@given(st.lists(values, min_size=4, max_size=4), st.booleans())
def test_within_a_range_values_inside_never_change_direction(numbers, swap):
    low, current, previous, high = sorted(numbers)
    if swap:
        current, previous = previous, current

    assert direction(current, previous, "range", low=low, high=high) is Direction.NO_CHANGE


@given(st.decimals(min_value=0, max_value=100_000, places=2), st.integers(1, 12))
def test_a_cumulative_forecast_continues_at_the_same_monthly_rate(ytd, months):
    period = Period.of_month(2009, 3 + months) if months <= 9 else Period.of_month(2010, months - 9)

    result = forecast([(period, ytd)], "cumulative", None, "higher", None)

    assert result is not None
    # Rounded to one more place than the actual, so within half of 0.001 of exact.
    assert abs(result.value - ytd * 12 / months) <= D("0.0005")
