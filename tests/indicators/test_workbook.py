"""Importing and exporting the indicators workbook: checks, all-or-nothing, round trips."""

import datetime as dt
import io
import struct
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Actual, Indicator, Target, TargetValue
from indicators.periods import Period
from indicators.return_actions import data_return_approve, data_return_submit
from indicators.workbook import workbook_import, workbook_read, workbook_write
from partnerships.models import Area
from tests.factories import make_outcome, make_person, make_theme
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

ACTUALS_HEADER = ["indicator code", "period", "value"]
GOOD_ACTUAL = ["NI 32", "2009/10 Q2", 25]


@pytest.fixture
def essex(world):
    """Essex with NI 32 (quarterly, lower is better) targeted by Safer Essex."""
    target = make_target(world.safer, lead=world.person(world.lead))
    set_values(target, **{"2009/10": "25", "2009/10 Q1": "26", "2009/10 Q2": "25.5"})
    add_actual(target, "2009/10 Q1", "27.5", commentary="More people feel confident to report.")
    world.target = target
    return world


def book(tmp_path: Path, name: str = "book.xlsx", **sheets: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def state() -> dict[str, int]:
    """Rows and history rows of everything an import can write."""
    counts = {}
    for model in (Indicator, Target, TargetValue, Actual):
        counts[model.__name__] = model.objects.count()
        counts[f"{model.__name__} history"] = model.history.count()
    return counts


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


# --- good workbooks ---------------------------------------------------------------------


def test_a_good_workbook_adds_indicators_targets_profiles_and_actuals(essex, tmp_path):
    path = book(
        tmp_path,
        Indicators=[
            ["Code", "Title", "Kind", "Polarity", "Unit", "Decimal places", "Frequency",
             "Accumulation", "Data source", "Definition", "Proxy for"],
            ["NI 135", "Carers receiving needs assessment", "national", "higher", "%", 1,
             "quarterly", "cumulative", "Social care returns", "", ""],
            ["LI 135P", "Carers' assessments (interim)", "proxy", "Higher is better", "%", 1,
             "Quarterly", "snapshot", "", "", "NI 135"],
        ],
        Targets=[
            ["Indicator code", "Partnership", "Lead", "Designation", "Priority", "Baseline",
             "Baseline period", "Tolerance kind", "Tolerance", "target 2009/10",
             "stretch 2009/10", "2009/10 Q1", "2009/10 Q2"],
            ["NI 135", "Safer Essex", "Alan Dawkes", "reward", 1, 18, "2007/08", "percent", 8,
             22, 24, 5.5, 11],
            ["LI 135P", "safer essex", "", "local", 2, "", "", "absolute", 1.5, 20, "", "", ""],
        ],
        Actuals=[
            ["Indicator code", "Period", "District", "Value", "Status", "Quality",
             "Commentary", "Missing reason"],
            ["NI 135", "2009/10 Q1", "", 5.8, "final", "", "Ahead of profile", ""],
            ["NI 135", "2009/10 q2", "", "", "provisional", "", "", "Return not received"],
            ["LI 135P", "2009/10 Q1", "", 4.9, "", "estimated", "", ""],
            ["NI 32", "2009/10 Q2", "", "25.1", "", "", "", ""],
        ],
    )  # fmt: skip

    result = workbook_import(agreement=essex.essex, path=path, by=essex.secretariat)

    assert messages(result) == []
    assert result.is_applied
    assert result.summary == {
        "Indicators": {"created": 2, "updated": 0, "deleted": 0, "unchanged": 0},
        "Targets": {"created": 2, "updated": 0, "deleted": 0, "unchanged": 0},
        "Target values": {"created": 4, "updated": 0, "deleted": 0, "unchanged": 0},
        "Actuals": {"created": 4, "updated": 0, "deleted": 0, "unchanged": 0},
    }
    carers = Indicator.objects.get(code="NI 135")
    assert (carers.accumulation, carers.data_source) == ("cumulative", "Social care returns")
    proxy = Indicator.objects.get(code="LI 135P")
    assert (proxy.kind, proxy.polarity, proxy.proxy_for) == ("proxy", "higher", carers)
    target = Target.objects.get(indicator=carers)
    assert target.partnership == essex.safer
    assert target.lead == essex.person(essex.lead)
    assert (target.designation, target.priority, target.baseline) == ("reward", 1, Decimal(18))
    assert Target.objects.get(indicator=proxy).tolerance_kind == "absolute"
    values = {v.period: v for v in target.values.all()}
    assert values["2009/10"].value == 22 and values["2009/10"].stretch == 24
    assert values["2009/10"].is_annual and not values["2009/10 Q1"].is_annual
    assert values["2009/10 Q1"].period_start == dt.date(2009, 4, 1)
    assert values["2009/10 Q2"].value == 11
    missing = Actual.objects.get(target=target, period="2009/10 Q2")
    assert missing.value is None and missing.missing_reason == "Return not received"
    assert (missing.period_start, missing.period_end) == (dt.date(2009, 7, 1), dt.date(2009, 9, 30))
    first = Actual.objects.get(target=target, period="2009/10 Q1")
    assert (first.value, first.status, first.entered_by) == (
        Decimal("5.8"),
        "final",
        essex.secretariat,
    )
    record = first.history.get()
    assert record.history_user == essex.secretariat
    assert record.history_change_reason == "Imported from book.xlsx"


def test_reimporting_the_same_workbook_changes_nothing(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "2009/10 Q1", 27.5]])
    first = workbook_import(agreement=essex.essex, path=path)
    assert first.summary["Actuals"] == {"created": 1, "updated": 0, "deleted": 0, "unchanged": 1}
    before = state()

    again = workbook_import(agreement=essex.essex, path=path)

    assert again.is_ok and not again.is_applied and again.change_count == 0
    assert again.summary["Actuals"]["unchanged"] == 2
    assert state() == before


