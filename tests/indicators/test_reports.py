"""Report data: scorecard rows and counts, exception ordering, the highlight rule."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import HighlightOverride
from indicators.periods import Period
from indicators.rating import Direction, Rating
from indicators.reports import (
    Filters,
    Section,
    build_exceptions,
    build_highlight,
    build_scorecard,
    counts_text,
    rating_counts,
    report_periods,
    theme_direction,
    theme_rating,
)
from partnerships.models import Area
from tests.factories import make_outcome, make_person, make_theme
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 1)
Q2 = Period.parse("2009/10 Q2")


def rated(partnership, code, actual, *, previous=None, target="50", annual="50", **extra):
    """A higher-is-better quarterly target (5% tolerance) with a Q2 actual (None: missing)."""
    indicator = make_indicator(
        partnership.agreement, code, title=f"Indicator {code}", polarity="higher"
    )
    t = make_target(partnership, indicator, tolerance=Decimal(5), **extra)
    values = {"2009/10": annual, "2009/10 Q2": target}
    set_values(t, **{period: value for period, value in values.items() if value is not None})
    if previous is not None:
        add_actual(t, "2009/10 Q1", previous)
    add_actual(t, "2009/10 Q2", actual, commentary=f"Commentary on {code}.")
    return t


@pytest.fixture
def targets(world):
    """One target per rating, in Safer Essex (P2 unless said)."""
    safer = world.safer
    return {
        "green": rated(safer, "NI 1", "52", previous="51"),
        "amber": rated(safer, "NI 2", "48.5", previous="47.6"),  # improving
        "red": rated(safer, "NI 3", "40", previous="45"),
        "no_data": rated(safer, "NI 4", None, previous="49"),
        "not_rated": rated(safer, "NI 5", "30", target=None, annual=None),
    }


def test_scorecard_rates_every_active_target_for_the_period(world, targets):
    report = build_scorecard(agreement=world.essex, period=Q2, today=TODAY)
    by_code = {row.code: row for row in report.rows}
    assert by_code["NI 1"].rating is Rating.GREEN
    assert by_code["NI 2"].rating is Rating.AMBER
    assert by_code["NI 3"].rating is Rating.RED
    assert by_code["NI 4"].rating is Rating.NO_DATA
    assert by_code["NI 4"].is_late and by_code["NI 4"].actual_text == "Late"
    assert by_code["NI 5"].rating is Rating.NOT_RATED
    assert by_code["NI 1"].direction is Direction.IMPROVING
    assert by_code["NI 3"].direction is Direction.WORSENING
    assert by_code["NI 1"].commentary == "Commentary on NI 1."
    assert by_code["NI 1"].actual_text == "52.0%"
    assert report.summary == "1 green, 1 amber, 1 red, 1 no data, 1 not rated"


def test_scorecard_defaults_to_the_latest_period_with_data(world, targets):
    add_actual(targets["green"], "2009/10 Q3", "53")
    report = build_scorecard(agreement=world.essex, today=TODAY)
    assert report.period.label == "2009/10 Q3"


def test_scorecard_counts_by_partnership_and_groups_by_theme(world, targets):
    theme = make_theme(world.essex, "Healthier communities", partnership=world.cwop)
    rated(world.cwop, "NI 119", "60", outcome=make_outcome(theme))
    report = build_scorecard(agreement=world.essex, period=Q2, today=TODAY)
    assert [g.title for g in report.groups] == ["Healthier communities", "Safer Essex"]
    cwop = next(p for p in report.by_partnership if p.partnership == world.cwop.name)
    assert cwop.total == 1 and counts_text(cwop.counts) == "1 green"


def test_removed_targets_are_left_out(world, targets):
    targets["red"].status = "removed"
    targets["red"].removed_reason = "Dropped at the refresh"
    targets["red"].save()
    report = build_scorecard(agreement=world.essex, period=Q2, today=TODAY)
    assert "NI 3" not in [row.code for row in report.rows]


@pytest.mark.parametrize(
    ("filters", "codes"),
    [
        (Filters(rating="red"), ["NI 3"]),
        (Filters(rating="no_data"), ["NI 4"]),
        (Filters(priority=1), ["NI 2"]),
        (Filters(designation="statutory"), ["NI 1"]),
    ],
)
def test_filters_narrow_the_rows(world, targets, filters, codes):
    for key, code in (("amber", 1), ("green", None)):
        target = targets[key]
        if code:
            target.priority = 1
        else:
            target.designation = "statutory"
        target.save()
    report = build_scorecard(agreement=world.essex, filters=filters, period=Q2, today=TODAY)
    assert [row.code for row in report.rows] == codes


def test_filters_by_partnership_theme_and_lead(world, targets):
    lead = make_person(world.essex, "Colin Steele")
    theme = make_theme(world.essex, "Older people")
    rated(world.cwop, "NI 135", "55", lead=lead, outcome=make_outcome(theme))
    for filters in (
        Filters(partnership=world.cwop.pk),
        Filters(theme=theme.pk),
        Filters(lead=lead.pk),
    ):
        report = build_scorecard(agreement=world.essex, filters=filters, period=Q2, today=TODAY)
        assert [row.code for row in report.rows] == ["NI 135"]


def test_district_filter_rates_the_districts_own_actuals(world, targets):
    harlow = Area.objects.create(code="22UJ", name="Harlow", kind=Area.Kind.DISTRICT)
    add_actual(targets["green"], "2009/10 Q1", "45", district=harlow)
    add_actual(targets["green"], "2009/10 Q2", "40", district=harlow)
    report = build_scorecard(
        agreement=world.essex, filters=Filters(district=harlow.pk), period=Q2, today=TODAY
    )
    (row,) = report.rows  # only targets broken down by district
    assert row.code == "NI 1" and row.actual == Decimal("40.0")
    assert row.rating is Rating.RED and row.direction is Direction.WORSENING


def test_report_periods_are_the_quarters_and_years_of_the_agreement(world):
    labels = [p.label for p in report_periods(world.essex)]
    assert labels[:5] == ["2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4", "2008/09"]
    assert len(labels) == 15


# Exception report ---------------------------------------------------------------------------


def test_exception_report_lists_each_target_once_in_the_agreed_order(world, targets):
    safer = world.safer
    rated(safer, "NI 10", "48.5", previous="49.5")  # amber and worsening
    rated(safer, "NI 11", "52", baseline=None)  # green, baseline awaited
    # Priority one, on target now but the year's target is 60: forecast red.
    rated(safer, "NI 12", "52", previous="51", annual="60", priority=1)
    # Red *and* priority one forecast to miss: shown under red, the other reason noted.
    rated(safer, "NI 13", "40", annual="60", priority=1)
    report = build_exceptions(agreement=world.essex, period=Q2, today=TODAY)
    assert [(s.section, [r.code for r in s.rows]) for s in report.sections] == [
        (Section.RED, ["NI 3", "NI 13"]),  # codes as people read them
        (Section.AMBER_WORSENING, ["NI 10"]),
        (Section.NO_DATA, ["NI 4"]),
        (Section.BASELINE_AWAITED, ["NI 11"]),
        (Section.FORECAST_TO_MISS, ["NI 12"]),
        (Section.BOTTOM_QUARTILE, []),
    ]
    assert [row.code for row in report.rows] == ["NI 3", "NI 13", "NI 10", "NI 4", "NI 11", "NI 12"]
    red_p1 = report.sections[0].rows[1]
    assert red_p1.also == "priority-one targets forecast to miss"
    assert red_p1.commentary == "Commentary on NI 13."
    assert "Red: actual 40.0 is below the target 50.0" in red_p1.explanation


def test_amber_but_improving_and_green_targets_are_not_exceptions(world, targets):
    report = build_exceptions(agreement=world.essex, period=Q2, today=TODAY)
    codes = [row.code for row in report.rows]
    assert "NI 1" not in codes and "NI 2" not in codes and "NI 5" not in codes


# Highlight report ---------------------------------------------------------------------------


class FakeRow:
    """Only what the theme rules read."""

    def __init__(self, rating, direction=Direction.UNKNOWN, *, mandatory=False, code="NI 1"):
        self.rating, self.direction, self.is_mandatory, self.code = (
            rating,
            direction,
            mandatory,
            code,
        )


G, A, R, N = Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NO_DATA


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], Rating.NO_DATA),
        ([N, Rating.NOT_RATED], Rating.NO_DATA),
        ([G, G, G], Rating.GREEN),
        ([G, G, A], Rating.GREEN),  # two-thirds green, none red
        ([G, A, A], Rating.AMBER),
        ([G, G, G, G, G, R], Rating.GREEN),  # five-sixths green, the red not mandatory
        ([G, G, R], Rating.RED),  # a third red
        ([G, G, G, A, R, N, N], Rating.AMBER),  # no data does not count
    ],
)
def test_theme_rating_rule(ratings, expected):
    rating, reason = theme_rating([FakeRow(r) for r in ratings])
    assert rating is expected
    assert reason.startswith(expected.label)


def test_theme_rating_counts_priority_one_and_statutory_targets_twice():
    rows = [
        FakeRow(G),
        FakeRow(G),
        FakeRow(G),
        FakeRow(G),
        FakeRow(R, mandatory=True, code="NI 32"),
    ]
    rating, reason = theme_rating(rows)  # red weighs 2 of 6: a third
    assert rating is Rating.RED
    rows = [*(FakeRow(G) for _ in range(5)), FakeRow(R, mandatory=True, code="NI 32")]
    rating, reason = theme_rating(rows)  # 2 of 7 red, but a mandatory red stops green
    assert rating is Rating.AMBER
    assert "NI 32 (priority one or statutory) is red" in reason


@pytest.mark.parametrize(
    ("directions", "expected"),
    [
        ([], Direction.UNKNOWN),
        ([Direction.UNKNOWN], Direction.UNKNOWN),
        ([Direction.IMPROVING, Direction.IMPROVING, Direction.WORSENING], Direction.IMPROVING),
        ([Direction.IMPROVING, Direction.WORSENING, Direction.WORSENING], Direction.WORSENING),
        ([Direction.IMPROVING, Direction.WORSENING, Direction.NO_CHANGE], Direction.NO_CHANGE),
        ([Direction.NO_CHANGE], Direction.NO_CHANGE),
    ],
)
def test_theme_direction_rule(directions, expected):
    direction, _ = theme_direction([FakeRow(G, d) for d in directions])
    assert direction is expected


def test_highlight_rates_each_theme_lists_risks_and_missing_information(world):
    theme = make_theme(world.essex, "Safer communities", partnership=world.safer)
    outcome = make_outcome(theme)
    rated(world.safer, "NI 32", "40", previous="45", priority=1, outcome=outcome)
    rated(world.safer, "NI 16", "52", previous="50", outcome=outcome)
    rated(world.safer, "NI 21", "52", previous="50", baseline=None, outcome=outcome)
    rated(world.safer, "NI 26", None, outcome=outcome)
    report = build_highlight(agreement=world.essex, period=Q2, today=TODAY)
    (safer,) = [t for t in report.themes if t.theme_id == theme.pk]
    assert safer.rating is Rating.RED  # NI 32 weighs 2 of 4
    assert safer.direction is Direction.NO_CHANGE  # 2 improving, 2 (weighted) worsening
    assert [(row.code, why) for row, why in safer.risks] == [("NI 32", "red this period")]
    assert [(row.code, what) for row, what in safer.missing] == [
        ("NI 21", "baseline awaited"),
        ("NI 26", "late"),
    ]
    assert not safer.is_overridden and safer.key_issues == ""


def test_highlight_uses_the_secretariats_override_and_keeps_the_rules_answer(world):
    theme = make_theme(world.essex, "Safer communities", partnership=world.safer)
    rated(world.safer, "NI 16", "52", previous="50", outcome=make_outcome(theme))
    HighlightOverride.objects.create(
        theme=theme,
        period="2009/10 Q2",
        rating="amber",
        reason="The Q3 figures already show a fall.",
        key_issues="Recruitment of IDVAs.",
    )
    report = build_highlight(agreement=world.essex, period=Q2, today=TODAY)
    safer = next(t for t in report.themes if t.theme_id == theme.pk)
    assert safer.rating is Rating.AMBER and safer.computed_rating is Rating.GREEN
    assert safer.direction is Direction.IMPROVING  # not overridden
    assert safer.is_overridden and safer.key_issues == "Recruitment of IDVAs."
    other_period = build_highlight(agreement=world.essex, period=Q2.previous(), today=TODAY)
    assert not next(t for t in other_period.themes if t.theme_id == theme.pk).is_overridden


def test_rating_counts_keep_the_order_of_the_ratings():
    counts = rating_counts([FakeRow(R), FakeRow(G), FakeRow(R)])  # type: ignore[list-item]
    assert [(c.rating, c.count) for c in counts] == [
        (G, 1),
        (A, 0),
        (R, 2),
        (N, 0),
        (Rating.NOT_RATED, 0),
    ]
    assert counts_text(counts) == "1 green, 2 red"
