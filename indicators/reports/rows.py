"""The rows every report is made of: one per target, rated for the period, with every
figure and label already turned into text, and the `Report` that holds them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from django.urls import reverse

from indicators.comparisons import Hotspot, benchmarks_for
from indicators.models import Actual, DataReturn, FrozenRating, Target
from indicators.periods import Period
from indicators.rating import Direction, Rating
from indicators.reports.filters import APPROVED, Filters, report_period
from indicators.return_actions import RatingComparison
from indicators.scoring import Score, TargetData
from partnerships.models import Agreement

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from indicators.reports.exceptions import ExceptionSection, Section
    from indicators.reports.highlight import ThemeHighlight
    from indicators.reports.scorecard import Group, PartnershipSummary

RATING_ORDER = (Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NO_DATA, Rating.NOT_RATED)
MISSES = frozenset({Rating.AMBER, Rating.RED})

# The CSV and Excel columns: (header, Row attribute). The first eleven are a published
# contract (docs/reports.md); add new columns at the end only.
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", "code"),
    ("title", "title"),
    ("partnership", "partnership"),
    ("lead", "lead"),
    ("period", "period"),
    ("baseline", "baseline"),
    ("target", "target"),
    ("actual", "actual"),
    ("rating", "rating"),
    ("direction", "direction"),
    ("forecast", "forecast"),
    ("forecast_value", "forecast_value"),
    ("theme", "theme"),
    ("contributors", "contributors"),
    ("designation", "designation"),
    ("priority", "priority"),
    ("unit", "unit"),
    ("data_quality", "quality"),
    ("late", "is_late"),
    ("commentary", "commentary"),
    ("quartile", "quartile"),
    ("benchmark", "benchmark_text"),
    ("rating_note", "rating_note"),
)

_DIRECTION_CLASS = {
    Direction.IMPROVING: "improving",
    Direction.NO_CHANGE: "no-change",
    Direction.WORSENING: "worsening",
    Direction.UNKNOWN: "not-comparable",
}
_DIRECTION_LABEL = {
    Direction.IMPROVING: "Improving",
    Direction.NO_CHANGE: "No change",
    Direction.WORSENING: "Worsening",
    Direction.UNKNOWN: "Not known",
}


def direction_label(direction: Direction) -> str:
    """'Improving', 'No change', 'Worsening' or 'Not known'."""
    return _DIRECTION_LABEL[direction]


def direction_class(direction: Direction) -> str:
    """The CSS modifier of a direction: 'improving', 'no-change', 'worsening'…"""
    return _DIRECTION_CLASS[direction]


_DESIGNATIONS = dict(Target.Designation.choices)
_QUALITY = {str(value): str(label) for value, label in Actual.Quality.choices if value}
_NO_VALUE = "–"
_NBSP = "\u00a0"  # keeps "NI 32" and "2009/10 Q2" on one line in narrow columns


# Rows -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    """One target in a report, with its figures and everything a reader sees, as text."""

    target_id: int
    url: str
    code: str
    code_text: str
    title: str
    partnership: str
    partnership_id: int
    theme: str
    lead: str
    lead_text: str
    contributors: str
    designation: str
    designation_label: str
    priority: int
    period: str
    period_text: str
    unit: str
    places: int
    baseline: Decimal | None
    target: Decimal | None
    actual: Decimal | None
    forecast_value: Decimal | None
    rating: Rating
    direction: Direction
    forecast: Rating
    quality: str
    is_late: bool
    is_baseline_awaited: bool
    is_mandatory: bool
    commentary: str
    score: Score
    # Display strings, worked out once.
    baseline_text: str = ""
    target_text: str = ""
    actual_text: str = ""
    forecast_text: str = ""
    rating_label: str = ""
    forecast_label: str = ""
    direction_label: str = ""
    direction_class: str = ""
    designation_text: str = ""
    quality_label: str = ""
    unit_note: str = ""
    # Against the family group (comparators), and against the rating approved at sign-off.
    quartile: int | None = None
    benchmark_text: str = ""
    rating_note: str = ""
    # Exception report only: the section the row is shown in, its other reasons, and the
    # districts driving a red or amber rating.
    section: Section | None = None
    also: str = ""
    hotspots: list[Hotspot] = field(default_factory=list)

    def __getitem__(self, name: str) -> object:
        # Django templates try `row[name]` before `row.name`; answering it directly saves
        # raising and catching a TypeError for every cell of a 500-row table.
        return getattr(self, name)

    @property
    def explanation(self) -> str:
        return self.score.result.explanation


def _number(value: Decimal | None, unit: str) -> str:
    if value is None:
        return _NO_VALUE
    text = f"{value:,f}"
    if unit == "%":
        return f"{text}%"
    if unit == "£":
        return f"£{text}"
    return text


def _row(score: Score, url: str) -> Row:
    info = score.target
    unit = info.unit
    forecast_value = score.forecast.value if score.forecast else None
    rating = score.rating
    forecast = score.forecast_rating
    designation_label = _DESIGNATIONS.get(info.designation, info.designation)
    quality = _QUALITY.get(score.quality, "")
    actual_text = _number(score.actual_value, unit)
    if score.is_late:
        actual_text = "Late"
    return Row(
        target_id=info.pk,
        url=url,
        code=info.code,
        code_text=info.code.replace(" ", _NBSP),
        title=info.title,
        partnership=info.partnership,
        partnership_id=info.partnership_id,
        theme=info.theme,
        lead=info.lead,
        lead_text=info.lead or _NO_VALUE,
        contributors=", ".join(info.contributors),
        designation=info.designation,
        designation_label=designation_label,
        priority=info.priority,
        period=score.period.label,
        period_text=score.period.label.replace(" ", _NBSP),
        unit=unit,
        places=info.decimal_places,
        baseline=info.baseline,
        target=score.target_value,
        actual=score.actual_value,
        forecast_value=forecast_value,
        rating=rating,
        direction=score.direction,
        forecast=forecast,
        quality=quality,
        is_late=score.is_late,
        is_baseline_awaited=info.is_baseline_awaited,
        is_mandatory=info.priority == 1 or info.designation == Target.Designation.STATUTORY,
        commentary=score.commentary,
        score=score,
        baseline_text="Awaited" if info.baseline is None else _number(info.baseline, unit),
        target_text=_number(score.target_value, unit),
        actual_text=actual_text,
        forecast_text=_number(forecast_value, unit) if forecast_value is not None else "",
        rating_label=rating.label,
        forecast_label=forecast.label if score.forecast else "None yet",
        direction_label=_DIRECTION_LABEL[score.direction],
        direction_class=_DIRECTION_CLASS[score.direction],
        designation_text=f"{designation_label}, P{info.priority}",
        quality_label=quality,
        unit_note="" if unit in ("%", "£", "number", "") else unit,
    )


def _rows(scores: Iterable[Score]) -> list[Row]:
    # One reverse() for the whole report; each row puts its own id in the same place.
    head, _, tail = reverse("indicators:target-detail", args=[0]).rpartition("0")
    return [_row(score, f"{head}{score.target.pk}{tail}") for score in scores]


# Summaries --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RatingCount:
    rating: Rating
    label: str
    count: int


def rating_counts(rows: Iterable[Row]) -> list[RatingCount]:
    counts = Counter(row.rating for row in rows)
    return [RatingCount(r, r.label.lower(), counts.get(r, 0)) for r in RATING_ORDER]


def counts_text(counts: Sequence[RatingCount]) -> str:
    """'12 green, 5 amber, 4 red, 3 no data' (ratings with none are left out)."""
    parts = [f"{c.count} {c.label}" for c in counts if c.count]
    return ", ".join(parts) if parts else "no targets"


# Reports ----------------------------------------------------------------------------------


class Kind(StrEnum):
    SCORECARD = "scorecard"
    EXCEPTIONS = "exceptions"
    HIGHLIGHT = "highlight"


@dataclass(slots=True)
class Report:
    """What every format of one report shows."""

    kind: Kind
    title: str
    agreement: Agreement
    period: Period
    filters: Filters
    rows: list[Row]
    counts: list[RatingCount]
    groups: list[Group] = field(default_factory=list)
    by_partnership: list[PartnershipSummary] = field(default_factory=list)
    sections: list[ExceptionSection] = field(default_factory=list)
    themes: list[ThemeHighlight] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return counts_text(self.counts)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def hotspot_rows(self) -> list[Row]:
        return [row for row in self.rows if row.hotspots]


def report_rows(
    agreement: Agreement, filters: Filters, period: Period | None, today: dt.date
) -> tuple[Period, list[Row]]:
    """The filtered targets rated for the period (default: the latest with data), with
    their benchmarks and approved ratings."""
    targets = filters.targets(agreement)
    data = TargetData(targets, district_id=filters.district)
    chosen = report_period(period or data.latest_period_with_data(), today)
    rows = _rows(data.scores(chosen, today))
    if filters.district is None:  # sign-off approves the area-wide figure only
        _add_approved_ratings(rows, targets, as_approved=filters.ratings == APPROVED)
    # A family group ranks areas, so a district's own figures get no benchmark.
    benchmarks = benchmarks_for(targets, chosen) if filters.district is None else {}
    for row in rows:
        if benchmark := benchmarks.get(row.target_id):
            row.quartile, row.benchmark_text = benchmark.quartile, benchmark.text
    if filters.rating:
        rows = [row for row in rows if row.rating == filters.rating]
    if filters.quartile is not None:
        rows = [row for row in rows if row.quartile == filters.quartile]
    return chosen, rows


def _add_approved_ratings(rows: list[Row], targets: QuerySet[Target], *, as_approved: bool) -> None:
    """Mark each row whose rating differs from the one approved at sign-off (frozen with
    the rules and tolerance then in force); "as approved" also shows the approved one.
    The rows are `targets`' (a subquery: binding each row's id cost more than the query)."""
    frozen = {
        (f.data_return.target_id, f.data_return.period): f
        for f in FrozenRating.objects.filter(
            data_return__target_id__in=targets.values("pk"),
            data_return__period__in={row.period for row in rows},
            data_return__status=DataReturn.Status.APPROVED,
        ).select_related("data_return")
    }
    if not frozen:  # nothing approved: no rating to compare
        return
    for row in rows:
        approved = frozen.get((row.target_id, row.period))
        if approved is None:
            continue
        comparison = RatingComparison(row.score, approved)
        if not comparison.is_different:
            continue
        approved = Rating(comparison.approved_rating)
        if as_approved:
            row.rating_note = (
                f"As approved. Recalculated now: {row.rating.label} ({comparison.why_different})."
            )
            row.rating, row.rating_label = approved, approved.label
        else:
            row.rating_note = (
                f"Approved as {approved.label}; recalculated now ({comparison.why_different})."
            )