def test_a_changed_figure_is_updated_with_its_history(essex, tmp_path):
    rows = [[*ACTUALS_HEADER, "commentary"], ["NI 32", "2009/10 Q1", 26.9, "Revised by the police"]]
    path = book(tmp_path, Actuals=rows)

    result = workbook_import(agreement=essex.essex, path=path, by=essex.secretariat)

    assert result.summary["Actuals"]["updated"] == 1
    assert result.changes == [
        "Actuals row 2: NI 32 2009/10 Q1 — value 27.5 → 26.9; commentary 'More people feel "
        "confident to report.' → 'Revised by the police'"
    ]
    actual = Actual.objects.get(target=essex.target, period="2009/10 Q1")
    assert actual.value == Decimal("26.9") and actual.version == 2
    assert actual.entered_by == essex.secretariat
    latest = actual.history.first()
    assert (latest.history_type, latest.value) == ("~", Decimal("26.9"))


def planned_then(monkeypatch, meanwhile):
    """Run `meanwhile` after the import has planned its writes and before it makes them:
    someone else's save or approval while a long import runs."""
    from indicators.workbook import importing

    real = importing.plan_import

    def plan_then_change(*args, **kwargs):
        plan = real(*args, **kwargs)
        meanwhile()
        return plan

    monkeypatch.setattr(importing, "plan_import", plan_then_change)


def test_a_figure_saved_while_the_import_ran_is_not_overwritten(essex, tmp_path, monkeypatch):
    rows = [ACTUALS_HEADER, ["NI 32", "2009/10 Q1", 26.9]]
    path = book(tmp_path, Actuals=rows)
    q1 = Actual.objects.get(target=essex.target, period="2009/10 Q1")
    planned_then(monkeypatch, lambda: Actual.objects.filter(pk=q1.pk).update(
        value=Decimal("28.1"), version=q1.version + 1
    ))  # fmt: skip

    result = workbook_import(agreement=essex.essex, path=path, by=essex.secretariat)

    assert result.is_stale and not result.is_applied
    assert Actual.objects.get(pk=q1.pk).value == Decimal("28.1")  # theirs stands


def test_a_period_approved_while_the_import_ran_is_not_changed(essex, tmp_path, monkeypatch):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["NI 32", "2009/10 Q1", 26.9]])
    q1 = Period.parse("2009/10 Q1")

    def approve():
        data_return_submit(target=essex.target, period=q1, by=essex.lead, today=dt.date(2009, 8, 1))
        data_return_approve(
            target=essex.target, period=q1, by=essex.secretariat, today=dt.date(2009, 8, 2)
        )

    planned_then(monkeypatch, approve)
    result = workbook_import(agreement=essex.essex, path=path, by=essex.secretariat)

    assert result.is_stale and not result.is_applied
    assert Actual.objects.get(target=essex.target, period="2009/10 Q1").value == Decimal("27.5")


