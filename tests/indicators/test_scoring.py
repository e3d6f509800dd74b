"""Rating many targets from the database: the numbers a PMG argues about."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import Target
from indicators.periods import Period
from indicators.scoring import TargetData, latest_scores
from partnerships.models import Area
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db
TODAY = dt.date(2010, 1, 15)


def test_quarterly_target_is_rated_against_its_profile(world):
    t = make_target(world.safer)
    set_values(t, **{"2009/10 Q2": "25.0"})
    add_actual(t, "2009/10 Q2", "26.0")  # lower is better, 5% tolerance = 1.25 -> amber
    score = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]
    assert score.rating == "amber"
    assert score.target_value == Decimal("25.0")
    assert "within the tolerance of 1.25" in score.result.explanation


def test_direction_compares_with_the_previous_quarter_through_the_polarity(world):
    t = make_target(world.safer)
    add_actual(t, "2009/10 Q1", "27.0")
    add_actual(t, "2009/10 Q2", "26.0")
    score = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]
    assert score.direction == "improving"  # fewer repeat incidents


def test_annual_indicator_in_a_quarterly_report_shows_last_completed_year(world):
    ind = make_indicator(world.essex, "NI 154", polarity="higher", frequency="annual")
    t = make_target(world.safer, ind, baseline=Decimal("4300"), baseline_period="2007/08")
    set_values(t, **{"2008/09": "4800"})
    add_actual(t, "2008/09", "4200")
    score = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]
    assert score.period.label == "2008/09"
    assert score.rating == "red"
    assert score.direction == "worsening"  # 4200 below the 2007/08 baseline of 4300


def test_missing_actual_after_the_grace_period_is_no_data_and_late(world, settings):
    settings.RETURNS_GRACE_DAYS = 30
    t = make_target(world.safer)
    set_values(t, **{"2009/10 Q2": "25"})
    data = TargetData(Target.objects.all())
    on_time = data.score(data.infos[t.pk], Period.parse("2009/10 Q2"), dt.date(2009, 10, 20))
    late = data.score(data.infos[t.pk], Period.parse("2009/10 Q2"), dt.date(2009, 11, 5))
    assert on_time.rating == "no_data" and not on_time.is_late
    assert late.is_late


def test_baseline_awaited_without_target_is_data_only(world):
    t = make_target(world.safer, baseline=None, baseline_awaited_reason="Awaiting the Place Survey")
    add_actual(t, "2009/10 Q2", "55")
    score = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]
    assert score.rating == "not_rated"
    assert score.target.is_baseline_awaited


def test_cumulative_forecast_is_a_straight_line_to_year_end(world):
    ind = make_indicator(world.essex, "NI 135", polarity="higher", accumulation="cumulative")
    t = make_target(world.safer, ind)
    set_values(t, **{"2009/10": "24", "2009/10 Q2": "12"})
    add_actual(t, "2009/10 Q1", "5")
    add_actual(t, "2009/10 Q2", "11")
    score = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]
    assert score.forecast.value == Decimal("22.0")
    assert score.forecast_rating == "red"  # 5% of 24 is 1.2: red below 22.8


def test_latest_scores_take_each_targets_latest_actual(world):
    t = make_target(world.safer)
    set_values(t, **{"2009/10 Q1": "26", "2009/10 Q2": "25"})
    add_actual(t, "2009/10 Q1", "25")
    scores = latest_scores(Target.objects.all(), today=TODAY)
    assert scores[t.pk].period.label == "2009/10 Q1"
    assert scores[t.pk].rating == "green"


def test_scoring_runs_the_same_queries_for_5_or_50_targets(world, django_assert_num_queries):
    for n in range(50):
        t = make_target(world.safer, make_indicator(world.essex, f"LI {n}"))
        set_values(t, **{"2009/10 Q1": "10"})
        add_actual(t, "2009/10 Q1", "9")
    with django_assert_num_queries(5):
        TargetData(
            Target.objects.filter(indicator__code__in=["LI 1", "LI 2", "LI 3", "LI 4", "LI 5"])
        ).scores(Period.parse("2009/10 Q1"), TODAY)
    with django_assert_num_queries(5):
        TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q1"), TODAY)


def test_figures_are_read_at_the_indicators_decimal_places(world):
    ind = make_indicator(world.essex, "NI 39", decimal_places=2)
    t = make_target(world.safer, ind)
    set_values(t, **{"2009/10 Q2": "25.1234", "2009/10": "24"})
    add_actual(t, "2009/10 Q2", "26.005")  # half up, as published (docs/rating.md)
    add_actual(t, "2009/10 Q1", "1000000.5")
    score = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]
    assert score.target_value == Decimal("25.12")
    assert str(score.actual_value) == "26.01"
    assert score.previous_value == Decimal("1000000.50")
    assert score.forecast.result.target == Decimal("24.00")


def test_one_districts_actuals_are_rated_against_the_area_target(world):
    district = Area.objects.create(code="E07000066", name="Basildon", kind=Area.Kind.DISTRICT)
    t = make_target(world.safer)
    set_values(t, **{"2009/10 Q2": "25"})
    add_actual(t, "2009/10 Q2", "24")
    add_actual(t, "2009/10 Q2", "30", district=district)
    area = TargetData(Target.objects.all()).scores(Period.parse("2009/10 Q2"), TODAY)[0]
    one = TargetData(Target.objects.all(), district_id=district.pk)
    score = one.scores(Period.parse("2009/10 Q2"), TODAY)[0]
    assert (area.rating, area.actual_value) == ("green", Decimal("24.0"))
    assert (score.rating, score.actual_value) == ("red", Decimal("30.0"))
