"""The home dashboard's meeting panels: the person's open action points, and the next
meetings of the partnerships they belong to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meetings.models import ActionPoint, Meeting
from partnerships import clock
from partnerships.dashboard import Panel
from partnerships.models import Partnership
from partnerships.permissions import Standing
from partnerships.typing import HtmxHttpRequest

SHOWN = 5


@dataclass(frozen=True)
class DateSet:
    """A partnership's next meeting date set by hand for its workplan updates, with no
    meeting booked on it (partnerships.Partnership.next_meeting_override)."""

    partnership: Partnership
    is_date_set = True

    @property
    def date(self) -> dt.date:
        return self.partnership.next_meeting_override  # type: ignore[return-value]


def dashboard_panels(request: HtmxHttpRequest, standing: Standing) -> list[Panel]:
    person = standing.person
    mine = (
        ActionPoint.objects.open()
        .filter(owners=person)
        .select_related("item__meeting__partnership", "due_meeting")
        .order_by("due_on", "pk")
    )
    actions = list(mine[: SHOWN + 1])
    today = clock.today()
    meetings = Meeting.objects.for_agreement(standing.agreement.pk).not_yet_held()
    if not standing.is_secretariat:
        meetings = meetings.filter(partnership__in=standing.member_of)
    # Next means from today on; a meeting whose day has passed but is not yet recorded as
    # held is counted apart, for someone to record it (or its minutes).
    coming: list[Meeting | DateSet] = list(
        meetings.filter(date__gte=today).select_related("partnership").in_order()[:SHOWN]
    )
    booked = {(m.partnership_id, m.date) for m in coming}  # type: ignore[union-attr]
    dates_set = Partnership.objects.filter(
        agreement=standing.agreement, next_meeting_override__gte=today
    ).order_by("next_meeting_override", "name")
    if not standing.is_secretariat:
        dates_set = dates_set.filter(pk__in=standing.member_of)
    coming += [
        DateSet(p) for p in dates_set[:SHOWN] if (p.pk, p.next_meeting_override) not in booked
    ]
    coming = sorted(coming, key=lambda entry: entry.date)[:SHOWN]
    not_recorded = meetings.filter(date__lt=today).count()
    return [
        Panel(
            title="My action points",
            template="meetings/panel_actions.html",
            context={
                "actions": actions[:SHOWN],
                "more": len(actions) > SHOWN,
                "today": today,
            },
            order=20,
        ),
        Panel(
            title="Next meetings",
            template="meetings/panel_meetings.html",
            context={"meetings": coming, "not_recorded": not_recorded},
            order=30,
        ),
    ]
