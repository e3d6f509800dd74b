"""The agenda pack: one PDF with a cover, a contents list with page numbers, the agenda,
the minutes of the last meeting, matters arising, the indicators' reports for the
partnership (indicators/pack.py), the delivery plan updates due, and the forward plan.

Report sections are objects (or dicts) with `title` and `html` (a finished HTML fragment,
already escaped, made with that app's own template) and optionally `anchor`. They are
printed after matters arising, each starting on a new page and listed in the contents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from indicators import pack as indicator_pack
from meetings.minutes import (
    MinutesDoc,
    escalated_to,
    forward_plan,
    matters_arising,
    minutes_doc,
)
from meetings.models import Meeting
from partnerships import clock
from partnerships.documents import render_pdf
from partnerships.models import Partnership
from plans import schedule
from plans.models import Action, DeliveryPlan

# The report sections, in the order they appear in the pack: (anchor prefix, source).
SECTION_SOURCES = [("indicators", indicator_pack.pack_sections)]


@dataclass(frozen=True)
class PackSection:
    title: str
    html: SafeString
    anchor: str


def pack_sections(meeting: Meeting) -> list[PackSection]:
    """The report sections for this meeting's partnership."""
    sections: list[PackSection] = []
    for app, source in SECTION_SOURCES:
        for raw in source(meeting):
            get = raw.get if isinstance(raw, dict) else lambda name, r=raw: getattr(r, name, None)
            title = str(get("title"))
            sections.append(
                PackSection(
                    title=title,
                    html=mark_safe(str(get("html"))),
                    anchor=str(get("anchor") or f"{app}-{slugify(title)}"),
                )
            )
    return sections


@dataclass
class PlanUpdate:
    plan: DeliveryPlan
    check: schedule.UpdateCheck
    actions_due: list[Action]


def plan_updates_due(meeting: Meeting, today: dt.date) -> list[PlanUpdate]:
    """The delivery plans whose updates this meeting looks at (the partnership's own; a
    management group's, every plan of the agreement), whether each was updated for the
    meeting (due PLAN_UPDATE_DAYS_BEFORE_MEETING days before it; only known while the
    meeting is ahead),
    and their actions not finished that are due by the meeting date."""
    partnership = meeting.partnership
    plans = DeliveryPlan.objects.filter(partnership__agreement_id=partnership.agreement_id)
    if partnership.kind != Partnership.Kind.MANAGEMENT_GROUP:
        plans = plans.filter(partnership=partnership)
    due = (
        Action.objects.due_by(meeting.date).select_related("lead").order_by("due_on", "order", "pk")
    )
    last_meeting_on = meeting.previous.date if meeting.previous_id else None  # type: ignore[union-attr]
    rows = []
    for plan in (
        plans.select_related("partnership")
        .prefetch_related(Prefetch("actions", queryset=due, to_attr="actions_due"))
        .order_by("partnership__name", "-starts_on", "title")
    ):
        check = schedule.check_update(
            last_update=timezone.localdate(plan.updated_at),
            next_meeting_on=meeting.date,
            last_meeting_on=last_meeting_on,
            today=today,
            days_before=settings.PLAN_UPDATE_DAYS_BEFORE_MEETING,
            cycle_days=settings.PLAN_UPDATE_CYCLE_DAYS,
        )
        rows.append(PlanUpdate(plan, check, plan.actions_due))  # type: ignore[attr-defined]
    return rows


def pack_context(meeting: Meeting) -> dict[str, Any]:
    agenda: MinutesDoc = minutes_doc(meeting)
    last: MinutesDoc | None = minutes_doc(meeting.previous) if meeting.previous else None
    return {
        "doc": agenda,
        "meeting": agenda.meeting,
        "last_minutes": last,
        "matters_arising": matters_arising(meeting),
        "escalations": escalated_to(meeting, clock.today()),
        "plan_updates": plan_updates_due(meeting, clock.today()),
        "workplans_due": schedule.update_due_on(
            meeting.date, settings.PLAN_UPDATE_DAYS_BEFORE_MEETING
        ),
        "extra_sections": pack_sections(meeting),
        "plan": forward_plan(meeting.partnership, after=meeting.date),
    }


def pack_pdf(meeting: Meeting) -> bytes:
    return render_pdf("meetings/pack_pdf.html", pack_context(meeting))
