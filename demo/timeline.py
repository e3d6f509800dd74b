"""The demo's one timeline: every date it loads is placed in the agreement's life as at
DEMO_AS_AT, and `make run` serves it as at that date (GOLDEN_THREAD_TODAY, see
partnerships/clock.py), so nothing in the demo happens after "today".

20 November 2009: 2009/10's second quarter has ended and its returns are under way, the
seeds' meetings (Safer Essex, October 2008; the Essex PMG, March 2009; Herefordshire's PMG,
May 2009) are behind, and each partnership's next meeting is ahead.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

DEMO_AS_AT = dt.date(2009, 11, 20)


def demo_day(days: int) -> dt.date:
    """The date `days` after (or, negative, before) the demo's "today"."""
    return DEMO_AS_AT + dt.timedelta(days=days)


def demo_moment(days: int, hour: int = 10) -> dt.datetime:
    """10 o'clock on `demo_day(days)`, as a timestamp."""
    return timezone.make_aware(dt.datetime.combine(demo_day(days), dt.time(hour)))
