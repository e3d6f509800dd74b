"""What plans has due, in the one shape (partnerships/due.py): plan actions, and workplan
updates before each partnership's next meeting.

The meeting dates come from the meetings themselves, through ``plans/hooks.py`` (meetings
is above plans and registers on it); a next meeting date set by hand on the plan page
(``Partnership.next_meeting_override``) is used instead while it is today or later.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from partnerships.due import DueItem, DueKind
from partnerships.models import Membership, Partnership, Person
from plans import hooks, schedule
from plans.models import Action, DeliveryPlan


def action_item(action: Action, on: dt.date, *, due_on: dt.date) -> DueItem:
    """One plan action due on ``due_on``, judged on ``on``; for its lead."""
    plan = action.plan
    partnership = plan.partnership
    return DueItem(
        kind=DueKind.PLAN_ACTION,
        pk=action.pk,
        text=str(action),
        partnership=partnership.name,
        source=f"{partnership.label}'s plan “{plan}”",
        owners=action.lead.name if action.lead else "No lead",
        people=(action.lead_id,) if action.lead_id else (),
        due_on=due_on,
        days_late=(on - due_on).days,
        url=action.get_absolute_url(),
    )


def action_items(actions: QuerySet[Action], on: dt.date) -> list[DueItem]:
    """The dated ones of ``actions``, judged on ``on``; read through
    ``ActionQuerySet.as_at``, each by the due date it had then. One query."""
    rows = actions.select_related("plan__partnership", "lead")
    items = []
    for action in rows:
        due_on = getattr(action, "due_on_then", action.due_on)
        if due_on is not None:
            items.append(action_item(action, on, due_on=due_on))
    return items


# Workplan updates --------------------------------------------------------------------------


def meeting_dates(
    partnerships: Iterable[Partnership], today: dt.date
) -> dict[int, hooks.MeetingDates]:
    """Each partnership's last and next meeting on ``today``: from its meetings (the app
    registered on plans/hooks.py; none without it), with a next meeting set by hand used
    in place of the meetings' while it is today or later. One query."""
    partnerships = list(partnerships)
    found: dict[int, hooks.MeetingDates] = {}
    for provider in hooks.meeting_dates:
        found.update(provider([p.pk for p in partnerships], today))
    dates = {}
    for partnership in partnerships:
        held = found.get(partnership.pk, hooks.MeetingDates())
        override = partnership.next_meeting_override
        if override is not None and override >= today:
            held = hooks.MeetingDates(last=held.last, next=override, is_override=True)
        dates[partnership.pk] = held
    return dates


def update_check(
    plan: DeliveryPlan, dates: hooks.MeetingDates, today: dt.date
) -> schedule.UpdateCheck:
    """Is the plan updated for its partnership's next meeting (plans/schedule.py)?"""
    return schedule.check_update(
        last_update=timezone.localdate(plan.updated_at),
        next_meeting_on=dates.next,
        last_meeting_on=dates.last,
        today=today,
        days_before=settings.PLAN_UPDATE_DAYS_BEFORE_MEETING,
        cycle_days=settings.PLAN_UPDATE_CYCLE_DAYS,
    )


def update_checks(plans: Sequence[DeliveryPlan], today: dt.date) -> dict[int, schedule.UpdateCheck]:
    """{plan id: its update check}; the plans with their partnership selected. One query."""
    dates = meeting_dates({plan.partnership for plan in plans}, today)
    return {plan.pk: update_check(plan, dates[plan.partnership_id], today) for plan in plans}


def update_items(plans: QuerySet[DeliveryPlan], today: dt.date) -> list[DueItem]:
    """The workplan updates due or overdue for the next meeting, soonest first, each for
    the partnership's current leads and deputy leads. Three queries."""
    listed = list(plans.select_related("partnership"))
    checks = update_checks(listed, today)
    needing = [plan for plan in listed if checks[plan.pk].state.needs_update]
    editors: dict[int, list[Person]] = defaultdict(list)
    for membership in (
        Membership.objects.current(today)
        .filter(
            partnership_id__in={plan.partnership_id for plan in needing},
            role__in=Membership.EDITING_ROLES,
        )
        .select_related("person")
        .order_by("person__name")
    ):
        editors[membership.partnership_id].append(membership.person)
    items = []
    for plan in needing:
        check, people = checks[plan.pk], editors[plan.partnership_id]
        assert check.due_on is not None  # needs_update: there is a meeting ahead
        items.append(
            DueItem(
                kind=DueKind.WORKPLAN,
                pk=plan.pk,
                text=str(plan),
                partnership=plan.partnership.name,
                source=plan.partnership.label,
                owners=", ".join(person.name for person in people) or "No lead",
                people=tuple(person.pk for person in people),
                due_on=check.due_on,
                days_late=(today - check.due_on).days,
                url=plan.get_absolute_url(),
                meeting_on=check.meeting_on,
            )
        )
    items.sort(key=lambda item: (item.due_on, item.text))
    return items
