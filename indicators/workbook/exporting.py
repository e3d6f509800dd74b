"""Writing the agreement's indicators, targets and actuals as the same workbook."""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from indicators.models import Actual, Indicator, Target, TargetValue
from indicators.periods import Frequency, Period, periods_in_year
from indicators.workbook.cells import norm
from indicators.workbook.columns import (
    ACTUAL_COLUMNS,
    COLUMNS,
    DISTRICT_COLUMNS,
    INDICATOR_COLUMNS,
    OUTCOME_COLUMNS,
    PARTNERSHIP_COLUMNS,
    PERSON_COLUMNS,
    TARGET_COLUMNS,
    ValueColumn,
    parse_value_column,
)
from indicators.workbook.reading import (
    ACTUALS,
    DISTRICTS,
    INDICATORS,
    OUTCOMES,
    PARTNERSHIPS,
    PEOPLE,
    TARGETS,
    column_letter,
)
from partnerships.models import Agreement, Area, Membership, Outcome, Partnership, Person, Theme
from partnerships.spreadsheets import safe_cell


def _unique_labels(
    items: Iterable[Any], name: Callable[[Any], str], fallback: Callable[[Any], str]
) -> dict[int, str]:
    """pk → the name to show for it, or its fallback where two share a name."""
    items = list(items)
    counts = Counter(norm(name(i)) for i in items)
    return {i.pk: name(i) if counts[norm(name(i))] == 1 else fallback(i) or name(i) for i in items}


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def target_value_columns(agreement: Agreement, *, with_months: bool) -> list[ValueColumn]:
    years = [Period.parse(label) for label in agreement.financial_years]
    columns = [ValueColumn(f"target {y}", y) for y in years]
    columns += [ValueColumn(f"stretch {y}", y, is_stretch=True) for y in years]
    for year in years:
        columns += [ValueColumn(q.label, q) for q in periods_in_year(year, Frequency.QUARTERLY)]
    if with_months:
        for year in years:
            columns += [ValueColumn(m.label, m) for m in periods_in_year(year, Frequency.MONTHLY)]
    return [
        c
        for c in columns
        if c.period.start <= agreement.ends_on and c.period.end >= agreement.starts_on
    ]


def workbook_rows(agreement: Agreement) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The agreement's indicators, active targets and their actuals as sheet rows."""
    indicators = list(Indicator.objects.filter(agreement=agreement).order_by("code"))
    codes = {i.pk: i.code for i in indicators}
    targets = list(Target.objects.active().filter(agreement=agreement).order_by("indicator__code"))
    frequencies = {i.pk: i.frequency for i in indicators}
    with_months = any(frequencies[t.indicator_id] == Frequency.MONTHLY for t in targets)
    value_columns = target_value_columns(agreement, with_months=with_months)
    return {
        DISTRICTS: ([c.key for c in DISTRICT_COLUMNS], _district_rows(agreement)),
        PARTNERSHIPS: ([c.key for c in PARTNERSHIP_COLUMNS], _partnership_rows(agreement)),
        PEOPLE: ([c.key for c in PERSON_COLUMNS], _person_rows(agreement)),
        OUTCOMES: ([c.key for c in OUTCOME_COLUMNS], _outcome_rows(agreement)),
        INDICATORS: (
            [c.key for c in INDICATOR_COLUMNS],
            [_indicator_row(i, codes) for i in indicators],
        ),
        TARGETS: (
            [c.key for c in TARGET_COLUMNS] + [c.key for c in value_columns],
            _target_rows(agreement, targets, codes, value_columns),
        ),
        ACTUALS: ([c.key for c in ACTUAL_COLUMNS], _actual_rows(targets, codes)),
    }


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _district_rows(agreement: Agreement) -> list[list[Any]]:
    """Each district of the agreement's area, then its wards, one row each."""
    if agreement.area_id is None:
        return []
    rows = []
    districts = Area.objects.filter(parent_id=agreement.area_id, kind=Area.Kind.DISTRICT)
    wards: dict[int, list[Area]] = defaultdict(list)
    for ward in Area.objects.filter(parent__in=districts, kind=Area.Kind.WARD).order_by("name"):
        wards[ward.parent_id].append(ward)  # type: ignore[index]
    for district in districts.order_by("name"):
        rows.append([district.name, district.code, "", "", _yes_no(district.is_priority)])
        rows += [
            [district.name, district.code, w.name, w.code, _yes_no(w.is_priority)]
            for w in wards[district.pk]
        ]
    return rows


def _partnership_labels(agreement: Agreement) -> dict[int, str]:
    return _unique_labels(
        Partnership.objects.filter(agreement=agreement), lambda p: p.name, lambda p: p.slug
    )


def _people_labels(agreement: Agreement) -> dict[int, str]:
    return _unique_labels(
        Person.objects.filter(agreement=agreement), lambda p: p.name, lambda p: p.email
    )


def _outcome_labels(agreement: Agreement) -> dict[int, str]:
    return _unique_labels(
        Outcome.objects.filter(theme__agreement=agreement),
        lambda o: o.code or o.title,
        lambda o: o.title,
    )


def _partnership_rows(agreement: Agreement) -> list[list[Any]]:
    labels = _partnership_labels(agreement)
    return [
        [
            p.name,
            p.short_name,
            p.slug,
            p.kind,
            labels.get(p.reports_to_id, ""),  # type: ignore[arg-type]
            p.description,
            p.quorum,
            p.district.code if p.district else "",
        ]
        for p in Partnership.objects.filter(agreement=agreement)
        .select_related("district")
        .order_by("name")
    ]


