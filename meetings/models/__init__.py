"""The meetings app's models: meetings with their attendance, agenda, minutes and
decisions (`meetings.py`), action points (`action_points.py`), and the forward plan and
calendar feeds (`forward_plan.py`).

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

__all__ = [
    "ActionPoint",
    "ActionPointQuerySet",
    "ActionUpdate",
    "AgendaItem",
    "Attendance",
    "CalendarFeed",
    "Decision",
    "Declaration",
    "ForwardPlanItem",
    "Meeting",
    "MeetingQuerySet",
    "Paper",
    "new_calendar_token",
    "number_sort_key",
]
