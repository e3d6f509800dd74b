"""A delivery plan as an Excel workbook, and its actions read back from one.

The layout is the improved delivery plan template's: a Plan sheet (the plan's details and
equality impact prompt), an Actions sheet (one row per action, the sheet people fill in),
a Risks sheet (likelihood × impact) and a Funding sheet (PRG, ABG and other money per
year). Only the Actions sheet is imported, and only as a whole: every row is checked
first and every problem reported by sheet, row and column; nothing is written unless
there are none.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from partnerships.models import Organisation, Person
from partnerships.spreadsheets import restore_cell, safe_row
from partnerships.uploads import TimeLimit, UploadRejected
from plans.forms import agreement_targets
from plans.models import Action, DeliveryPlan

ACTIONS_SHEET = "Actions"
MAX_ROWS = 1000
DATE_FORMAT = "DD/MM/YYYY"

# (key, heading, width). The headings are the layout: import finds columns by heading.
ACTION_COLUMNS: list[tuple[str, str, int]] = [
    ("ref", "Ref", 8),
    ("title", "Action", 40),
    ("description", "Description", 40),
    ("lead", "Lead", 22),
    ("contributors", "Contributing people", 28),
    ("organisations", "Contributing organisations", 28),
    ("targets", "Targets (indicator codes)", 20),
    ("starts_on", "Start date", 12),
    ("due_on", "Due date", 12),
    ("status", "Status", 14),
    ("percent_complete", "% complete", 11),
    ("progress_note", "Latest progress", 45),
    ("milestones", "Milestones", 45),
    ("rating", "Rating (not imported)", 14),
]
IMPORTED = [key for key, _, _ in ACTION_COLUMNS if key != "rating"]
HEADINGS = {key: heading for key, heading, _ in ACTION_COLUMNS}
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


# Export -----------------------------------------------------------------------------------


def plan_workbook(plan: DeliveryPlan, *, today: dt.date) -> bytes:
    """The plan as an .xlsx file, in the layout its import reads."""
    actions = list(
        plan.actions.select_related("lead").prefetch_related(
            "contributors", "contributing_organisations", "targets__indicator", "milestones"
        )
    )
    workbook = Workbook()
    _plan_sheet(workbook.active, plan, today)
    _actions_sheet(workbook.create_sheet(ACTIONS_SHEET), actions, today)
    _risks_sheet(workbook.create_sheet("Risks"), plan)
    _funding_sheet(workbook.create_sheet("Funding"), plan)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _plan_sheet(sheet: Worksheet, plan: DeliveryPlan, today: dt.date) -> None:
    sheet.title = "Plan"
    sheet.append(["Delivery plan"])
    sheet["A1"].font = Font(bold=True, size=14)
    targets = "\n".join(str(t) for t in plan.targets.select_related("indicator"))
    outcomes = "\n".join(str(o) for o in plan.outcomes.all())
    rows: list[tuple[str, Any]] = [
        ("Partnership", plan.partnership.name),
        ("Plan", plan.title),
        ("Period from", plan.starts_on),
        ("Period to", plan.ends_on),
        ("Owner", plan.owner.name if plan.owner else ""),
        ("Status", plan.get_status_display()),
        ("Version", plan.version),
        ("Last updated", plan.updated_at.date()),
        ("Targets it serves", targets),
        ("Outcomes it serves", outcomes),
        ("Resources summary", plan.resources_summary),
        ("Equality impact assessed?", plan.get_equality_impact_display()),
        ("Date assessed or planned", plan.equality_assessed_on),
        ("Link or note", plan.equality_reference),
        ("Exported on", today),
    ]
    for label, value in rows:
        sheet.append(safe_row([label, value]))
    for row in sheet.iter_rows(min_row=2):
        row[0].font = _BOLD
        row[1].alignment = _WRAP
        if isinstance(row[1].value, dt.date):
            row[1].number_format = DATE_FORMAT
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80


def _actions_sheet(sheet: Worksheet, actions: list[Action], today: dt.date) -> None:
    sheet.append([heading for _, heading, _ in ACTION_COLUMNS])
    for action in actions:
        sheet.append(
            safe_row(
                [
                    action.ref,
                    action.title,
                    action.description,
                    action.lead.name if action.lead else "",
                    "; ".join(p.name for p in action.contributors.all()),
                    "; ".join(o.name for o in action.contributing_organisations.all()),
                    ", ".join(t.indicator.code for t in action.targets.all()),
                    action.starts_on,
                    action.due_on,
                    action.get_status_display(),
                    action.percent_complete,
                    action.progress_note,
                    "\n".join(
                        f"{m.due_on:%d/%m/%Y} {m.title}{' (done)' if m.is_done else ''}"
                        for m in action.milestones.all()
                    ),
                    action.rating(today).rating.label,
                ]
            )
        )
    _style_table(sheet, [width for _, _, width in ACTION_COLUMNS])
    last = max(sheet.max_row, 200)
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(label for _, label in Action.Status.choices) + '"',
        allow_blank=True,
    )
    status.error = "Choose one of the statuses in the list."
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100")
    percent.error = "Enter a whole number from 0 to 100."
    sheet.add_data_validation(status)
    sheet.add_data_validation(percent)
    status.add(f"{_column('status')}2:{_column('status')}{last}")
    percent.add(f"{_column('percent_complete')}2:{_column('percent_complete')}{last}")


def _risks_sheet(sheet: Worksheet, plan: DeliveryPlan) -> None:
    sheet.append(
        ["Ref", "Risk", "Likelihood (1–5)", "Impact (1–5)", "Score", "Level", "Mitigation",
         "Owner", "Status", "Actions", "Targets"]
    )  # fmt: skip
    risks = plan.risks.select_related("owner").prefetch_related("actions", "targets__indicator")
    for number, risk in enumerate(risks, start=1):
        sheet.append(
            safe_row(
                [
                    f"R{number}",
                    risk.description,
                    risk.likelihood,
                    risk.impact,
                    risk.score,
                    risk.level.label,
                    risk.mitigation,
                    risk.owner.name if risk.owner else "",
                    risk.get_status_display(),
                    ", ".join(a.ref or a.title for a in risk.actions.all()),
                    ", ".join(t.indicator.code for t in risk.targets.all()),
                ]
            )
        )
    _style_table(sheet, [6, 45, 10, 10, 8, 10, 45, 22, 14, 16, 16])


def _funding_sheet(sheet: Worksheet, plan: DeliveryPlan) -> None:
    sheet.append(["Source", "Financial year", "Amount (£)", "Action ref", "Action", "Description"])
    for line in plan.funding_lines.select_related("action"):
        sheet.append(
            safe_row(
                [
                    line.get_source_display(),
                    line.year,
                    line.amount,
                    line.action.ref if line.action else "",
                    line.action.title if line.action else "The plan as a whole",
                    line.description,
                ]
            )
        )
    _style_table(sheet, [32, 14, 14, 10, 40, 40])
    for (cell,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.number_format = "£#,##0.00"


def _style_table(sheet: Worksheet, widths: list[int]) -> None:
    for cell in sheet[1]:
        cell.font = _BOLD
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"


def _column(key: str) -> str:
    return get_column_letter([k for k, _, _ in ACTION_COLUMNS].index(key) + 1)


# Import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet} sheet, row {self.row}"
        if self.column:
            where += f", column “{self.column}”"
        return f"{where}: {self.message}"


@dataclass
class ActionRow:
    """One valid row of the Actions sheet, with names already matched to records."""

    row: int
    ref: str
    title: str
    description: str = ""
    lead: Person | None = None
    contributors: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    targets: list[Any] = field(default_factory=list)
    starts_on: dt.date | None = None
    due_on: dt.date | None = None
    status: str = Action.Status.NOT_STARTED
    percent_complete: int = 0
    progress_note: str = ""
    milestones: list[tuple[dt.date, str, bool]] = field(default_factory=list)


class _Lookups:
    """Names and codes of the agreement, matched however people type them."""

    def __init__(self, plan: DeliveryPlan) -> None:
        agreement = plan.partnership.agreement
        self.people: dict[str, list[Person]] = {}
        for person in Person.objects.filter(agreement=agreement):
            keys = {_key(person.name), _key(person.display_name)}
            if person.email:
                keys.add(_key(person.email))
            for key in keys:
                self.people.setdefault(key, []).append(person)
        self.organisations = {
            _key(o.name): o for o in Organisation.objects.filter(agreement=agreement)
        }
        self.targets = {_code(t.indicator.code): t for t in agreement_targets(agreement)}
        self.statuses = {_key(value): value for value, _ in Action.Status.choices} | {
            _key(label): value for value, label in Action.Status.choices
        }


def read_actions(
    upload: IO[bytes], *, plan: DeliveryPlan
) -> tuple[list[ActionRow], list[RowError]]:
    """Read and check every row of the Actions sheet: (rows, []) or ([], every error)."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [RowError("", 0, "", "The file is not an Excel workbook (.xlsx) we can read.")]
    if ACTIONS_SHEET not in workbook.sheetnames:
        return [], [RowError(ACTIONS_SHEET, 0, "", "The workbook has no sheet called “Actions”.")]
    try:
        header, body = _sheet_rows(workbook[ACTIONS_SHEET])
    except UploadRejected as error:
        return [], [RowError(ACTIONS_SHEET, 0, "", str(error.message))]
    finally:
        workbook.close()
    if header is None:
        return [], [RowError(ACTIONS_SHEET, 1, "", "The sheet is empty.")]

    headings = {_key(str(cell.value or "")): index for index, cell in enumerate(header)}
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for key in IMPORTED:
        index = headings.get(_key(HEADINGS[key]))
        if index is None:
            errors.append(
                RowError(ACTIONS_SHEET, 1, HEADINGS[key], "this column is missing from the sheet.")
            )
        else:
            columns[key] = index
    if errors:
        return [], errors
    if len(body) > MAX_ROWS:
        return [], [RowError(ACTIONS_SHEET, 0, "", f"There are more than {MAX_ROWS} actions.")]

    lookups = _Lookups(plan)
    result: list[ActionRow] = []
    seen_refs: dict[str, int] = {}
    for number, cells in body:
        reader = _RowReader(number, cells, columns, lookups)
        action = reader.read()
        if action.ref:
            if action.ref in seen_refs:
                reader.error("ref", f"{action.ref} is also the Ref of row {seen_refs[action.ref]}.")
            seen_refs.setdefault(action.ref, number)
        errors += reader.errors
        result.append(action)
    if errors:
        return [], errors
    if not result:
        return [], [RowError(ACTIONS_SHEET, 2, "", "There are no actions in the sheet.")]
    return result, []


