"""Planning the Targets sheet: each indicator's target, and its values by period.

A row sets the target's own fields (partnership, people, baseline, tolerance…) and, in
columns like 'target 2009/10', 'stretch 2009/10', '2009/10 Q1' or '2009-04', its values
for the years and its profile; those are counted as Target values. The targets added here
are known to the Actuals sheet.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from indicators.models import Indicator, Target, TargetValue
from indicators.periods import Frequency, Period, periods_in_year
from indicators.rating import as_published
from indicators.workbook.cells import CellError, figure_value, parse_figure
from indicators.workbook.columns import TARGET_COLUMNS, ValueColumn
from indicators.workbook.planning.plan import Writes
from indicators.workbook.planning.sheet import EVERY, Lookup, SheetPlanner, reported_as, shown_value
from indicators.workbook.reading import OUTCOMES, PARTNERSHIPS, PEOPLE, TARGET_VALUES, TARGETS, Row
from partnerships.models import Outcome, Partnership, Person

# Column key → the target's field it names something for.
LOOKED_UP = (
    ("partnership", "partnership"),
    ("outcome", "outcome"),
    ("lead", "lead"),
    ("data owner", "data_owner"),
)
# Column key → the target's field holding a figure in the indicator's unit.
FIGURES = (("baseline", "baseline"), ("range low", "range_low"), ("range high", "range_high"))


@dataclass
class WantedValue:
    """What a row gives for one period: the target, the stretch, or both."""

    period: Period
    fields: dict[str, Decimal | None] = field(default_factory=dict)  # "value", "stretch"


class TargetsPlanner(SheetPlanner):
    has_value_columns = True
    defaulted = (("tolerance kind", "tolerance kind"), ("tolerance", "tolerance"))
    column_hint = (
        " Targets and profiles go in columns like 'target 2009/10', 'stretch 2009/10', "
        "'2009/10 Q1' or '2009-04'."
    )

    def run(self) -> None:
        value_columns = self.check_columns()
        if value_columns is None:
            return
        self.value_columns: dict[str, ValueColumn] = value_columns
        self.lookups = self.load_lookups()
        # Target's pk → its values by period label.
        self.existing: dict[int, dict[str, TargetValue]] = defaultdict(dict)
        if value_columns:
            for value in TargetValue.objects.filter(
                target__agreement=self.agreement, target__status=Target.Status.ACTIVE
            ):
                self.existing[value.target_id][value.period] = value
        seen: dict[str, int] = {}  # indicator code → row number
        self.writes = self.plan.writes[TARGETS]
        for row in self.sheet.rows:
            values = self.parse_row(row)
            indicator = self.indicator_for(row, values)
            if indicator is None:
                continue
            if indicator.code in seen:
                self.problem(
                    f"{indicator.code} is already on row {seen[indicator.code]}.",
                    row.number,
                    "indicator code",
                )
                continue
            seen[indicator.code] = row.number
            problems = len(self.plan.problems)
            if values is not None:
                self.plan_row(row, values, indicator)
            if values is None or len(self.plan.problems) > problems:
                self.known.failed_targets[indicator.code] = row.number

    def load_lookups(self) -> dict[str, Lookup]:
        """Partnerships, people and outcomes of the agreement, with those the workbook's
        Partnerships, People and Outcomes sheets add."""
        columns = self.sheet.columns
        found: dict[str, Lookup] = {}
        if "partnership" in columns:
            found["partnership"] = self.known.lookup(
                PARTNERSHIPS,
                (
                    (p, (p.slug, p.name, p.short_name))
                    for p in Partnership.objects.filter(agreement=self.agreement)
                ),
                "partnership",
            )
        if "lead" in columns or "data owner" in columns:
            people = self.known.lookup(
                PEOPLE,
                ((p, (p.name, p.email)) for p in Person.objects.filter(agreement=self.agreement)),
                "person",
            )
            found["lead"] = found["data owner"] = people
        if "outcome" in columns:
            found["outcome"] = self.known.lookup(
                OUTCOMES,
                (
                    (o, (o.code, o.title))
                    for o in Outcome.objects.filter(theme__agreement=self.agreement)
                ),
                "outcome",
            )
        return found

    def plan_row(self, row: Row, values: dict[str, Any], indicator: Indicator) -> None:
        fields = self.target_fields(row, values, indicator)
        if fields is None:
            return
        target = self.known.target_of(indicator)
        self.note_defaults(row, indicator.code, is_new=target is None)
        if target is None:
            if fields.get("partnership") is None:
                self.problem(
                    "a new target needs the partnership responsible for it.",
                    row.number,
                    "partnership",
                )
                return
            target = Target(agreement=self.agreement, indicator=indicator, **fields)
            self.known.new_targets[indicator.code] = target
            self.writes.created.append(target)
            self.plan.note(
                TARGETS, "created", f"Targets row {row.number}: add the target for {indicator.code}"
            )
        else:
            self.note_update(row, target, fields, indicator.code)
        wanted = self.wanted_values(row, indicator)
        existing = self.existing.get(target.pk or 0, {})
        self.add_equal_profile(row, indicator, wanted, existing)
        writes = self.plan.writes[TARGET_VALUES]
        for label, new in wanted.items():
            self.plan_value(row, target, indicator, new, existing.get(label), writes)

    def target_fields(
        self, row: Row, values: dict[str, Any], indicator: Indicator
    ) -> dict[str, Any] | None:
        fields = {c.field: values[c.key] for c in TARGET_COLUMNS if c.field and c.key in values}
        ok = True
        for key, name in FIGURES:
            if fields.get(name) is None:
                continue
            try:
                fields[name] = figure_value(
                    fields[name],
                    code=indicator.code,
                    unit=indicator.unit,
                    is_percent_cell=key in row.percent,
                )
            except CellError as error:
                self.problem(str(error), row.number, key)
                fields[name] = None
                ok = False
        for key, name in LOOKED_UP:
            if key not in values:
                continue
            try:
                fields[name] = self.lookups[key].get(values[key])
            except CellError as error:
                self.problem(str(error), row.number, key)
                ok = False
        if fields.get("baseline") is not None and fields.get("baseline_awaited_reason"):
            self.problem(
                "there is a baseline, so it is not awaited: empty this cell or the baseline.",
                row.number,
                "baseline awaited reason",
            )
            ok = False
        low, high = fields.get("range_low"), fields.get("range_high")
        if low is not None and high is not None and low > high:
            self.problem(
                f"the top of the range ({shown_value(high)}) is below its bottom "
                f"({shown_value(low)}).",
                row.number,
                "range high",
            )
            ok = False
        return fields if ok else None

    def wanted_values(self, row: Row, indicator: Indicator) -> dict[str, WantedValue]:
        """The row's values by period label; a profile only in the indicator's periods."""
        wanted: dict[str, WantedValue] = {}
        reported = reported_as(indicator.frequency)
        for key, column in self.value_columns.items():
            try:
                figure = parse_figure(row.cells.get(key, ""))
                number = None
                if figure is not None:
                    number = figure_value(
                        figure,
                        code=indicator.code,
                        unit=indicator.unit,
                        is_percent_cell=key in row.percent,
                    )
            except CellError as error:
                self.problem(str(error), row.number, key)
                continue
            period = column.period
            if (
                number is not None
                and period.kind is not Frequency.ANNUAL
                and period.kind is not reported
            ):
                self.problem(
                    f"{indicator.code} is reported {EVERY[reported]} for its profile, so "
                    "leave this empty.",
                    row.number,
                    key,
                )
                continue
            item = wanted.setdefault(period.label, WantedValue(period))
            item.fields["stretch" if column.is_stretch else "value"] = number
        return wanted

    def add_equal_profile(
        self,
        row: Row,
        indicator: Indicator,
        wanted: dict[str, WantedValue],
        existing: dict[str, TargetValue],
    ) -> None:
        """A cumulative (year-to-date) quarterly or monthly indicator with an annual target
        but no profile for that year would never be rated: give it equal steps to the
        annual target (a quarter of it by Q1, half by Q2…), and say so."""
        reported = reported_as(indicator.frequency)
        if (
            indicator.accumulation != Indicator.Accumulation.CUMULATIVE
            or reported is Frequency.ANNUAL
        ):
            return

        def value_of(label: str) -> Decimal | None:
            if label in wanted and "value" in wanted[label].fields:
                return wanted[label].fields["value"]
            return existing[label].value if label in existing else None

        years = {label for label, item in wanted.items() if item.period.kind is Frequency.ANNUAL}
        for year in sorted(years):
            annual = value_of(year)
            periods = periods_in_year(year, reported)
            if annual is None or any(value_of(p.label) is not None for p in periods):
                continue
            count = len(periods)
            for index, period in enumerate(periods, start=1):
                step = as_published(annual * index / count, indicator.decimal_places)
                wanted[period.label] = WantedValue(period, {"value": step})
            self.warning(
                f"{indicator.code} is cumulative (year to date) and has no profile for {year}: "
                f"it is given equal {'quarters' if reported is Frequency.QUARTERLY else 'months'}"
                f" of the annual target {shown_value(annual)} "
                f"({', '.join(shown_value(wanted[p.label].fields['value']) for p in periods)}). "
                "To set your own, fill in its profile columns.",
                row.number,
                f"target {year}",
            )

    def plan_value(
        self,
        row: Row,
        target: Target,
        indicator: Indicator,
        new: WantedValue,
        current: TargetValue | None,
        writes: Writes,
    ) -> None:
        label = new.period.label
        value = new.fields.get("value", current.value if current else None)
        if value is None:
            if new.fields.get("stretch") is not None:
                self.problem(
                    f"a stretch target needs a target for {label} too.",
                    row.number,
                    f"stretch {label}",
                )
            elif current is not None:
                writes.deleted.append(current)
                self.plan.note(
                    TARGET_VALUES,
                    "deleted",
                    f"Targets row {row.number}: {indicator.code} — remove the target for {label}",
                )
        elif current is None:
            writes.created.append(
                TargetValue(
                    target=target,
                    period=label,
                    period_start=new.period.start,
                    is_annual=new.period.kind is Frequency.ANNUAL,
                    value=value,
                    stretch=new.fields.get("stretch"),
                )
            )
            said = f"{indicator.code} {label} — target {shown_value(value)}"
            self.plan.note(TARGET_VALUES, "created", f"Targets row {row.number}: {said}")
        else:
            self.note_update(
                row, current, new.fields, f"{indicator.code} {label}", counted=TARGET_VALUES
            )
