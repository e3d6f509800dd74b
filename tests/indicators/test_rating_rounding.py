"""Rating on the figure as published: the indicator's decimal places, rounded half up
(issue 16, item 6; docs/rating.md, "Rounding")."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import Target
from indicators.periods import Period
from indicators.rating import NO_TOLERANCE, Rating, as_published, rate
from indicators.scoring import TargetData
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

TODAY = dt.date(2010, 1, 15)


@pytest.mark.parametrize(
    "value, places, published",
    [
        ("99.95", 1, "100.0"),  # half up, where half-to-even would also give 100.0
        ("99.94", 1, "99.9"),
        ("10.05", 1, "10.1"),  # half-to-even would give 10.0
        ("10.25", 1, "10.3"),  # half-to-even would give 10.2
        ("2.5", 0, "3"),  # half-to-even would give 2
        ("-10.05", 1, "-10.1"),  # halves round away from zero, as spreadsheets do
    ],
)
def test_figures_are_published_rounding_half_up(value, places, published):
    assert as_published(Decimal(value), places) == Decimal(published)


@pytest.mark.parametrize(
    "actual, expected",
    [("99.95", Rating.GREEN), ("99.94", Rating.RED)],
)
def test_higher_is_better_rates_the_published_figure_at_both_boundaries(actual, expected):
    published = as_published(Decimal(actual), 1)
    assert rate(published, Decimal("100.0"), "higher", NO_TOLERANCE).rating is expected


@pytest.mark.parametrize(
    "actual, expected",
    [("10.04", Rating.GREEN), ("10.05", Rating.RED)],
)
def test_lower_is_better_rates_the_published_figure_at_both_boundaries(actual, expected):
    published = as_published(Decimal(actual), 1)
    assert rate(published, Decimal("10.0"), "lower", NO_TOLERANCE).rating is expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "polarity, target, actual, expected",
    [
        ("higher", "100", "99.95", "green"),
        ("higher", "100", "99.94", "red"),
        ("lower", "10", "10.04", "green"),
        ("lower", "10", "10.05", "red"),
    ],
)
def test_scorecards_rate_the_figure_as_published(world, polarity, target, actual, expected):
    indicator = make_indicator(world.essex, "CS01", polarity=polarity, decimal_places=1)
    t = make_target(world.safer, indicator, tolerance=Decimal("0"))
    set_values(t, **{"2009/10 Q2": target})
    add_actual(t, "2009/10 Q2", actual)

    score = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]

    assert score.rating == expected
    assert score.actual_value == as_published(Decimal(actual), 1)