def _sheet_rows(sheet: Any) -> tuple[tuple[Any, ...] | None, list[tuple[int, tuple[Any, ...]]]]:
    """The first row, and the rows with something in them (numbered as Excel numbers
    them), read no further than one past MAX_ROWS and within the upload time limit: a
    sheet of a million rows is neither held in memory nor read to its end."""
    rows = sheet.iter_rows()
    header = next(rows, None)
    body = []
    time_limit = TimeLimit()
    for number, row in enumerate(rows, start=2):
        if _has_data(row):
            body.append((number, row))
            if len(body) > MAX_ROWS:
                break
        time_limit.check()
    return header, body


class _RowReader:
    def __init__(
        self, number: int, cells: tuple[Any, ...], columns: dict[str, int], lookups: _Lookups
    ) -> None:
        self.number, self.cells, self.columns, self.lookups = number, cells, columns, lookups
        self.errors: list[RowError] = []

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(ACTIONS_SHEET, self.number, HEADINGS[key], message))

    def cell(self, key: str) -> Any:
        index = self.columns[key]
        return self.cells[index] if index < len(self.cells) else None

    def value(self, key: str) -> Any:
        cell = self.cell(key)
        return None if cell is None else cell.value

    def text(self, key: str, max_length: int | None = None) -> str:
        text = _text(self.value(key))
        if max_length and len(text) > max_length:
            self.error(key, f"this is {len(text)} characters long; the most is {max_length}.")
        return text

    def read(self) -> ActionRow:
        row = ActionRow(row=self.number, ref=self.text("ref", 12), title=self.text("title", 300))
        if not row.title:
            self.error("title", "every action needs a title.")
        row.description = self.text("description")
        row.progress_note = self.text("progress_note")
        lead = self.text("lead")
        row.lead = self.person(lead) if lead else None
        names = _split(self.text("contributors"))
        row.contributors = [p for name in names if (p := self.person(name, "contributors"))]
        row.organisations = self.organisations()
        row.targets = self.targets()
        row.starts_on = self.date("starts_on")
        row.due_on = self.date("due_on")
        if row.starts_on and row.due_on and row.due_on < row.starts_on:
            self.error("due_on", "the due date is before the start date.")
        row.status = self.status()
        row.percent_complete = self.percent()
        row.milestones = self.milestones()
        return row

    def person(self, name: str, key: str = "lead") -> Person | None:
        matches = self.lookups.people.get(_key(name), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.error(key, f"more than one person is called “{name}”: use their e-mail address.")
        else:
            self.error(key, f"“{name}” is not a person in this agreement.")
        return None

    def organisations(self) -> list[Organisation]:
        found = []
        for name in _split(self.text("organisations")):
            organisation = self.lookups.organisations.get(_key(name))
            if organisation is None:
                self.error("organisations", f"“{name}” is not an organisation in this agreement.")
            else:
                found.append(organisation)
        return found

    def targets(self) -> list[Any]:
        found = []
        for code in re.split(r"[,;\n]+", self.text("targets")):
            if not code.strip():
                continue
            target = self.lookups.targets.get(_code(code))
            if target is None:
                self.error("targets", f"“{code.strip()}” is not a target of this agreement.")
            else:
                found.append(target)
        return found

    def date(self, key: str) -> dt.date | None:
        value = self.value(key)
        if value is None or value == "":
            return None
        parsed = _date(value)
        if parsed is None:
            self.error(key, f"“{_text(value)}” is not a date: write it like 30/06/2009.")
        return parsed

    def status(self) -> str:
        text = self.text("status")
        if not text:
            return Action.Status.NOT_STARTED
        status = self.lookups.statuses.get(_key(text))
        if status is None:
            allowed = ", ".join(label for _, label in Action.Status.choices)
            self.error("status", f"“{text}” is not a status: use one of {allowed}.")
            return Action.Status.NOT_STARTED
        return status

    def percent(self) -> int:
        cell, value = self.cell("percent_complete"), self.value("percent_complete")
        if value is None or value == "":
            return 0
        if isinstance(value, str):
            value = value.strip().rstrip("%").strip()
            try:
                value = float(value)
            except ValueError:
                value = None
        elif isinstance(value, int | float) and "%" in str(getattr(cell, "number_format", "")):
            value = value * 100
        if not isinstance(value, int | float) or value != int(value) or not 0 <= value <= 100:
            shown = _text(self.value("percent_complete"))
            self.error("percent_complete", f"“{shown}” is not a whole number from 0 to 100.")
            return 0
        return int(value)

    def milestones(self) -> list[tuple[dt.date, str, bool]]:
        found = []
        for number, line in enumerate(self.text("milestones").splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            first, _, rest = line.partition(" ")
            due = _date(first)
            title = rest.strip()
            is_done = title.lower().endswith("(done)")
            if is_done:
                title = title[: -len("(done)")].strip()
            if due is None or not title:
                self.error(
                    "milestones",
                    f"milestone {number} “{line}” should be a date then a title, "
                    "like “30/06/2009 Recruit the IDVA manager”.",
                )
            else:
                found.append((due, title[:300], is_done))
        return found


def _has_data(cells: Iterable[Any]) -> bool:
    return any(_text(cell.value) for cell in cells if cell is not None)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        # Without the quote our export puts before text such as "=1+1".
        return str(restore_cell(value)).strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _code(text: str) -> str:
    return "".join(text.upper().split())


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]+", text) if part.strip()]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
