"""The demo meetings: the three meetings in the seeds, complete, their forward plans as
planned meetings, and the meetings just before them (only what the seeds say of them,
plus a few illustrative action points) so that matters arising and minutes approval can
be seen. One file per meeting in `demo/data/meetings/`, the forward plans in
`demo/data/forward_plans.json` (see `demo/data/README.md`).

People are named by their `name` and partnerships by their slug, as in
`demo/data/partnerships.json` (same agreement). The files' shapes are the dataclasses
below:

- A meeting's `starts_at`/`ends_at`/`next_meeting_at` are `null` when the seed does not
  say. `declarations` lists declared interests; `declarations_text` is the recorded
  sentence ("There were no declarations.") or "" when the minutes have no such item.
  `source` is the seed file. `future_meetings` are the dates of future meetings as the
  minutes list them, one line each (printed as written). `approved_at_item` (the
  earlier meetings only) is the item of the seeded meeting at which its minutes were
  approved.
- Attendance: `status` present / apologies / in_attendance / substitute; `as_written`
  is the role beside the name in the seed (Safer Essex rows have two columns, joined with
  " | "); `substitute_for` a person for "X for Y".
- Agenda items are in agenda order and flattened: "6.1" is a sub-item of "6" (which may
  have no text of its own). `agenda_text` holds the bullet points printed under the
  heading in the agenda; `minutes` the paragraphs as written, list items as paragraphs
  of their own, including the sentences also listed in `decisions`; `decisions` the
  decision sentences, verbatim. Action-point text is not repeated in `minutes`.
- Action points: `owners` are people, `owner_groups` owners that are not people ("ECC");
  `number` is the seed's own; `due_on` the date the seed gives or implies ("the next
  meeting"), `due_text` its wording; `raised_on`/`raised_item` are set for matters
  arising carried from an earlier meeting; `followed_up` is what became of an
  illustrative action point at the next (seeded) meeting.
- Forward plans: standing items, planned meetings with their items, and items still to be
  scheduled; `responsible` are people, `responsible_text` the column as written ("Tbc").
  The PMG plan is the seed's own; the others collect the future dates and items the
  minutes assign to later meetings (their `note` says which).

Idempotent: every row is found by its natural key (partnership and date; meeting and
item number; item and text) and created only if missing, so a second run writes nothing
and never overwrites what people have changed since.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from demo.files import data_read
from demo.partnerships import partnerships_data
from indicators.models import Target
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
from partnerships.models import Agreement, Partnership, Person

# The meetings before the seeded ones (their minutes are approved at the seeded
# meetings), then the seeded meetings, each loaded in this order.
EARLIER_MEETINGS = ("essex-pmg-2009-02", "safer-essex-2008-07-01", "herefordshire-pmg-2009-03-23")
SEEDED_MEETINGS = ("safer-essex-2008-10-02", "essex-pmg-2009-03-27", "herefordshire-pmg-2009-05-06")

INDICATOR_CODE = re.compile(r"\b(NI|LI)\s?(\d+(?:\.\d+)?)")

AttendanceStatus = Literal["present", "apologies", "in_attendance", "substitute"]
ItemKind = Literal["standing", "proposed", "matters_arising", "aob"]
ActionStatus = Literal["open", "done"]


@dataclass(frozen=True, slots=True)
class AttendanceSpec:
    person: str
    status: AttendanceStatus
    as_written: str
    substitute_for: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class FollowUpSpec:
    status: Literal["done", "on_agenda"]
    on: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class ActionPointSpec:
    text: str
    owners: tuple[str, ...] = ()
    owner_groups: tuple[str, ...] = ()
    number: str = ""
    due_on: dt.date | None = None
    due_text: str = ""
    status: ActionStatus = "open"
    raised_on: dt.date | None = None
    raised_item: str = ""
    note: str = ""
    followed_up: FollowUpSpec | None = None


@dataclass(frozen=True, slots=True)
class AgendaItemSpec:
    number: str
    title: str
    kind: ItemKind
    presenters: tuple[str, ...] = ()
    partnership: str | None = None
    agenda_text: tuple[str, ...] = ()
    minutes: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionPointSpec, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class MeetingSpec:
    key: str
    agreement: str
    partnership: str
    title: str
    date: dt.date
    starts_at: dt.time | None
    ends_at: dt.time | None
    venue: str
    chair: str
    minute_taker: str | None
    attendance: tuple[AttendanceSpec, ...]
    declarations: tuple[str, ...]
    declarations_text: str
    items: tuple[AgendaItemSpec, ...]
    previous_meeting_on: dt.date | None
    previous_meeting_text: str
    next_meeting_on: dt.date | None
    next_meeting_at: dt.time | None
    next_meeting_venue: str
    source: str
    note: str = ""
    approved_at_item: str = ""
    future_meetings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlannedItemSpec:
    title: str
    responsible: tuple[str, ...] = ()
    responsible_text: str = ""
    partnership: str | None = None
    detail: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class PlannedMeetingSpec:
    date: dt.date
    starts_at: dt.time | None = None
    venue: str = ""
    items: tuple[PlannedItemSpec, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class ForwardPlanSpec:
    key: str
    agreement: str
    partnership: str
    title: str
    source_meeting: str | None
    standing_items: tuple[PlannedItemSpec, ...]
    meetings: tuple[PlannedMeetingSpec, ...]
    to_be_scheduled: tuple[PlannedItemSpec, ...]
    note: str = ""


@cache
def meeting_data(key: str) -> MeetingSpec:
    spec: MeetingSpec = data_read(f"meetings/{key}.json", MeetingSpec)
    return spec


@cache
def forward_plans_data() -> tuple[ForwardPlanSpec, ...]:
    plans: tuple[ForwardPlanSpec, ...] = data_read(
        "forward_plans.json", tuple[ForwardPlanSpec, ...]
    )
    return plans


class _Agreement:
    """Lookups for one agreement: people by name or alias, partnerships by slug."""

    def __init__(self, agreement: Agreement) -> None:
        self.agreement = agreement
        self.partnerships = {p.slug: p for p in Partnership.objects.filter(agreement=agreement)}
        self.people = {p.name: p for p in Person.objects.filter(agreement=agreement)}
        for spec in partnerships_data().people.get(agreement.slug, ()):
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


def meetings_load(*, agreements: dict[str, Agreement]) -> None:
    for slug, agreement in agreements.items():
        agreement_meetings_load(agreement=agreement, slug=slug)


def agreement_meetings_load(*, agreement: Agreement, slug: str | None = None) -> None:
    slug = slug or agreement.slug
    seeds = [m for m in map(meeting_data, SEEDED_MEETINGS) if m.agreement == slug]
    if not seeds:
        return
    lookup = _Agreement(agreement)
    touched: set[Partnership] = set()
    set_up: list[Meeting] = []
    for plan in (p for p in forward_plans_data() if p.agreement == slug):
        new_first = _load_forward_plan(lookup, plan)
        source = next((m for m in seeds if m.key == plan.source_meeting), None)
        if source and source.partnership == plan.partnership:
            set_up += new_first
        touched.add(lookup.partnerships[plan.partnership])
    earlier: dict[str, tuple[Meeting, str]] = {}
    for spec in map(meeting_data, EARLIER_MEETINGS):
        if spec.agreement == slug:
            meeting = _load_meeting(lookup, spec, Meeting.Status.MINUTES_APPROVED)
            earlier[spec.partnership] = (meeting, spec.approved_at_item)
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


def _load_forward_plan(lookup: _Agreement, plan: ForwardPlanSpec) -> list[Meeting]:
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
    planned: PlannedItemSpec,
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


def _load_meeting(lookup: _Agreement, spec: MeetingSpec, status: str) -> Meeting:
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
        meeting.future_meetings = "\n".join(spec.future_meetings)
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


def _attend(lookup: _Agreement, meeting: Meeting, row: AttendanceSpec, position: int) -> None:
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


def _next_meeting(lookup: _Agreement, spec: MeetingSpec, partnership: Partnership) -> None:
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
    lookup: _Agreement, meeting: Meeting, spec: AgendaItemSpec, position: int
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
    spec: ActionPointSpec,
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
    if spec.followed_up and created:
        status, on, text = spec.followed_up.status, spec.followed_up.on, spec.followed_up.text
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
