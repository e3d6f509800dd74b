"""Report data: the scorecard, the exception report and the highlight report.

One function per report builds its rows (`build_scorecard`, `build_exceptions`,
`build_highlight`); the HTML page, the PDF, the Excel workbook and the CSV file all read
those rows, so they never disagree. Ratings come from `indicators.scoring.TargetData`
(a fixed number of queries, whatever the number of targets), and every display string is
worked out here once per row, so templates only print them: a 500-target scorecard has
to render in well under 100 ms.

The rules that summarise a theme for the highlight report are pure functions
(`theme_rating`, `theme_direction`) and are written out for users in docs/reports.md.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from indicators.comparisons import Hotspot, benchmarks_for, hotspots_for
from indicators.models import Actual, DataReturn, FrozenRating, HighlightOverride, Target
from indicators.periods import Frequency, Period, period_for
from indicators.rating import Direction, Rating
from indicators.return_actions import RatingComparison
from indicators.scoring import Score, TargetData
from partnerships.models import Agreement, Theme

__all__ = [
    "CSV_COLUMNS",
    "RATING_ORDER",
    "Filters",
    "Report",
    "Row",
    "build_exceptions",
    "build_highlight",
    "build_scorecard",
    "direction_label",
    "report_period",
    "report_periods",
    "theme_direction",
    "theme_rating",
]

RATING_ORDER = (Rating.GREEN, Rating.AMBER, Rating.RED, Rating.NO_DATA, Rating.NOT_RATED)
MISSES = frozenset({Rating.AMBER, Rating.RED})
APPROVED = "approved"  # Filters.ratings: show the ratings approved at sign-off

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


_DESIGNATIONS = dict(Target.Designation.choices)
_QUALITY = {str(value): str(label) for value, label in Actual.Quality.choices if value}
_NO_VALUE = "–"
_NBSP = "\u00a0"  # keeps "NI 32" and "2009/10 Q2" on one line in narrow columns


# Filters ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reader narrowed the report to (all optional), from the query string."""

    partnership: int | None = None
    theme: int | None = None
    designation: str = ""
    priority: int | None = None
    rating: str = ""
    lead: int | None = None
    district: int | None = None
    quartile: int | None = None  # 1 = best, 4 = the bottom quartile of the family group
    ratings: str = ""  # APPROVED: as approved at sign-off; "": as recalculated now

    def targets(self, agreement: Agreement) -> QuerySet[Target]:
        targets = Target.objects.active().filter(agreement=agreement)
        if self.partnership is not None:
            targets = targets.filter(partnership_id=self.partnership)
        if self.theme is not None:
            targets = targets.filter(outcome__theme_id=self.theme)
        if self.designation:
            targets = targets.filter(designation=self.designation)
        if self.priority is not None:
            targets = targets.filter(priority=self.priority)
        if self.lead is not None:
            targets = targets.filter(lead_id=self.lead)
        if self.district is not None:
            # Only targets broken down by district have anything to show for one.
            targets = targets.filter(
                Exists(Actual.objects.filter(target=OuterRef("pk"), district_id=self.district))
            )
        return targets


# Periods ----------------------------------------------------------------------------------


def report_periods(agreement: Agreement) -> list[Period]:
    """The periods a report can be run for: each quarter and year of the agreement."""
    periods: list[Period] = []
    for label in agreement.financial_years:
        year = Period.parse(label)
        periods += [Period.of_quarter(year.fy, q) for q in (1, 2, 3, 4)]
        periods.append(year)
    return periods


def report_period(period: Period | None, today: dt.date) -> Period:
    """A quarter or a year to report on: the quarter a month falls in, a survey's year."""
    if period is None:
        return _last_ended_quarter(today)
    if period.kind is Frequency.MONTHLY:
        return Period.of_quarter(period.fy, period.quarter or 1)
    if period.kind is Frequency.BIENNIAL:
        return period.financial_year
    return period


def _last_ended_quarter(today: dt.date) -> Period:
    quarter = period_for(today, Frequency.QUARTERLY)
    return quarter if quarter.has_ended(today) else quarter.previous()


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


@dataclass(slots=True)
class Group:
    """Rows of one theme (and its responsible partnership) on the scorecard."""

    title: str
    partnership: str
    rows: list[Row]
    counts: list[RatingCount] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return counts_text(self.counts)


@dataclass(slots=True)
class PartnershipSummary:
    partnership: str
    counts: list[RatingCount]
    total: int


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


def _report_rows(
    agreement: Agreement, filters: Filters, period: Period | None, today: dt.date
) -> tuple[Period, list[Row]]:
    """The filtered targets rated for the period (default: the latest with data), with
    their benchmarks and approved ratings."""
    targets = filters.targets(agreement)
    data = TargetData(targets, district_id=filters.district)
    chosen = report_period(period or data.latest_period_with_data(), today)
    rows = _rows(data.scores(chosen, today))
    if filters.district is None:  # sign-off approves the area-wide figure only
        _add_approved_ratings(rows, as_approved=filters.ratings == APPROVED)
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


