"""The minutes of a meeting as one structure, read once from the database: the meeting
page, the PDF, the Word document and the agenda pack all print from it, so they never
disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from meetings.escalation import Escalations, escalations
from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Declaration,
    ForwardPlanItem,
    Meeting,
)
from partnerships.models import Membership, Partnership


@dataclass
class MinutesDoc:
    meeting: Meeting
    present: list[Attendance]
    in_attendance: list[Attendance]
    apologies: list[Attendance]
    declarations: list[Declaration]
    items: list[AgendaItem]
    next_meeting: Meeting | None
    forward_plan: ForwardPlan | None = None

    @property
    def heading(self) -> str:
        return self.meeting.display_title

    @property
    def when(self) -> str:
        parts = [f"{self.meeting.date:%A %-d %B %Y}", self.meeting.time_label]
        return ", ".join(p for p in parts if p)

    @property
    def substitutes(self) -> list[Attendance]:
        return [a for a in self.present if a.status == Attendance.Status.SUBSTITUTE]

    @property
    def actions(self) -> list[ActionPoint]:
        return [action for item in self.items for action in item.actions.all()]

    @property
    def declarations_item(self) -> AgendaItem | None:
        """The agenda item for declarations ("Declarations of Pecuniary or other
        Interests"), when there is one: the declarations are printed under it, once."""
        return next((i for i in self.items if i.title.casefold().startswith("declaration")), None)

    @property
    def future_meeting_lines(self) -> list[str]:
        return [line.strip() for line in self.meeting.future_meetings.splitlines() if line.strip()]

    @property
    def has_date_of_next_meeting_item(self) -> bool:
        return any(i.title.lower().startswith("date of next meeting") for i in self.items)

    @property
    def next_meeting_label(self) -> str:
        meeting = self.next_meeting
        if meeting is None:
            return ""
        parts = [f"{meeting.date:%A %-d %B %Y}", meeting.time_label, meeting.venue]
        return ", ".join(p for p in parts if p)


@dataclass
class ForwardPlan:
    partnership_name: str
    standing: list[ForwardPlanItem]
    meetings: list[Meeting]
    to_be_scheduled: list[ForwardPlanItem]
    items_by_meeting: dict[int, list[ForwardPlanItem]] = field(default_factory=dict)


def items_with_details() -> Prefetch:
    return Prefetch(
        "items",
        queryset=AgendaItem.objects.select_related("partnership").prefetch_related(
            "presenters",
            "decisions",
            "targets__indicator",
            "plans__partnership",
            Prefetch(
                "actions",
                queryset=ActionPoint.objects.select_related("due_meeting").prefetch_related(
                    "owners", "updates"
                ),
            ),
        ),
    )


def minutes_doc(meeting: Meeting, *, with_forward_plan: bool = False) -> MinutesDoc:
    meeting = (
        Meeting.objects.select_related(
            "partnership", "chair", "minute_taker", "minutes_approved_at"
        )
        .prefetch_related(
            items_with_details(),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "substitute_for"),
            ),
            Prefetch("declarations", queryset=Declaration.objects.select_related("person", "item")),
        )
        .get(pk=meeting.pk)
    )
    attendances = list(meeting.attendances.all())
    _fill_roles(meeting, attendances)
    by = Attendance.Status
    next_meeting = (
        Meeting.objects.filter(partnership=meeting.partnership_id, date__gt=meeting.date)
        .in_order()
        .first()
    )
    return MinutesDoc(
        meeting=meeting,
        present=[a for a in attendances if a.status in (by.PRESENT, by.SUBSTITUTE)],
        in_attendance=[a for a in attendances if a.status == by.IN_ATTENDANCE],
        apologies=[a for a in attendances if a.status == by.APOLOGIES],
        declarations=list(meeting.declarations.all()),
        items=list(meeting.items.all()),
        next_meeting=next_meeting,
        forward_plan=forward_plan(meeting.partnership, after=meeting.date)
        if with_forward_plan
        else None,
    )


def _fill_roles(meeting: Meeting, attendances: list[Attendance]) -> None:
    """A line with no role recorded (a member ticked at a new meeting who has no job
    title) prints their role in the partnership on the day. Only the printed copy is
    changed: the line itself stays as recorded."""
    blank = {a.person_id: a for a in attendances if not a.role}
    if not blank:
        return
    memberships = (
        Membership.objects.current(meeting.date)
        .filter(partnership=meeting.partnership_id, person__in=list(blank))
        .order_by("person", "pk")
    )
    for membership in memberships:
        line = blank[membership.person_id]
        if not line.role or line.role == Membership.Role.MEMBER.label:
            line.role = membership.get_role_display()


def forward_plan(partnership: Partnership, *, after: dt.date | None = None) -> ForwardPlan:
    """The partnership's plan: its meetings not yet held (or all after a date, for a meeting's
    annex) with their proposed items, the standing items, and the items still to be
    scheduled."""
    plan = list(
        ForwardPlanItem.objects.filter(partnership=partnership)
        .select_related("about", "meeting", "agenda_item")
        .prefetch_related("responsible")
    )
    meetings_qs = Meeting.objects.filter(partnership=partnership).in_order()
    if after is not None:
        # A meeting's annex: the plan as it stood at that meeting, every meeting after it,
        # held since or not (the minutes of March print March's plan, read in November).
        meetings_qs = meetings_qs.filter(date__gt=after)
    else:
        meetings_qs = meetings_qs.not_yet_held()
    meetings = list(meetings_qs)
    by_meeting: dict[int, list[ForwardPlanItem]] = {m.pk: [] for m in meetings}
    for item in plan:
        if item.meeting_id in by_meeting:
            by_meeting[item.meeting_id].append(item)
    for m in meetings:
        m.plan_items = by_meeting[m.pk]  # type: ignore[attr-defined]
    return ForwardPlan(
        partnership_name=partnership.name,
        standing=[i for i in plan if i.is_standing],
        meetings=meetings,
        to_be_scheduled=[i for i in plan if i.is_to_be_scheduled],
        items_by_meeting=by_meeting,
    )


def escalated_to(meeting: Meeting, today: dt.date) -> Escalations | None:
    """The partnership's returns and actions overdue beyond the escalation threshold, for
    its next meeting's matters arising (the first not yet held, today or later: None for
    any other meeting, as a past meeting's papers do not change, and a later one will see
    them when it is next)."""
    if meeting.date < today:
        return None
    ahead = Meeting.objects.filter(partnership_id=meeting.partnership_id).ahead(today)
    if ahead.in_order().values_list("pk", flat=True).first() != meeting.pk:
        return None
    partnership = meeting.partnership
    # A performance management group oversees the whole agreement, as its pack's reports do.
    whole = partnership.kind == Partnership.Kind.MANAGEMENT_GROUP
    return escalations(
        partnership.agreement, today, partnership_id=None if whole else partnership.pk
    )


def matters_arising(meeting: Meeting) -> list[ActionPoint]:
    return list(
        ActionPoint.objects.matters_arising_for(meeting)
        .with_details()
        .order_by("item__meeting__date", "item__position", "position", "pk")
    )
