"""The highlight report: per theme, a progress rating and direction of travel by the rule
in docs/reports.md (or the secretariat's override), risks and missing information; for the
whole agreement, the secretariat's overall rating and direction of travel (each a colour,
with a reason, suggested from the targets' ratings), each block's risks, impact and
missing information in their words, and the other key issues for government
(indicators/models/highlight.py).

The rules that summarise a theme (`theme_rating`, `theme_direction`) are pure functions
and are written out for users in docs/reports.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from indicators.models import (
    AgreementHighlight,
    BlockHighlight,
    Colour,
    HighlightOverride,
)
from indicators.periods import Period
from indicators.rating import Direction, Rating
from indicators.reports.filters import Filters
from indicators.reports.rows import (
    MISSES,
    Kind,
    RatingCount,
    Report,
    Row,
    counts_text,
    direction_class,
    direction_label,
    rating_counts,
    report_rows,
)
from partnerships import clock
from partnerships.models import Agreement, Theme


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
    block: BlockHighlight | None = None

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
        return direction_label(self.direction)

    @property
    def direction_class(self) -> str:
        return direction_class(self.direction)

    @property
    def computed_direction_label(self) -> str:
        return direction_label(self.computed_direction)

    @property
    def computed_direction_class(self) -> str:
        return direction_class(self.computed_direction)

    @property
    def summary(self) -> str:
        return counts_text(self.counts)


# The colour a direction of travel suggests: moving forward is green (seed 004 rates "Overall
# there is confidence that the LAA is moving forward positively" Green).
DIRECTION_COLOURS = {
    Direction.IMPROVING: Colour.GREEN,
    Direction.NO_CHANGE: Colour.AMBER,
    Direction.WORSENING: Colour.RED,
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The colour the targets' ratings suggest (None: they suggest nothing), and why."""

    colour: Colour | None
    reason: str

    @property
    def label(self) -> str:
        return self.colour.label if self.colour else "None"


def suggest_overall(rows: Sequence[Row]) -> Suggestion:
    """The whole agreement's targets summed up by the theme rule (theme_rating)."""
    rating, reason = theme_rating(rows)
    if rating is Rating.NO_DATA:
        return Suggestion(None, "No suggestion: no target is rated for this period.")
    return Suggestion(Colour(rating.value), reason.replace("in the theme", "in the agreement"))


def suggest_direction(rows: Sequence[Row]) -> Suggestion:
    """Green if the targets are improving on balance, amber if they hold, red if worsening."""
    direction, reason = theme_direction(rows)
    colour = DIRECTION_COLOURS.get(direction)
    if colour is None:
        return Suggestion(None, "No suggestion: no target has a direction of travel.")
    return Suggestion(colour, f"{colour.label}, as the targets are {reason[0].lower()}{reason[1:]}")


@dataclass(slots=True)
class AgreementSummary:
    """The agreement-level sections: the secretariat's record (None until first saved)
    and what the targets' ratings suggest."""

    record: AgreementHighlight | None
    overall_suggestion: Suggestion
    direction_suggestion: Suggestion

    def _colour(self, name: str) -> Colour | None:
        value = getattr(self.record, name, "") if self.record else ""
        return Colour(value) if value else None

    @property
    def overall(self) -> Colour | None:
        return self._colour("overall_rating")

    @property
    def direction(self) -> Colour | None:
        return self._colour("direction_rating")

    @property
    def key_issues(self) -> str:
        return self.record.key_issues if self.record else ""


@dataclass(slots=True)
class HighlightReport(Report):
    overall: AgreementSummary | None = field(default=None)

    @property
    def narrative(self) -> list[NarrativeSection]:
        return narrative_sections(self)


def paragraphs(text: str) -> list[str]:
    """Text as people typed it, split into paragraphs at blank lines."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


@dataclass(frozen=True, slots=True)
class BlockText:
    name: str
    text: str

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)


@dataclass(frozen=True, slots=True)
class NarrativeSection:
    """One of the numbered sections a Government Office's highlight report has (seed
    004), as every format shows it: the agreement-wide text, then each block's."""

    number: str
    title: str
    anchor: str
    text: str = ""
    blocks: tuple[BlockText, ...] = ()
    colour: Colour | None = None
    suggestion: Suggestion | None = None
    is_rated: bool = False

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs(self.text)

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.blocks or self.is_rated)