def _add_approved_ratings(rows: list[Row], *, as_approved: bool) -> None:
    """Mark each row whose rating differs from the one approved at sign-off (frozen with
    the rules and tolerance then in force); "as approved" also shows the approved one."""
    frozen = {
        (f.data_return.target_id, f.data_return.period): f
        for f in FrozenRating.objects.filter(
            data_return__target_id__in=[row.target_id for row in rows],
            data_return__period__in={row.period for row in rows},
            data_return__status=DataReturn.Status.APPROVED,
        ).select_related("data_return")
    }
    for row in rows:
        comparison = RatingComparison(row.score, frozen.get((row.target_id, row.period)))
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


def build_scorecard(
    *,
    agreement: Agreement,
    filters: Filters = Filters(),
    period: Period | None = None,
    today: dt.date | None = None,
) -> Report:
    """Every active target of the agreement rated for the period (default: the latest
    period with data), grouped by theme, with counts by rating overall and per partnership."""
    today = today or dt.date.today()
    chosen, rows = _report_rows(agreement, filters, period, today)
    groups: dict[tuple[str, str], Group] = {}
    by_partnership: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        key = (row.partnership, row.theme)
        if key not in groups:
            groups[key] = Group(row.theme or row.partnership, row.partnership, [])
        groups[key].rows.append(row)
        by_partnership[row.partnership].append(row)
    for group in groups.values():
        group.counts = rating_counts(group.rows)
    return Report(
        kind=Kind.SCORECARD,
        title="Scorecard",
        agreement=agreement,
        period=chosen,
        filters=filters,
        rows=rows,
        counts=rating_counts(rows),
        groups=list(groups.values()),
        by_partnership=[
            PartnershipSummary(name, rating_counts(members), len(members))
            for name, members in by_partnership.items()
        ],
    )


# Exception report -------------------------------------------------------------------------


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


@dataclass(slots=True)
class ExceptionSection:
    section: Section
    rows: list[Row]

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
    filters: Filters = Filters(),
    period: Period | None = None,
    today: dt.date | None = None,
) -> Report:
    """The targets that need a chair's attention, each once, in the first section it
    qualifies for: red; amber and worsening; no data or late; baseline awaited;
    priority-one targets forecast to miss. Other reasons are noted on the row."""
    today = today or dt.date.today()
    chosen, candidates = _report_rows(agreement, filters, period, today)
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


# Highlight report -------------------------------------------------------------------------


def _weight(row: Row) -> int:
    return 2 if row.is_mandatory else 1


def theme_rating(rows: Sequence[Row]) -> tuple[Rating, str]:
    """A theme's overall progress rating from its targets' ratings (docs/reports.md).

    Only targets rated green, amber or red count, and priority-one and statutory targets
    count twice. None rated: no data. Red if red makes up a third or more of the weighted
    count. Green if green makes up two-thirds or more and no priority-one or statutory
    target is red. Otherwise amber.
    """
    rated = [row for row in rows if row.rating in MISSES or row.rating is Rating.GREEN]
    if not rated:
        return Rating.NO_DATA, "No data: no target in the theme is rated for this period."
    weights: Counter[Rating] = Counter()
    for row in rated:
        weights[row.rating] += _weight(row)
    green, amber, red = weights[Rating.GREEN], weights[Rating.AMBER], weights[Rating.RED]
    total = green + amber + red
    tally = (
        f"{len(rated)} rated targets, counting priority-one and statutory ones twice: "
        f"{green} green, {amber} amber, {red} red of {total}."
    )
    if red * 3 >= total:
        return Rating.RED, f"Red: a third or more are red. {tally}"
    mandatory_red = [row.code for row in rated if row.rating is Rating.RED and row.is_mandatory]
    if green * 3 >= total * 2 and not mandatory_red:
        return Rating.GREEN, (
            f"Green: two-thirds or more are green and no priority-one or statutory target "
            f"is red. {tally}"
        )
    if mandatory_red:
        names = ", ".join(mandatory_red)
        verb = "is" if len(mandatory_red) == 1 else "are"
        return Rating.AMBER, f"Amber: {names} (priority one or statutory) {verb} red. {tally}"
    return Rating.AMBER, f"Amber: fewer than a third red, fewer than two-thirds green. {tally}"


def theme_direction(rows: Sequence[Row]) -> tuple[Direction, str]:
    """Improving if the theme's improving targets outweigh its worsening ones, worsening if
    the other way round, no change if they balance; not known if none has a direction.
    Priority-one and statutory targets count twice, as for the rating."""
    weights: Counter[Direction] = Counter()
    for row in rows:
        weights[row.direction] += _weight(row)
    better, same, worse = (
        weights[Direction.IMPROVING],
        weights[Direction.NO_CHANGE],
        weights[Direction.WORSENING],
    )
    tally = (
        "Counting priority-one and statutory targets twice: "
        f"{better} improving, {same} no change, {worse} worsening."
    )
    if not better + same + worse:
        return Direction.UNKNOWN, "Not known: no target in the theme has a direction of travel."
    if better > worse:
        return Direction.IMPROVING, f"Improving: more targets improving than worsening. {tally}"
    if worse > better:
        return Direction.WORSENING, f"Worsening: more targets worsening than improving. {tally}"
    return Direction.NO_CHANGE, f"No change: improving and worsening balance. {tally}"


