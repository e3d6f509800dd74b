"""The meeting list, one meeting's page, and the edits made on it: details, status,
attendance, declarations, setting up the agenda and approving the last minutes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings import actions, hooks
from meetings.forms import (
    ApproveMinutesForm,
    AttendanceAddForm,
    AttendanceTickForm,
    DeclarationForm,
    MeetingForm,
    StatusForm,
)
from meetings.minutes import escalated_to, items_with_details, matters_arising
from meetings.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    MeetingQuerySet,
)
from meetings.permissions import (
    APPROVE,
    EDIT,
    can_approve_minutes,
    can_edit_meeting,
    can_record_decisions,
    can_update_action,
    editable_partnerships,
    get_meeting_for_user,
)
from partnerships import clock
from partnerships.conflicts import EditConflict
from partnerships.models import Membership, Partnership, Person
from partnerships.permissions import Standing, get_standing
from partnerships.typing import HtmxHttpRequest

PAGE_SIZE = 25
WHEN = {"upcoming": "Not yet held", "held": "Held", "all": "All"}


@login_required
@require_GET
def meeting_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = list(
        Partnership.objects.filter(agreement=standing.agreement)
        .annotate(meeting_count=Count("meetings"))
        .filter(meeting_count__gt=0)
        .order_by("name")
    )
    chosen = next((p for p in partnerships if str(p.pk) == request.GET.get("partnership")), None)
    when = request.GET.get("when", "all")
    if when not in WHEN:
        when = "all"
    meetings: MeetingQuerySet = (
        Meeting.objects.for_agreement(standing.agreement.pk)
        .select_related("partnership", "chair")
        .annotate(item_count=Count("items"))
    )
    if chosen:
        meetings = meetings.filter(partnership=chosen)
    if when == "upcoming":
        meetings = meetings.not_yet_held().in_order()
    elif when == "held":
        meetings = meetings.held().order_by("-date", "-starts_at", "-pk")
    else:
        meetings = meetings.order_by("-date", "-starts_at", "-pk")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page_obj": page,
            "partnerships": partnerships,
            "chosen": chosen,
            "when": when,
            "when_choices": WHEN,
            "when_label": WHEN[when],
            "can_create": bool(editable_partnerships(standing)),
            "nav_section": "meetings",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = editable_partnerships(standing)
    if not partnerships:
        raise PermissionDenied("Only the secretariat or a partnership's lead can set up meetings.")
    initial = {"partnership": request.GET.get("partnership")}
    form = MeetingForm(
        request.POST or None,
        partnerships=partnerships,
        agreement_id=standing.agreement.pk,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        del fields["version"]  # a new meeting starts at version 1
        try:
            meeting = actions.meeting_create(**fields)
        except ValidationError as error:
            form.add_error("date", error)
        else:
            messages.success(request, f"Meeting of {meeting} set up.")
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": None, "nav_section": "meetings"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, standing = get_meeting_for_user(request, pk, need=EDIT)
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        partnerships=[meeting.partnership],
        agreement_id=standing.agreement.pk,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        expected = fields.pop("version")
        try:
            actions.meeting_update(meeting=meeting, fields=fields, expected_version=expected)
        except ValidationError as error:
            form.add_error("date", error)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, "Meeting details saved.")
            return redirect(meeting)
    if form.errors or conflict:
        meeting.refresh_from_db()
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "conflict": conflict, "nav_section": "meetings"},
    )


def attendance_context(meeting: Meeting, *, can_edit: bool) -> dict[str, Any]:
    """Everyone who might be ticked (the members on the day) and everyone recorded."""
    attendances = {
        a.person_id: a
        for a in Attendance.objects.filter(meeting=meeting).select_related(
            "person", "substitute_for"
        )
    }
    memberships = (
        Membership.objects.current(meeting.date)
        .filter(partnership=meeting.partnership_id)
        .select_related("person__organisation")
        .order_by("person__name")
    )
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    for membership in memberships:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        rows.append(
            {
                "person": membership.person,
                "role": membership.get_role_display(),
                "attendance": attendances.get(membership.person_id),
                "is_member": True,
            }
        )
    others = sorted(
        (a for a in attendances.values() if a.person_id not in seen),
        key=lambda a: (a.position, a.person.name),
    )
    rows += [
        {"person": a.person, "role": a.role, "attendance": a, "is_member": False} for a in others
    ]
    quorate = sum(1 for a in attendances.values() if a.status in Attendance.QUORATE)
    quorum = meeting.partnership.quorum
    return {
        "meeting": meeting,
        "attendance_rows": rows,
        "present_count": quorate,
        "quorum": quorum,
        "is_quorate": None if quorum is None else quorate >= quorum,
        "can_edit": can_edit,
        "tick_choices": [Attendance.Status.PRESENT, Attendance.Status.APOLOGIES],
    }


def detail_context(meeting: Meeting, standing: Standing) -> dict[str, Any]:
    meeting = (
        Meeting.objects.select_related(
            "partnership__agreement",
            "chair__organisation",
            "minute_taker",
            "previous__minutes_approved_at",
            "minutes_approved_at",
        )
        .prefetch_related(
            items_with_details(),
            Prefetch("declarations", queryset=Declaration.objects.select_related("person", "item")),
        )
        .get(pk=meeting.pk)
    )
    can_edit = can_edit_meeting(standing, meeting)
    arising = matters_arising(meeting)
    items = list(meeting.items.all())
    under_items = _records_under_items(meeting)
    for item in items:
        for name, records in under_items.get(item.pk, {}).items():
            setattr(item, name, records)
    for action in [*arising, *(a for item in items for a in item.actions.all())]:
        action.can_update = can_update_action(  # type: ignore[attr-defined]
            standing, action, {p.pk for p in action.owners.all()}
        )
    following = (
        Meeting.objects.filter(partnership=meeting.partnership_id, date__gt=meeting.date)
        .in_order()
        .first()
    )
    proposed = list(
        meeting.proposed_items.filter(agenda_item__isnull=True).prefetch_related("responsible")
    )
    previous = meeting.previous
    return {
        **attendance_context(meeting, can_edit=can_edit),
        "standing": standing,
        "items": items,
        "matters_arising": arising,
        "escalations": escalated_to(meeting, clock.today()),
        "following": following,
        "proposed_not_on_agenda": proposed,
        "can_record_decisions": can_record_decisions(standing, meeting),
        "can_approve_previous": previous is not None
        and previous.is_held
        and not previous.is_minutes_approved
        and can_approve_minutes(standing, meeting),
        "approve_form": ApproveMinutesForm(),
        "declaration_form": DeclarationForm(meeting=meeting) if can_edit else None,
        "status_choices": meeting.next_statuses,
        "nav_section": "meetings",
    }


def _records_under_items(meeting: Meeting) -> dict[int, dict[str, Any]]:
    """What other apps record as decided under each item (meetings/hooks.py)."""
    found: dict[int, dict[str, Any]] = {}
    for records_for in hooks.agenda_item_records:
        for item_id, records in records_for(meeting).items():
            found.setdefault(item_id, {}).update(records)
    return found


@login_required
@require_GET
def meeting_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, standing = get_meeting_for_user(request, pk)
    context = {**detail_context(meeting, standing), "next_url": request.get_full_path()}
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_POST
def meeting_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk, need=EDIT)
    form = StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choose one of the statuses offered.")
        actions.meeting_status_set(meeting=meeting, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The meeting is now “{meeting.get_status_display()}”.")
    return redirect(meeting)


@login_required
@require_POST
def meeting_agenda_set_up(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk, need=EDIT)
    try:
        added = actions.meeting_agenda_set_up(meeting=meeting)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            f"{len(added)} item{'s' if len(added) != 1 else ''} added to the agenda from the "
            "forward plan."
            if added
            else "The agenda already has every item of the forward plan.",
        )
    return redirect(f"{meeting.get_absolute_url()}#agenda")


@login_required
@require_POST
def meeting_approve_previous(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """At this meeting, approve the minutes of the partnership's meeting before it."""
    meeting, _ = get_meeting_for_user(request, pk, need=APPROVE)
    previous = meeting.previous
    form = ApproveMinutesForm(request.POST)
    try:
        if previous is None:
            raise ValidationError("There is no earlier meeting whose minutes could be approved.")
        form.is_valid()
        actions.meeting_minutes_approve(
            meeting=previous,
            at=meeting,
            by=request.user,  # type: ignore[arg-type]
            amendments=form.cleaned_data.get("amendments", ""),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The minutes of {previous.date:%-d %B %Y} are approved.")
    return redirect(f"{meeting.get_absolute_url()}#last-minutes")


@login_required
@require_POST
def attendance_set(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One click per person. htmx swaps the attendance section; without JavaScript the
    form posts and the page reloads at the same place."""
    meeting, _ = get_meeting_for_user(request, pk, need=EDIT)
    form = AttendanceTickForm(request.POST, meeting=meeting)
    error = ""
    try:
        if not form.is_valid():
            raise ValidationError(next(iter(form.errors.values()))[0])
        actions.attendance_set(
            meeting=meeting,
            person=form.cleaned_data["person"],
            status=form.cleaned_data["status"],
        )
    except ValidationError as exc:
        error = exc.messages[0]
    if request.htmx:
        context = {**attendance_context(meeting, can_edit=True), "attendance_error": error}
        return render(request, "meetings/meeting_detail.html#attendance", context)
    if error:
        messages.error(request, error)
    return redirect(f"{meeting.get_absolute_url()}#attendance")


@login_required
@require_http_methods(["GET", "POST"])
def attendance_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk, need=EDIT)
    form = AttendanceAddForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            attendance = _attendance_add(meeting, data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{attendance.person.name} recorded.")  # type: ignore[union-attr]
            return redirect(f"{meeting.get_absolute_url()}#attendance")
    return render(
        request,
        "meetings/attendance_form.html",
        {"form": form, "meeting": meeting, "nav_section": "meetings"},
    )


def _attendance_add(meeting: Meeting, data: dict[str, Any]) -> Attendance | None:
    with transaction.atomic():
        person = data["person"] or Person.objects.create(
            agreement_id=meeting.partnership.agreement_id, name=data["new_name"].strip()
        )
        return actions.attendance_set(
            meeting=meeting,
            person=person,
            status=data["status"],
            substitute_for=data["substitute_for"],
            role=data["role"] or None,
            organisation=data["organisation"] or None,
        )


@login_required
@require_POST
def declaration_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk, need=EDIT)
    form = DeclarationForm(request.POST, meeting=meeting)
    if form.is_valid():
        declaration = form.save(commit=False)
        declaration.meeting = meeting
        declaration.save()
        messages.success(request, f"Interest declared by {declaration.person.name} recorded.")
    else:
        messages.error(request, str(next(iter(form.errors.values()))[0]))
    return redirect(f"{meeting.get_absolute_url()}#declarations")


@login_required
@require_GET
def meeting_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Every change to the meeting, its items, decisions, action points and attendance:
    who, when, old → new."""
    meeting, _ = get_meeting_for_user(request, pk)
    item_ids = list(AgendaItem.history.filter(meeting_id=meeting.pk).values_list("id", flat=True))
    sources = [
        ("Meeting", Meeting.history.filter(id=meeting.pk)),
        ("Agenda item", AgendaItem.history.filter(meeting_id=meeting.pk)),
        ("Decision", Decision.history.filter(item_id__in=item_ids)),
        ("Action point", ActionPoint.history.filter(item_id__in=item_ids)),
        ("Attendance", Attendance.history.filter(meeting_id=meeting.pk)),
    ]
    names = dict(
        Person.objects.filter(agreement_id=meeting.partnership.agreement_id).values_list(
            "pk", "name"
        )
    )
    entries = []
    for label, records in sources:
        for record in records.select_related("history_user").order_by("-history_date")[:200]:
            entries.append(
                {
                    "label": label,
                    "record": record,
                    "summary": _summary(label, record),
                    "changes": _changes(record, names),
                }
            )
    entries.sort(key=lambda e: e["record"].history_date, reverse=True)
    return render(
        request,
        "meetings/meeting_history.html",
        {"meeting": meeting, "entries": entries[:200], "nav_section": "meetings"},
    )


def _summary(label: str, record: Any) -> str:
    if label == "Agenda item":
        return f"{record.number}. {record.title}"
    if label in ("Decision", "Action point"):
        return str(record.text)
    if label == "Attendance":
        return f"{record.person.name}, {record.get_status_display()}"
    return ""


def _changes(record: Any, names: dict[int, str]) -> list[tuple[str, str, str]]:
    """(field, old, new) in words: choices by their labels, people by name."""
    if record.history_type != "~":
        return []
    previous = record.prev_record
    if previous is None:
        return []
    model = record.instance_type
    changes = []
    for change in record.diff_against(previous).changes:
        field = model._meta.get_field(change.field)
        changes.append(
            (
                str(field.verbose_name),
                _in_words(field, change.old, names),
                _in_words(field, change.new, names),
            )
        )
    return changes


def _in_words(field: Any, value: Any, names: dict[int, str]) -> str:
    if value in (None, ""):
        return ""
    if field.many_to_many:
        ids = [row.get(field.m2m_reverse_field_name()) for row in value]
        return ", ".join(names.get(pk, f"#{pk}") for pk in ids)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is Person:
        return names.get(value, f"#{value}")
    return str(value)
