"""Factories for meetings, agenda items and action points."""

import datetime as dt

from meetings.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting
from partnerships.models import Partnership, Person


def make_meeting(
    partnership: Partnership, date: dt.date = dt.date(2009, 3, 27), **extra: object
) -> Meeting:
    defaults: dict[str, object] = {"starts_at": dt.time(10), "ends_at": dt.time(12)}
    return Meeting.objects.create(partnership=partnership, date=date, **{**defaults, **extra})


def make_item(
    meeting: Meeting, number: str = "1", title: str = "Performance", **extra: object
) -> AgendaItem:
    position = int(number.split(".")[0]) if number.split(".")[0].isdigit() else 0
    return AgendaItem.objects.create(
        meeting=meeting, number=number, title=title, position=position, **extra
    )


def make_action(
    item: AgendaItem, text: str = "Gill to circulate the guidance", *, owners=(), **extra: object
) -> ActionPoint:
    action = ActionPoint.objects.create(item=item, text=text, **extra)
    action.owners.set(owners)
    return action


def make_decision(item: AgendaItem, text: str = "It was agreed that …") -> Decision:
    return Decision.objects.create(item=item, text=text)


def make_attendance(
    meeting: Meeting, person: Person, status: str = "present", **extra: object
) -> Attendance:
    return Attendance.objects.create(meeting=meeting, person=person, status=status, **extra)
