"""Workflows that touch several records: each runs in one transaction, so a refusal
leaves nothing half-written. They raise ValidationError with a message for people."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.forms import ModelForm

from meetings.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Decision,
    ForwardPlanItem,
    Meeting,
    new_calendar_token,
    number_sort_key,
)
from partnerships import clock
from partnerships.conflicts import version_claim
from partnerships.models import Membership, Partnership, Person, User
from plans.actions import plan_touch
from plans.models import Action as PlanAction
from plans.models import DeliveryPlan

MINUTES_ITEM_TITLE = "Minutes of the last meeting and matters arising"


# --- meetings ---------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, partnership: Partnership, date: dt.date, **fields: object) -> Meeting:
    """A new meeting of the partnership, linked into its run of meetings. A meeting
    already planned for that day is refused rather than doubled."""
    if Meeting.objects.filter(partnership=partnership, date=date).exists():
        raise ValidationError(
            f"{partnership.label} already has a meeting on {date:%-d %B %Y}.", code="duplicate"
        )
    if fields.get("chair") is None:
        fields["chair"] = default_chair(partnership, date)
    meeting = Meeting.objects.create(partnership=partnership, date=date, **fields)
    meetings_relink(partnership=partnership)
    meeting.refresh_from_db(fields=["previous"])
    return meeting


def default_chair(partnership: Partnership, on: dt.date) -> Person | None:
    """The partnership's chair on the day (vice-chair if it has no chair)."""
    memberships = (
        Membership.objects.current(on)
        .filter(
            partnership=partnership, role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]
        )
        .select_related("person")
        .order_by("role")
    )
    first = memberships.first()
    return first.person if first else None


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, fields: dict[str, object], expected_version: int | None = None
) -> Meeting:
    """Change a meeting's details. Raises EditConflict (saving nothing) if someone else
    has saved them since `expected_version` (None: unchecked)."""
    date = fields.get("date") or meeting.date
    assert isinstance(date, dt.date)
    clash = Meeting.objects.filter(partnership=meeting.partnership_id, date=date).exclude(
        pk=meeting.pk
    )
    if clash.exists():
        raise ValidationError(
            f"{meeting.partnership.label} already has a meeting on {date:%-d %B %Y}.",
            code="duplicate",
        )
    meeting.version = version_claim(Meeting, meeting.pk, expected_version)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    meetings_relink(partnership=meeting.partnership)
    meeting.refresh_from_db(fields=["previous"])
    return meeting


def meetings_relink(*, partnership: Partnership) -> None:
    """Point each meeting at the one before it. (The partnership's last and next meetings
    are read from the meetings when wanted: meetings/due.py.)"""
    previous: Meeting | None = None
    for meeting in Meeting.objects.filter(partnership=partnership).in_order():
        wanted = previous.pk if previous else None
        if meeting.previous_id != wanted:
            # Derived from the dates, so not a change anyone made: kept out of history.
            Meeting.objects.filter(pk=meeting.pk).update(previous_id=wanted)
        previous = meeting


@transaction.atomic
def meeting_status_set(*, meeting: Meeting, status: str) -> Meeting:
    if status == Meeting.Status.MINUTES_APPROVED:
        raise ValidationError(
            "Minutes are approved at the next meeting: use “Approve the minutes” there."
        )
    if status not in meeting.NEXT_STATUSES[meeting.status]:
        raise ValidationError(
            f"A meeting whose status is “{meeting.get_status_display()}” cannot become "
            f"“{Meeting.Status(status).label}”."
            if status in Meeting.Status.values
            else "Choose one of the statuses offered."
        )
    meeting.status = status
    meeting.save(update_fields=["status"])
    return meeting


@transaction.atomic
def meeting_minutes_approve(
    *, meeting: Meeting, at: Meeting, by: User | None, amendments: str = ""
) -> Decision:
    """Record at `at` (a later meeting of the same partnership) that the minutes of
    `meeting` were approved, with any amendments, and mark them approved."""
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise ValidationError("These minutes have already been approved.")
    if not meeting.is_held:
        raise ValidationError("A meeting that has not been held has no minutes to approve.")
    if at.partnership_id != meeting.partnership_id or at.date <= meeting.date:
        raise ValidationError("Minutes are approved at a later meeting of the same partnership.")
    item = at.items.filter(kind=AgendaItem.Kind.MATTERS_ARISING).first()
    if item is None:
        item = _item_add(meeting=at, title=MINUTES_ITEM_TITLE, kind=AgendaItem.Kind.MATTERS_ARISING)
    amendments = amendments.strip()
    text = f"The minutes of the meeting of {meeting.date:%-d %B %Y} were approved" + (
        ", as amended." if amendments else " as a true record."
    )
    decision = decision_add(item=item, text=text)
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.minutes_approved_at = at
    meeting.minutes_approved_on = clock.now()
    meeting.minutes_approved_by = by
    meeting.minutes_amendments = amendments
    meeting.save()
    return decision


