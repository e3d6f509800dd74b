"""The chair's view on the home page: for the agreement (the PMG's chair) or the partnership
they chair, how many targets are red, amber and green now and how that changed since the
period before, which targets got worse, what has been escalated to them, and the way to
the exception report and the next meeting's agenda pack.

Ratings come from indicators/scoring.py (TargetData), the same ones the scorecard shows for
the same targets and period; escalations from meetings/escalation.py. Nothing is rated here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

from funding.money import RewardTotals
from funding.position import reward_at_risk
from indicators.models import code_order
from indicators.periods import Period
from indicators.rating import Rating
from indicators.reports.filters import Filters, report_period
from indicators.returns import report_date
from indicators.scoring import Score, TargetData
from meetings.escalation import Escalations, escalations
from meetings.models import Meeting
from partnerships.models import Partnership
from partnerships.permissions import Standing

# The order a chair reads the counts in: what needs them first.
COUNT_ORDER = (Rating.RED, Rating.AMBER, Rating.GREEN, Rating.NO_DATA, Rating.NOT_RATED)
# Worse means a step down this scale; no data and not rated are not on it.
_SEVERITY = {Rating.GREEN: 0, Rating.AMBER: 1, Rating.RED: 2}
ESCALATIONS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class RatingCount:
    """How many targets have a rating now, and had it in the period before."""

    rating: Rating
    count: int
    before: int | None  # None: no period before within the agreement

    @property
    def label(self) -> str:
        return self.rating.label

    @property
    def change(self) -> str:
        """'up 2', 'down 1', 'no change' ('' when there is nothing to compare with)."""
        if self.before is None:
            return ""
        if self.count == self.before:
            return "no change"
        return f"{'up' if self.count > self.before else 'down'} {abs(self.count - self.before)}"


@dataclass(frozen=True, slots=True)
class Worsened:
    """A target whose rating got worse since the period before."""

    code: str
    title: str
    partnership: str
    url: str
    was: Rating
    now: Rating
    was_period: str
    now_period: str


@dataclass(slots=True)
class ChairView:
    title: str  # the agreement's or the partnership's name
    partnership: Partnership
    is_agreement: bool
    period: Period | None
    previous: Period | None
    counts: list[RatingCount]
    worsened: list[Worsened]
    escalated: Escalations
    exceptions_url: str
    next_meeting: Meeting | None
    today: dt.date
    # The reward grant expected to be earned, with its range (funding/position.py); None
    # when none of these targets carries a reward grant.
    reward: RewardTotals | None = None

    @property
    def is_escalated_earlier(self) -> bool:
        """Escalated as at the day the period's returns were due, not today."""
        return self.escalated.as_at != self.today

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)

    @property
    def escalated_returns(self) -> list[object]:
        return list(self.escalated.returns_by_target[:ESCALATIONS_SHOWN])

    @property
    def escalated_actions(self) -> list[object]:
        return list(self.escalated.actions[:ESCALATIONS_SHOWN])

    @property
    def escalated_hidden(self) -> int:
        shown = len(self.escalated_returns) + len(self.escalated_actions)
        return len(self.escalated.returns_by_target) + len(self.escalated.actions) - shown


def chaired(standing: Standing) -> list[Partnership]:
    """The partnerships the person chairs or vice-chairs, the agreement's own group first."""
    if standing.is_observer or not standing.chairs:
        return []
    found = Partnership.objects.filter(pk__in=standing.chairs, agreement=standing.agreement)
    return sorted(found, key=lambda p: (not is_agreement_wide(p), p.name))


def is_agreement_wide(partnership: Partnership) -> bool:
    """The performance management group answers for the whole agreement."""
    return partnership.kind == Partnership.Kind.MANAGEMENT_GROUP


def chair_view(standing: Standing, partnership: Partnership, today: dt.date) -> ChairView:
    """One chaired partnership's view (the whole agreement's for the PMG). About 15
    queries, whatever the number of targets: the ratings' five, escalations' seven."""
    agreement = standing.agreement
    wide = is_agreement_wide(partnership)
    filters = Filters() if wide else Filters(partnership=partnership.pk)
    data = TargetData(filters.targets(agreement))
    latest = data.latest_period_with_data()
    period = report_period(latest, today) if latest is not None else None
    counts: list[RatingCount] = []
    worsened: list[Worsened] = []
    previous = None
    if period is not None:
        now = data.scores(period, today)
        previous = period.previous()
        if previous.start < agreement.starts_on:
            previous = None
        before = data.scores(previous, today) if previous is not None else []
        counts = _counts(now, before if previous is not None else None)
        worsened = _worsened(now, before)
    query = {} if wide else {"partnership": partnership.pk}
    exceptions_url = reverse("indicators:exception-report")
    if query:
        exceptions_url += "?" + urlencode(query)
    return ChairView(
        title=agreement.name if wide else partnership.name,
        partnership=partnership,
        is_agreement=wide,
        period=period,
        previous=previous,
        counts=counts,
        worsened=worsened,
        # As at the date the exception report it links to escalates as at, so the two agree.
        escalated=escalations(
            agreement,
            report_date(period, today) if period is not None else today,
            partnership_id=None if wide else partnership.pk,
        ),
        exceptions_url=exceptions_url,
        next_meeting=Meeting.objects.filter(partnership=partnership)
        .ahead(today)
        .in_order()
        .first(),
        today=today,
        reward=_reward(standing, None if wide else partnership.pk, today),
    )


def _reward(standing: Standing, partnership_id: int | None, today: dt.date) -> RewardTotals | None:
    report = reward_at_risk(standing.agreement, today, partnership_id=partnership_id)
    return report.total if report.by_partnership else None


def _counts(now: list[Score], before: list[Score] | None) -> list[RatingCount]:
    counted = Counter(score.rating for score in now)
    earlier = Counter(score.rating for score in before) if before is not None else None
    return [
        RatingCount(rating, counted[rating], earlier[rating] if earlier is not None else None)
        for rating in COUNT_ORDER
    ]


def _worsened(now: list[Score], before: list[Score]) -> list[Worsened]:
    """Targets a step or more down green → amber → red, the worst now first."""
    earlier = {score.target.pk: score for score in before}
    found = []
    for score in now:
        was = earlier.get(score.target.pk)
        if was is None or score.rating not in _SEVERITY or was.rating not in _SEVERITY:
            continue
        if _SEVERITY[score.rating] > _SEVERITY[was.rating]:
            found.append((score, was))
    found.sort(key=lambda pair: (-_SEVERITY[pair[0].rating], code_order(pair[0].target.code)))
    return [
        Worsened(
            code=score.target.code,
            title=score.target.title,
            partnership=score.target.partnership,
            url=reverse("indicators:target-detail", args=[score.target.pk]),
            was=was.rating,
            now=score.rating,
            was_period=was.period.label,
            now_period=score.period.label,
        )
        for score, was in found
    ]
