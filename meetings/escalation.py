"""Escalation: data returns and actions overdue beyond a threshold, for the chair.

Reminders chase owners by e-mail (work/reminders.py); what is still overdue after
``settings.ESCALATE_TO_CHAIR_DAYS`` goes up to the chair: on the exception report and in the
matters arising of the partnership's next meeting. It lives here because it reads three
apps (returns in indicators, plan actions in partnerships, action points in meetings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from indicators.models import code_order
from indicators.returns import OverdueReturn, day_end, overdue_returns
from meetings.models import ActionPoint
from partnerships.models import Agreement
from plans.models import Action

OPEN_PLAN_STATUSES = [
    s for s in Action.Status if s not in (Action.Status.COMPLETE, Action.Status.DROPPED)
]


@dataclass(frozen=True, slots=True)
class OverdueAction:
    kind: str  # "Plan action" or "Action point"
    text: str
    partnership: str
    owners: str
    due_on: dt.date
    days_late: int
    url: str


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
    actions: list[OverdueAction] = field(default_factory=list)

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
    Nine queries, whatever the numbers."""
    threshold = settings.ESCALATE_TO_CHAIR_DAYS
    cutoff = as_at - dt.timedelta(days=threshold)
    returns = overdue_returns(agreement, as_at, threshold)
    due_then = _plan_actions_due_then(agreement, as_at, cutoff, partnership_id)
    plan_actions = (
        Action.objects.filter(pk__in=due_then)
        .select_related("plan__partnership", "lead")
        .order_by("pk")
    )
    points = (
        ActionPoint.objects.for_agreement(agreement.pk)
        .filter(Q(status=ActionPoint.Status.OPEN) | Q(closed_on__gt=as_at))  # open then
        .filter(Q(due_on__lt=cutoff) | Q(due_on__isnull=True, due_meeting__date__lt=cutoff))
        .select_related("item__meeting__partnership", "due_meeting")
        .prefetch_related("owners")
        .order_by("due_on", "pk")
    )
    if target_ids is not None:
        returns = [r for r in returns if r.target_id in target_ids]
    if partnership_id is not None:
        returns = [r for r in returns if r.partnership_id == partnership_id]
        plan_actions = plan_actions.filter(plan__partnership_id=partnership_id)
        points = points.filter(item__meeting__partnership_id=partnership_id)
    actions = [
        OverdueAction(
            "Plan action",
            str(action),
            action.plan.partnership.name,
            action.lead.name if action.lead else "No lead",
            due_then[action.pk],
            (as_at - due_then[action.pk]).days,
            action.get_absolute_url(),
        )
        for action in plan_actions
    ]
    actions += [
        OverdueAction(
            "Action point",
            point.text,
            point.item.meeting.partnership.name,
            ", ".join(point.owner_names) or "No owner",
            point.due,
            (as_at - point.due).days,
            point.get_absolute_url(),
        )
        for point in points
        if point.due is not None
    ]
    actions.sort(key=lambda a: (-a.days_late, a.kind, a.text))
    return Escalations(threshold, as_at, returns, actions)


def _plan_actions_due_then(
    agreement: Agreement, as_at: dt.date, cutoff: dt.date, partnership_id: int | None
) -> dict[int, dt.date]:
    """{action id: its due date} for the plan actions that were open on ``as_at`` and due
    before ``cutoff`` then, read from their history (the last version saved by the end of
    that day). One query."""
    versions = Action.history.filter(
        plan__partnership__agreement=agreement, history_date__lt=day_end(as_at)
    )
    if partnership_id is not None:
        versions = versions.filter(plan__partnership_id=partnership_id)
    then: dict[int, tuple[str, dt.date | None, str]] = {}
    for pk, status, due_on, kind in versions.order_by("history_date", "history_id").values_list(
        "id", "status", "due_on", "history_type"
    ):
        then[pk] = (status, due_on, kind)
    return {
        pk: due_on
        for pk, (status, due_on, kind) in then.items()
        if kind != "-" and status in OPEN_PLAN_STATUSES and due_on is not None and due_on < cutoff
    }