@transaction.atomic
def meeting_agenda_set_up(*, meeting: Meeting) -> list[AgendaItem]:
    """Put the forward plan on the agenda: minutes and matters arising (when there was a
    meeting before), the partnership's standing items, the items proposed for this
    meeting, and any other business. Items already on the agenda are not added twice."""
    if meeting.is_held:
        raise ValidationError("The meeting has been held: its agenda is settled.")
    existing = {item.title.casefold(): item for item in meeting.items.all()}
    kinds = {item.kind for item in existing.values()}
    added: list[AgendaItem] = []
    if meeting.previous_id and AgendaItem.Kind.MATTERS_ARISING not in kinds:
        added.append(
            _item_add(
                meeting=meeting, title=MINUTES_ITEM_TITLE, kind=AgendaItem.Kind.MATTERS_ARISING
            )
        )
    plan = ForwardPlanItem.objects.filter(partnership=meeting.partnership_id).prefetch_related(
        "responsible"
    )
    for planned in [*plan.filter(is_standing=True), *plan.filter(meeting=meeting)]:
        done = planned.agenda_item
        if done is not None and done.meeting_id == meeting.pk:
            continue
        if planned.is_standing and planned.title.casefold() in existing:
            continue
        item = _item_add(
            meeting=meeting,
            title=planned.title,
            kind=AgendaItem.Kind.STANDING if planned.is_standing else AgendaItem.Kind.PROPOSED,
            purpose=planned.detail,
            responsibility=planned.responsibility,
            partnership_id=planned.about_id,
        )
        item.presenters.set(planned.responsible.all())
        if not planned.is_standing:
            planned.agenda_item = item
            planned.save(update_fields=["agenda_item"])
        added.append(item)
    if AgendaItem.Kind.AOB not in kinds:
        added.append(
            _item_add(meeting=meeting, title="Any other business", kind=AgendaItem.Kind.AOB)
        )
    return added


# --- agenda items and decisions ---------------------------------------------------------


def next_item_number(meeting: Meeting) -> str:
    tops = [int(n) for n in meeting.items.values_list("number", flat=True) if n.isdigit()]
    return str(max(tops, default=0) + 1)


def _item_add(*, meeting: Meeting, title: str, kind: str, **fields: object) -> AgendaItem:
    item = AgendaItem.objects.create(
        meeting=meeting, number=next_item_number(meeting), title=title, kind=kind, **fields
    )
    items_renumber(meeting=meeting)
    return item


def items_renumber(*, meeting: Meeting) -> None:
    """Keep `position` in the order of the printed numbers (4 < 4.1 < 4.a < 10)."""
    items = sorted(meeting.items.all(), key=lambda i: number_sort_key(i.number))
    for position, item in enumerate(items, start=1):
        if item.position != position:
            # Derived from the numbers, so kept out of history.
            AgendaItem.objects.filter(pk=item.pk).update(position=position)


@transaction.atomic
def item_save(*, form: ModelForm, expected_version: int | None) -> AgendaItem:  # type: ignore[type-arg]
    """Save the changes to an agenda item, its minutes among them. Raises EditConflict
    (saving nothing) if someone else has saved it since `expected_version`."""
    item: AgendaItem = form.instance
    item.version = version_claim(AgendaItem, item.pk, expected_version)
    form.save()
    items_renumber(meeting=item.meeting)
    return item


@transaction.atomic
def item_delete(*, item: AgendaItem) -> None:
    """Take an item off the agenda, unless it has decisions or action points. The row is
    locked first, so a save of the item under way (it holds the same lock) finishes
    before the delete collects what hangs off the item; deleting straight away could miss
    presenters that save was adding, and fail on them (issue 14)."""
    locked = AgendaItem.objects.select_for_update().filter(pk=item.pk).first()
    if locked is None:
        return  # someone else removed it first
    if locked.decisions.exists() or locked.actions.exists():
        raise ValidationError(
            f"Item {locked.number} has decisions or action points: remove those first."
        )
    locked.delete()


def decision_add(*, item: AgendaItem, text: str) -> Decision:
    text = text.strip()
    if not text:
        raise ValidationError("Enter the decision as it should appear in the minutes.")
    last = item.decisions.aggregate(last=Max("position"))["last"] or 0
    return Decision.objects.create(item=item, text=text, position=last + 1)


