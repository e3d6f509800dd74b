"""Comparator files through the mapping step, family groups, quartiles and hotspots."""

import io
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook

from indicators.comparators import (
    CodeType,
    Mapping,
    comparators_import,
    plan_check,
    table_read,
)
from indicators.comparisons import (
    benchmarks_for,
    district_shortfalls,
    hotspots,
    latest_year,
    oac_groups_load,
    period_values,
    standing_in_group,
)
from indicators.models import ComparatorImport, ComparatorValue, FamilyGroup, Target
from indicators.periods import Period
from partnerships.england import england_load, english_authorities
from partnerships.models import Area
from tests.indicators.factories import add_actual, make_indicator, make_target

CO2 = Path(__file__).resolve().parents[2] / "demo/data/la_co2_per_capita_2005_2010_mysociety.csv"
CO2_MAPPING = Mapping(
    "local-authority-code", CodeType.MYSOCIETY, "Year", "Per Person Emissions:t", True
)


def make_batch(agreement, data: bytes, filename: str = "file.csv") -> ComparatorImport:
    return ComparatorImport.objects.create(
        agreement=agreement, filename=filename, content=data, source="Test", licence="OGL"
    )


@pytest.fixture
def areas(db):
    """Three districts of a made-up county, in one family group."""
    county = Area.objects.create(code="22", name="Essex", kind="county")
    made = {
        code: Area.objects.create(code=code, name=name, kind="district", parent=county)
        for code, name in [("22UB", "Basildon"), ("22UJ", "Harlow"), ("22UL", "Rochford")]
    }
    group = FamilyGroup.objects.create(name="Test group", kind="ons_oac", code="9.9.9")
    group.members.set(made.values())
    return made


def test_english_authorities_include_counties_districts_and_2009_abolished_districts():
    found = {a.code: a for a in english_authorities()}
    assert found["22"].kind == "county" and found["22UB"].parent_code == "22"
    assert found["00KG"].kind == "unitary"  # Thurrock
    assert found["15UB"].name == "Caradon"  # abolished in 2009, still in the 2008 lookup
    assert "00NA" not in found  # Welsh


def test_co2_file_imports_through_the_mapping_step_and_ranks_a_family_group_by_hand(world):
    england_load()
    oac_groups_load()
    indicator = make_indicator(world.essex, "NI 186", polarity="lower", frequency="annual")
    batch = make_batch(world.essex, CO2.read_bytes(), CO2.name)

    plan = comparators_import(batch=batch, indicator=indicator, mapping=CO2_MAPPING, by=None)

    assert plan.is_valid and plan.periods == [f"{y}/{(y + 1) % 100:02d}" for y in range(2005, 2011)]
    assert "ABD" in plan.unknown_areas  # Aberdeenshire: not an English authority
    batch.refresh_from_db()
    assert batch.status == "imported" and batch.value_count == len(plan.values)
    # "New and Growing Towns - A" (5.8.15), 2008, lowest per-person CO2 first, worked by
    # hand from the file: 20 of its 23 authorities have a figure.
    group = FamilyGroup.objects.get(kind="ons_oac", code="5.8.15")
    values = period_values(indicator.pk, "2008/09")
    basildon = Area.objects.get(code="22UB")
    standing = standing_in_group(polarity="lower", group=group, area=basildon, values=values)
    comparison = standing.comparison
    assert comparison.count == 20 and len(comparison.missing) == 3
    assert standing.best_name == "Gosport" and comparison.best.value == D("4.5950")
    assert (standing.placing.rank, standing.placing.quartile) == (12, 3)
    assert standing.placing.value == D("6.6477")
    assert comparison.placing_of("22UJ").rank == 14  # Harlow
    assert (comparison.placing_of("00KG").rank, comparison.placing_of("00KG").quartile) == (20, 4)
    assert comparison.median == (D("6.2786") + D("6.4431")) / 2  # Gravesham and Bedford
    assert standing.gap_to_best == D("6.6477") - D("4.5950")


def test_a_calendar_year_is_not_a_period_unless_the_mapping_says_so(world, areas):
    data = b"Year,ons,value\n2008,22UB,6.5\n"
    mapping = Mapping("ons", CodeType.ONS, "Year", "value", calendar_year=False)
    plan = plan_check(table_read(data, "f.csv"), mapping)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Year")]
    plan = plan_check(
        table_read(data, "f.csv"), Mapping("ons", CodeType.ONS, "Year", "value", True)
    )
    assert plan.is_valid and plan.values[0].period == "2008/09"


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_written(world, areas):
    indicator = make_indicator(world.essex, "NI 186")
    data = (
        b"area,period,value\n"
        b"Basildon,2008/09,6.5\n"
        b"Harlow,2008/09,lots\n"
        b"Rochford,2008,7.1\n"
        b"Basildon,2008/09,6.6\n"
        b",2008/09,1\n"
    )
    batch = make_batch(world.essex, data)
    mapping = Mapping("area", CodeType.NAME, "period", "value")
    plan = comparators_import(batch=batch, indicator=indicator, mapping=mapping, by=None)
    assert [(p.row, p.column) for p in plan.problems] == [
        (3, "value"), (4, "period"), (5, "area"), (6, "area")
    ]  # fmt: skip
    assert "already given in row 2" in str(plan.problems[2])
    assert not ComparatorValue.objects.exists()
    batch.refresh_from_db()
    assert batch.status == "pending"


