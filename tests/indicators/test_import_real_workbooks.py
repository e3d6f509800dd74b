"""A district council's KPI table as people really fill it in (issue 16, items 5–7):
every problem in one pass, figures and periods as typed, percentage-formatted cells."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from indicators.models import Actual
from indicators.workbook import workbook_import
from tests.indicators.factories import add_actual, make_indicator, make_target

pytestmark = pytest.mark.django_db

ACTUALS_HEADER = ["indicator code", "period", "value"]


def book(tmp_path: Path, percent: tuple[str, ...] = (), **sheets: list[list[object]]) -> Path:
    """A workbook of sheets; cells named in percent ("Actuals!C2") formatted as 0.0%."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for ref in percent:
        title, cell = ref.split("!")
        workbook[title][cell].number_format = "0.0%"
    path = tmp_path / "kpis.xlsx"
    workbook.save(path)
    return path


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def imported(world, tmp_path, unit: str, value: object, **options) -> Decimal | None:
    """Import one actual of a quarterly indicator measured in unit; its value."""
    indicator = make_indicator(world.essex, "CS01", unit=unit, polarity="higher")
    target = make_target(world.safer, indicator)
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", "2009/10 Q2", value]], **options)
    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)
    assert messages(result) == []
    return Actual.objects.get(target=target).value


# --- 1. every problem in one pass ---------------------------------------------------------


def test_a_failing_target_row_is_named_and_the_actuals_are_still_checked(world, tmp_path):
    make_indicator(world.essex, "CS01", unit="%", polarity="higher")
    path = book(
        tmp_path,
        Targets=[["indicator code", "partnership"], ["CS01", "No Such Partnership"]],
        Actuals=[
            ACTUALS_HEADER,
            ["CS01", "2009/10 Q1", 95],
            ["CS01", "2014/15 Q1", 96],
            ["CS01", "2009/10 Q3", "lots"],
        ],
    )

    result = workbook_import(agreement=world.essex, path=path, by=world.secretariat)

    assert messages(result) == [
        "Targets row 2, column partnership: 'No Such Partnership' is not a partnership in "
        "this agreement.",
        "Actuals row 2, column indicator code: CS01's target row has problems, see Targets row 2.",
        "Actuals row 3, column indicator code: CS01's target row has problems, see Targets row 2.",
        "Actuals row 3, column period: 2014/15 Q1 is outside the agreement, which runs from "
        "April 2008 to March 2011.",
        "Actuals row 4, column value: 'lots' is not a number: type a figure such as 1234.5, "
        "95.5%, £125k, 1.2m or 19.94 days.",
        "Actuals row 4, column indicator code: CS01's target row has problems, see Targets row 2.",
    ]
    assert not any("has no target" in m for m in messages(result))


def test_an_indicator_not_on_the_targets_sheet_still_has_no_target(world, tmp_path):
    make_indicator(world.essex, "CS02")
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS02", "2009/10 Q1", 1]])
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == [
        "Actuals row 2, column indicator code: CS02 has no target in this agreement: add it "
        "to the Targets sheet."
    ]


# --- 2. figures as people type them -------------------------------------------------------


def test_a_typed_percentage_is_the_figure_for_a_percent_indicator(world, tmp_path):
    assert imported(world, tmp_path, "%", "95.5%") == Decimal("95.5")


def test_a_percentage_formatted_cell_is_the_figure_for_a_percent_indicator(world, tmp_path):
    # Excel stores 95.5% as 0.955 with a percentage number format.
    assert imported(world, tmp_path, "%", 0.955, percent=("Actuals!C2",)) == Decimal("95.5")


@pytest.mark.parametrize(
    "unit, typed, value",
    [
        ("£", "£125k", Decimal("125000")),
        ("£", "£1,250", Decimal("1250")),
        ("number", "1.2m", Decimal("1200000")),
        ("days", "19.94 days", Decimal("19.94")),
        ("days", "1 day", Decimal("1")),
    ],
)
def test_figures_with_units_and_scales_are_read(world, tmp_path, unit, typed, value):
    assert imported(world, tmp_path, unit, typed) == value


@pytest.mark.parametrize(
    "unit, typed, percent, message",
    [
        (
            "number",
            "95.5%",
            (),
            "'95.5%' is a percentage, but CS01 is measured in 'number': type the figure without %.",
        ),
        (
            "number",
            0.955,
            ("Actuals!C2",),
            "this cell is formatted as a percentage (95.5%), but CS01 is measured in "
            "'number': format the cell as Number and type the figure in number.",
        ),
        (
            "%",
            "19.94 days",
            (),
            "'19.94 days' is in 'days', but CS01 is measured in '%': type just the number, "
            "e.g. 19.94.",
        ),
        ("%", "£125k", (), "'£125k' is in pounds, but CS01 is measured in %: type the percentage."),
    ],
)
def test_a_figure_in_the_wrong_unit_says_what_to_type(
    world, tmp_path, unit, typed, percent, message
):
    make_target(world.safer, make_indicator(world.essex, "CS01", unit=unit))
    path = book(tmp_path, percent, Actuals=[ACTUALS_HEADER, ["CS01", "2009/10 Q2", typed]])
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == [f"Actuals row 2, column value: {message}"]


