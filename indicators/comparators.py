"""Comparator files: read a published CSV or Excel file as it comes, map its columns, check
every row, and import all of it or nothing.

The mapping says which column names the area and what kind of code it holds (old ONS
code, mySociety code, GSS code or name), which holds the period (optionally a calendar
year read as the financial year starting in it: 2008 → 2008/09) and which the value.
Every problem is reported by row and column and nothing is written while any remains.
Rows for authorities we do not hold (Scotland, Wales, Northern Ireland, combined
authorities in a UK-wide file) are not errors: they are skipped and listed.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models, transaction

from indicators.models import ComparatorImport, ComparatorValue, Indicator
from indicators.periods import Period
from partnerships import clock
from partnerships.england import mysociety_codes
from partnerships.models import Area, User

MAX_ROWS = 50_000
# How published statistics mark a figure that is not available.
NOT_AVAILABLE = {"", "..", ".", "-", "x", ":", "n/a", "na", "*", "[x]", "[c]"}
PLACES = Decimal("0.0001")


class CodeType(models.TextChoices):
    ONS = "ons", "Old ONS code (e.g. 22UB)"
    MYSOCIETY = "mysociety", "mySociety code (e.g. BAI)"
    GSS = "gss", "GSS code (e.g. E07000066)"
    NAME = "name", "Authority name"


class FileRejected(ValueError):
    """The file cannot be read as a table at all."""


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[list[str]]  # row 0 is the first data row, shown to people as row 2


@dataclass(frozen=True, slots=True)
class Mapping:
    area_column: str
    code_type: CodeType
    period_column: str
    value_column: str
    calendar_year: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "area_column": self.area_column,
            "code_type": str(self.code_type),
            "period_column": self.period_column,
            "value_column": self.value_column,
            "calendar_year": self.calendar_year,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, column '{self.column}': {self.message}"


@dataclass(frozen=True, slots=True)
class Checked:
    area_id: int
    period: str
    value: Decimal


@dataclass
class Plan:
    """What an import would do: the values to write, or the problems stopping it."""

    values: list[Checked] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_areas: Counter[str] = field(default_factory=Counter)
    not_available: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.values)

    @property
    def periods(self) -> list[str]:
        return sorted({v.period for v in self.values})

    @property
    def area_count(self) -> int:
        return len({v.area_id for v in self.values})


# --- reading ---------------------------------------------------------------------------


def table_read(data: bytes, filename: str) -> Table:
    """The first sheet of an .xlsx, or a CSV (UTF-8, else Windows-1252), header row first."""
    if filename.lower().endswith(".xlsx"):
        rows = _xlsx_rows(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise FileRejected("The file is empty.")
    if len(rows) > MAX_ROWS + 1:
        raise FileRejected(f"The file has more than {MAX_ROWS:,} rows.")
    header = [cell.strip() for cell in rows[0]]
    if len(set(header)) != len(header) or not all(header):
        raise FileRejected("The first row must name every column, each once.")
    width = len(header)
    body = [[cell.strip() for cell in row[:width]] + [""] * (width - len(row)) for row in rows[1:]]
    return Table(header, body)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # only needed for Excel files

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRejected("This is not an Excel workbook (.xlsx) we can read.") from error
    sheet = book.worksheets[0]
    rows = [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    book.close()
    return rows


def guess_mapping(table: Table) -> dict[str, Any]:
    """A starting point for the mapping form from the column names."""

    def first(*words: str) -> str:
        for word in words:
            for column in table.columns:
                if word in column.lower():
                    return column
        return ""

    area = first("ons", "snac", "local-authority-code", "gss", "code", "name", "authority")
    code_type = CodeType.ONS
    if area == "local-authority-code":
        code_type = CodeType.MYSOCIETY
    elif "gss" in area.lower():
        code_type = CodeType.GSS
    elif "name" in area.lower() or "authority" in area.lower():
        code_type = CodeType.NAME
    period = first("period", "year")
    return {
        "area_column": area,
        "code_type": code_type.value,
        "period_column": period,
        "calendar_year": period.lower() == "year",
        "value_column": first("per person", "per capita", "value", "rate"),
    }


# --- checking ---------------------------------------------------------------------------


def area_lookup(code_type: CodeType) -> dict[str, int]:
    """File code → Area id for the authorities we hold."""
    by_ons = dict(Area.objects.exclude(kind=Area.Kind.WARD).values_list("code", "pk"))
    if code_type is CodeType.ONS:
        return {code.upper(): pk for code, pk in by_ons.items()}
    if code_type is CodeType.NAME:
        names = {
            n.casefold(): by_ons[s] for n, s in mysociety_codes()["name"].items() if s in by_ons
        }
        names.update(
            (name.casefold(), pk)
            for name, pk in Area.objects.exclude(kind=Area.Kind.WARD).values_list("name", "pk")
        )
        return names
    table = mysociety_codes()[code_type.value]
    return {code.upper(): by_ons[snac] for code, snac in table.items() if snac in by_ons}


def plan_check(table: Table, mapping: Mapping) -> Plan:
    plan = Plan()
    for column in (mapping.area_column, mapping.period_column, mapping.value_column):
        if column not in table.columns:
            plan.problems.append(Problem(1, column, "there is no such column in the file."))
    if plan.problems:
        return plan
    index = {name: table.columns.index(name) for name in table.columns}
    lookup = area_lookup(mapping.code_type)
    seen: dict[tuple[int, str], int] = {}
    for number, row in enumerate(table.rows, start=2):
        raw_area = row[index[mapping.area_column]]
        key = raw_area.casefold() if mapping.code_type is CodeType.NAME else raw_area.upper()
        if not raw_area:
            plan.problems.append(Problem(number, mapping.area_column, "the area is blank."))
            continue
        area_id = lookup.get(key)
        if area_id is None:
            plan.unknown_areas[raw_area] += 1
            continue
        period = _period(row[index[mapping.period_column]], mapping.calendar_year)
        if isinstance(period, str):
            plan.problems.append(Problem(number, mapping.period_column, period))
            continue
        raw_value = row[index[mapping.value_column]].replace(",", "")
        if raw_value.lower() in NOT_AVAILABLE:
            plan.not_available += 1
            continue
        try:
            value = Decimal(raw_value).quantize(PLACES)
        except InvalidOperation:
            message = f"'{raw_value}' is not a number."
            plan.problems.append(Problem(number, mapping.value_column, message))
            continue
        if not value.is_finite() or abs(value) >= Decimal("1e10"):
            plan.problems.append(Problem(number, mapping.value_column, "the number is too large."))
            continue
        earlier = seen.setdefault((area_id, period.label), number)
        if earlier != number:
            message = f"{raw_area} {period.label} is already given in row {earlier}."
            plan.problems.append(Problem(number, mapping.area_column, message))
            continue
        plan.values.append(Checked(area_id, period.label, value))
    if not plan.values and not plan.problems:
        plan.problems.append(
            Problem(
                1, mapping.area_column, "no row names an authority we hold: check the code type."
            )
        )
    return plan


def _period(raw: str, calendar_year: bool) -> Period | str:
    """The period, or the message saying why it is not one."""
    text = raw.strip()
    if text.endswith(".0"):  # Excel gives whole-number years as floats
        text = text[:-2]
    if calendar_year:
        if not (text.isdigit() and len(text) == 4):
            return f"'{text}' is not a calendar year like 2008."
        year = int(text)
        text = f"{year}/{(year + 1) % 100:02d}"
    try:
        return Period.parse(text)
    except ValueError as error:
        return str(error)


# --- importing --------------------------------------------------------------------------


@transaction.atomic
def comparators_import(
    *, batch: ComparatorImport, indicator: Indicator, mapping: Mapping, by: User | None
) -> Plan:
    """Check the batch's file again and, only if every row passes, write its values
    (replacing earlier figures for the same indicator, area and period)."""
    plan = plan_check(table_read(bytes(batch.content), batch.filename), mapping)
    if not plan.is_valid:
        return plan
    keys = {(v.area_id, v.period) for v in plan.values}
    stale = ComparatorValue.objects.filter(
        indicator=indicator,
        period__in={period for _, period in keys},
        area_id__in={area for area, _ in keys},
    ).values_list("pk", "area_id", "period")
    ComparatorValue.objects.filter(
        pk__in=[pk for pk, area, period in stale if (area, period) in keys]
    ).delete()
    ComparatorValue.objects.bulk_create(
        [
            ComparatorValue(
                indicator=indicator, area_id=v.area_id, period=v.period, value=v.value, batch=batch
            )
            for v in plan.values
        ],
        batch_size=1000,
    )
    batch.indicator = indicator
    batch.mapping = mapping.as_dict()
    batch.status = ComparatorImport.Status.IMPORTED
    batch.value_count = len(plan.values)
    batch.imported_at = clock.now()
    batch.created_by = batch.created_by or by
    batch.save()
    return plan
