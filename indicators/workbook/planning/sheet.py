"""What planning every sheet shares: what is known of the agreement, and the checks.

Known holds the agreement's indicators and active targets, loaded up front in a fixed
number of queries with related objects attached from the same maps, so that no row causes
a query; a sheet adds what it creates (new indicators, new targets) for later sheets to
refer to. Indicators are known by their code, which is unique in an agreement.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.db import models

from indicators.models import Indicator, Target
from indicators.periods import Frequency, Period
from indicators.workbook.cells import CellError, norm, parse_text, shown
from indicators.workbook.columns import COLUMNS, ValueColumn, parse_value_column, remembered
from indicators.workbook.planning.plan import Plan
from indicators.workbook.reading import Problem, Row, Sheet
from partnerships.models import Agreement

EVERY = {
    Frequency.MONTHLY: "monthly: use a month like 2009-04",
    Frequency.QUARTERLY: "quarterly: use a quarter like 2009/10 Q1",
    Frequency.ANNUAL: "yearly: use a year like 2009/10",
}


def reported_as(frequency: str) -> Frequency:
    """The kind of period an indicator's actuals and profile use (a survey year is a year)."""
    return Frequency.ANNUAL if frequency == Frequency.BIENNIAL else Frequency(frequency)


def shown_value(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return str(value)
    text = str(value)
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}…'"


def differs(current: object, new: object) -> bool:
    if isinstance(current, str) and isinstance(new, str):
        return current.replace("\r\n", "\n").strip() != new
    if isinstance(current, models.Model) or isinstance(new, models.Model):
        current_pk = current.pk if isinstance(current, models.Model) else None
        new_pk = new.pk if isinstance(new, models.Model) else None
        return current_pk != new_pk or (new_pk is None and new is not None)
    return current != new


