"""Checking every row against the agreement and working out what an import would change."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from indicators.models import Actual, DataReturn, Indicator, Target, TargetValue
from indicators.periods import Frequency, Period
from indicators.workbook.columns import (
    ACTUAL_COLUMNS,
    COLUMNS,
    INDICATOR_COLUMNS,
    TARGET_COLUMNS,
    CellError,
    ValueColumn,
    norm,
    parse_number,
    parse_text,
    parse_value_column,
    period_label,
    remembered,
    shown,
)
from indicators.workbook.reading import (
    ACTUALS,
    INDICATORS,
    TARGET_VALUES,
    TARGETS,
    Problem,
    Row,
    Sheet,
)
from partnerships.models import Agreement, Area, Outcome, Partnership, Person, User

MAX_CHANGES_LISTED = 100
# What an actual is compared and updated by; history copies the rest in the database.
ACTUAL_ROW = ("id", "target_id", "period", "district_id", "value", "missing_reason", "status",
              "quality", "commentary", "version", "entered_by_id")  # fmt: skip
ACTUAL_DEFAULTS = {
    f.attname: f.get_default() for f in Actual._meta.concrete_fields if not f.primary_key
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass
class Writes:
    created: list[Any] = field(default_factory=list)  # instances, or rows for actuals
    updated: list[Any] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    deleted: list[Any] = field(default_factory=list)


@dataclass
class Plan:
    agreement: Agreement
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    writes: dict[str, Writes] = field(default_factory=lambda: defaultdict(Writes))

    def count(self, sheet: str) -> Counts:
        counts = self.counts.get(sheet)
        if counts is None:
            counts = self.counts[sheet] = Counts()
        return counts

    @property
    def is_listing(self) -> bool:
        """Still listing changes one by one (only the first MAX_CHANGES_LISTED are)."""
        return len(self.changes) < MAX_CHANGES_LISTED

    def note(self, sheet: str, kind: str, text: str = "") -> None:
        counts = self.count(sheet)
        setattr(counts, kind, getattr(counts, kind) + 1)
        if text and self.is_listing:
            self.changes.append(text)

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        return {
            sheet: {
                "created": c.created,
                "updated": c.updated,
                "deleted": c.deleted,
                "unchanged": c.unchanged,
            }
            for sheet, c in self.counts.items()
        }

    @property
    def change_count(self) -> int:
        return sum(c.changed for c in self.counts.values())


def _shown_value(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return str(value)
    text = str(value)
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}…'"


def _differs(current: object, new: object) -> bool:
    if isinstance(current, str) and isinstance(new, str):
        return current.replace("\r\n", "\n").strip() != new
    if isinstance(current, models.Model) or isinstance(new, models.Model):
        current_pk = current.pk if isinstance(current, models.Model) else None
        new_pk = new.pk if isinstance(new, models.Model) else None
        return current_pk != new_pk or (new_pk is None and new is not None)
    return current != new


def _set(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the differing values on obj; the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if _differs(getattr(obj, name), value):
            setattr(obj, name, value)
            changed.append(name)
    return changed


class Lookup:
    """Names the workbook may use for things already in the agreement, found in memory."""

    def __init__(self, items: Iterable[tuple[Any, Iterable[str]]], what: str) -> None:
        self.what = what
        self.by_name: dict[str, list[Any]] = defaultdict(list)
        for obj, names in items:
            for name in {norm(n) for n in names if n}:
                self.by_name[name].append(obj)

    def get(self, raw: str) -> Any:
        if not raw:
            return None
        found = self.by_name.get(norm(raw), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise CellError(
                f"more than one {self.what} is called '{shown(raw)}': use a unique name, "
                "short code or e-mail address."
            )
        raise CellError(f"'{shown(raw)}' is not a {self.what} in this agreement.")


def agreement_districts(agreement: Agreement) -> list[Area]:
    """The districts an actual may be broken down by (a unitary area is its own district)."""
    if agreement.area_id is None:
        return []
    areas = list(Area.objects.filter(parent_id=agreement.area_id, kind=Area.Kind.DISTRICT))
    if not areas and agreement.area is not None and agreement.area.kind == Area.Kind.UNITARY:
        areas = [agreement.area]
    return areas


def _reported_as(frequency: str) -> Frequency:
    """The kind of period an indicator's actuals and profile use (a survey year is a year)."""
    return Frequency.ANNUAL if frequency == Frequency.BIENNIAL else Frequency(frequency)