def _person_rows(agreement: Agreement) -> list[list[Any]]:
    """One row per role (a person without a role: one row without a partnership)."""
    partnerships = _partnership_labels(agreement)
    roles: dict[int, list[Membership]] = defaultdict(list)
    for m in Membership.objects.filter(partnership__agreement=agreement).order_by(
        "partnership__name", "role", "starts_on", "pk"
    ):
        roles[m.person_id].append(m)
    rows = []
    for person in (
        Person.objects.filter(agreement=agreement).select_related("organisation").order_by("name")
    ):
        about = [
            person.name,
            person.email,
            person.organisation.name if person.organisation else "",
            person.job_title,
        ]
        if not roles[person.pk]:
            rows.append([*about, "", "", None, person.title])
        rows += [
            [*about, partnerships[m.partnership_id], m.role, m.starts_on, person.title]
            for m in roles[person.pk]
        ]
    return rows


def _outcome_rows(agreement: Agreement) -> list[list[Any]]:
    """Each theme's outcomes; a theme without outcomes: one row with just the theme."""
    outcomes = _outcome_labels(agreement)
    people = _people_labels(agreement)
    by_theme: dict[int, list[Outcome]] = defaultdict(list)
    for o in Outcome.objects.filter(theme__agreement=agreement).order_by("order", "code", "title"):
        by_theme[o.theme_id].append(o)
    rows: list[list[Any]] = []
    for theme in Theme.objects.filter(agreement=agreement).order_by("order", "name"):
        if not by_theme[theme.pk]:
            rows.append([theme.name, "", "", "", "", None])
        rows += [
            [
                theme.name,
                o.code,
                o.title,
                outcomes.get(o.parent_id, ""),  # type: ignore[arg-type]
                people.get(o.owner_id, ""),  # type: ignore[arg-type]
                o.priority,
            ]
            for o in by_theme[theme.pk]
        ]
    return rows


def _indicator_row(i: Indicator, codes: dict[int, str]) -> list[Any]:
    return [
        i.code,
        i.title,
        i.kind,
        i.polarity,
        i.unit,
        i.decimal_places,
        i.frequency,
        i.accumulation,
        i.data_source,
        i.definition,
        codes.get(i.proxy_for_id, ""),
    ]


def _target_rows(
    agreement: Agreement, targets: list[Target], codes: dict[int, str], value_columns: list[Any]
) -> list[list[Any]]:
    partnerships = _partnership_labels(agreement)
    people = _people_labels(agreement)
    outcomes = _outcome_labels(agreement)
    values: dict[int, dict[str, TargetValue]] = defaultdict(dict)
    for value in TargetValue.objects.filter(target__in=[t.pk for t in targets]):
        values[value.target_id][value.period] = value
    rows = []
    for t in targets:
        row = [
            codes[t.indicator_id],
            partnerships.get(t.partnership_id, ""),
            outcomes.get(t.outcome_id, ""),
            people.get(t.lead_id, ""),
            people.get(t.data_owner_id, ""),
            t.designation,
            t.priority,
            _number(t.baseline),
            t.baseline_period,
            t.baseline_awaited_reason,
            t.tolerance_kind,
            _number(t.tolerance),
            _number(t.range_low),
            _number(t.range_high),
            _number(t.reward_grant),
        ]
        for column in value_columns:
            value = values[t.pk].get(column.period.label)
            row.append(
                None
                if value is None
                else _number(value.stretch if column.is_stretch else value.value)
            )
        rows.append(row)
    return rows


def _actual_rows(targets: list[Target], codes: dict[int, str]) -> list[list[Any]]:
    return [
        [
            codes[a.target.indicator_id],
            a.period,
            a.district.name if a.district else "",
            _number(a.value),
            a.missing_reason,
            a.status,
            a.quality,
            a.commentary,
        ]
        for a in Actual.objects.filter(target__in=[t.pk for t in targets])
        .select_related("target", "district")
        .order_by("target__indicator__code", "period_start", "district__name")
    ]


def workbook_write(*, agreement: Agreement, with_data: bool = True) -> bytes:
    """The agreement's workbook (or, without data, an empty template for it) as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    sheets = workbook_rows(agreement)
    if not with_data:
        sheets = {name: (header, []) for name, (header, _rows) in sheets.items()}
    helps = {name: {c.key: c.help for c in columns} for name, columns in COLUMNS.items()}
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        for index, key in enumerate(header):
            width = 40 if key in ("title", "definition", "commentary") else max(len(key) + 2, 12)
            sheet.column_dimensions[column_letter(index)].width = width
        cells = []
        for key in header:
            cell = WriteOnlyCell(sheet, value=key)
            cell.font = bold
            text = helps[name].get(key) or _value_column_help(key)
            cell.comment = Comment(text, "Golden Thread", width=300, height=80)
            cells.append(cell)
        sheet.append(cells)
        for row in rows:
            # Text stays text, never a formula; reading.py takes the added quote off again.
            sheet.append([safe_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _value_column_help(key: str) -> str:
    column = parse_value_column(key)
    if column is None:
        return ""
    if column.is_stretch:
        return f"The stretch target for {column.period}, if there is one."
    if column.period.kind is Frequency.ANNUAL:
        return f"The target for {column.period}."
    return f"The profiled (expected) value for {column.period}."
