"""Builds the demo meetings from demo_data.py: the three meetings in the seeds, complete,
their forward plans as planned meetings, and the meetings just before them (only what
the seeds say of them, plus a few illustrative action points) so that matters arising
and minutes approval can be seen.

Idempotent: every row is found by its natural key (partnership and date; meeting and
item number; item and text) and created only if missing, so a second run writes nothing
and never overwrites what people have changed since.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from meetings import demo_data as data
from meetings.actions import default_chair, meeting_agenda_set_up, meetings_relink
from meetings.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    ForwardPlanItem,
    Meeting,
)
from partnerships import demo_data as people_data
from partnerships.models import Agreement, Partnership, Person

ILLUSTRATIVE = (
    "Illustrative: the seeds only mention this meeting; its items are what the later "
    "minutes say of it."
)

# The meetings before the seeded ones. Their minutes are approved at the seeded meeting.
EARLIER: tuple[tuple[data.Meeting, str], ...] = (
    (
        data.Meeting(
            key="essex-pmg-2009-02",
            agreement=data.ESSEX,
            partnership="essex-pmg",
            title="LAA Performance Management Group",
            date=dt.date(2009, 2, 16),
            starts_at=dt.time(10, 0),
            ends_at=dt.time(12, 0),
            venue="",
            chair="Ewen Wilson",
            minute_taker="Louise Crew",
            attendance=(
                data.Attendance("Ewen Wilson", "present", "Essex Police (Chair)"),
                data.Attendance("Alan Dawkes", "present", "Safer Essex Lead"),
                data.Attendance(
                    "Loretta Sollars", "present", "Community Wellbeing and Older People Lead"
                ),
                data.Attendance("Gwyn Owen", "present", "Sustainable Essex Lead"),
                data.Attendance("Gill Butterworth", "present", "Essex Partnership Secretariat"),
                data.Attendance(
                    "Louise Crew", "present", "Essex Partnership Secretariat (Minutes)"
                ),
                data.Attendance(
                    "Miriam Stead", "apologies", "2012 Olympics/Paralympic Games (2012) Lead"
                ),
            ),
            declarations=(),
            declarations_text="",
            items=(
                data.AgendaItem(
                    "1",
                    "Safer Essex deputy lead",
                    "proposed",
                    partnership="safer-essex",
                    minutes=("Safer Essex is to confirm its deputy lead at the next meeting.",),
                    actions=(
                        data.ActionPoint(
                            "Alan to confirm the Safer Essex deputy lead to the next meeting.",
                            owners=("Alan Dawkes",),
                            due_on=dt.date(2009, 3, 27),
                            due_text="the next meeting",
                        ),
                    ),
                ),
                data.AgendaItem(
                    "2",
                    "Annual reports",
                    "proposed",
                    minutes=("Thematic partnerships will report on their year to the PMG.",),
                    actions=(
                        data.ActionPoint(
                            "Gill to circulate the annual report guidance and timescales to "
                            "thematic leads.",
                            owners=("Gill Butterworth",),
                        ),
                    ),
                ),
            ),
            previous_meeting_on=None,
            previous_meeting_text="",
            next_meeting_on=dt.date(2009, 3, 27),
            next_meeting_at=dt.time(10, 0),
            next_meeting_venue="",
            source="",
            note=ILLUSTRATIVE + " The minutes of 27 March 2009 call it 'the February meeting'.",
        ),
        "1",
    ),
    (
        data.Meeting(
            key="safer-essex-2008-07-01",
            agreement=data.ESSEX,
            partnership="safer-essex",
            title="Safer Essex",
            date=dt.date(2008, 7, 1),
            starts_at=None,
            ends_at=None,
            venue="",
            chair="Paul Warren",
            minute_taker=None,
            attendance=(),
            declarations=(),
            declarations_text="",
            items=(),
            previous_meeting_on=None,
            previous_meeting_text="",
            next_meeting_on=dt.date(2008, 10, 2),
            next_meeting_at=None,
            next_meeting_venue="",
            source="",
            note=ILLUSTRATIVE,
        ),
        "3",
    ),
    (
        data.Meeting(
            key="herefordshire-pmg-2009-03-23",
            agreement=data.HEREFORDSHIRE,
            partnership="herefordshire-pmg",
            title="Herefordshire Partnership Management Group Meeting",
            date=dt.date(2009, 3, 23),
            starts_at=None,
            ends_at=None,
            venue="",
            chair="Roger Phillips",
            minute_taker=None,
            attendance=(),
            declarations=(),
            declarations_text="",
            items=(
                data.AgendaItem("2", "CAA self evaluation", "proposed"),
                data.AgendaItem("3", "Delivery plans", "proposed"),
                data.AgendaItem("4", "Area Based Grant and LPSA2 Reward Grant", "proposed"),
                data.AgendaItem("6", "LAA refresh: strategies and guiding principles", "proposed"),
            ),
            previous_meeting_on=None,
            previous_meeting_text="",
            next_meeting_on=dt.date(2009, 5, 6),
            next_meeting_at=None,
            next_meeting_venue="",
            source="",
            note=ILLUSTRATIVE + " Item titles are inferred from the matters arising of 6 May 2009.",
        ),
        "2",
    ),
)

# What became of the illustrative action points, at the next (seeded) meeting.
LATER_OUTCOMES: dict[str, tuple[str, dt.date, str]] = {
    "Alan to confirm the Safer Essex deputy lead to the next meeting.": (
        "done",
        dt.date(2009, 3, 27),
        "Sam Grant was confirmed as the Safer Essex deputy lead.",
    ),
    "Gill to circulate the annual report guidance and timescales to thematic leads.": (
        "on_agenda",
        dt.date(2009, 3, 27),
        "Covered on the agenda: item 4, Annual report – progress and timescales.",
    ),
}

INDICATOR_CODE = re.compile(r"\b(NI|LI)\s?(\d+(?:\.\d+)?)")


class _Agreement:
    """Lookups for one agreement: people by name or alias, partnerships by slug."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self.partnerships = {p.slug: p for p in Partnership.objects.filter(agreement=agreement)}
        self.people = {p.name: p for p in Person.objects.filter(agreement=agreement)}
        for spec in people_data.PEOPLE.get(agreement.slug, ()):
            for alias in spec.aliases:
                if spec.name in self.people:
                    self.people.setdefault(alias, self.people[spec.name])

    def person(self, name: str | None) -> Person | None:
        if not name:
            return None
        try:
            return self.people[name]
        except KeyError:
            raise LookupError(f"{name} is not a person in {self.agreement}") from None

    def persons(self, names: Iterable[str]) -> list[Person]:
        return [p for p in (self.person(n) for n in names) if p is not None]