def test_a_percentage_target_is_read_on_the_targets_sheet(world, tmp_path):
    target = make_target(world.safer, make_indicator(world.essex, "CS01", unit="%"))
    path = book(
        tmp_path,
        percent=("Targets!C2",),
        Targets=[["indicator code", "target 2009/10", "2009/10 Q1"], ["CS01", "97%", 0.96]],
    )
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == []
    values = dict(target.values.values_list("period", "value"))
    assert values == {"2009/10": Decimal("97"), "2009/10 Q1": Decimal("96")}


# --- 3. periods as people write them ------------------------------------------------------


@pytest.mark.parametrize(
    "frequency, written, label",
    [
        ("quarterly", "Q2 2009/10", "2009/10 Q2"),
        ("quarterly", "2009-10 Q2", "2009/10 Q2"),
        ("quarterly", "Jul–Sep 2009", "2009/10 Q2"),
        ("quarterly", "Jul-Sep 2009", "2009/10 Q2"),
        ("quarterly", "Jan-Mar 2010", "2009/10 Q4"),
        ("monthly", "Sep-09", "2009-09"),
        ("monthly", "Sep 2009", "2009-09"),
    ],
)
def test_periods_are_read_as_people_write_them(world, tmp_path, frequency, written, label):
    target = make_target(world.safer, make_indicator(world.essex, "CS01", frequency=frequency))
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", written, 5]])
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == []
    assert Actual.objects.get(target=target).period == label


@pytest.mark.parametrize("written", ["Aug-Oct 2009", "Q5 2009/10", "summer 2009"])
def test_a_period_that_is_not_one_lists_the_forms_accepted(world, tmp_path, written):
    make_target(world.safer, make_indicator(world.essex, "CS01"))
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", written, 5]])
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == [
        f"Actuals row 2, column period: '{written}' is not a period: write a year as "
        "2014/15; a quarter as 2014/15 Q2, Q2 2014/15, 2014-15 Q2 or Jul-Sep 2014; a month "
        "as 2014-09, Sep-14 or Sep 2014."
    ]


# --- 5. suspicious figures are warnings, not problems -------------------------------------


def series_target(world, **extra):
    indicator = make_indicator(world.essex, "CS01", unit="%", polarity="higher", **extra)
    target = make_target(world.safer, indicator)
    for period, value in (("2009/10 Q1", "90"), ("2009/10 Q2", "91")):
        add_actual(target, period, value)
    return target


def warnings_of(result) -> list[str]:
    return [str(warning) for warning in result.warnings]


def test_a_zero_where_the_series_never_had_one_is_a_warning(world, tmp_path):
    series_target(world)
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", "2009/10 Q3", 0]])
    result = workbook_import(agreement=world.essex, path=path, dry_run=True)
    assert messages(result) == []
    assert warnings_of(result) == [
        "Actuals row 2, column value: CS01 2009/10 Q3 is 0, and its figures have never been "
        "0: was zero used for 'not yet available'? If so, leave the value blank and give a "
        "missing reason."
    ]


def test_a_figure_ten_times_the_one_before_is_a_warning(world, tmp_path):
    series_target(world)
    path = book(
        tmp_path,
        Actuals=[ACTUALS_HEADER, ["CS01", "2009/10 Q3", 915], ["CS01", "2009/10 Q4", 9.2]],
    )
    result = workbook_import(agreement=world.essex, path=path, dry_run=True)
    assert warnings_of(result) == [
        "Actuals row 2, column value: CS01 2009/10 Q3 is 915, ten times or more the figure "
        "before (91): check the decimal point and the unit.",
        "Actuals row 3, column value: CS01 2009/10 Q4 is 9.2, a tenth or less of the figure "
        "before (915): check the decimal point and the unit.",
    ]


def test_more_decimals_than_the_indicator_keeps_is_a_warning(world, tmp_path):
    series_target(world, decimal_places=1)
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", "2009/10 Q3", 91.25]])
    result = workbook_import(agreement=world.essex, path=path, dry_run=True)
    assert warnings_of(result) == [
        "Actuals row 2, column value: CS01 keeps 1 decimal place: 91.25 is published and "
        "rated as 91.3."
    ]


def test_warnings_do_not_stop_the_import(world, tmp_path):
    target = series_target(world)
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", "2009/10 Q3", 0]])
    result = workbook_import(agreement=world.essex, path=path)
    assert result.is_applied and result.warnings
    assert Actual.objects.get(target=target, period="2009/10 Q3").value == 0


