"""The indicators' sections of a meeting's agenda pack (meetings/pack.py prints them):
the partnership's scorecard and exception report for the latest period reported before
the meeting. A performance management group sees the whole agreement; any other
partnership its own targets. A partnership without targets gets no sections."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.template.loader import render_to_string

from indicators.models import Actual
from indicators.periods import Period
from indicators.reports import Filters, build_exceptions, build_scorecard, report_period
from partnerships.models import Partnership


class Meeting(Protocol):
    """What the pack needs of a meeting (meetings.models.Meeting, which this app, below
    meetings, does not import)."""

    partnership: Partnership
    date: dt.date


def pack_sections(meeting: Meeting) -> list[dict[str, str]]:
    partnership = meeting.partnership
    agreement = partnership.agreement
    if partnership.kind == Partnership.Kind.MANAGEMENT_GROUP:
        filters = Filters()
    else:
        filters = Filters(partnership=partnership.pk)
    period = latest_reported_before(meeting)
    if period is None:
        return []
    args = {"agreement": agreement, "filters": filters, "period": period, "today": meeting.date}
    scorecard = build_scorecard(**args)
    if not scorecard.rows:
        return []
    exceptions = build_exceptions(**args)
    context = {"scorecard": scorecard, "exceptions": exceptions, "partnership": partnership}
    template = "indicators/pack_sections.html"
    return [
        {
            "title": f"Scorecard, {period.label}",
            "anchor": "scorecard",
            "html": render_to_string(f"{template}#scorecard", context),
        },
        {
            "title": f"Exception report, {period.label}",
            "anchor": "exceptions",
            "html": render_to_string(f"{template}#exceptions", context),
        },
    ]


def latest_reported_before(meeting: Meeting) -> Period | None:
    """The latest quarter or year ended before the meeting with a figure in it: what the
    meeting can discuss (a quarter ending the week before has no data yet)."""
    labels = (
        Actual.objects.filter(
            target__agreement_id=meeting.partnership.agreement_id, value__isnull=False
        )
        .values_list("period", flat=True)
        .distinct()
    )
    ended = [p for p in map(Period.parse, labels) if p.end < meeting.date]
    return report_period(max(ended, key=lambda p: p.end), meeting.date) if ended else None