def test_a_missing_column_is_reported_before_any_row(world, areas):
    plan = plan_check(table_read(b"a,b\n1,2\n", "f.csv"), Mapping("a", CodeType.ONS, "b", "c"))
    assert [str(p) for p in plan.problems] == [
        "Row 1, column 'c': there is no such column in the file."
    ]


def test_not_available_markers_and_unknown_areas_are_left_out_not_errors(world, areas):
    data = b"code,year,value\n22UB,2008/09,..\nS12000034,2008/09,9\n22UJ,2008/09,7\n"
    plan = plan_check(table_read(data, "f.csv"), Mapping("code", CodeType.ONS, "year", "value"))
    assert plan.is_valid and plan.not_available == 1
    assert list(plan.unknown_areas) == ["S12000034"]


def test_gss_codes_and_excel_files_are_read(world, areas):
    book = Workbook()
    sheet = book.active
    sheet.append(["GSS", "Year", "t per person"])
    sheet.append(["E07000066", 2009, 6.25])  # Basildon
    sheet.append(["E07000073", 2009, 7.5])  # Harlow
    buffer = io.BytesIO()
    book.save(buffer)
    table = table_read(buffer.getvalue(), "co2.xlsx")
    plan = plan_check(table, Mapping("GSS", CodeType.GSS, "Year", "t per person", True))
    assert plan.is_valid
    assert {(v.area_id, v.period, v.value) for v in plan.values} == {
        (areas["22UB"].pk, "2009/10", D("6.2500")),
        (areas["22UJ"].pk, "2009/10", D("7.5000")),
    }


def test_importing_again_replaces_the_earlier_figures(world, areas):
    indicator = make_indicator(world.essex, "NI 186")
    mapping = Mapping("code", CodeType.ONS, "period", "value")
    for value in (b"6.5", b"6.1"):
        batch = make_batch(world.essex, b"code,period,value\n22UB,2008/09," + value + b"\n")
        comparators_import(batch=batch, indicator=indicator, mapping=mapping, by=None)
    assert list(ComparatorValue.objects.values_list("value", flat=True)) == [D("6.1")]


def test_benchmarks_for_targets_read_through_the_default_family_group(world, areas):
    world.essex.area = areas["22UB"]
    world.essex.save()
    lower = make_target(world.safer, make_indicator(world.essex, "NI 186", polarity="lower"))
    higher = make_target(world.safer, make_indicator(world.essex, "NI 1", polarity="higher"))
    unranked = make_target(world.safer, make_indicator(world.essex, "NI 2", polarity="range"))
    batch = make_batch(world.essex, b"-")
    for target in (lower, higher, unranked):
        for code, value in (("22UB", "5"), ("22UJ", "7"), ("22UL", "9")):
            ComparatorValue.objects.create(
                indicator=target.indicator, area=areas[code], period="2008/09", value=D(value),
                batch=batch,
            )  # fmt: skip
    # A quarter of 2009/10 compares on 2008/09, the latest year published by then.
    found = benchmarks_for(Target.objects.filter(agreement=world.essex), Period.parse("2009/10 Q2"))
    assert (found[lower.pk].placing.rank, found[lower.pk].quartile) == (1, 1)
    assert (found[higher.pk].placing.rank, found[higher.pk].quartile) == (3, 3)
    assert found[higher.pk].text.startswith("Third quartile (3 of 3, 2008/09)")
    assert unranked.pk not in found
    # Nothing published by 2007/08: no benchmark rather than a later year's.
    assert benchmarks_for(Target.objects.filter(pk=lower.pk), Period.parse("2007/08")) == {}


def test_latest_year_takes_the_last_annual_period_up_to_the_report_year():
    periods = ["2006/07", "2008/09", "2010/11", "2009/10 Q1"]
    assert latest_year(periods, Period.parse("2009/10 Q3")) == "2008/09"
    assert latest_year(periods, Period.parse("2010/11")) == "2010/11"
    assert latest_year(periods, Period.parse("2005/06")) is None


def test_district_shortfalls_worst_first_with_shares_for_both_polarities():
    values = [("Basildon", D("30")), ("Harlow", D("25")), ("Maldon", D("18")), ("Uttlesford", None)]
    # Lower is better, target 20: Basildon 10 over, Harlow 5 over -> shares 66.7% and 33.3%.
    lower = district_shortfalls(values, D("20"), "lower")
    assert [(h.district, h.gap, h.share) for h in lower] == [
        ("Basildon", D("10"), D("66.7")), ("Harlow", D("5"), D("33.3"))
    ]  # fmt: skip
    # Higher is better, target 26: only Harlow (1 short) and Maldon (8 short).
    higher = district_shortfalls(values, D("26"), "higher")
    assert [(h.district, h.gap) for h in higher] == [("Maldon", D("8")), ("Harlow", D("1"))]
    assert district_shortfalls(values, D("40"), "lower") == []
    assert district_shortfalls(values, D("20"), "range") == []


def test_hotspots_only_for_a_red_or_amber_rating(world, areas):
    target = make_target(world.safer)  # NI 32, lower is better
    for code, value in (("22UB", "31"), ("22UJ", "26"), ("22UL", "20")):
        add_actual(target, "2009/10 Q1", value, district=areas[code])
    found = hotspots(target, "2009/10 Q1", D("25"), "red")
    assert [h.district for h in found] == ["Basildon", "Harlow"]
    assert hotspots(target, "2009/10 Q1", D("25"), "green") == []
