"""Where higher apps add to plans' pages (partnerships/hooks.py says why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from partnerships.hooks import Hook


@dataclass(frozen=True, slots=True)
class MeetingDates:
    """A partnership's meetings either side of a day, as its meetings record them."""

    last: dt.date | None = None  # the latest meeting before the day (or held on it)
    next: dt.date | None = None  # the first meeting not yet held, on the day or later
    is_override: bool = False  # next is the date set by hand (plans.due.meeting_dates)


class MeetingDatesFor(Protocol):
    def __call__(
        self, partnership_ids: Collection[int], today: dt.date
    ) -> dict[int, MeetingDates]: ...


# Each partnership's last and next meeting, which the workplan update deadlines hang on
# (meetings registers meetings.due.meeting_dates; plans.due.meeting_dates reads it).
meeting_dates: Hook[MeetingDatesFor] = Hook("partnerships' last and next meetings")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a plan action came from, as the app that knows says (e.g. a meeting's action
    point it was made from)."""

    label: str
    url: str


class OriginsFor(Protocol):
    def __call__(self, action_ids: Collection[int]) -> dict[int, list[Origin]]: ...


# The records each plan action was made from, shown under it on the plan page (meetings
# registers the action points turned into plan actions: meetings.links.action_origins).
action_origins: Hook[OriginsFor] = Hook("where plan actions came from")


def origins_of(action_ids: Collection[int]) -> dict[int, list[Origin]]:
    found: dict[int, list[Origin]] = {}
    for origins_for in action_origins:
        for action_id, origins in origins_for(action_ids).items():
            found.setdefault(action_id, []).extend(origins)
    return found