def demo_load(*, agreements: dict[str, Agreement]) -> None:
    for slug, agreement in agreements.items():
        demo_load_agreement(agreement=agreement, slug=slug)


def demo_load_agreement(*, agreement: Agreement, slug: str | None = None) -> None:
    slug = slug or agreement.slug
    seeds = [m for m in data.MEETINGS if m.agreement == slug]
    if not seeds:
        return
    lookup = _Agreement(agreement)
    touched: set[Partnership] = set()
    set_up: list[Meeting] = []
    for plan in (p for p in data.FORWARD_PLANS if p.agreement == slug):
        new_first = _load_forward_plan(lookup, plan)
        source = next((m for m in seeds if m.key == plan.source_meeting), None)
        if source and source.partnership == plan.partnership:
            set_up += new_first
        touched.add(lookup.partnerships[plan.partnership])
    earlier: dict[str, tuple[Meeting, str]] = {}
    for spec, approved_at_item in EARLIER:
        if spec.agreement == slug:
            meeting = _load_meeting(lookup, spec, Meeting.Status.MINUTES_APPROVED)
            earlier[spec.partnership] = (meeting, approved_at_item)
            touched.add(meeting.partnership)
    for spec in seeds:
        meeting = _load_meeting(lookup, spec, Meeting.Status.MINUTES_DRAFT)
        touched.add(meeting.partnership)
        if spec.partnership in earlier:
            before, item_number = earlier[spec.partnership]
            _approve(before, at=meeting, item_number=item_number)
    for partnership in touched:
        meetings_relink(partnership=partnership)
    for meeting in set_up:
        meeting.refresh_from_db()
        meeting_agenda_set_up(meeting=meeting)
        meeting.status = Meeting.Status.AGENDA_PUBLISHED
        meeting.save(update_fields=["status"])


