"""Planning the Actuals sheet: the figures, by indicator, period and district.

Actuals are the many rows (50,000 in a large workbook): they are compared with the
database as plain values, not model instances, and planned as rows of values (attname →
value) that importing.py writes in bulk. An actual is known by its target, its period and
its district.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple

from indicators.models import Actual, DataReturn, Indicator, Target
from indicators.periods import Frequency, Period
from indicators.rating import as_published
from indicators.workbook.cells import CellError, excel_date_error, figure_value
from indicators.workbook.columns import ACTUAL_COLUMNS
from indicators.workbook.planning.sheet import (
    EVERY,
    SheetPlanner,
    differs,
    reported_as,
    shown_value,
)
from indicators.workbook.reading import ACTUALS, DISTRICTS, Row
from partnerships.models import Agreement, Area

ACTUAL_DEFAULTS = {
    f.attname: f.get_default() for f in Actual._meta.concrete_fields if not f.primary_key
}
# A target's pk or, for one the Targets sheet adds, its indicator's code.
TargetKey = int | str
# An actual's target, period label and district's pk (0: the whole area; its code for a
# district the Districts sheet adds).
ActualKey = tuple[TargetKey, str, int | str]


def _district_key(district: Area | None) -> int | str:
    if district is None:
        return 0
    return district.pk or district.code


class ExistingActual(NamedTuple):
    """An actual as the import compares and updates it; history copies the rest in the
    database."""

    id: int
    target_id: int
    period: str
    district_id: int | None
    value: Decimal | None
    missing_reason: str
    status: str
    quality: str
    commentary: str
    version: int
    entered_by_id: int | None


_KEY_FIELDS = itemgetter(
    *(ExistingActual._fields.index(name) for name in ("target_id", "period", "district_id"))
)


class ReportedTarget(NamedTuple):
    target: Target  # in the agreement, or new from the Targets sheet
    key: TargetKey
    reported_as: Frequency  # the kind of period its actuals are for


class ActualRow(NamedTuple):
    """A row whose indicator, period and district are good and not already on a row."""

    row: Row
    indicator: Indicator
    target: Target
    period: Period
    district: Area | None
    key: ActualKey
    fields: dict[str, Any]  # attname → value, for the columns the sheet has


def agreement_districts(agreement: Agreement) -> list[Area]:
    """The districts an actual may be broken down by (a unitary area is its own district)."""
    if agreement.area_id is None:
        return []
    areas = list(Area.objects.filter(parent_id=agreement.area_id, kind=Area.Kind.DISTRICT))
    if not areas and agreement.area is not None and agreement.area.kind == Area.Kind.UNITARY:
        areas = [agreement.area]
    return areas


class ActualsPlanner(SheetPlanner):
    def run(self) -> None:
        if self.check_columns() is None:
            return
        self.districts = None
        if "district" in self.sheet.columns:
            self.districts = self.known.lookup(
                DISTRICTS,
                ((d, (d.name, d.code)) for d in agreement_districts(self.agreement)),
                "district",
            )
        # The database's rows in ExistingActual's order, kept as plain tuples: the garbage
        # collector stops tracking those, while 50,000 NamedTuples slow each collection.
        self.existing: dict[ActualKey, tuple[Any, ...]] = {}
        self.locked: set[tuple[TargetKey, str]] = set()  # target, period label
        if self.known.targets:
            self.load_existing()
        self.targets: dict[str, ReportedTarget | None] = {}  # indicator code → its target
        self.field_keys = [
            (c.field, c.key) for c in ACTUAL_COLUMNS if c.field and c.key in self.sheet.columns
        ]
        self.seen: dict[ActualKey, int] = {}  # → row number
        self.writes = self.plan.writes[ACTUALS]
        # Figures to be written, checked against their series for warnings.
        self.figures: list[tuple[int, ActualKey, Period, Decimal, Indicator]] = []
        for row in self.sheet.rows:
            item = self.check_row(row)
            if item is not None:
                self.plan_row(item)
        if self.figures and not self.plan.problems:
            self.check_series()

    def load_existing(self) -> None:
        """The actuals of the agreement's active targets, and the periods whose approved
        return locks their actuals (data cycle, issue 9)."""
        active = {"target__agreement": self.agreement, "target__status": Target.Status.ACTIVE}
        for row in Actual.objects.filter(**active).values_list(*ExistingActual._fields):
            target_id, period, district_id = _KEY_FIELDS(row)
            self.existing[(target_id, period, district_id or 0)] = row
        approved = DataReturn.objects.filter(**active, status=DataReturn.Status.APPROVED)
        self.locked = set(approved.values_list("target_id", "period"))

    def target_for(self, indicator: Indicator) -> ReportedTarget | None:
        try:
            return self.targets[indicator.code]
        except KeyError:
            pass
        target = self.known.target_of(indicator)
        found = None
        if target is not None:
            key = indicator.code if target.pk is None else target.pk
            found = ReportedTarget(target, key, reported_as(indicator.frequency))
        self.targets[indicator.code] = found
        return found

    def check_row(self, row: Row) -> ActualRow | None:
        """The row, checked as far as it can be without the figures it would replace."""
        values, is_ok = self.parse_cells(row)
        indicator = self.indicator_for(row, values if "indicator code" in values else None)
        if indicator is None:
            return None
        is_ok = self.read_figure(row, values, indicator) and is_ok
        if "period" not in values:
            return None
        found = self.target_for(indicator)
        failed_at = self.known.failed_targets.get(indicator.code)
        if found is None:
            if failed_at is None:
                self.problem(
                    f"{indicator.code} has no target in this agreement: add it to the Targets "
                    "sheet.",
                    row.number,
                    "indicator code",
                )
                return None
            # The target's row failed: say so, and still check this row's own cells.
            self.problem(
                f"{indicator.code}'s target row has problems, see Targets row {failed_at}.",
                row.number,
                "indicator code",
            )
        period = self.period_of(row, values["period"], indicator)
        if period is None:
            return None
        district = None
        if self.districts is not None:
            try:
                district = self.districts.get(values["district"])
            except CellError as error:
                self.problem(str(error), row.number, "district")
                return None
        key = (found.key if found else indicator.code, period.label, _district_key(district))
        seen = self.seen
        if key in seen:
            self.problem(
                f"this row repeats row {seen[key]}: the same indicator, period and district.",
                row.number,
                "period",
            )
            return None
        seen[key] = row.number
        if found is None or not is_ok:
            return None
        fields = {name: values[column] for name, column in self.field_keys}
        return ActualRow(row, indicator, found.target, period, district, key, fields)

    def read_figure(self, row: Row, values: dict[str, Any], indicator: Indicator) -> bool:
        """The value as typed ("95.5%", "£125k", "19.94 days") read as a number in place;
        False, with the problem noted, when it cannot be."""
        figure = values.get("value")
        if figure is None:
            return True
        try:
            values["value"] = figure_value(
                figure,
                code=indicator.code,
                unit=indicator.unit,
                is_percent_cell="value" in row.percent,
            )
        except CellError as error:
            self.problem(str(error), row.number, "value")
            return False
        return True

    def period_of(self, row: Row, period: Period | date, indicator: Indicator) -> Period | None:
        """The row's period, if it is one of the agreement's, of the indicator's frequency
        (an Excel date "Sep-14" is its month); None, with the problem noted, otherwise."""
        every = reported_as(indicator.frequency)
        if isinstance(period, date):
            if every is not Frequency.MONTHLY or period.day != 1:
                self.problem(str(excel_date_error(period)), row.number, "period")
                return None
            period = Period.of_month(period.year, period.month)  # Excel's "Sep-14"
        if not self.in_agreement(period):
            self.problem(self.outside(period), row.number, "period")
            return None
        if period.kind is not every:
            self.problem(f"{indicator.code} is reported {EVERY[every]}.", row.number, "period")
            return None
        return period

    def plan_row(self, item: ActualRow) -> None:
        fields = item.fields
        found = self.existing.get(item.key)
        current = None if found is None else ExistingActual._make(found)
        reason = fields.get("missing_reason", current.missing_reason if current else "")
        if fields["value"] is not None and reason:
            fields["missing_reason"] = ""  # a reason is kept only while there is no value
        elif fields["value"] is None and not reason:
            self.problem(
                "there is no figure: give one, or say why there is none in a 'missing "
                "reason' column.",
                item.row.number,
                "value",
            )
            return
        changed: list[str] = []
        if current is not None:
            changed = [
                name
                for name, value in fields.items()
                if (was := getattr(current, name)) != value and differs(was, value)
            ]
            if not changed:
                self.plan.count(ACTUALS).unchanged += 1
                return
        target_key, period_name, _ = item.key
        code = item.indicator.code
        if (target_key, period_name) in self.locked:
            self.problem(
                f"{period_name} for {code} is approved and locked; ask the secretariat to "
                "revise it.",
                item.row.number,
            )
            return
        value = fields["value"]
        if value is not None and (current is None or "value" in changed):
            self.figures.append((item.row.number, item.key, item.period, value, item.indicator))
            places = item.indicator.decimal_places
            if value != as_published(value, places):
                self.warning(
                    f"{code} keeps {places} decimal place{'s' if places != 1 else ''}: "
                    f"{shown_value(value)} is published and rated as "
                    f"{shown_value(as_published(value, places))}.",
                    item.row.number,
                    "value",
                )
        label = ""
        if self.plan.is_listing:
            label = f"{code} {period_name}" + (f" {item.district}" if item.district else "")
        if current is None:
            self.note_created(item, label)
        else:
            self.note_updated(item, current, changed, label)

    def check_series(self) -> None:
        """Warn of figures that look like slips against the rest of their series (the
        same target and district, in the database and the workbook): a zero where there
        has never been one, and a figure ten times (or a tenth of) the one before."""
        wanted = {(key[0], key[2]) for _, key, _, _, _ in self.figures}
        series: dict[tuple[TargetKey, int], dict[str, Decimal]] = defaultdict(dict)
        value_at = ExistingActual._fields.index("value")
        for (target_id, label, district), existing in self.existing.items():
            if (target_id, district) in wanted and existing[value_at] is not None:
                series[(target_id, district)][label] = existing[value_at]
        for _, key, _, value, _ in self.figures:
            series[(key[0], key[2])][key[1]] = value
        # Each series once: its length, its zeros, and for each period the last figure
        # other than 0 before it (one target's periods are all of one kind, whose labels
        # sort as the periods do), so each figure is judged without walking its series.
        shape: dict[tuple[TargetKey, int], tuple[int, int, dict[str, Decimal | None]]] = {}
        for name, values in series.items():
            before_each: dict[str, Decimal | None] = {}
            last: Decimal | None = None
            for label, v in sorted(values.items()):
                before_each[label] = last
                if v != 0:
                    last = v
            zeros = sum(1 for v in values.values() if v == 0)
            shape[name] = (len(values), zeros, before_each)
        for number, key, period, value, indicator in self.figures:
            size, zeros, before_each = shape[(key[0], key[2])]
            if value == 0 and size > 1 and zeros == 1:
                said = f"{indicator.code} {period.label} is {shown_value(value)}"
                self.warning(
                    f"{said}, and its figures have never been 0: was zero used for 'not yet "
                    "available'? If so, leave the value blank and give a missing reason.",
                    number,
                    "value",
                )
                continue
            previous = before_each[period.label]
            if (
                value
                and previous
                and (abs(value) >= 10 * abs(previous) or 10 * abs(value) <= abs(previous))
            ):
                much = "ten times or more" if abs(value) > abs(previous) else "a tenth or less of"
                said = f"{indicator.code} {period.label} is {shown_value(value)}"
                self.warning(
                    f"{said}, {much} the figure before ({shown_value(previous)}): check the "
                    "decimal point and the unit.",
                    number,
                    "value",
                )

    def note_created(self, item: ActualRow, label: str) -> None:
        period, district = item.period, item.district
        _, period_name, _ = item.key
        self.writes.created.append(
            ACTUAL_DEFAULTS
            | item.fields
            | {
                "target": item.target,  # its key once it is saved
                "period": period_name,
                "period_start": period.start,
                "period_end": period.end,
                "district_id": district.pk if district else None,
            }
            # A district the Districts sheet adds: its key once it is saved.
            | ({"district": district} if district and district.pk is None else {})
        )
        said = label and f"Actuals row {item.row.number}: {label} — "
        self.plan.note(ACTUALS, "created", said and said + shown_value(item.fields["value"]))

    def note_updated(
        self, item: ActualRow, current: ExistingActual, changed: list[str], label: str
    ) -> None:
        fields = item.fields
        before = current._asdict()
        said = self.said(Actual, item.row, label, changed, before, fields, ACTUALS)
        self.writes.fields.update(changed)
        self.writes.updated.append(before | {name: fields[name] for name in changed})
        self.plan.note(ACTUALS, "updated", said)
