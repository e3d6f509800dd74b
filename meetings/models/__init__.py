"""The meetings app's models: meetings with their attendance, agenda, minutes and
decisions (`meetings.py`), action points (`action_points.py`), and the forward plan and
calendar feeds (`forward_plan.py`), and the terms of reference with the
expected members (`terms.py`).

Django and the rest of the code import them from here; the migrations name
`meetings.models.new_calendar_token`, so it stays importable from here too.
"""

from meetings.models.action_points import ActionPoint, ActionPointQuerySet, ActionUpdate
from meetings.models.forward_plan import CalendarFeed, ForwardPlanItem, new_calendar_token
from meetings.models.meetings import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MeetingQuerySet,
    Paper,
    number_sort_key,
)
from meetings.models.terms import ExpectedMember, TermsOfReference

__all__ = [
    "ActionPoint",
    "ActionPointQuerySet",
    "ActionUpdate",
    "AgendaItem",
    "Attendance",
    "CalendarFeed",
    "Decision",
    "Declaration",
    "ExpectedMember",
    "ForwardPlanItem",
    "Meeting",
    "MeetingQuerySet",
    "Paper",
    "TermsOfReference",
    "new_calendar_token",
    "number_sort_key",
]