def test_the_command_says_when_figures_changed_while_it_ran(essex, tmp_path, monkeypatch):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, ["NI 32", "2009/10 Q1", 26.9]])
    q1 = Actual.objects.get(target=essex.target, period="2009/10 Q1")
    planned_then(monkeypatch, lambda: Actual.objects.filter(pk=q1.pk).update(version=9))
    with pytest.raises(CommandError, match="changed or approved figures while the import ran"):
        call_command("import_workbook", str(path), agreement=essex.essex.slug)
    assert Actual.objects.get(pk=q1.pk).value == Decimal("27.5")


def test_a_change_to_an_approved_period_is_refused_row_by_row_and_nothing_written(essex, tmp_path):
    essex.essex.area = Area.objects.create(code="22", name="Essex", kind=Area.Kind.COUNTY)
    essex.essex.save()
    Area.objects.create(
        code="22UJ", name="Harlow", kind=Area.Kind.DISTRICT, parent=essex.essex.area
    )
    q1 = Period.parse("2009/10 Q1")
    data_return_submit(target=essex.target, period=q1, by=essex.lead, today=dt.date(2009, 8, 1))
    data_return_approve(
        target=essex.target, period=q1, by=essex.secretariat, today=dt.date(2009, 8, 2)
    )
    path = book(
        tmp_path,
        Actuals=[
            [*ACTUALS_HEADER, "district"],
            [*GOOD_ACTUAL, ""],  # an open quarter: fine on its own
            ["NI 32", "2009/10 Q1", 26.9, ""],  # the approved figure changed
            ["NI 32", "2009/10 Q1", 30, "Harlow"],  # a new figure in the approved quarter
        ],
    )
    before = state()

    result = workbook_import(agreement=essex.essex, path=path, by=essex.secretariat)

    assert messages(result) == [
        "Actuals row 3: 2009/10 Q1 for NI 32 is approved and locked; ask the secretariat to "
        "revise it.",
        "Actuals row 4: 2009/10 Q1 for NI 32 is approved and locked; ask the secretariat to "
        "revise it.",
    ]
    assert not result.is_applied and state() == before
    assert Actual.objects.get(target=essex.target, period="2009/10 Q1").value == Decimal("27.5")


def test_an_approved_period_imported_unchanged_is_not_a_problem(essex, tmp_path):
    q1 = Period.parse("2009/10 Q1")
    data_return_submit(target=essex.target, period=q1, by=essex.lead, today=dt.date(2009, 8, 1))
    data_return_approve(
        target=essex.target, period=q1, by=essex.secretariat, today=dt.date(2009, 8, 2)
    )
    rows = [[*ACTUALS_HEADER, "commentary"], ["NI 32", "2009/10 Q1", 27.5,
            "More people feel confident to report."], [*GOOD_ACTUAL, ""]]  # fmt: skip

    result = workbook_import(agreement=essex.essex, path=book(tmp_path, Actuals=rows))

    assert result.is_applied, messages(result)
    assert result.summary["Actuals"] == {"created": 1, "updated": 0, "deleted": 0, "unchanged": 1}


def test_a_column_left_out_is_left_alone_and_an_emptied_profile_cell_is_removed(essex, tmp_path):
    path = book(tmp_path, Targets=[["indicator code", "2009/10 Q2", "2009/10 Q1"],
                                   ["NI 32", "", 26]])  # fmt: skip

    result = workbook_import(agreement=essex.essex, path=path)

    assert result.summary["Target values"] == {
        "created": 0, "updated": 0, "deleted": 1, "unchanged": 1,
    }  # fmt: skip
    periods = set(essex.target.values.values_list("period", flat=True))
    assert periods == {"2009/10", "2009/10 Q1"}
    assert TargetValue.history.filter(history_type="-").count() == 1
    essex.target.refresh_from_db()
    assert essex.target.baseline == 28  # no baseline column: unchanged


def test_sheet_and_column_names_ignore_case_and_spaces(essex, tmp_path):
    path = book(tmp_path, **{" actuals ": [["INDICATOR_CODE", " Period ", "VALUE"], GOOD_ACTUAL]})
    result = workbook_import(agreement=essex.essex, path=path)
    assert result.is_applied
    assert Actual.objects.filter(period="2009/10 Q2").exists()


