"""The chance of meeting the year-end target (indicators/forecast.py): its edges, its
monotonicity, its interval; and the target page and scorecard showing it in words."""

from __future__ import annotations

import pytest

from indicators.forecast import (
    Verdict,
    cumulative_chance,
    level_chance,
    probability_of_meeting,
)


def test_exactly_on_target_is_an_even_chance() -> None:
    assert probability_of_meeting(50.0, 2.0, 50.0, "higher") == pytest.approx(0.5)
    assert probability_of_meeting(50.0, 2.0, 50.0, "lower") == pytest.approx(0.5)


def test_exactly_on_target_with_no_variance_is_met() -> None:
    assert probability_of_meeting(50.0, 0.0, 50.0, "higher") == 1.0
    assert probability_of_meeting(50.0, 0.0, 50.0, "lower") == 1.0


def test_one_point_is_not_enough_data() -> None:
    chance = level_chance([(1, 40.0)], at=12, target=50.0, polarity="higher")
    assert chance.probability is None
    assert chance.verdict is Verdict.NOT_ENOUGH_DATA
    assert chance.words == "Not enough data to say how likely"
    one_quarter = cumulative_chance(
        [(0.25, 10.0)], periods_in_year=4, target=40.0, polarity="higher"
    )
    assert one_quarter.probability is None


def test_no_variance_gives_zero_or_one_with_a_note() -> None:
    flat = [(1, 40.0), (2, 40.0), (3, 40.0)]
    short = level_chance(flat, at=12, target=50.0, polarity="higher")
    met = level_chance(flat, at=12, target=30.0, polarity="higher")
    assert (short.probability, met.probability) == (0.0, 1.0)
    assert "do not vary" in short.note and "do not vary" in met.note
    assert short.low == short.high == short.expected == 40.0


def test_lower_is_better_mirrors_higher() -> None:
    points = [(1, 30.0), (2, 28.0), (3, 29.0), (4, 27.0)]
    lower = level_chance(points, at=12, target=25.0, polarity="lower")
    higher = level_chance(points, at=12, target=25.0, polarity="higher")
    assert lower.probability == pytest.approx(1 - higher.probability)
    assert lower.expected is not None and lower.expected < 27.0  # the trend goes on down


def test_the_chance_falls_as_the_gap_to_the_target_widens() -> None:
    points = [(1, 40.0), (2, 43.0), (3, 42.0), (4, 45.0)]
    chances = [
        level_chance(points, at=12, target=t, polarity="higher").probability
        for t in (40.0, 50.0, 55.0, 60.0, 70.0)
    ]
    assert chances == sorted(chances, reverse=True)
    assert chances[0] > chances[-1]
    lower = [
        level_chance(points, at=12, target=t, polarity="lower").probability
        for t in (40.0, 50.0, 55.0, 60.0, 70.0)
    ]
    assert lower == sorted(lower)


@pytest.mark.parametrize(
    "chance",
    [
        level_chance([(1, 40.0), (2, 44.0)], at=12, target=50.0, polarity="higher"),
        level_chance([(1, 40.0), (2, 44.0), (3, 41.0)], at=12, target=50.0, polarity="higher"),
        cumulative_chance(
            [(0.25, 10.0), (0.5, 25.0)], periods_in_year=4, target=40.0, polarity="higher"
        ),
    ],
)
def test_the_interval_contains_the_point_forecast(chance) -> None:  # type: ignore[no-untyped-def]
    assert chance.low <= chance.expected <= chance.high
    assert chance.low < chance.high


def test_cumulative_year_end_continues_the_rate_so_far() -> None:
    chance = cumulative_chance(
        [(0.25, 10.0), (0.5, 22.0)], periods_in_year=4, target=40.0, polarity="higher"
    )
    assert chance.expected == pytest.approx(44.0)  # 22 at half the year → 44
    assert chance.verdict is Verdict.LIKELY or chance.verdict is Verdict.UNCERTAIN


def test_cumulative_with_the_year_end_in_is_certain() -> None:
    chance = cumulative_chance(
        [(0.25, 10.0), (0.5, 20.0), (0.75, 30.0), (1.0, 39.0)],
        periods_in_year=4,
        target=40.0,
        polarity="higher",
    )
    assert chance.probability == 0.0
    assert chance.low == chance.high == 39.0


def test_the_words_name_the_verdict_and_the_percentage() -> None:
    likely = level_chance([(1, 60.0), (2, 62.0), (3, 61.0)], at=12, target=50.0, polarity="higher")
    assert likely.verdict is Verdict.LIKELY
    assert likely.words.startswith("Likely to be met (≈")
    unlikely = level_chance(
        [(1, 30.0), (2, 32.0), (3, 31.0)], at=12, target=50.0, polarity="higher"
    )
    assert unlikely.words.startswith("Unlikely to be met (≈")


def test_thresholds_are_seventy_and_thirty() -> None:
    from indicators.forecast import Chance

    assert Chance(0.70).verdict is Verdict.LIKELY
    assert Chance(0.6999).verdict is Verdict.UNCERTAIN
    assert Chance(0.30).verdict is Verdict.UNLIKELY
    assert Chance(0.3001).verdict is Verdict.UNCERTAIN


def test_range_polarity_is_the_chance_of_landing_inside() -> None:
    inside = probability_of_meeting(50.0, 1.0, None, "range", low=45.0, high=55.0)
    edge = probability_of_meeting(45.0, 1.0, None, "range", low=45.0, high=55.0)
    assert inside > 0.99
    assert edge == pytest.approx(0.5, abs=0.01)


# Shown beside the rating, in words --------------------------------------------------------


@pytest.fixture
def forecast_target(world, settings):  # type: ignore[no-untyped-def]
    import datetime as dt

    from tests.indicators.factories import add_actual, set_values
    from tests.indicators.factories import make_target as make

    settings.GOLDEN_THREAD_TODAY = dt.date(2009, 11, 20)
    target = make(world.safer)  # NI 32, lower is better, quarterly
    set_values(target, **{"2009/10": "20", "2009/10 Q1": "20", "2009/10 Q2": "20"})
    for period, value in [("2008/09 Q3", "30"), ("2008/09 Q4", "29.5"), ("2009/10 Q1", "29"),
                          ("2009/10 Q2", "28.8")]:  # fmt: skip
        add_actual(target, period, value)
    return target


def test_the_target_page_says_how_likely_in_words_with_a_band(world, as_user, forecast_target):  # type: ignore[no-untyped-def]
    body = (
        as_user(world.observer).get(f"/indicators/targets/{forecast_target.pk}/").content.decode()
    )
    assert "2009/10 target: <strong>Unlikely to be met (≈0%)</strong>" in body
    assert "Chance of meeting the 2009/10 target" in body and "80% between" in body
    assert 'aria-labelledby="chance-title chance-desc"' in body  # the band, described
    assert "style=" not in body.split('id="chance-title"')[1].split("</svg>")[0]


def test_the_scorecard_says_how_likely_in_words(world, as_user, forecast_target):  # type: ignore[no-untyped-def]
    body = as_user(world.observer).get("/indicators/scorecard/").content.decode()
    assert "data-chance>Unlikely to be met (≈0%)" in body