_EVERY = {
    Frequency.MONTHLY: "monthly: use a month like 2009-04",
    Frequency.QUARTERLY: "quarterly: use a quarter like 2009/10 Q1",
    Frequency.ANNUAL: "yearly: use a year like 2009/10",
}


@dataclass
class _IndicatorRow:
    row: Row
    values: dict[str, Any]
    indicator: Indicator
    is_new: bool


class Planner:
    """Checks every row against the agreement and works out what an import would change.

    Everything it compares with is loaded up front in a fixed number of queries; related
    objects are attached from those maps so that no row causes a query.
    """

    def __init__(self, agreement: Agreement, sheets: dict[str, Sheet], *, by: User | None):
        self.agreement = agreement
        self.sheets = sheets
        self.by = by
        self.plan = Plan(agreement)
        loaded = list(Indicator.objects.filter(agreement=agreement))
        by_pk = {i.pk: i for i in loaded}
        for indicator in loaded:
            indicator.proxy_for = by_pk.get(indicator.proxy_for_id)  # type: ignore[arg-type]
        self.indicators: dict[str, Indicator] = {norm(i.code): i for i in loaded}
        self.targets: dict[int, Target] = {}
        for target in (
            Target.objects.active()
            .filter(agreement=agreement)
            .select_related("partnership", "outcome", "lead", "data_owner")
        ):
            target.indicator = by_pk[target.indicator_id]
            self.targets[target.indicator_id] = target
        self.new_targets: dict[int, Target] = {}  # id(indicator) → target to create
        self.present: dict[str, list[tuple[str, Any]]] = {}  # sheet → columns it has

    # Shared checks ----------------------------------------------------------------------

    def problem(self, message: str, sheet: str, row: int | None = None, column: str = "") -> None:
        self.plan.problems.append(Problem(message, sheet, row, column))

    def in_agreement(self, period: Period) -> bool:
        return period.start <= self.agreement.ends_on and period.end >= self.agreement.starts_on

    def outside(self, period: Period) -> str:
        a = self.agreement
        return (
            f"{period} is outside the agreement, which runs from {a.starts_on:%B %Y} to "
            f"{a.ends_on:%B %Y}."
        )

    def check_columns(self, sheet: Sheet) -> dict[str, ValueColumn] | None:
        """Problems with the column names; the Targets sheet's value-per-period columns, or
        None if a column the rows cannot be read without is missing."""
        known = {c.key for c in COLUMNS[sheet.name]}
        header_row = sheet.header_row
        values: dict[str, ValueColumn] = {}
        for key, letter in sheet.columns.items():
            if key in known:
                continue
            value_column = parse_value_column(key) if sheet.name == TARGETS else None
            if value_column is None:
                close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                if sheet.name == TARGETS:
                    hint += (
                        " Targets and profiles go in columns like 'target 2009/10', "
                        "'stretch 2009/10', '2009/10 Q1' or '2009-04'."
                    )
                self.problem(
                    f"'{key}' is not a column of the {sheet.name} sheet.{hint} The import "
                    "guide lists the columns.",
                    sheet.name,
                    header_row,
                    letter,
                )
            elif not self.in_agreement(value_column.period):
                self.problem(self.outside(value_column.period), sheet.name, header_row, letter)
            else:
                values[key] = value_column
        missing = [
            c.key for c in COLUMNS[sheet.name] if c.is_required and c.key not in sheet.columns
        ]
        for key in missing:
            self.problem(
                f"there is no '{key}' column: the first row must name the columns.",
                sheet.name,
                header_row,
            )
        return None if missing else values

    def parse_row(self, sheet: Sheet, row: Row) -> dict[str, Any] | None:
        """The row's values by column key (only columns the sheet has); None if any is bad."""
        present = self.present.get(sheet.name)
        if present is None:
            present = [
                (c.key, remembered(c.parse)) for c in COLUMNS[sheet.name] if c.key in sheet.columns
            ]
            self.present[sheet.name] = present
        parsed: dict[str, Any] = {}
        ok = True
        cells = row.cells
        for key, parse in present:
            try:
                parsed[key] = parse(cells.get(key, ""))
            except CellError as error:
                self.problem(str(error), sheet.name, row.number, key)
                ok = False
        return parsed if ok else None

    def indicator_for(
        self, sheet: str, row: Row, values: dict[str, Any] | None
    ) -> Indicator | None:
        code = (
            values["indicator code"] if values else parse_text(row.cells.get("indicator code", ""))
        )
        indicator = self.indicators.get(norm(code)) if code else None
        if code and indicator is None:
            self.problem(
                f"'{shown(code)}' is not an indicator in this workbook or the agreement: add "
                "it to the Indicators sheet.",
                sheet,
                row.number,
                "indicator code",
            )
        return indicator

    def note_update(
        self, sheet: str, row: Row, obj: models.Model, values: dict[str, Any], label: str
    ) -> bool:
        """Set what differs on obj and record it; True if anything did."""
        before = {name: getattr(obj, name) for name in values}
        changed = _set(obj, values)
        said = self._said(type(obj), row, label, changed, before, values, sheet)
        writes = self.plan.writes[sheet]
        if not changed:
            self.plan.count(sheet).unchanged += 1
            return False
        writes.fields.update(changed)
        writes.updated.append(obj)
        self.plan.note(sheet, "updated", said)
        return True

    def _said(
        self,
        model: type[models.Model],
        row: Row,
        label: str,
        changed: list[str],
        before: dict[str, Any],
        after: dict[str, Any],
        sheet: str,
    ) -> str:
        if not changed or not self.plan.is_listing:
            return ""
        said = "; ".join(
            f"{model._meta.get_field(name).verbose_name} {_shown_value(before[name])} → "
            f"{_shown_value(after[name])}"
            for name in changed
        )
        return f"{sheet} row {row.number}: {label} — {said}"

    # Indicators -------------------------------------------------------------------------

    def plan_indicators(self, sheet: Sheet) -> None:
        if self.check_columns(sheet) is None:
            return
        seen: dict[str, int] = {}
        rows: list[_IndicatorRow] = []
        for row in sheet.rows:
            values = self.parse_row(sheet, row)
            code = values["code"] if values else parse_text(row.cells.get("code", ""), 20)
            if not code:
                continue
            if norm(code) in seen:
                self.problem(
                    f"{code} is already on row {seen[norm(code)]}.", INDICATORS, row.number, "code"
                )
                continue
            seen[norm(code)] = row.number
            indicator = self.indicators.get(norm(code))
            is_new = indicator is None
            if indicator is None:
                # Known from here on, so the other sheets can refer to it.
                indicator = Indicator(agreement=self.agreement, code=code)
                self.indicators[norm(code)] = indicator
            if values is not None:
                rows.append(_IndicatorRow(row, values, indicator, is_new))
        writes = self.plan.writes[INDICATORS]
        for item in rows:
            fields = {
                c.field: item.values[c.key]
                for c in INDICATOR_COLUMNS
                if c.field and c.key in item.values
            }
            if "proxy for" in item.values:
                proxy_code = item.values["proxy for"]
                proxy_for = self.indicators.get(norm(proxy_code)) if proxy_code else None
                if proxy_code and proxy_for is None:
                    self.problem(
                        f"'{shown(proxy_code)}' is not an indicator in this workbook "
                        "or the agreement.",
                        INDICATORS,
                        item.row.number,
                        "proxy for",
                    )
                    continue
                if proxy_for is item.indicator:
                    self.problem(
                        "an indicator cannot be a proxy for itself.",
                        INDICATORS,
                        item.row.number,
                        "proxy for",
                    )
                    continue
                fields["proxy_for"] = proxy_for
            indicator = item.indicator
            kind = fields.get("kind", indicator.kind)
            proxy = fields.get("proxy_for", indicator.proxy_for)
            if kind == Indicator.Kind.PROXY and proxy is None:
                self.problem(
                    "a proxy indicator must name the indicator it stands in for in "
                    "a 'proxy for' column.",
                    INDICATORS,
                    item.row.number,
                    "proxy for" if "proxy for" in item.values else "",
                )
                continue
            if item.is_new:
                if "title" not in item.values:
                    self.problem(
                        "a new indicator needs a title: add a 'title' column.",
                        INDICATORS,
                        item.row.number,
                    )
                    continue
                for name, value in fields.items():
                    setattr(indicator, name, value)
                writes.created.append(indicator)
                self.plan.note(
                    INDICATORS,
                    "created",
                    f"Indicators row {item.row.number}: add {indicator.code} {indicator.title}",
                )
            else:
                self.note_update(INDICATORS, item.row, indicator, fields, indicator.code)
        self.check_proxy_loops(rows)

    def check_proxy_loops(self, rows: list[_IndicatorRow]) -> None:
        for item in rows:
            seen = {id(item.indicator)}
            current = item.indicator.proxy_for
            while current is not None:
                if id(current) in seen:
                    self.problem(
                        f"{item.indicator.code} is in a loop of proxies: follow "
                        "'proxy for' and you come back to it.",
                        INDICATORS,
                        item.row.number,
                        "proxy for",
                    )
                    break
                seen.add(id(current))
                current = current.proxy_for

    # Targets ----------------------------------------------------------------------------

    def lookups(self, sheet: Sheet) -> dict[str, Lookup]:
        found: dict[str, Lookup] = {}
        if "partnership" in sheet.columns:
            found["partnership"] = Lookup(
                (
                    (p, (p.slug, p.name, p.short_name))
                    for p in Partnership.objects.filter(agreement=self.agreement)
                ),
                "partnership",
            )
        if "lead" in sheet.columns or "data owner" in sheet.columns:
            people = Lookup(
                ((p, (p.name, p.email)) for p in Person.objects.filter(agreement=self.agreement)),
                "person",
            )
            found["lead"] = found["data owner"] = people
        if "outcome" in sheet.columns:
            found["outcome"] = Lookup(
                (
                    (o, (o.code, o.title))
                    for o in Outcome.objects.filter(theme__agreement=self.agreement)
                ),
                "outcome",
            )
        return found

    def plan_targets(self, sheet: Sheet) -> None:
        value_columns = self.check_columns(sheet)
        if value_columns is None:
            return
        lookups = self.lookups(sheet)
        existing_values: dict[int, dict[str, TargetValue]] = defaultdict(dict)
        if value_columns:
            for value in TargetValue.objects.filter(
                target__agreement=self.agreement, target__status=Target.Status.ACTIVE
            ):
                existing_values[value.target_id][value.period] = value
        seen: dict[int, int] = {}
        writes = self.plan.writes[TARGETS]
        for row in sheet.rows:
            values = self.parse_row(sheet, row)
            indicator = self.indicator_for(TARGETS, row, values)
            if indicator is None:
                continue
            if id(indicator) in seen:
                self.problem(
                    f"{indicator.code} is already on row {seen[id(indicator)]}.",
                    TARGETS,
                    row.number,
                    "indicator code",
                )
                continue
            seen[id(indicator)] = row.number
            if values is None:
                continue
            fields = self.target_fields(row, values, lookups)
            if fields is None:
                continue
            target = self.targets.get(indicator.pk) if indicator.pk else None
            if target is None:
                if fields.get("partnership") is None:
                    self.problem(
                        "a new target needs the partnership responsible for it.",
                        TARGETS,
                        row.number,
                        "partnership",
                    )
                    continue
                target = Target(agreement=self.agreement, indicator=indicator, **fields)
                self.new_targets[id(indicator)] = target
                writes.created.append(target)
                self.plan.note(
                    TARGETS,
                    "created",
                    f"Targets row {row.number}: add the target for {indicator.code}",
                )
            else:
                self.note_update(TARGETS, row, target, fields, indicator.code)
            self.plan_target_values(
                row, target, indicator, value_columns, existing_values.get(target.pk or 0, {})
            )

    def target_fields(
        self, row: Row, values: dict[str, Any], lookups: dict[str, Lookup]
    ) -> dict[str, Any] | None:
        fields = {c.field: values[c.key] for c in TARGET_COLUMNS if c.field and c.key in values}
        ok = True
        for key, name in (
            ("partnership", "partnership"),
            ("outcome", "outcome"),
            ("lead", "lead"),
            ("data owner", "data_owner"),
        ):
            if key not in values:
                continue
            try:
                fields[name] = lookups[key].get(values[key])
            except CellError as error:
                self.problem(str(error), TARGETS, row.number, key)
                ok = False
        if fields.get("baseline") is not None and fields.get("baseline_awaited_reason"):
            self.problem(
                "there is a baseline, so it is not awaited: empty this cell or the baseline.",
                TARGETS,
                row.number,
                "baseline awaited reason",
            )
            ok = False
        low, high = fields.get("range_low"), fields.get("range_high")
        if low is not None and high is not None and low > high:
            self.problem(
                f"the top of the range ({_shown_value(high)}) is below its bottom "
                f"({_shown_value(low)}).",
                TARGETS,
                row.number,
                "range high",
            )
            ok = False
        return fields if ok else None

    def plan_target_values(
        self,
        row: Row,
        target: Target,
        indicator: Indicator,
        columns: dict[str, ValueColumn],
        existing: dict[str, TargetValue],
    ) -> None:
        wanted: dict[str, dict[str, Decimal | None]] = defaultdict(dict)
        periods: dict[str, Period] = {}
        reported_as = _reported_as(indicator.frequency)
        for key, column in columns.items():
            try:
                number = parse_number(row.cells.get(key, ""))
            except CellError as error:
                self.problem(str(error), TARGETS, row.number, key)
                continue
            period = column.period
            if (
                number is not None
                and period.kind is not Frequency.ANNUAL
                and period.kind is not reported_as
            ):
                self.problem(
                    f"{indicator.code} is reported {_EVERY[reported_as]} for its "
                    "profile, so leave this empty.",
                    TARGETS,
                    row.number,
                    key,
                )
                continue
            periods[period.label] = period
            wanted[period.label]["stretch" if column.is_stretch else "value"] = number
        writes = self.plan.writes[TARGET_VALUES]
        for label, new in wanted.items():
            current = existing.get(label)
            value = new.get("value", current.value if current else None)
            if value is None:
                if new.get("stretch") is not None:
                    self.problem(
                        f"a stretch target needs a target for {label} too.",
                        TARGETS,
                        row.number,
                        f"stretch {label}",
                    )
                elif current is not None:
                    writes.deleted.append(current)
                    self.plan.note(
                        TARGET_VALUES,
                        "deleted",
                        f"Targets row {row.number}: "
                        f"{indicator.code} — remove the target for {label}",
                    )
                continue
            if current is None:
                period = periods[label]
                created = TargetValue(
                    target=target,
                    period=label,
                    period_start=period.start,
                    is_annual=period.kind is Frequency.ANNUAL,
                    value=value,
                    stretch=new.get("stretch"),
                )
                writes.created.append(created)
                said = f"{indicator.code} {label} — target {_shown_value(value)}"
                self.plan.note(TARGET_VALUES, "created", f"Targets row {row.number}: {said}")
            else:
                self.note_update(TARGET_VALUES, row, current, new, f"{indicator.code} {label}")

    # Actuals ----------------------------------------------------------------------------

    def plan_actuals(self, sheet: Sheet) -> None:
        if self.check_columns(sheet) is None:
            return
        districts = None
        if "district" in sheet.columns:
            districts = Lookup(
                ((d, (d.name, d.code)) for d in agreement_districts(self.agreement)), "district"
            )
        # Actuals are the many rows: kept as plain rows (column → value), not instances,
        # and each row's checks look up what earlier rows worked out.
        existing: dict[tuple[int, str, int], tuple[Any, ...]] = {}  # values as in ACTUAL_ROW
        locked: set[tuple[int, str]] = set()
        if self.targets:
            active = {"target__agreement": self.agreement, "target__status": Target.Status.ACTIVE}
            for actual in Actual.objects.filter(**active).values_list(*ACTUAL_ROW):
                existing[(actual[1], actual[2], actual[3] or 0)] = actual
            # Data cycle (issue 9): an approved return locks its period's actuals.
            locked = set(
                DataReturn.objects.filter(**active, status=DataReturn.Status.APPROVED).values_list(
                    "target_id", "period"
                )
            )
        targets: dict[int, tuple[Target, int | None, Frequency] | None] = {}
        field_keys = [
            (c.field, c.key) for c in ACTUAL_COLUMNS if c.field and c.key in sheet.columns
        ]
        at = {name: n for n, name in enumerate(ACTUAL_ROW)}
        seen: dict[tuple[int, str, int], int] = {}
        writes = self.plan.writes[ACTUALS]
        for row in sheet.rows:
            values = self.parse_row(sheet, row)
            indicator = self.indicator_for(ACTUALS, row, values)
            if values is None or indicator is None:
                continue
            if id(indicator) not in targets:
                target = self.targets.get(indicator.pk) if indicator.pk else None
                target = target or self.new_targets.get(id(indicator))
                targets[id(indicator)] = (
                    None
                    if target is None
                    else (target, target.pk, _reported_as(indicator.frequency))
                )
            found = targets[id(indicator)]
            if found is None:
                self.problem(
                    f"{indicator.code} has no target in this agreement: add it to the "
                    "Targets sheet.",
                    ACTUALS,
                    row.number,
                    "indicator code",
                )
                continue
            target, target_pk, reported_as = found
            period: Period = values["period"]
            if not self.in_agreement(period):
                self.problem(self.outside(period), ACTUALS, row.number, "period")
                continue
            if period.kind is not reported_as:
                self.problem(
                    f"{indicator.code} is reported {_EVERY[reported_as]}.",
                    ACTUALS,
                    row.number,
                    "period",
                )
                continue
            district = None
            if districts is not None:
                try:
                    district = districts.get(values["district"])
                except CellError as error:
                    self.problem(str(error), ACTUALS, row.number, "district")
                    continue
            period_name = period_label(period)
            key = (
                id(target) if target_pk is None else target_pk,
                period_name,
                district.pk if district else 0,
            )
            if key in seen:
                self.problem(
                    f"this row repeats row {seen[key]}: the same indicator, period and district.",
                    ACTUALS,
                    row.number,
                    "period",
                )
                continue
            seen[key] = row.number
            fields = {name: values[column] for name, column in field_keys}
            current = existing.get(key) if target_pk else None
            reason = fields.get("missing_reason", current[at["missing_reason"]] if current else "")
            if fields["value"] is not None and reason:
                fields["missing_reason"] = ""  # a reason is kept only while there is no value
            elif fields["value"] is None and not reason:
                self.problem(
                    "there is no figure: give one, or say why there is none in a 'missing "
                    "reason' column.",
                    ACTUALS,
                    row.number,
                    "value",
                )
                continue
            if current is not None:
                changed = [
                    name
                    for name, value in fields.items()
                    if current[at[name]] != value and _differs(current[at[name]], value)
                ]
                if not changed:
                    self.plan.count(ACTUALS).unchanged += 1
                    continue
            if (target_pk, period_name) in locked:
                self.problem(
                    f"{period_name} for {indicator.code} is approved and locked; ask the "
                    "secretariat to revise it.",
                    ACTUALS,
                    row.number,
                )
                continue
            label = ""
            if self.plan.is_listing:
                label = f"{indicator.code} {period_name}" + (f" {district}" if district else "")
            if current is None:
                writes.created.append(
                    ACTUAL_DEFAULTS
                    | fields
                    | {
                        "target": target,  # its key once it is saved
                        "period": period_name,
                        "period_start": period.start,
                        "period_end": period.end,
                        "district_id": district.pk if district else None,
                    }
                )
                said = label and f"Actuals row {row.number}: {label} — "
                self.plan.note(ACTUALS, "created", said and said + _shown_value(fields["value"]))
            else:
                before = dict(zip(ACTUAL_ROW, current, strict=True))
                said = self._said(Actual, row, label, changed, before, fields, ACTUALS)
                writes.fields.update(changed)
                writes.updated.append(before | {name: fields[name] for name in changed})
                self.plan.note(ACTUALS, "updated", said)


def plan_import(agreement: Agreement, sheets: dict[str, Sheet], *, by: User | None) -> Plan:
    planner = Planner(agreement, sheets, by=by)
    if INDICATORS in sheets:
        planner.plan_indicators(sheets[INDICATORS])
    if TARGETS in sheets:
        planner.plan_targets(sheets[TARGETS])
    if ACTUALS in sheets:
        planner.plan_actuals(sheets[ACTUALS])
    return planner.plan