def narrative_sections(report: HighlightReport) -> list[NarrativeSection]:
    """The sections in the order GOEM wrote them: overall progress, direction of travel,
    risks to mandatory then to other outcomes, impact, missing information, and other key
    issues for government."""
    summary = report.overall
    if summary is None:
        return []
    record = summary.record
    blocks = [t for t in report.themes if t.block is not None]

    def by_block(name: str) -> tuple[BlockText, ...]:
        found = ((t.name, getattr(t.block, name)) for t in blocks)
        return tuple(BlockText(theme, text) for theme, text in found if text.strip())

    def said(name: str) -> str:
        return str(getattr(record, name)) if record else ""

    return [
        NarrativeSection("1", "Overall progress", "overall", said("overall_reason"),
                         colour=summary.overall, suggestion=summary.overall_suggestion,
                         is_rated=True),
        NarrativeSection("2", "Direction of travel", "direction", said("direction_reason"),
                         colour=summary.direction, suggestion=summary.direction_suggestion,
                         is_rated=True),
        NarrativeSection("3", "Risks to the achievement of mandatory outcomes",
                         "mandatory-risks", blocks=by_block("mandatory_risks")),
        NarrativeSection("", "Risks to the achievement of other outcomes of key importance "
                         "to the local partnership", "other-risks",
                         blocks=by_block("other_risks")),
        NarrativeSection("4", "The impact of the LAA and strong performance", "impact",
                         said("impact"), blocks=by_block("impact")),
        NarrativeSection("5", "Missing information", "missing", said("missing_information"),
                         blocks=by_block("missing_information")),
        NarrativeSection("6", "Other key issues for government", "government",
                         said("key_issues")),
    ]  # fmt: skip


def build_highlight(
    *,
    agreement: Agreement,
    period: Period | None = None,
    theme_id: int | None = None,
    today: dt.date | None = None,
) -> HighlightReport:
    """Per theme: overall progress rating and direction by the documented rule (or the
    secretariat's override, with its reason), risks to priority-one and statutory
    targets, missing information and key issues; for the whole agreement (when not asked
    for one theme), the secretariat's sections with the targets' suggestions."""
    today = today or clock.today()
    filters = Filters(theme=theme_id)
    chosen, rows = report_rows(agreement, filters, period, today)
    targets = filters.targets(agreement)
    theme_of = dict(targets.values_list("pk", "outcome__theme_id"))
    themes = Theme.objects.filter(agreement=agreement).select_related("partnership")
    if theme_id is not None:
        themes = themes.filter(pk=theme_id)
    overrides: dict[int | None, HighlightOverride] = {
        o.theme_id: o
        for o in HighlightOverride.objects.filter(
            theme__agreement=agreement, period=chosen.label
        ).select_related("updated_by")
    }
    record, blocks = _agreement_record(agreement, chosen)
    by_theme: dict[int | None, list[Row]] = defaultdict(list)
    for row in rows:
        by_theme[theme_of.get(row.target_id)].append(row)
    entries: list[tuple[int | None, str, str]] = [
        (t.pk, t.name, t.partnership.name if t.partnership else "") for t in themes
    ]
    if by_theme.get(None):
        entries.append((None, "Targets not linked to a theme", ""))
    highlights = [
        _theme_highlight(pk, name, partnership, by_theme.get(pk, []), overrides.get(pk))
        for pk, name, partnership in entries
    ]
    for highlight in highlights:
        highlight.block = blocks.get(highlight.theme_id)
    overall = None
    if theme_id is None:
        overall = AgreementSummary(record, suggest_overall(rows), suggest_direction(rows))
    return HighlightReport(
        kind=Kind.HIGHLIGHT,
        title="Highlight report",
        agreement=agreement,
        period=chosen,
        filters=filters,
        rows=rows,
        counts=rating_counts(rows),
        themes=highlights,
        overall=overall,
    )


def _agreement_record(
    agreement: Agreement, period: Period
) -> tuple[AgreementHighlight | None, dict[int | None, BlockHighlight]]:
    """The secretariat's sections for the period, and its blocks' by theme."""
    record = (
        AgreementHighlight.objects.filter(agreement=agreement, period=period.label)
        .select_related("updated_by")
        .first()
    )
    return record, ({b.theme_id: b for b in record.blocks.all()} if record else {})


def _theme_highlight(
    pk: int | None,
    name: str,
    partnership: str,
    rows: list[Row],
    override: HighlightOverride | None,
) -> ThemeHighlight:
    """One theme of the report: the rule's rating and direction with their reasons, the
    risks to its priority-one and statutory targets, and what information is missing."""
    rating, rating_reason = theme_rating(rows)
    direction, direction_reason = theme_direction(rows)
    return ThemeHighlight(
        theme_id=pk,
        name=name,
        partnership=partnership,
        rows=rows,
        counts=rating_counts(rows),
        computed_rating=rating,
        computed_direction=direction,
        rating_reason=rating_reason,
        direction_reason=direction_reason,
        override=override,
        risks=[(row, why) for row in rows if (why := mandatory_risk(row))],
        missing=[(row, ", ".join(notes)) for row in rows if (notes := missing_information(row))],
    )
