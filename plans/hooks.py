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
