"""Escalation: data returns and actions overdue beyond a threshold, for the chair.

Reminders chase owners by e-mail (work/reminders.py); what is still overdue after
``settings.ESCALATE_TO_CHAIR_DAYS`` goes up to the chair: on the exception report and in the
matters arising of the partnership's next meeting. It lives here because it reads three
apps (returns in indicators, plan actions in plans, action points in meetings); it only
chooses among what each app says is due (partnerships/due.py) and orders it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from indicators.models import code_order
from indicators.returns import OverdueReturn, overdue_returns
from meetings.due import action_point_items
from meetings.models import ActionPoint
from partnerships.due import DueItem
from partnerships.models import Agreement
from plans.due import action_items
from plans.models import Action


@dataclass(frozen=True, slots=True)
class TargetReturns:
    """One target's overdue returns, the oldest first: a chair reads one line a target."""

    code: str
    title: str
    returns: tuple[OverdueReturn, ...]

    @property
    def due_on(self) -> dt.date:
        return self.returns[0].due_on

    @property
    def days_late(self) -> int:
        return self.returns[0].days_late


@dataclass(slots=True)
class Escalations:
    threshold: int
    as_at: dt.date
    returns: list[OverdueReturn] = field(default_factory=list)
    actions: list[DueItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.returns or self.actions)

    @property
    def count(self) -> int:
        return len(self.returns) + len(self.actions)

    @property
    def returns_by_target(self) -> list[TargetReturns]:
        """The overdue returns a target at a time, the most overdue target first."""
        by_target: dict[int, list[OverdueReturn]] = {}
        for overdue in self.returns:
            by_target.setdefault(overdue.target_id, []).append(overdue)
        grouped = [
            TargetReturns(found[0].code, found[0].title, tuple(sorted(found, key=_due)))
            for found in by_target.values()
        ]
        grouped.sort(key=lambda g: (-g.days_late, code_order(g.code)))
        return grouped


def _due(overdue: OverdueReturn) -> dt.date:
    return overdue.due_on


def escalations(
    agreement: Agreement,
    as_at: dt.date,
    *,
    partnership_id: int | None = None,
    target_ids: set[int] | None = None,
) -> Escalations:
    """Returns and actions more than the threshold past due on ``as_at`` (today, or the
    date an earlier period's report was due), most overdue first; only one partnership's
    when ``partnership_id`` is given, and only the returns of ``target_ids`` when given
    (a report filtered by theme, lead…: actions have no such fields). Each is judged as
    it stood on ``as_at``: what was done (submitted, completed, closed) only later still
    counts as outstanding then.
    Seven queries at most, whatever the numbers (the returns' four, one for the plan
    actions, two for the action points)."""
    threshold = settings.ESCALATE_TO_CHAIR_DAYS
    returns = overdue_returns(agreement, as_at, threshold)
    plan_actions = Action.objects.in_agreement(agreement).overdue_as_at(
        as_at, by_more_than=threshold
    )
    points = ActionPoint.objects.for_agreement(agreement.pk).overdue_as_at(
        as_at, by_more_than=threshold
    )
    if target_ids is not None:
        returns = [r for r in returns if r.target_id in target_ids]
    if partnership_id is not None:
        returns = [r for r in returns if r.partnership_id == partnership_id]
        plan_actions = plan_actions.filter(plan__partnership_id=partnership_id)
        points = points.filter(item__meeting__partnership_id=partnership_id)
    actions = action_items(plan_actions, as_at) + action_point_items(points, as_at)
    actions.sort(key=lambda a: (-a.days_late, a.kind, a.text))
    return Escalations(threshold, as_at, returns, actions)
