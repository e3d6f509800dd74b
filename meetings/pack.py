"""The agenda pack: one PDF with a cover, a contents list with page numbers, the agenda,
the minutes of the last meeting, matters arising, the indicators' reports for the
partnership (indicators/pack.py), the delivery plan updates due, the workplans under each
agenda item that asks for them (`AgendaItem.has_workplan_summaries`, plans/summary.py), and
the forward plan.

Report sections are objects (or dicts) with `title` and `html` (a finished HTML fragment,
already escaped, made with that app's own template) and optionally `anchor`. They are
printed after matters arising, each starting on a new page and listed in the contents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
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
from meetings.models import AgendaItem, Meeting
from partnerships import clock
from partnerships.documents import render_pdf
from partnerships.models import Partnership
from plans import schedule, summary
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


def meeting_plans(meeting: Meeting) -> QuerySet[DeliveryPlan]:
    """The delivery plans a meeting looks at: the partnership's own; a management
    group's, every plan of the agreement."""
    partnership = meeting.partnership
    plans = DeliveryPlan.objects.filter(partnership__agreement_id=partnership.agreement_id)
    if partnership.kind != Partnership.Kind.MANAGEMENT_GROUP:
        plans = plans.filter(partnership=partnership)
    return plans


def plan_updates_due(meeting: Meeting, today: dt.date) -> list[PlanUpdate]:
    """The delivery plans whose updates this meeting looks at (the partnership's own; a
    management group's, every plan of the agreement), whether each was updated for the
    meeting (due PLAN_UPDATE_DAYS_BEFORE_MEETING days before it; only known while the
    meeting is ahead),
    and their actions not finished that are due by the meeting date."""
    plans = meeting_plans(meeting)
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


@dataclass(frozen=True)
class PartnershipWorkplans:
    partnership: Partnership
    plans: list[summary.PlanSummary]


@dataclass(frozen=True)
class WorkplanSection:
    """The workplans printed for one agenda item that asks for them."""

    item: AgendaItem
    title: str
    anchor: str
    partnerships: list[PartnershipWorkplans]


@dataclass(frozen=True)
class WorkplanWindow:
    """The day the plans are judged on (the meeting's, or today for a meeting ahead) and
    the day from which a change counts: the last meeting's, or with none recorded the
    start of the update cycle before the workplans were due (plans/schedule.py)."""

    on: dt.date
    since: dt.date
    since_meeting: bool


def workplan_window(meeting: Meeting, today: dt.date) -> WorkplanWindow:
    on = min(today, meeting.date)
    if meeting.previous is not None:
        return WorkplanWindow(on, min(meeting.previous.date, on), True)
    due = schedule.update_due_on(meeting.date, settings.PLAN_UPDATE_DAYS_BEFORE_MEETING)
    return WorkplanWindow(on, min(due - dt.timedelta(settings.PLAN_UPDATE_CYCLE_DAYS), on), False)


def workplan_sections(
    meeting: Meeting, items: list[AgendaItem], window: WorkplanWindow
) -> list[WorkplanSection]:
    """A section for each agenda item marked to take the workplans: the summaries of the
    plans it names, or of every plan the meeting looks at. Three queries an item."""
    sections = []
    for item in items:
        if not item.has_workplan_summaries:
            continue
        plans = meeting_plans(meeting)
        named = [plan.pk for plan in item.plans.all()]  # prefetched with the agenda
        if named:
            plans = DeliveryPlan.objects.filter(pk__in=named)
        plans = plans.order_by("partnership__name", "-starts_on", "title")
        found = summary.plan_summaries(plans, on=window.on, since=window.since)
        grouped: dict[int, PartnershipWorkplans] = {}
        for plan_summary in found:
            partnership = plan_summary.plan.partnership
            grouped.setdefault(partnership.pk, PartnershipWorkplans(partnership, []))
            grouped[partnership.pk].plans.append(plan_summary)
        sections.append(
            WorkplanSection(
                item=item,
                title=f"Workplans: item {item.number}, {item.title}",
                anchor=f"workplans-item-{item.pk}",
                partnerships=list(grouped.values()),
            )
        )
    return sections


def pack_context(meeting: Meeting) -> dict[str, Any]:
    agenda: MinutesDoc = minutes_doc(meeting)
    last: MinutesDoc | None = minutes_doc(meeting.previous) if meeting.previous else None
    window = workplan_window(meeting, clock.today())
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
        "workplan_window": window,
        "workplan_sections": workplan_sections(meeting, agenda.items, window),
    }


def pack_pdf(meeting: Meeting) -> bytes:
    return render_pdf("meetings/pack_pdf.html", pack_context(meeting))