def missing_information(row: Row) -> list[str]:
    notes = []
    if row.is_baseline_awaited:
        notes.append("baseline awaited")
    if row.rating is Rating.NO_DATA or row.is_late:
        notes.append("late" if row.is_late else "no data")
    if row.target is None and row.rating is Rating.NOT_RATED and row.actual is not None:
        notes.append("no target for the period")
    return notes


def mandatory_risk(row: Row) -> str:
    """Why a priority-one or statutory target is at risk ('' when it is not)."""
    if not row.is_mandatory:
        return ""
    if row.rating in MISSES:
        return f"{row.rating_label.lower()} this period"
    if row.forecast in MISSES:
        return f"forecast {row.forecast_label.lower()} at year end"
    if row.rating is Rating.NO_DATA or row.is_late:
        return "no data"
    return ""


@dataclass(slots=True)
class ThemeHighlight:
    theme_id: int | None
    name: str
    partnership: str
    rows: list[Row]
    counts: list[RatingCount]
    computed_rating: Rating
    computed_direction: Direction
    rating_reason: str
    direction_reason: str
    override: HighlightOverride | None
    risks: list[tuple[Row, str]]
    missing: list[tuple[Row, str]]

    @property
    def rating(self) -> Rating:
        if self.override and self.override.rating:
            return Rating(self.override.rating)
        return self.computed_rating

    @property
    def direction(self) -> Direction:
        if self.override and self.override.direction:
            return Direction(self.override.direction)
        return self.computed_direction

    @property
    def is_overridden(self) -> bool:
        return bool(self.override and (self.override.rating or self.override.direction))

    @property
    def key_issues(self) -> str:
        return self.override.key_issues if self.override else ""

    @property
    def rating_label(self) -> str:
        return self.rating.label

    @property
    def direction_label(self) -> str:
        return _DIRECTION_LABEL[self.direction]

    @property
    def direction_class(self) -> str:
        return _DIRECTION_CLASS[self.direction]

    @property
    def computed_direction_label(self) -> str:
        return _DIRECTION_LABEL[self.computed_direction]

    @property
    def computed_direction_class(self) -> str:
        return _DIRECTION_CLASS[self.computed_direction]

    @property
    def summary(self) -> str:
        return counts_text(self.counts)


def build_highlight(
    *,
    agreement: Agreement,
    period: Period | None = None,
    theme_id: int | None = None,
    today: dt.date | None = None,
) -> Report:
    """Per theme: overall progress rating and direction by the documented rule (or the
    secretariat's override, with its reason), risks to priority-one and statutory
    targets, missing information and key issues."""
    today = today or dt.date.today()
    filters = Filters(theme=theme_id)
    chosen, rows = _report_rows(agreement, filters, period, today)
    targets = filters.targets(agreement)
    theme_of = dict(targets.values_list("pk", "outcome__theme_id"))
    themes = Theme.objects.filter(agreement=agreement).select_related("partnership")
    if theme_id is not None:
        themes = themes.filter(pk=theme_id)
    overrides = {
        o.theme_id: o
        for o in HighlightOverride.objects.filter(
            theme__agreement=agreement, period=chosen.label
        ).select_related("updated_by")
    }
    by_theme: dict[int | None, list[Row]] = defaultdict(list)
    for row in rows:
        by_theme[theme_of.get(row.target_id)].append(row)
    entries = [(t.pk, t.name, t.partnership.name if t.partnership else "") for t in themes]
    if by_theme.get(None):
        entries.append((None, "Targets not linked to a theme", ""))
    highlights = []
    for pk, name, partnership in entries:
        members = by_theme.get(pk, [])
        rating, rating_reason = theme_rating(members)
        direction, direction_reason = theme_direction(members)
        risks = [(row, why) for row in members if (why := mandatory_risk(row))]
        missing = [
            (row, ", ".join(notes)) for row in members if (notes := missing_information(row))
        ]
        highlights.append(
            ThemeHighlight(
                theme_id=pk,
                name=name,
                partnership=partnership,
                rows=members,
                counts=rating_counts(members),
                computed_rating=rating,
                computed_direction=direction,
                rating_reason=rating_reason,
                direction_reason=direction_reason,
                override=overrides.get(pk) if pk is not None else None,
                risks=risks,
                missing=missing,
            )
        )
    return Report(
        kind=Kind.HIGHLIGHT,
        title="Highlight report",
        agreement=agreement,
        period=chosen,
        filters=filters,
        rows=rows,
        counts=rating_counts(rows),
        themes=highlights,
    )