def test_ordinary_figures_raise_no_warnings(world, tmp_path):
    series_target(world)
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", "2009/10 Q3", 93.5]])
    result = workbook_import(agreement=world.essex, path=path, dry_run=True)
    assert warnings_of(result) == []


# --- 6. a cumulative indicator with only an annual target ---------------------------------


def test_a_cumulative_indicator_with_only_an_annual_target_gets_equal_quarters(world, tmp_path):
    indicator = make_indicator(
        world.essex, "CS05", unit="number", polarity="higher", accumulation="cumulative",
        decimal_places=0,
    )  # fmt: skip
    target = make_target(world.safer, indicator)
    path = book(tmp_path, Targets=[["indicator code", "target 2009/10"], ["CS05", 110]])

    result = workbook_import(agreement=world.essex, path=path)

    assert messages(result) == []
    assert warnings_of(result) == [
        "Targets row 2, column target 2009/10: CS05 is cumulative (year to date) and has no "
        "profile for 2009/10: it is given equal quarters of the annual target 110 (28, 55, "
        "83, 110). To set your own, fill in its profile columns."
    ]
    assert dict(target.values.values_list("period", "value")) == {
        "2009/10": 110,
        "2009/10 Q1": 28,
        "2009/10 Q2": 55,
        "2009/10 Q3": 83,
        "2009/10 Q4": 110,
    }


def test_a_cumulative_indicator_with_its_own_profile_keeps_it(world, tmp_path):
    indicator = make_indicator(world.essex, "CS05", accumulation="cumulative")
    target = make_target(world.safer, indicator)
    path = book(
        tmp_path,
        Targets=[["indicator code", "target 2009/10", "2009/10 Q2"], ["CS05", 100, 40]],
    )
    result = workbook_import(agreement=world.essex, path=path)
    assert warnings_of(result) == []
    assert dict(target.values.values_list("period", "value")) == {"2009/10": 100, "2009/10 Q2": 40}


# --- 7. the defaults applied are shown ----------------------------------------------------


def test_the_defaults_a_new_indicator_and_target_take_are_listed(world, tmp_path):
    path = book(
        tmp_path,
        Indicators=[["code", "title", "unit"], ["CS09", "Missed bins", "number"]],
        Targets=[["indicator code", "partnership", "tolerance"], ["CS09", "Safer Essex", ""]],
    )
    result = workbook_import(agreement=world.essex, path=path, dry_run=True)
    assert messages(result) == []
    assert result.defaults == [
        "Indicators row 2: CS09 — polarity Higher is better (no column), accumulation "
        "Snapshot (no column), frequency Quarterly (no column), decimal places 1 (no column)",
        "Targets row 2: CS09 — tolerance kind Percentage of the target (no column), "
        "tolerance 5 (left blank)",
    ]


def test_an_existing_indicator_without_those_columns_takes_no_defaults(world, tmp_path):
    make_target(world.safer, make_indicator(world.essex, "CS01"))
    path = book(tmp_path, Indicators=[["code", "title"], ["CS01", "Renamed"]])
    result = workbook_import(agreement=world.essex, path=path, dry_run=True)
    assert result.defaults == []


def test_a_baseline_and_range_are_read_in_the_indicators_unit(world, tmp_path):
    target = make_target(world.safer, make_indicator(world.essex, "CS01", unit="%"))
    path = book(
        tmp_path,
        percent=("Targets!C2",),
        Targets=[
            ["indicator code", "baseline", "range low", "range high"],
            ["CS01", "88.5%", 0.9, "95%"],
        ],
    )
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == []
    target.refresh_from_db()
    assert (target.baseline, target.range_low, target.range_high) == (88.5, 90, 95)


def test_a_percentage_baseline_for_a_count_is_a_problem(world, tmp_path):
    make_target(world.safer, make_indicator(world.essex, "CS01", unit="number"))
    path = book(tmp_path, Targets=[["indicator code", "baseline"], ["CS01", "88.5%"]])
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == [
        "Targets row 2, column baseline: '88.5%' is a percentage, but CS01 is measured in "
        "'number': type the figure without %."
    ]


def test_a_month_excel_turned_into_a_date_is_that_month_for_a_monthly_indicator(world, tmp_path):
    # Excel stores "Sep-09" typed in a cell as 1 September 2009.
    target = make_target(world.safer, make_indicator(world.essex, "CS01", frequency="monthly"))
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", dt.datetime(2009, 9, 1), 5]])
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == []
    assert Actual.objects.get(target=target).period == "2009-09"


def test_a_date_for_a_quarterly_indicator_is_still_refused(world, tmp_path):
    make_target(world.safer, make_indicator(world.essex, "CS01"))
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["CS01", dt.datetime(2009, 9, 1), 5]])
    result = workbook_import(agreement=world.essex, path=path)
    assert messages(result) == [
        "Actuals row 2, column period: Excel has turned this period into a date (1 September "
        "2009): format the column as Text and type the period again, like 2009/10, 2009/10 Q1 "
        "or 2009-04."
    ]