# --- attendance -------------------------------------------------------------------------


def role_at_time(person: Person, partnership: Partnership, on: dt.date) -> str:
    """The role printed beside a name: their office in this partnership (chair, lead…)
    or, for ordinary members and visitors, their job title."""
    membership = (
        Membership.objects.current(on).filter(person=person, partnership=partnership).first()
    )
    if membership and membership.role != Membership.Role.MEMBER:
        return membership.get_role_display()
    return person.job_title


@transaction.atomic
def attendance_set(
    *,
    meeting: Meeting,
    person: Person,
    status: str,
    substitute_for: Person | None = None,
    role: str | None = None,
    organisation: str | None = None,
) -> Attendance | None:
    """Tick someone present, absent with apologies, in attendance or substitute; an empty
    status clears their line. Organisation and role are copied as they are today."""
    if person.agreement_id != meeting.partnership.agreement_id:
        raise ValidationError("That person is not in this agreement.")
    existing = Attendance.objects.filter(meeting=meeting, person=person).first()
    if not status:
        if existing:
            existing.delete()
        return None
    substitute_for = _attendance_checked(
        meeting=meeting, person=person, status=status, substitute_for=substitute_for
    )
    attendance = existing or Attendance(meeting=meeting, person=person)
    attendance.status = status
    attendance.substitute_for = substitute_for
    _attendance_describe(
        attendance,
        meeting=meeting,
        person=person,
        is_new=existing is None,
        role=role,
        organisation=organisation,
    )
    if existing is not None:
        attendance.save()
    elif not _attendance_added(attendance, meeting=meeting, person=person):
        # Ticked at the same moment elsewhere: their line stands (attendance_once), and
        # this tick is made on it as if it came second.
        return attendance_set(
            meeting=meeting,
            person=person,
            status=status,
            substitute_for=substitute_for,
            role=role,
            organisation=organisation,
        )
    if substitute_for is not None:
        # The member they stand in for sent apologies, as the minutes record it.
        absent = Attendance.objects.filter(meeting=meeting, person=substitute_for).first()
        if absent is None:
            attendance_set(
                meeting=meeting, person=substitute_for, status=Attendance.Status.APOLOGIES
            )
    return attendance


def _attendance_checked(
    *, meeting: Meeting, person: Person, status: str, substitute_for: Person | None
) -> Person | None:
    """Refuse an unknown status or an impossible substitution; return whom a substitute
    stands in for (None for any other status)."""
    if status not in Attendance.Status.values:
        raise ValidationError("Choose present, substitute, in attendance or apologies.")
    if status != Attendance.Status.SUBSTITUTE:
        return None
    if substitute_for is None:
        raise ValidationError("Say whom they are substituting for.")
    if substitute_for.pk == person.pk:
        raise ValidationError("Someone cannot substitute for themselves.")
    if substitute_for.agreement_id != meeting.partnership.agreement_id:
        raise ValidationError("That person is not in this agreement.")
    return substitute_for


def _attendance_describe(
    attendance: Attendance,
    *,
    meeting: Meeting,
    person: Person,
    is_new: bool,
    role: str | None,
    organisation: str | None,
) -> None:
    """The role and organisation given; on a new line, those they have today."""
    if role is not None:
        attendance.role = role
    elif is_new:
        attendance.role = role_at_time(person, meeting.partnership, meeting.date)
    if organisation is not None:
        attendance.organisation = organisation
    elif is_new and person.organisation_id:
        attendance.organisation = person.organisation.name  # type: ignore[union-attr]


def _attendance_added(attendance: Attendance, *, meeting: Meeting, person: Person) -> bool:
    """Save a new line at the foot of the list; False when the person's line was added
    by someone else at the same moment (or a double click)."""
    last = meeting.attendances.aggregate(last=Max("position"))["last"] or 0
    attendance.position = last + 1
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        if not Attendance.objects.filter(meeting=meeting, person=person).exists():
            raise
        return False
    return True


# --- action points ----------------------------------------------------------------------


@transaction.atomic
def action_create(
    *,
    item: AgendaItem,
    text: str,
    owners: list[Person] | tuple[Person, ...] = (),
    owner_groups: str = "",
    due_on: dt.date | None = None,
    due_meeting: Meeting | None = None,
    due_text: str = "",
    number: str = "",
) -> ActionPoint:
    if not text.strip():
        raise ValidationError("Enter what is to be done.")
    if due_on and due_on < item.meeting.date:
        raise ValidationError("The due date cannot be before the meeting that set the action.")
    if due_meeting and (
        due_meeting.partnership.agreement_id != item.meeting.partnership.agreement_id
    ):
        raise ValidationError("The meeting it is due at must be in this agreement.")
    last = ActionPoint.objects.filter(item__meeting=item.meeting).aggregate(last=Max("position"))
    action = ActionPoint.objects.create(
        item=item,
        text=text.strip(),
        owner_groups=owner_groups.strip(),
        due_on=due_on,
        due_meeting=due_meeting,
        due_text=due_text,
        number=number,
        position=(last["last"] or 0) + 1,
    )
    action.owners.set(owners)
    return action