def _load_forward_plan(lookup: _Agreement, plan: data.ForwardPlan) -> list[Meeting]:
    """Planned meetings and their proposed items; returns the first planned meeting after
    the plan's source meeting when it is new, so its agenda can be set up."""
    partnership = lookup.partnerships[plan.partnership]
    new_first: list[Meeting] = []
    for position, planned in enumerate(plan.standing_items, start=1):
        _plan_item(lookup, partnership, None, planned, position, is_standing=True)
    for index, planned_meeting in enumerate(plan.meetings):
        meeting, created = Meeting.objects.get_or_create(
            partnership=partnership,
            date=planned_meeting.date,
            defaults={
                "starts_at": planned_meeting.starts_at,
                "venue": planned_meeting.venue,
                "note": planned_meeting.note,
                "status": Meeting.Status.PLANNED,
                "chair": default_chair(partnership, planned_meeting.date),
            },
        )
        for position, planned in enumerate(planned_meeting.items, start=1):
            _plan_item(lookup, partnership, meeting, planned, position)
        if created and index == 0 and plan.source_meeting:
            new_first.append(meeting)
    for position, planned in enumerate(plan.to_be_scheduled, start=1):
        _plan_item(lookup, partnership, None, planned, position)
    return new_first


def _plan_item(
    lookup: _Agreement,
    partnership: Partnership,
    meeting: Meeting | None,
    planned: data.PlannedItem,
    position: int,
    *,
    is_standing: bool = False,
) -> ForwardPlanItem:
    item, created = ForwardPlanItem.objects.get_or_create(
        partnership=partnership,
        meeting=meeting,
        is_standing=is_standing,
        title=planned.title,
        defaults={
            "detail": "\n".join(planned.detail),
            "responsibility": planned.responsible_text
            if not planned.responsible or planned.responsible_text not in planned.responsible
            else "",
            "about": lookup.partnerships.get(planned.partnership or ""),
            "note": planned.note,
            "position": position,
        },
    )
    if created:
        item.responsible.set(lookup.persons(planned.responsible))
    return item


def _load_meeting(lookup: _Agreement, spec: data.Meeting, status: str) -> Meeting:
    partnership = lookup.partnerships[spec.partnership]
    meeting, created = Meeting.objects.get_or_create(
        partnership=partnership,
        date=spec.date,
        defaults={"status": status},
    )
    if created or not meeting.is_held:
        # A planned meeting from a forward plan becomes the meeting the minutes record.
        meeting.title = "" if spec.title == partnership.name else spec.title
        meeting.starts_at, meeting.ends_at = spec.starts_at, spec.ends_at
        meeting.venue = spec.venue
        meeting.chair = lookup.person(spec.chair)
        meeting.minute_taker = lookup.person(spec.minute_taker)
        meeting.declarations_note = spec.declarations_text
        meeting.note = " ".join(
            filter(None, [spec.note, f"Source: seeds/{spec.source}." if spec.source else ""])
        )
        meeting.status = status
        meeting.save()
    for position, row in enumerate(spec.attendance, start=1):
        _attend(lookup, meeting, row, position)
    _next_meeting(lookup, spec, partnership)
    for position, item_spec in enumerate(spec.items, start=1):
        _load_item(lookup, meeting, item_spec, position)
    return meeting


def _attend(lookup: _Agreement, meeting: Meeting, row: data.Attendance, position: int) -> None:
    role, organisation = row.as_written, ""
    if " | " in role:  # the Safer Essex minutes have two columns
        role, organisation = role.split(" | ", 1)
    if row.substitute_for:
        # "Substitute for Gwyn Owen (Sustainable Essex Lead)", "Fire and Rescue Service
        # (for Lucy Phillips)": the printed line says "substitute for …" itself.
        role = re.sub(
            rf"\(?\b(substitute )?for {re.escape(row.substitute_for)}\)?", "", role, flags=re.I
        )
        role = role.strip(" ()")
    person = lookup.person(row.person)
    Attendance.objects.get_or_create(
        meeting=meeting,
        person=person,
        defaults={
            "status": row.status,
            "substitute_for": lookup.person(row.substitute_for),
            "role": role,
            "organisation": organisation,
            "position": position,
            "note": row.note,
        },
    )


