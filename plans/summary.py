"""A delivery plan's summary for a meeting, the workplan printed in the agenda pack
(meetings/pack.py): its actions counted by rating, those overdue, and those changed since
the last meeting with their latest progress, rating, lead and due date.

Everything is judged as the plan stood at the end of one day (``on``): a pack made after
the meeting still shows what the meeting saw. The status, due date, % complete and
progress note come from each action's last version saved by then
(``ActionQuerySet.as_at``), overdue is ``ActionQuerySet.overdue_as_at``, and ratings are
``schedule.rate_action``. Three queries, whatever the number of plans and actions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from indicators.returns import day_end
from plans import schedule
from plans.models import Action, ActionQuerySet, DeliveryPlan

# The order ratings are counted in, worst last as on the plan page.
RATINGS = (
    schedule.ActionRating.GREEN,
    schedule.ActionRating.AMBER,
    schedule.ActionRating.RED,
    schedule.ActionRating.NOT_RATED,
)
RATING_LABELS = {
    schedule.ActionRating.GREEN: "Green",
    schedule.ActionRating.AMBER: "Amber",
    schedule.ActionRating.RED: "Red",
    schedule.ActionRating.NOT_RATED: "Not rated",
}


@dataclass(frozen=True)
class ActionLine:
    """One action as it stood on the day: what the pack prints in a row."""

    action: Action
    status: str
    due_on: dt.date | None
    percent_complete: int
    progress: str
    rating: schedule.ActionRatingResult
    days_late: int

    @property
    def status_label(self) -> str:
        return str(Action.Status(self.status).label)

    @property
    def rating_label(self) -> str:
        return RATING_LABELS[self.rating.rating]


@dataclass(frozen=True)
class RatingCount:
    rating: schedule.ActionRating
    label: str
    count: int


@dataclass(frozen=True)
class PlanSummary:
    plan: DeliveryPlan
    last_update: dt.date
    counts: list[RatingCount]
    total: int
    overdue: list[ActionLine]
    changed: list[ActionLine]


def _as_at(actions: ActionQuerySet, on: dt.date, since: dt.date) -> ActionQuerySet:
    """``as_at`` (status, due date) plus the % complete and progress note of the same
    version, and whether any version was saved after the end of ``since``."""
    versions = Action.history.filter(  # type: ignore[attr-defined]
        id=OuterRef("pk"), history_date__lt=day_end(on)
    ).order_by("-history_date", "-history_id")
    changes = Action.history.filter(  # type: ignore[attr-defined]
        id=OuterRef("pk"), history_date__gte=day_end(since), history_date__lt=day_end(on)
    )
    return actions.as_at(on).annotate(
        percent_then=Subquery(versions.values("percent_complete")[:1]),
        progress_then=Subquery(versions.values("progress_note")[:1]),
        is_changed=Exists(changes),
    )


def _line(action: Action, on: dt.date) -> ActionLine:
    status = action.status_then  # type: ignore[attr-defined]
    due_on = action.due_on_then  # type: ignore[attr-defined]
    percent = action.percent_then  # type: ignore[attr-defined]
    rating = schedule.rate_action(
        status=status, percent_complete=percent, starts_on=action.starts_on, due_on=due_on, today=on
    )
    late = (on - due_on).days if due_on is not None else 0
    progress = action.progress_then or ""  # type: ignore[attr-defined]
    return ActionLine(action, status, due_on, percent, progress, rating, late)


def plan_summaries(
    plans: QuerySet[DeliveryPlan], *, on: dt.date, since: dt.date
) -> list[PlanSummary]:
    """Each of ``plans`` (in the queryset's order) summed up at the end of ``on``; its
    actions "changed" when a version of them was saved after the end of ``since`` (the
    last meeting's day). A plan or action made after ``on`` is left out."""
    made = plans.filter(created_at__lt=day_end(on))
    listed = list(made.select_related("partnership", "owner"))
    ids = [plan.pk for plan in listed]
    actions = _as_at(
        Action.objects.filter(plan_id__in=ids).select_related("lead"), on, since
    ).order_by("plan_id", F("due_on").asc(nulls_last=True), "order", "pk")
    overdue_ids = set(
        Action.objects.filter(plan_id__in=ids).overdue_as_at(on).values_list("pk", flat=True)
    )
    lines: dict[int, list[ActionLine]] = {pk: [] for pk in ids}
    for action in actions:
        if action.status_then is not None:  # type: ignore[attr-defined]
            lines[action.plan_id].append(_line(action, on))
    summaries = []
    for plan in listed:
        rows = lines[plan.pk]
        counted = Counter(row.rating.rating for row in rows)
        summaries.append(
            PlanSummary(
                plan=plan,
                last_update=timezone.localdate(plan.updated_at),
                counts=[RatingCount(r, RATING_LABELS[r], counted[r]) for r in RATINGS],
                total=len(rows),
                overdue=[row for row in rows if row.action.pk in overdue_ids],
                changed=[row for row in rows if row.action.is_changed],  # type: ignore[attr-defined]
            )
        )
    return summaries