@transaction.atomic
def action_point_save(*, form: ModelForm, expected_version: int | None) -> ActionPoint:  # type: ignore[type-arg]
    """Save the changes to an action point. Raises EditConflict (saving nothing) if
    someone else has saved it since `expected_version`."""
    action: ActionPoint = form.instance
    action.version = version_claim(ActionPoint, action.pk, expected_version)
    form.save()
    return action


@transaction.atomic
def action_update(
    *,
    action: ActionPoint,
    status: str,
    text: str = "",
    on: dt.date | None = None,
    by: Person | None = None,
    expected_version: int | None = None,
) -> ActionUpdate:
    """Report progress: a dated update, and the new status. Closing an action dates it,
    so it stops coming back as a matter arising after that day. A change of status made
    on a form opened before someone else saved the action raises EditConflict; an
    update that leaves the status alone only adds to the record, so it is not checked."""
    on = on or clock.today()
    if status not in ActionPoint.Status.values:
        raise ValidationError("Choose a status.")
    if on > clock.today():
        raise ValidationError("An update cannot be dated in the future.")
    if on < action.item.meeting.date:
        raise ValidationError("An update cannot be dated before the meeting that set the action.")
    if status == action.status and not text.strip():
        raise ValidationError("Say what has happened, or change the status.")
    if status != action.status:
        action.version = version_claim(ActionPoint, action.pk, expected_version)
    update = ActionUpdate.objects.create(
        action=action,
        on=on,
        text=text.strip(),
        status=status if status != action.status else "",
        by=by,
    )
    if status != action.status:
        action.status = status
        action.closed_on = None if status == ActionPoint.Status.OPEN else on
        action.save(update_fields=["status", "closed_on", "version"])
    return update


PLAN_TITLE_LENGTH = PlanAction._meta.get_field("title").max_length or 300


def _plan_title(text: str) -> str:
    """The action point's text as a plan action's title: its first line, cut at a word
    when it is too long (the whole text goes into the description)."""
    first = " ".join(text.split("\n", 1)[0].split())
    if len(first) <= PLAN_TITLE_LENGTH:
        return first
    return first[: PLAN_TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def action_to_plan(*, action: ActionPoint, plan: DeliveryPlan, by: Person | None) -> PlanAction:
    """Turn an action point into an action of a delivery plan, keeping the link both
    ways: the plan action names the meeting it came from, the action point points at the
    plan action, and a dated update says so. Its first owner leads it, the others
    contribute; the due date carries over. The action point keeps its status: it is
    closed at a meeting, as any other."""
    action = ActionPoint.objects.select_for_update(no_key=True).get(pk=action.pk)
    meeting = action.item.meeting
    if action.plan_action_id is not None:
        raise ValidationError("This action point is already an action of a delivery plan.")
    if plan.partnership.agreement_id != meeting.partnership.agreement_id:
        raise ValidationError("Choose a delivery plan of this agreement.")
    owners = list(action.owners.all())  # in the order the minutes print them
    where = f"{meeting.display_title}, {meeting.date:%-d %B %Y}, item {action.item.number}"
    label = f"action point {action.number}" if action.number else "an action point"
    last = plan.actions.aggregate(last=Max("order"))["last"] or 0
    plan_action = PlanAction.objects.create(
        plan=plan,
        title=_plan_title(action.text),
        description=f"{action.text}\n\nFrom {label} of {where}.",
        lead=owners[0] if owners else None,
        due_on=action.due,
        order=last + 1,
    )
    plan_action.contributors.set(owners[1:])
    action.plan_action = plan_action
    action.save(update_fields=["plan_action"])
    ActionUpdate.objects.create(
        action=action,
        on=max(clock.today(), meeting.date),
        text=f"Taken into the delivery plan “{plan.title}” as action “{plan_action}”.",
        by=by,
    )
    plan_touch(plan=plan)
    return plan_action


# --- calendar ---------------------------------------------------------------------------


def calendar_feed_for(*, person: Person) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    return feed


def calendar_feed_reset(*, person: Person) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(person=person)
    feed.token = new_calendar_token()
    feed.save(update_fields=["token"])
    return feed
