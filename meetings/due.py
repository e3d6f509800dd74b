"""What meetings has due, in the one shape (partnerships/due.py): action points; and the
meeting dates the delivery plans' update deadlines hang on (registered on plans/hooks.py
by meetings/apps.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db.models import Max, Min

from meetings.models import ActionPoint, ActionPointQuerySet, Meeting
from partnerships.due import DueItem, DueKind
from plans.hooks import MeetingDates


def action_point_item(point: ActionPoint, on: dt.date) -> DueItem:
    """One dated action point, judged on ``on``; for each of its owners."""
    due = point.due
    assert due is not None, "only an action point with a due date or meeting is due"
    meeting = point.item.meeting
    return DueItem(
        kind=DueKind.ACTION_POINT,
        pk=point.pk,
        text=point.text,
        partnership=meeting.partnership.name,
        source=str(meeting),
        owners=", ".join(point.owner_names) or "No owner",
        people=tuple(person.pk for person in point.owners.all()),
        due_on=due,
        days_late=(on - due).days,
        url=point.get_absolute_url(),
    )


def action_point_items(points: ActionPointQuerySet, on: dt.date) -> list[DueItem]:
    """The dated ones of ``points``, judged on ``on``. Two queries."""
    rows = points.select_related("item__meeting__partnership", "due_meeting").prefetch_related(
        "owners"
    )
    return [action_point_item(point, on) for point in rows if point.due is not None]


def meeting_dates(partnership_ids: Collection[int], today: dt.date) -> dict[int, MeetingDates]:
    """Each partnership's last meeting (the latest before today, or held today) and next
    (the first not yet held, today or later), from its meetings. Two queries."""
    meetings = Meeting.objects.filter(partnership_id__in=partnership_ids)
    found: dict[int, dict[str, dt.date]] = {pk: {} for pk in partnership_ids}
    for name, chosen, first_or_last in (
        ("last", meetings.gone_by(today), Max("date")),
        ("next", meetings.ahead(today), Min("date")),
    ):
        rows = chosen.order_by().values("partnership_id").annotate(on=first_or_last)
        for row in rows:
            found[row["partnership_id"]][name] = row["on"]
    return {
        pk: MeetingDates(last=dates.get("last"), next=dates.get("next"))
        for pk, dates in found.items()
        if dates
    }
