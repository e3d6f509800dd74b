"""What is due, for whom: the one shape every app gives its due work in.

Each app turns its own records into ``DueItem``s from its own QuerySets, in one place per
kind: plan actions and workplan updates in ``plans/due.py``, meeting action points in
``meetings/due.py``. The home page's "My work" (``work/panels.py``), the e-mail reminders
(``work/reminders.py``) and the escalation to the chair (``meetings/escalation.py``) only
choose among the items and word them. Data returns keep their own rules in
``indicators/returns.py`` (a return due is a target and a period, not a row).

The thresholds (how soon is "due soon", how late is escalated) are settings, listed in
docs/configuration.md. Pure Python: no database here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["DueItem", "DueKind"]


class DueKind(StrEnum):
    """What kind of work is due, as pages and e-mails name it (never stored)."""

    PLAN_ACTION = "Plan action"
    ACTION_POINT = "Action point"
    WORKPLAN = "Workplan update"


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing someone has to do by a date, as it stood on the day it was judged."""

    kind: DueKind
    pk: int  # the plan action's, action point's or plan's
    text: str  # what is due
    partnership: str  # whose: the partnership's name
    source: str  # where it comes from, to end a sentence: "Safer Essex, 2 October 2008"
    owners: str  # whose: the names, or "No lead" / "No owner"
    people: tuple[int, ...]  # whose: the Person ids to chase
    due_on: dt.date
    days_late: int  # on the day judged: 0 on the due date, negative before it
    url: str
    meeting_on: dt.date | None = None  # a workplan update: the meeting it is for

    @property
    def is_overdue(self) -> bool:
        return self.days_late > 0

    @property
    def when(self) -> str:
        return "overdue" if self.is_overdue else "due"
