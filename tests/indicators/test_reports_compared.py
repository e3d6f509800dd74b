"""Reports against comparators and sign-off: the benchmark column and bottom-quartile filter,
district hotspots on the exception report, and ratings "as approved" against "recalculated"."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import ComparatorImport, ComparatorValue, FamilyGroup, Target
from indicators.periods import Period
from indicators.rating import Rating
from indicators.reports import APPROVED, Filters, Section, build_exceptions, build_scorecard
from indicators.return_actions import data_return_approve, data_return_submit
from partnerships.models import Area
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 1, 1)
Q1 = Period.parse("2009/10 Q1")


def lower_is_better(world, code, actual, target="26", **extra):
    indicator = make_indicator(world.essex, code, title=f"Indicator {code}", polarity="lower")
    made = make_target(world.safer, indicator, tolerance=Decimal(5), **extra)
    set_values(made, **{"2009/10 Q1": target})
    add_actual(made, "2009/10 Q1", actual)
    return made


@pytest.fixture
def compared(world):
    """Essex in a family group of eight counties; two targets with 2008/09 comparator
    figures: NI 1 best in the group, NI 2 worst."""
    counties = [
        Area.objects.create(code=f"C{n}", name=f"County {n}", kind="county") for n in range(8)
    ]
    world.essex.area = counties[0]
    world.essex.save()
    group = FamilyGroup.objects.create(agreement=world.essex, name="Shire counties")
    group.members.set(counties)
    batch = ComparatorImport.objects.create(agreement=world.essex, filename="ni.csv", content=b"-")
    best = lower_is_better(world, "NI 1", "25")
    worst = lower_is_better(world, "NI 2", "25")
    for rank, county in enumerate(counties):
        for target, value in ((best, 10 + rank), (worst, 30 - rank)):
            ComparatorValue.objects.create(
                indicator=target.indicator, area=county, period="2008/09", value=Decimal(value),
                batch=batch,
            )  # fmt: skip
    return {"best": best, "worst": worst, "plain": lower_is_better(world, "NI 3", "25")}


def test_the_scorecard_shows_each_targets_quartile_in_its_family_group(world, compared):
    report = build_scorecard(agreement=world.essex, period=Q1, today=TODAY)
    rows = {row.code: row for row in report.rows}
    assert (rows["NI 1"].quartile, rows["NI 1"].benchmark_text) == (
        1, "Top quartile (1 of 8, 2008/09)"
    )  # fmt: skip
    assert (rows["NI 2"].quartile, rows["NI 2"].benchmark_text) == (
        4, "Bottom quartile (8 of 8, 2008/09)"
    )  # fmt: skip
    assert rows["NI 3"].quartile is None and rows["NI 3"].benchmark_text == ""


def test_the_bottom_quartile_filter_keeps_only_the_worst_quarter(world, compared, as_user):
    report = build_scorecard(agreement=world.essex, period=Q1, filters=Filters(quartile=4))
    assert [row.code for row in report.rows] == ["NI 2"]
    page = as_user(world.chair).get("/indicators/scorecard/?period=2009/10+Q1&quartile=4")
    assert page.status_code == 200
    assert 'data-code="NI 2"' in page.text and 'data-code="NI 1"' not in page.text
    assert "Bottom quartile (8 of 8, 2008/09)" in page.text
    csv = as_user(world.chair).get("/indicators/scorecard/?period=2009/10+Q1&quartile=4&format=csv")
    lines = csv.content.decode().splitlines()
    assert len(lines) == 2 and lines[1].startswith("NI 2,")


def test_an_unknown_ratings_choice_is_refused_with_a_message(world, approved, as_user):
    page = as_user(world.chair).get("/indicators/scorecard/?period=2009/10+Q1&ratings=frozen")
    assert "Choose ratings as recalculated now or as approved at sign-off" in page.text
    assert 'data-rating="red"' in page.text  # the report as recalculated, without it
    download = as_user(world.chair).get("/indicators/scorecard/?ratings=frozen&format=csv")
    assert download.status_code == 400


def test_an_unknown_quartile_is_refused_with_a_message(world, compared, as_user):
    page = as_user(world.chair).get("/indicators/scorecard/?quartile=9")
    assert "Choose a benchmark from the list" in page.text
    assert (
        as_user(world.chair).get("/indicators/scorecard/?quartile=9&format=csv").status_code == 400
    )


def test_a_districts_figures_get_no_benchmark(world, compared):
    county = world.essex.area
    harlow = Area.objects.create(code="C0H", name="Harlow", kind="district", parent=county)
    add_actual(compared["worst"], "2009/10 Q1", "40", district=harlow)
    report = build_scorecard(agreement=world.essex, period=Q1, filters=Filters(district=harlow.pk))
    [row] = report.rows
    assert row.code == "NI 2" and row.quartile is None and row.benchmark_text == ""


def test_the_exception_report_lists_bottom_quartile_targets(world, compared):
    report = build_exceptions(agreement=world.essex, period=Q1, today=TODAY)
    sections = {s.section: [row.code for row in s.rows] for s in report.sections}
    assert sections[Section.BOTTOM_QUARTILE] == ["NI 2"]


def test_the_exception_report_shows_the_districts_driving_a_red_rating(world, as_user):
    county = Area.objects.create(code="22", name="Essex", kind="county")
    districts = [
        Area.objects.create(code=code, name=name, kind="district", parent=county)
        for code, name in [("22UB", "Basildon"), ("22UJ", "Harlow"), ("22UL", "Rochford")]
    ]
    red = lower_is_better(world, "NI 32", "30")  # 15% over a 26 target: red
    green = lower_is_better(world, "NI 33", "25")
    for district, value in zip(districts, ("36", "29", "20"), strict=True):
        add_actual(red, "2009/10 Q1", value, district=district)
        add_actual(green, "2009/10 Q1", value, district=district)
    report = build_exceptions(agreement=world.essex, period=Q1, today=TODAY)
    [row] = report.hotspot_rows
    assert row.code == "NI 32"
    # Basildon 10 over, Harlow 3 over: 76.9% and 23.1% of the shortfall; Rochford is fine.
    assert [(h.district, h.share) for h in row.hotspots] == [
        ("Basildon", Decimal("76.9")), ("Harlow", Decimal("23.1"))
    ]  # fmt: skip
    page = as_user(world.chair).get("/indicators/exceptions/?period=2009/10+Q1")
    assert 'data-district="Basildon"' in page.text and 'data-district="Rochford"' not in page.text


@pytest.fixture
def approved(world):
    """NI 32 (lower is better, target 26, actual 27, 5% tolerance) approved as amber; the
    tolerance then cut to 2%, so the rules now give red."""
    target = lower_is_better(world, "NI 32", "27")
    data_return_submit(target=target, period=Q1, by=world.lead, today=dt.date(2009, 8, 1))
    data_return_approve(target=target, period=Q1, by=world.secretariat, today=dt.date(2009, 8, 2))
    Target.objects.filter(pk=target.pk).update(tolerance=Decimal(2))
    return target


def test_reports_recalculate_by_default_and_mark_the_approved_rating(world, approved):
    [row] = build_scorecard(agreement=world.essex, period=Q1, today=TODAY).rows
    assert row.rating is Rating.RED
    assert row.rating_note == "Approved as Amber; recalculated now (tolerance changed (5 → 2))."


def test_reports_can_show_the_ratings_as_approved(world, approved, as_user):
    report = build_scorecard(
        agreement=world.essex, period=Q1, today=TODAY, filters=Filters(ratings=APPROVED)
    )
    [row] = report.rows
    assert row.rating is Rating.AMBER
    assert row.rating_note.startswith("As approved. Recalculated now: Red")
    page = as_user(world.observer).get("/indicators/scorecard/?period=2009/10+Q1&ratings=approved")
    assert 'data-rating="amber"' in page.text and "Recalculated now: Red" in page.text
    # The exception report follows the same choice: red now, but amber as approved.
    exceptions = build_exceptions(
        agreement=world.essex, period=Q1, today=TODAY, filters=Filters(ratings=APPROVED)
    )
    assert [s.section for s in exceptions.sections if s.rows] == []


def test_nothing_is_marked_when_the_approved_rating_still_holds(world):
    target = lower_is_better(world, "NI 32", "27")
    data_return_submit(target=target, period=Q1, by=world.lead, today=dt.date(2009, 8, 1))
    data_return_approve(target=target, period=Q1, by=world.secretariat, today=dt.date(2009, 8, 2))
    [row] = build_scorecard(agreement=world.essex, period=Q1, today=TODAY).rows
    assert row.rating is Rating.AMBER and row.rating_note == ""
