"""The exception report: the targets that need the chair's attention, each in the first
section it qualifies for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from indicators import hooks
from indicators.comparisons import hotspots_for
from indicators.hooks import TargetResponse
from indicators.periods import Period
from indicators.rating import Direction, Rating
from indicators.reports.filters import NO_FILTERS, Filters
from indicators.reports.rows import MISSES, Kind, Report, Row, rating_counts, report_rows
from partnerships import clock
from partnerships.models import Agreement


class Section(StrEnum):
    """Why a target needs the chair's attention, in the order the report shows them."""

    RED = "red"
    AMBER_WORSENING = "amber_worsening"
    NO_DATA = "no_data"
    BASELINE_AWAITED = "baseline_awaited"
    FORECAST_TO_MISS = "forecast_to_miss"
    BOTTOM_QUARTILE = "bottom_quartile"

    @property
    def title(self) -> str:
        return _SECTION_TITLES[self][0]

    @property
    def description(self) -> str:
        return _SECTION_TITLES[self][1]


_SECTION_TITLES = {
    Section.RED: ("Red", "Behind the target by more than the agreed tolerance."),
    Section.AMBER_WORSENING: (
        "Amber and worsening",
        "Behind the target within the tolerance, and worse than the period before.",
    ),
    Section.NO_DATA: (
        "No data or late",
        "The period has ended and no actual has been entered, or the return is late.",
    ),
    Section.BASELINE_AWAITED: (
        "Baseline still awaited",
        "There is no baseline yet, so progress cannot be judged.",
    ),
    Section.FORECAST_TO_MISS: (
        "Priority-one targets forecast to miss",
        "Priority-one targets whose year-end forecast is amber or red.",
    ),
    Section.BOTTOM_QUARTILE: (
        "Bottom quartile of comparable areas",
        "In the worst quarter of the family group on the latest published comparator figures.",
    ),
}


def exception_reasons(row: Row) -> list[Section]:
    """Every section a row belongs in, in report order; the report shows it in the first."""
    reasons = []
    if row.rating is Rating.RED:
        reasons.append(Section.RED)
    if row.rating is Rating.AMBER and row.direction is Direction.WORSENING:
        reasons.append(Section.AMBER_WORSENING)
    if row.rating is Rating.NO_DATA or row.is_late:
        reasons.append(Section.NO_DATA)
    if row.is_baseline_awaited:
        reasons.append(Section.BASELINE_AWAITED)
    if row.priority == 1 and row.forecast in MISSES:
        reasons.append(Section.FORECAST_TO_MISS)
    if row.quartile == 4:
        reasons.append(Section.BOTTOM_QUARTILE)
    return reasons


NO_RESPONSE = TargetResponse()


@dataclass(frozen=True, slots=True)
class Entry:
    """One exception with the partnership's response to it (None: no app answers)."""

    row: Row
    response: TargetResponse | None


@dataclass(slots=True)
class ExceptionSection:
    section: Section
    rows: list[Row]
    # {target id: its plan actions and risks}, from the app that knows them
    # (indicators/hooks.py); None when no app is there to answer.
    responses: Mapping[int, TargetResponse] | None = field(default=None)

    @property
    def entries(self) -> list[Entry]:
        if self.responses is None:
            return [Entry(row, None) for row in self.rows]
        return [Entry(row, self.responses.get(row.target_id, NO_RESPONSE)) for row in self.rows]

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def description(self) -> str:
        return self.section.description

    @property
    def key(self) -> str:
        return self.section.value


def build_exceptions(
    *,
    agreement: Agreement,
    filters: Filters = NO_FILTERS,
    period: Period | None = None,
    today: dt.date | None = None,
) -> Report:
    """The targets that need a chair's attention, each once, in the first section it
    qualifies for: red; amber and worsening; no data or late; baseline awaited;
    priority-one targets forecast to miss. Other reasons are noted on the row."""
    today = today or clock.today()
    chosen, candidates = report_rows(agreement, filters, period, today)
    sections = {section: ExceptionSection(section, []) for section in Section}
    rows: list[Row] = []
    for row in candidates:
        reasons = exception_reasons(row)
        if not reasons:
            continue
        row.section = reasons[0]
        row.also = "; ".join(reason.title.lower() for reason in reasons[1:])
        sections[reasons[0]].rows.append(row)
    for section in sections.values():
        rows += section.rows
    spots = hotspots_for(
        (r.target_id, r.period, r.score.target.polarity, r.target, r.rating.value) for r in rows
    )
    for row in rows:
        row.hotspots = spots.get(row.target_id, [])
    responses = _responses([row.target_id for row in rows], today)
    for section in sections.values():
        section.responses = responses
    return Report(
        kind=Kind.EXCEPTIONS,
        title="Exception report",
        agreement=agreement,
        period=chosen,
        filters=filters,
        rows=rows,
        counts=rating_counts(rows),
        sections=list(sections.values()),
    )


def _responses(target_ids: list[int], today: dt.date) -> Mapping[int, TargetResponse] | None:
    """The plan actions and risks answering the exceptions, from the app that knows them
    (plans, through indicators/hooks.py); None without one."""
    provider = next(iter(hooks.exception_report_responses), None)
    if provider is None:
        return None
    return provider(target_ids, today) if target_ids else {}