def test_a_dry_run_reports_the_changes_and_writes_nothing(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    before = state()
    result = workbook_import(agreement=essex.essex, path=path, dry_run=True)
    assert result.is_ok and not result.is_applied
    assert result.summary["Actuals"]["created"] == 1
    assert state() == before


# --- bad workbooks: every problem, nothing written --------------------------------------

BAD = {
    "not a number": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "2009/10 Q3", "n/a"]]},
        "Actuals row 3, column value: 'n/a' is not a number: type a figure such as 1234.5, "
        "95.5%, £125k, 1.2m or 19.94 days.",
    ),
    "unknown indicator": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 999", "2009/10 Q3", 1]]},
        "Actuals row 3, column indicator code: 'NI 999' is not an indicator in this workbook "
        "or the agreement: add it to the Indicators sheet.",
    ),
    "period outside the agreement": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "2011/12 Q1", 1]]},
        "Actuals row 3, column period: 2011/12 Q1 is outside the agreement, which runs from "
        "April 2008 to March 2011.",
    ),
    "duplicate row": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "2009/10 q2", 24]]},
        "Actuals row 3, column period: this row repeats row 2: the same indicator, period and "
        "district.",
    ),
    "period of the wrong kind": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "2009/10", 1]]},
        "Actuals row 3, column period: NI 32 is reported quarterly: use a quarter like "
        "2009/10 Q1.",
    ),
    "not a period": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "Q3 2009", 1]]},
        "Actuals row 3, column period: 'Q3 2009' is not a period: write a year as 2014/15; a "
        "quarter as 2014/15 Q2, Q2 2014/15, 2014-15 Q2 or Jul-Sep 2014; a month as 2014-09, "
        "Sep-14 or Sep 2014.",
    ),
    "period Excel made a date": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", dt.datetime(2009, 10, 1), 1]]},
        "Actuals row 3, column period: Excel has turned this period into a date (1 October "
        "2009): format the column as Text and type the period again, like 2009/10, 2009/10 Q1 "
        "or 2009-04.",
    ),
    "no figure and no reason": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "2009/10 Q3", ""]]},
        "Actuals row 3, column value: there is no figure: give one, or say why there is none "
        "in a 'missing reason' column.",
    ),
    "unknown district": (
        {"Actuals": [["indicator code", "period", "district", "value"],
                     ["NI 32", "2009/10 Q3", "Harlo", 1], GOOD_ACTUAL]},
        "Actuals row 2, column district: 'Harlo' is not a district in this agreement.",
    ),
    "misspelt column": (
        {"Actuals": [["indicator code", "period", "valeu"], GOOD_ACTUAL]},
        "Actuals row 1, column C: 'valeu' is not a column of the Actuals sheet. Did you mean "
        "'value'? The import guide lists the columns.",
    ),
    "missing column": (
        {"Actuals": [["indicator code", "period"], ["NI 32", "2009/10 Q2"]]},
        "Actuals row 1: there is no 'value' column: the first row must name the columns.",
    ),
    "value without a column name": (
        {"Actuals": [ACTUALS_HEADER, [*GOOD_ACTUAL, "stray note"]]},
        "Actuals row 2, column D: there is a value here but no column name in row 1: name the "
        "column or delete its values.",
    ),
    "duplicate indicator": (
        {"Indicators": [["code", "title"], ["NI 40", "Drug users"], ["ni 40", "Drug users"]]},
        "Indicators row 3, column code: ni 40 is already on row 2.",
    ),
    "new indicator without a title": (
        {"Indicators": [["code", "unit"], ["NI 40", "number"]]},
        "Indicators row 2: a new indicator needs a title: add a 'title' column.",
    ),
    "unknown choice": (
        {"Indicators": [["code", "title", "kind"], ["NI 40", "Drug users", "regional"]]},
        "Indicators row 2, column kind: 'regional' is not one of local, national, proxy.",
    ),
    "decimal places out of range": (
        {"Indicators": [["code", "title", "decimal places"], ["NI 40", "Drug users", 7]]},
        "Indicators row 2, column decimal places: '7' is not a whole number from 0 to 4.",
    ),
    "text too long": (
        {"Indicators": [["code", "title"], ["NI 40", "x" * 301]]},
        "Indicators row 2, column title: this is 301 characters long; the most it can be is 300.",
    ),
    "proxy without what it stands in for": (
        {"Indicators": [["code", "title", "kind"], ["LI 40", "Interim", "proxy"]]},
        "Indicators row 2: a proxy indicator must name the indicator it stands in for in a "
        "'proxy for' column.",
    ),
    "proxy loop": (
        {"Indicators": [["code", "title", "kind", "proxy for"],
                        ["LI 1", "One", "proxy", "LI 2"], ["LI 2", "Two", "proxy", "LI 1"]]},
        "Indicators row 2, column proxy for: LI 1 is in a loop of proxies: follow 'proxy for' "
        "and you come back to it.",
    ),
    "new target without a partnership": (
        {"Indicators": [["code", "title"], ["NI 40", "Drug users"]],
         "Targets": [["indicator code", "baseline"], ["NI 40", 2450]]},
        "Targets row 2, column partnership: a new target needs the partnership responsible "
        "for it.",
    ),
    "unknown person": (
        {"Targets": [["indicator code", "lead"], ["NI 32", "Nobody Atall"]]},
        "Targets row 2, column lead: 'Nobody Atall' is not a person in this agreement.",
    ),
    "unknown partnership": (
        {"Targets": [["indicator code", "partnership"], ["NI 32", "Safer Sussex"]]},
        "Targets row 2, column partnership: 'Safer Sussex' is not a partnership in this "
        "agreement.",
    ),
    "target year outside the agreement": (
        {"Targets": [["indicator code", "target 2012/13"], ["NI 32", 20]]},
        "Targets row 1, column B: 2012/13 is outside the agreement, which runs from April 2008 "
        "to March 2011.",
    ),
    "monthly profile for a quarterly indicator": (
        {"Targets": [["indicator code", "2009-04"], ["NI 32", 20]]},
        "Targets row 2, column 2009-04: NI 32 is reported quarterly: use a quarter like "
        "2009/10 Q1 for its profile, so leave this empty.",
    ),
    "stretch without a target": (
        {"Targets": [["indicator code", "stretch 2010/11"], ["NI 32", 20]]},
        "Targets row 2, column stretch 2010/11: a stretch target needs a target for 2010/11 "
        "too.",
    ),
    "baseline that is also awaited": (
        {"Targets": [["indicator code", "baseline", "baseline awaited reason"],
                     ["NI 32", 28, "Awaiting the Place Survey"]]},
        "Targets row 2, column baseline awaited reason: there is a baseline, so it is not "
        "awaited: empty this cell or the baseline.",
    ),
    "target for an indicator without a target": (
        {"Indicators": [["code", "title"], ["NI 40", "Drug users"]],
         "Actuals": [ACTUALS_HEADER, ["NI 40", "2009/10 Q1", 2500]]},
        "Actuals row 2, column indicator code: NI 40 has no target in this agreement: add it "
        "to the Targets sheet.",
    ),
    "wrong sheet name": (
        {"Actual": [ACTUALS_HEADER, GOOD_ACTUAL]},
        "Sheet 'Actual' is not one that can be imported: sheets must be called Districts, "
        "Partnerships, People, Outcomes, Indicators, Targets or Actuals. Did you mean Actuals? "
        "Delete or rename it.",
    ),
    "unknown sheet beside good ones": (
        {"Actuals": [ACTUALS_HEADER, GOOD_ACTUAL], "Scratch": [["anything"]]},
        "Sheet 'Scratch' is not one that can be imported: sheets must be called Districts, "
        "Partnerships, People, Outcomes, Indicators, Targets or Actuals. Delete or rename it.",
    ),
    "nothing to import": (
        {"Actuals": [ACTUALS_HEADER]},
        "The workbook has nothing to import: its sheets have no rows below the column names.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("sheets, message", BAD.values(), ids=BAD.keys())
def test_a_bad_workbook_is_refused_with_a_precise_message_and_nothing_written(
    essex, tmp_path, sheets, message
):
    path = book(tmp_path, **sheets)
    before = state()

    result = workbook_import(agreement=essex.essex, path=path, by=essex.secretariat)

    assert message in messages(result)
    assert not result.is_applied
    assert state() == before


def test_every_problem_is_listed_at_once(essex, tmp_path):
    path = book(
        tmp_path,
        Indicators=[["code", "title", "polarity"], ["NI 40", "Drug users", "up"]],
        Actuals=[ACTUALS_HEADER, ["NI 32", "2009/10 Q3", "n/a"], GOOD_ACTUAL,
                 ["NI 32", "2015/16 Q1", 3]],
    )  # fmt: skip
    result = workbook_import(agreement=essex.essex, path=path)
    assert messages(result) == [
        "Indicators row 2, column polarity: 'up' is not one of higher, lower, range.",
        "Actuals row 2, column value: 'n/a' is not a number: type a figure such as 1234.5, "
        "95.5%, £125k, 1.2m or 19.94 days.",
        "Actuals row 4, column period: 2015/16 Q1 is outside the agreement, which runs from "
        "April 2008 to March 2011.",
    ]


# --- files that are not workbooks, or are dangerous ones ---------------------------------


def refused(essex, path: Path) -> list[str]:
    before = state()
    result = workbook_import(agreement=essex.essex, path=path)
    assert state() == before
    return messages(result)


def test_an_empty_file_is_refused(essex, tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert refused(essex, path) == ["The file is empty."]


def test_a_file_that_is_not_a_workbook_is_refused(essex, tmp_path):
    path = tmp_path / "actuals.xlsx"
    path.write_text("indicator code,period,value\nNI 32,2009/10 Q2,25\n")
    assert refused(essex, path) == [
        "The file is not an Excel workbook: save it from Excel as an Excel Workbook (.xlsx). "
        "CSV files cannot be imported."
    ]


def test_an_old_excel_file_is_refused(essex, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert refused(essex, path) == [
        "The file is an old-style Excel 97–2003 workbook (.xls): open it in Excel and save it "
        "as an Excel Workbook (.xlsx)."
    ]


def test_a_zip_that_is_not_a_workbook_is_refused(essex, tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"not really")
    assert refused(essex, path) == ["The file is a zip archive but not an Excel workbook (.xlsx)."]


def test_a_50_mb_file_is_refused_at_once_without_being_read(essex, tmp_path, monkeypatch):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing to read

    def never(*args):
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr("indicators.workbook.reading.zipfile.ZipFile", never)
    problems = refused(essex, path)
    assert problems == ["This file is too large: it is 50.0 MB. The limit is 10.0 MB."]


def test_a_sheet_reaching_the_last_cell_is_refused_before_it_is_read(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    workbook = openpyxl.load_workbook(path)
    workbook["Actuals"]["XFD1048576"] = "boom"  # a reader would allocate every cell between
    workbook.save(path)
    assert refused(essex, path) == [
        "The Actuals sheet has cells down to row 1,048,576 and across to column XFD; a sheet "
        "may use at most 200,000 rows and 200 columns (4,000,000 cells). Delete the cells "
        "beyond your data, or split the workbook."
    ]


def add_to_sheet(path: Path, rows: bytes) -> None:
    """Add rows, written by hand, to the end of the workbook's first sheet."""
    rewritten = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", rows + b"</sheetData>")
            target.writestr(info, data, zipfile.ZIP_DEFLATED)
    path.write_bytes(rewritten.getvalue())


def test_cells_without_references_are_counted_the_way_a_reader_would(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    empty_rows = b"".join(b'<row r="%d"/>' % n for n in range(3, 300_003))
    add_to_sheet(path, empty_rows + b'<row><c t="inlineStr"><is><t>x</t></is></c></row>')
    assert "The Actuals sheet has cells down to row 300,003" in refused(essex, path)[0]


def test_a_row_far_down_but_within_the_limits_is_imported(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    add_to_sheet(
        path,
        b'<row r="150000"><c r="A150000" t="inlineStr"><is><t>NI 32</t></is></c>'
        b'<c r="B150000" t="inlineStr"><is><t>2009/10 Q3</t></is></c>'
        b'<c r="C150000"><v>24</v></c></row>',
    )
    result = workbook_import(agreement=essex.essex, path=path)
    assert result.is_applied, messages(result)
    assert Actual.objects.get(target=essex.target, period="2009/10 Q3").value == 24


def test_a_decompression_bomb_is_refused_before_it_is_read(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    add_to_sheet(path, b"<row/>" * 3_500_000)  # 20 MB of nothing, packed into 20 KB
    [problem] = refused(essex, path)
    assert problem.startswith("This file is too large once unzipped: one part of ")
    assert problem.endswith(" unzips to 20.0 MB. The limit is 100 times a part's zipped size.")


def test_a_sheet_that_inflates_beyond_its_declared_size_is_refused_as_damaged(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    add_to_sheet(path, b" " * 50_000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1_000)  # local header: "1,000 bytes"
    central = data.index(b"PK\x01\x02")
    while struct.unpack_from("<I", data, central + 42)[0] != info.header_offset:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 1_000)  # and the central directory agrees
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size == 1_000
    assert refused(essex, path) == [
        "The file is damaged: open it in Excel and save it again as .xlsx."
    ]


def test_a_damaged_workbook_is_refused(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + 40] = b"\xff" * 40  # scramble the sheet's compressed bytes
    path.write_bytes(bytes(data))
    assert refused(essex, path) == [
        "The file is damaged: open it in Excel and save it again as .xlsx."
    ]


def test_hundreds_of_sheets_are_refused(essex, tmp_path):
    path = book(tmp_path, **{f"Sheet{n}": [["x"]] for n in range(300)})
    assert refused(essex, path) == [
        "The workbook has 300 sheets; it may have at most 20, and only sheets called "
        "Districts, Partnerships, People, Outcomes, Indicators, Targets or Actuals are read."
    ]


def test_formatted_empty_cells_far_away_do_not_count(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    workbook = openpyxl.load_workbook(path)
    workbook["Actuals"]["AZ150000"].number_format = "0.00"  # styled, no value
    workbook.save(path)
    sheets, problems = workbook_read(path)
    assert problems == [] and len(sheets["Actuals"].rows) == 1


# --- export and round trips -------------------------------------------------------------


def test_the_template_has_the_column_names_and_no_rows(essex):
    workbook = openpyxl.load_workbook(
        io.BytesIO(workbook_write(agreement=essex.essex, with_data=False))
    )
    assert workbook.sheetnames == [
        "Districts",
        "Partnerships",
        "People",
        "Outcomes",
        "Indicators",
        "Targets",
        "Actuals",
    ]
    targets = [cell.value for cell in workbook["Targets"][1]]
    assert targets[:3] == ["indicator code", "partnership", "outcome"]
    assert "target 2008/09" in targets and "stretch 2010/11" in targets
    assert "2010/11 Q4" in targets and "2009-04" not in targets
    assert workbook["Actuals"].max_row == 1
    assert workbook["Actuals"]["D1"].comment.text.startswith("The figure, in the indicator")


def test_an_awkward_agreement_round_trips_without_change(essex, tmp_path):
    county = Area.objects.create(code="22", name="Essex", kind=Area.Kind.COUNTY)
    harlow = Area.objects.create(code="22UJ", name="Harlow", kind=Area.Kind.DISTRICT, parent=county)
    essex.essex.area = county
    essex.essex.save()
    owner = make_person(essex.essex, "Duncan Wood", email="duncan@example.test")
    make_person(essex.essex, "Duncan Wood", email="other.duncan@example.test")  # same name
    outcome = make_outcome(make_theme(essex.essex), code="SE1.1")
    essex.target.data_owner = owner
    essex.target.outcome = outcome
    essex.target.save()
    monthly = make_indicator(essex.essex, "LI 9", frequency="monthly", polarity="range",
                             definition="Line one\r\nLine two ")  # fmt: skip
    make_indicator(essex.essex, "LI 9P", kind="proxy", proxy_for=monthly, title="Interim")
    ranged = make_target(essex.cwop, monthly, baseline=None,
                         baseline_awaited_reason="Awaiting the Place Survey",
                         range_low=Decimal("0.615"), range_high=Decimal("1234567890.1234"),
                         reward_grant=Decimal("250000.00"))  # fmt: skip
    set_values(ranged, **{"2009/10": "12", "2009-04": "1", "2009-05": "2.0001"})
    TargetValue.objects.filter(target=ranged, period="2009/10").update(stretch=Decimal(14))
    add_actual(ranged, "2009-04", None, commentary="=SUM(A1:A9) is not a formula")
    add_actual(essex.target, "2009/10 Q1", "26.25", district=harlow, quality="revised")
    add_actual(essex.target, "2009/10 Q2", "-0.0001", status="final", commentary="Ünïcode ✓")
    before = state()
    path = tmp_path / "export.xlsx"
    path.write_bytes(workbook_write(agreement=essex.essex))

    result = workbook_import(agreement=essex.essex, path=path, by=essex.secretariat)

    assert messages(result) == [] and result.change_count == 0, result.changes
    assert state() == before
    exported = openpyxl.load_workbook(path)
    formula_like = [c for c in exported["Actuals"]["H"] if "=SUM" in str(c.value)]
    assert formula_like[0].value == "'=SUM(A1:A9) is not a formula"  # never a live formula
    data_owners = [row[4] for row in exported["Targets"].iter_rows(min_row=2, values_only=True)]
    assert "duncan@example.test" in data_owners  # the shared name would be ambiguous


def test_the_demo_agreements_round_trip_without_change(tmp_path):
    from demo.indicators import indicators_load
    from demo.partnerships import partnerships_load

    agreements = partnerships_load(with_logins=False)
    indicators_load(agreements=agreements)
    before = state()
    for agreement in agreements.values():
        path = tmp_path / f"{agreement.slug}.xlsx"
        path.write_bytes(workbook_write(agreement=agreement))
        result = workbook_import(agreement=agreement, path=path)
        assert messages(result) == [] and result.change_count == 0, result.changes[:5]
        assert result.summary["Actuals"]["unchanged"] > 0
    assert state() == before


# --- speed ------------------------------------------------------------------------------


def bulk_book(tmp_path: Path, indicators: int, name: str) -> Path:
    """indicators × 10 quarters of actuals, with their indicators, targets and profiles."""
    quarters = [f"{year}/{(year + 1) % 100:02d} Q{q}" for year in (2008, 2009, 2010)
                for q in range(1, 5)][:10]  # fmt: skip
    codes = [f"LI {name}{n}" for n in range(indicators)]
    return book(
        tmp_path,
        name=f"{name}.xlsx",
        Indicators=[["code", "title"]] + [[code, f"Local indicator {code}"] for code in codes],
        Targets=[["indicator code", "partnership", "lead", "target 2009/10", "2009/10 Q1"]]
        + [[code, "Safer Essex", "Alan Dawkes", 40, 10] for code in codes],
        Actuals=[[*ACTUALS_HEADER, "commentary"]]
        + [[code, quarter, n, "On track"] for code in codes for n, quarter in enumerate(quarters)],
    )


def queries_for(essex, path: Path, by=None) -> int:
    with CaptureQueriesContext(connection) as context:
        result = workbook_import(agreement=essex.essex, path=path, by=by)
    assert result.is_applied, messages(result)
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(essex, tmp_path):
    few = queries_for(essex, bulk_book(tmp_path, 1, "a"))  # 10 actuals
    many = queries_for(essex, bulk_book(tmp_path, 60, "b"))  # 600 actuals
    assert Actual.objects.filter(target__indicator__code__startswith="LI b").count() == 600
    assert many == few <= 30


def test_updating_many_rows_takes_a_fixed_number_of_queries(essex, tmp_path):
    queries_for(essex, bulk_book(tmp_path, 60, "c"), by=essex.secretariat)  # entered by
    rows = [ACTUALS_HEADER] + [[f"LI c{n}", "2008/09 Q1", 99] for n in range(60)]
    few = queries_for(essex, book(tmp_path, name="few.xlsx", Actuals=rows[:2]))
    rows = [[code, period, 98] for code, period, _value in rows[1:]]
    many = queries_for(essex, book(tmp_path, name="many.xlsx", Actuals=[ACTUALS_HEADER, *rows]))
    assert many == few
    assert Actual.objects.filter(value=98).count() == 60


# --- the management command --------------------------------------------------------------


def test_the_command_imports_and_reports(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    out = io.StringIO()
    call_command("import_workbook", str(path), "--agreement", essex.essex.slug, stdout=out)
    assert "Actuals: 1 new, 0 changed, 0 unchanged" in out.getvalue()
    assert f"Imported book.xlsx into {essex.essex}." in out.getvalue()
    assert Actual.objects.filter(period="2009/10 Q2").exists()


def test_the_command_dry_run_writes_nothing(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    out = io.StringIO()
    before = state()
    call_command("import_workbook", str(path), "--agreement", essex.essex.slug, "--dry-run",
                 stdout=out)  # fmt: skip
    assert "Actuals: 1 new" in out.getvalue() and "Dry run: nothing was written." in out.getvalue()
    assert state() == before


def test_the_command_lists_problems_and_fails(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL, ["NI 32", "2009/10 Q3", "n/a"]])
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"1 problem in book\.xlsx; nothing was imported\."):
        call_command("import_workbook", str(path), "--agreement", essex.essex.slug, stderr=err)
    assert "Actuals row 3, column value: 'n/a' is not a number: type" in err.getvalue()
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_the_command_needs_a_known_agreement(essex, tmp_path):
    path = book(tmp_path, Actuals=[ACTUALS_HEADER, GOOD_ACTUAL])
    with pytest.raises(CommandError, match="There is no agreement 'sussex'"):
        call_command("import_workbook", str(path), "--agreement", "sussex")
