"""The scorecard: every active target rated for the period, grouped by theme."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from indicators.periods import Period
from indicators.reports.filters import NO_FILTERS, Filters
from indicators.reports.rows import (
    Kind,
    RatingCount,
    Report,
    Row,
    counts_text,
    rating_counts,
    report_rows,
)
from partnerships import clock
from partnerships.models import Agreement


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


def build_scorecard(
    *,
    agreement: Agreement,
    filters: Filters = NO_FILTERS,
    period: Period | None = None,
    today: dt.date | None = None,
) -> Report:
    """Every active target of the agreement rated for the period (default: the latest
    period with data), grouped by theme, with counts by rating overall and per partnership."""
    today = today or clock.today()
    chosen, rows = report_rows(agreement, filters, period, today)
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