def set_differing(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the differing values on obj; the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if differs(getattr(obj, name), value):
            setattr(obj, name, value)
            changed.append(name)
    return changed


class Lookup:
    """Names the workbook may use for things already in the agreement, found in memory."""

    def __init__(self, items: Iterable[tuple[Any, Iterable[str]]], what: str) -> None:
        self.what = what
        self.as_written: dict[str, Any] = {"": None}  # name as written → what it names
        self.by_name: dict[str, list[Any]] = defaultdict(list)
        for obj, names in items:
            for name in {norm(n) for n in names if n}:
                self.by_name[name].append(obj)

    def get(self, raw: str) -> Any:
        try:
            return self.as_written[raw]  # 50,000 actuals name a few districts
        except KeyError:
            pass
        if not raw:
            return None
        found = self.by_name.get(norm(raw), [])
        if len(found) == 1:
            self.as_written[raw] = found[0]
            return found[0]
        if found:
            raise CellError(
                f"more than one {self.what} is called '{shown(raw)}': use a unique name, "
                "short code or e-mail address."
            )
        article = "an" if self.what[:1] in "aeiou" else "a"
        raise CellError(f"'{shown(raw)}' is not {article} {self.what} in this agreement.")


@dataclass
class Known:
    """The agreement's indicators and active targets, and those the import adds."""

    indicators: dict[str, Indicator]  # norm(code) → indicator, new ones included
    targets: dict[int, Target]  # indicator's pk → its active target
    new_targets: dict[str, Target] = field(default_factory=dict)  # indicator code → target
    # Indicator code → the Targets row that has problems: rows that depend on it say so,
    # instead of "no target", and are still checked for their own problems.
    failed_targets: dict[str, int] = field(default_factory=dict)
    # What the Districts, Partnerships, People and Outcomes sheets add, by sheet, each
    # with the names later sheets may find it by.
    added: dict[str, list[tuple[Any, tuple[str, ...]]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @classmethod
    def load(cls, agreement: Agreement) -> Known:
        loaded = list(Indicator.objects.filter(agreement=agreement))
        by_pk = {i.pk: i for i in loaded}
        for indicator in loaded:
            indicator.proxy_for = by_pk.get(indicator.proxy_for_id)  # type: ignore[arg-type]
        targets: dict[int, Target] = {}
        for target in (
            Target.objects.active()
            .filter(agreement=agreement)
            .select_related("partnership", "outcome", "lead", "data_owner")
        ):
            target.indicator = by_pk[target.indicator_id]
            targets[target.indicator_id] = target
        return cls({norm(i.code): i for i in loaded}, targets)

    def lookup(
        self, sheet: str, existing: Iterable[tuple[Any, Iterable[str]]], what: str
    ) -> Lookup:
        """Names for what the agreement has (existing) and what sheet adds."""
        return Lookup([*existing, *self.added[sheet]], what)

    def target_of(self, indicator: Indicator) -> Target | None:
        """The indicator's active target, or the one the import creates for it."""
        target = self.targets.get(indicator.pk) if indicator.pk else None
        return target or self.new_targets.get(indicator.code)


class SheetPlanner:
    """Plans one sheet into the plan: subclasses say how, with the checks every sheet uses.

    Problems are all said against the sheet planned (a target value's belong to Targets).
    """

    has_value_columns: ClassVar[bool] = False  # Targets: 'target 2009/10', '2009-04'…
    column_hint: ClassVar[str] = ""  # said after a column name that is not known

    def __init__(self, plan: Plan, known: Known, sheet: Sheet) -> None:
        self.plan = plan
        self.known = known
        self.sheet = sheet
        self.agreement = plan.agreement
        self.present = [
            (c.key, remembered(c.parse)) for c in COLUMNS[sheet.name] if c.key in sheet.columns
        ]
        # Code as written → indicator: 50,000 actuals name a few hundred codes, and the
        # indicators known do not change while a sheet that refers to them is planned.
        self.found: dict[str, Indicator | None] = {}

    def run(self) -> None:
        """Check the sheet's rows and add what they would change to the plan."""
        raise NotImplementedError

    # Columns whose blank (or, for a new row, absence) means a default: (key, what it is).
    defaulted: ClassVar[tuple[tuple[str, str], ...]] = ()

    def problem(self, message: str, row: int | None = None, column: str = "") -> None:
        self.plan.problems.append(Problem(message, self.sheet.name, row, column))

    def warning(self, message: str, row: int | None = None, column: str = "") -> None:
        self.plan.warnings.append(Problem(message, self.sheet.name, row, column))

    def note_defaults(self, row: Row, label: str, *, is_new: bool) -> None:
        """Say which defaults a row takes: for columns left blank, and for a new row
        columns the sheet leaves out."""
        parsers = dict(self.present)
        said = []
        for key, what in self.defaulted:
            if key in self.sheet.columns:
                cell = row.cells.get(key, "")
                if not (cell == "" or cell is None or (type(cell) is str and not cell.strip())):
                    continue
                how = "left blank"
            elif is_new:
                how = "no column"
            else:
                continue
            column = next(c for c in COLUMNS[self.sheet.name] if c.key == key)
            value = parsers.get(key, column.parse)("")
            said.append(f"{what} {getattr(value, 'label', value)} ({how})")
        if said:
            self.plan.defaults.append(
                f"{self.sheet.name} row {row.number}: {label} — {', '.join(said)}"
            )

    def in_agreement(self, period: Period) -> bool:
        return period.start <= self.agreement.ends_on and period.end >= self.agreement.starts_on

    def outside(self, period: Period) -> str:
        a = self.agreement
        return (
            f"{period} is outside the agreement, which runs from {a.starts_on:%B %Y} to "
            f"{a.ends_on:%B %Y}."
        )

    def check_columns(self) -> dict[str, ValueColumn] | None:
        """Problems with the column names; the value-per-period columns, or None if a
        column the rows cannot be read without is missing."""
        sheet = self.sheet
        known = {c.key for c in COLUMNS[sheet.name]}
        values: dict[str, ValueColumn] = {}
        for key, letter in sheet.columns.items():
            if key in known:
                continue
            value_column = parse_value_column(key) if self.has_value_columns else None
            if value_column is None:
                close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
                hint = (f" Did you mean '{close[0]}'?" if close else "") + self.column_hint
                self.problem(
                    f"'{key}' is not a column of the {sheet.name} sheet.{hint} The import "
                    "guide lists the columns.",
                    sheet.header_row,
                    letter,
                )
            elif not self.in_agreement(value_column.period):
                self.problem(self.outside(value_column.period), sheet.header_row, letter)
            else:
                values[key] = value_column
        missing = [
            c.key for c in COLUMNS[sheet.name] if c.is_required and c.key not in sheet.columns
        ]
        for key in missing:
            self.problem(
                f"there is no '{key}' column: the first row must name the columns.",
                sheet.header_row,
            )
        return None if missing else values

    def parse_row(self, row: Row) -> dict[str, Any] | None:
        """The row's values by column key (only columns the sheet has); None if any is bad."""
        parsed, ok = self.parse_cells(row)
        return parsed if ok else None

    def parse_cells(self, row: Row) -> tuple[dict[str, Any], bool]:
        """The row's good values by column key, and whether every cell was good (each bad
        one is a problem), so that the rest of the row can still be checked."""
        parsed: dict[str, Any] = {}
        ok = True
        cells = row.cells
        for key, parse in self.present:
            try:
                parsed[key] = parse(cells.get(key, ""))
            except CellError as error:
                self.problem(str(error), row.number, key)
                ok = False
        return parsed, ok

    def indicator_for(self, row: Row, values: dict[str, Any] | None) -> Indicator | None:
        code = (
            values["indicator code"] if values else parse_text(row.cells.get("indicator code", ""))
        )
        try:
            indicator = self.found[code]
        except KeyError:
            indicator = self.found[code] = self.known.indicators.get(norm(code)) if code else None
        if code and indicator is None:
            self.problem(
                f"'{shown(code)}' is not an indicator in this workbook or the agreement: add "
                "it to the Indicators sheet.",
                row.number,
                "indicator code",
            )
        return indicator

    def note_update(
        self, row: Row, obj: models.Model, values: dict[str, Any], label: str, counted: str = ""
    ) -> bool:
        """Set what differs on obj and record it (counted under the sheet planned, or under
        counted); True if anything did."""
        counted = counted or self.sheet.name
        before = {name: getattr(obj, name) for name in values}
        changed = set_differing(obj, values)
        said = self.said(type(obj), row, label, changed, before, values, counted)
        writes = self.plan.writes[counted]
        if not changed:
            self.plan.count(counted).unchanged += 1
            return False
        writes.fields.update(changed)
        writes.updated.append(obj)
        self.plan.note(counted, "updated", said)
        return True

    def said(
        self,
        model: type[models.Model],
        row: Row,
        label: str,
        changed: list[str],
        before: dict[str, Any],
        after: dict[str, Any],
        counted: str,
    ) -> str:
        """'Targets row 7: NI 32 — tolerance 5 → 10', while changes are still listed."""
        if not changed or not self.plan.is_listing:
            return ""
        said = "; ".join(
            f"{model._meta.get_field(name).verbose_name} {shown_value(before[name])} → "
            f"{shown_value(after[name])}"
            for name in changed
        )
        return f"{counted} row {row.number}: {label} — {said}"
