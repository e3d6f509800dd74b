"""The demo's meetings as they stood on its "as at" date (demo/timeline.py).

The seeds' forward plans list meetings through 2009; by 20 November 2009 most had been
held, though the seeds hold no minutes of them. Those are recorded as held, with a note
saying so; the latest (within RECENT_DAYS) stay as the secretariat would have them, not
yet recorded, so the home page's "not yet recorded as held" prompt shows what it is for.
"""

from __future__ import annotations

import datetime as dt

from demo.timeline import DEMO_AS_AT
from meetings.models import Meeting
from partnerships.models import Agreement

RECENT_DAYS = 14
HELD_NOTE = (
    "Illustrative: held, as the forward plan arranged; its minutes are not in the source documents."
)


def meetings_held_load(*, agreements: dict[str, Agreement]) -> None:
    Meeting.objects.filter(
        partnership__agreement__in=agreements.values(),
        status__in=Meeting.NOT_YET_HELD,
        date__lt=DEMO_AS_AT - dt.timedelta(days=RECENT_DAYS),
    ).update(status=Meeting.Status.HELD, note=HELD_NOTE)