def _next_meeting(lookup: _Agreement, spec: data.Meeting, partnership: Partnership) -> None:
    if spec.next_meeting_on:
        Meeting.objects.get_or_create(
            partnership=partnership,
            date=spec.next_meeting_on,
            defaults={
                "starts_at": spec.next_meeting_at,
                "venue": spec.next_meeting_venue,
                "status": Meeting.Status.PLANNED,
                "chair": default_chair(partnership, spec.next_meeting_on),
            },
        )


def _load_item(
    lookup: _Agreement, meeting: Meeting, spec: data.AgendaItem, position: int
) -> AgendaItem:
    item, created = AgendaItem.objects.get_or_create(
        meeting=meeting,
        number=spec.number,
        defaults={
            "title": spec.title,
            "kind": spec.kind,
            "position": position,
            "purpose": "\n".join(spec.agenda_text),
            "partnership": lookup.partnerships.get(spec.partnership or ""),
            "minutes": "\n\n".join(spec.minutes),
            "note": spec.note,
        },
    )
    if created:
        item.presenters.set(lookup.persons(spec.presenters))
        _link_targets(lookup, item)
    for index, text in enumerate(spec.decisions, start=1):
        Decision.objects.get_or_create(item=item, text=text, defaults={"position": index})
    for index, action_spec in enumerate(spec.actions, start=1):
        _load_action(lookup, meeting, item, action_spec, index)
    return item


def _link_targets(lookup: _Agreement, item: AgendaItem) -> None:
    """Link the targets an item names ("NI 134", "LI7.1"), when the indicators demo
    has them."""
    from indicators.models import Target

    codes = {
        f"{kind} {number}"
        for kind, number in INDICATOR_CODE.findall(f"{item.title} {item.minutes}")
    }
    if codes:
        item.targets.set(
            Target.objects.filter(agreement=lookup.agreement, indicator__code__in=codes)
        )


def _load_action(
    lookup: _Agreement,
    meeting: Meeting,
    item: AgendaItem,
    spec: data.ActionPoint,
    position: int,
) -> None:
    raised_item = item
    if spec.raised_on:
        # A matter arising carried from an earlier meeting: it belongs to that meeting.
        raised_item = AgendaItem.objects.get(
            meeting__partnership=meeting.partnership,
            meeting__date=spec.raised_on,
            number=spec.raised_item,
        )
    closed = spec.status != "open"
    due_meeting = (
        Meeting.objects.filter(partnership=meeting.partnership, date=spec.due_on).first()
        if spec.due_on
        else None
    )
    action, created = ActionPoint.objects.get_or_create(
        item=raised_item,
        text=spec.text,
        defaults={
            "number": spec.number,
            "position": position,
            "owner_groups": "\n".join(spec.owner_groups),
            "due_on": spec.due_on,
            "due_meeting": due_meeting,
            "due_text": spec.due_text,
            "status": spec.status,
            "closed_on": meeting.date if closed else None,
            "note": "" if spec.raised_on else spec.note,
        },
    )
    if created:
        action.owners.set(lookup.persons(spec.owners))
    if spec.raised_on and (spec.note or closed):
        ActionUpdate.objects.get_or_create(
            action=action,
            on=meeting.date,
            text=spec.note,
            defaults={"status": spec.status if closed else ""},
        )
    outcome = LATER_OUTCOMES.get(spec.text)
    if outcome and created:
        status, on, text = outcome
        ActionUpdate.objects.create(action=action, on=on, text=text, status=status)
        action.status, action.closed_on = status, on
        action.save(update_fields=["status", "closed_on"])


def _approve(before: Meeting, *, at: Meeting, item_number: str) -> None:
    """The seeded minutes record the approval ("Minutes of the February meeting were
    approved"); mark the earlier meeting's minutes approved there."""
    if before.minutes_approved_at_id:
        return
    item = at.items.get(number=item_number)
    amendments = ""
    if "amended" in item.minutes:
        # Herefordshire, 6 May 2009: the agreed wording is the amendment.
        paragraphs = item.paragraphs
        amendments = "\n\n".join(paragraphs[1:-1])
    before.status = Meeting.Status.MINUTES_APPROVED
    before.minutes_approved_at = at
    before.minutes_approved_on = at.starts()
    before.minutes_amendments = amendments
    before.save()
