"""The action log across all meetings, one action point, and reporting progress on it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings import actions
from meetings.forms import ActionPointForm, ActionToPlanForm, ActionUpdateForm
from meetings.models import ActionPoint
from meetings.permissions import (
    EDIT,
    can_edit_meeting,
    can_update_action,
    get_action_for_user,
    get_meeting_for_user,
)
from partnerships import clock
from partnerships.conflicts import EditConflict
from partnerships.models import Partnership, Person
from partnerships.permissions import Standing, get_standing
from partnerships.redirects import safe_next
from partnerships.typing import HtmxHttpRequest
from plans.models import DeliveryPlan

PAGE_SIZE = 50
STATUS_FILTERS = {"open": "Open", "closed": "Closed", "all": "All"}


@login_required
@require_GET
def action_log(request: HtmxHttpRequest) -> HttpResponse:
    """Action points across every meeting of the agreement, filterable by owner,
    partnership and overdue; open ones by default."""
    standing = get_standing(request)
    agreement = standing.agreement
    actions_qs = ActionPoint.objects.for_agreement(agreement.pk).with_details()
    owner_param = request.GET.get("owner", "")
    owner = None
    if owner_param == "me":
        owner = standing.person
    elif owner_param.isdigit():
        owner = Person.objects.filter(agreement=agreement, pk=owner_param).first()
    if owner:
        actions_qs = actions_qs.filter(owners=owner)
    partnerships = list(Partnership.objects.filter(agreement=agreement).order_by("name"))
    chosen = next((p for p in partnerships if str(p.pk) == request.GET.get("partnership")), None)
    if chosen:
        actions_qs = actions_qs.filter(item__meeting__partnership=chosen)
    status = request.GET.get("status") if request.GET.get("status") in STATUS_FILTERS else "open"
    if status == "open":
        actions_qs = actions_qs.open()
    elif status == "closed":
        actions_qs = actions_qs.exclude(status=ActionPoint.Status.OPEN)
    overdue = request.GET.get("overdue") == "1"
    if overdue:
        actions_qs = actions_qs.overdue()
    actions_qs = actions_qs.by_due()
    page = Paginator(actions_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for action in page:
        action.can_update = can_update_action(  # type: ignore[attr-defined]
            standing, action, {p.pk for p in action.owners.all()}
        )
    owners = (
        Person.objects.filter(agreement=agreement, action_points__isnull=False)
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "meetings/action_log.html",
        {
            "page_obj": page,
            "owners": owners,
            "owner": owner,
            "owner_param": owner_param,
            "partnerships": partnerships,
            "chosen": chosen,
            "status": status,
            "status_choices": STATUS_FILTERS,
            "overdue": overdue,
            "today": clock.today(),
            "next_url": request.get_full_path(),
            "nav_section": "meetings",
        },
    )


@login_required
@require_GET
def action_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    action, standing = get_action_for_user(request, pk)
    return _action_detail_page(request, action, standing)


def _action_detail_page(
    request: HtmxHttpRequest,
    action: ActionPoint,
    standing: Standing,
    *,
    form: ActionUpdateForm | None = None,
    conflict: EditConflict | None = None,
) -> HttpResponse:
    action = (
        ActionPoint.objects.with_details()
        .select_related("plan_action__plan__partnership")
        .get(pk=action.pk)
    )
    can_update = can_update_action(standing, action, {p.pk for p in action.owners.all()})
    can_edit = can_edit_meeting(standing, action.item.meeting)
    history = list(action.history.select_related("history_user").order_by("-history_date")[:50])
    initial = {"status": action.status, "on": clock.today(), "version": action.version}
    return render(
        request,
        "meetings/action_detail.html",
        {
            "action": action,
            "can_update": can_update,
            "can_edit": can_edit,
            "can_send_to_plan": can_edit
            and action.plan_action_id is None
            and plans_for(standing).exists(),
            "form": form or ActionUpdateForm(initial=initial),
            "conflict": conflict,
            "history": history,
            "today": clock.today(),
            "nav_section": "meetings",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    action, _ = get_action_for_user(request, pk)
    meeting, _ = get_meeting_for_user(request, action.item.meeting_id, need=EDIT)
    form = ActionPointForm(request.POST or None, instance=action, meeting=meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.action_point_save(form=form, expected_version=form.cleaned_data["version"])
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, "Action point saved.")
            return redirect(action)
    return render(
        request,
        "meetings/action_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": action.item,
            "action": action,
            "conflict": conflict,
            "nav_section": "meetings",
        },
    )


@login_required
@require_POST
def action_update(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change an action's status and/or add a dated update. htmx gets the action's row
    back (with any error in it); without JavaScript the browser returns to the page."""
    action, standing = get_action_for_user(request, pk, write=True)
    form = ActionUpdateForm(request.POST)
    error = ""
    conflict = None
    try:
        if not form.is_valid():
            raise ValidationError(next(iter(form.errors.values()))[0])
        actions.action_update(
            action=action,
            status=form.cleaned_data["status"],
            text=form.cleaned_data["text"],
            on=form.cleaned_data["on"],
            by=standing.person,
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        error = exc.messages[0]
    except EditConflict as exc:
        conflict = exc.compare(form, ["status"])
    if request.htmx:
        fresh = ActionPoint.objects.with_details().get(pk=action.pk)
        fresh.can_update = True  # type: ignore[attr-defined]
        context: dict[str, Any] = {
            "action": fresh,
            "row_error": error,
            "row_saved": not error and not conflict,
            "row_conflict": conflict,
            # A refused update stays in the row, to save again after comparing.
            "row_form": form if conflict else None,
            "today": clock.today(),
            "next_url": safe_next(request, ""),
            "show_meeting": request.POST.get("show_meeting") == "1",
        }
        return render(request, "meetings/action_log.html#action_row", context)
    if conflict:
        return _action_detail_page(request, action, standing, form=form, conflict=conflict)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Action point updated.")
    return redirect(safe_next(request, action.get_absolute_url()))


def plans_for(standing: Standing) -> QuerySet[DeliveryPlan]:
    """The delivery plans this person may add actions to."""
    plans = DeliveryPlan.objects.in_agreement(standing.agreement).select_related("partnership")
    if standing.is_observer:
        return plans.none()
    if not standing.is_secretariat:
        plans = plans.filter(partnership_id__in=standing.leads)
    return plans.order_by("partnership__name", "-starts_on", "title")


@login_required
@require_http_methods(["GET", "POST"])
def action_to_plan(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Turn an action point into a delivery plan action, keeping the link. For whoever
    edits the meeting, into a plan they may change."""
    action, _ = get_action_for_user(request, pk)
    meeting, standing = get_meeting_for_user(request, action.item.meeting_id, need=EDIT)
    if action.plan_action_id is not None:
        messages.error(request, "This action point is already an action of a delivery plan.")
        return redirect(action)
    plans = plans_for(standing)
    own = [p.pk for p in plans if p.partnership_id == meeting.partnership_id]
    initial = {"plan": own[0]} if len(own) == 1 else {}
    data = request.POST if request.method == "POST" else None
    form = ActionToPlanForm(data, plans=plans, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan = form.cleaned_data["plan"]
        try:
            plan_action = actions.action_to_plan(action=action, plan=plan, by=standing.person)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Action “{plan_action}” added to the delivery plan “{plan.title}”."
            )
            return redirect(action)
    return render(
        request,
        "meetings/action_to_plan.html",
        {
            "form": form,
            "action": action,
            "meeting": meeting,
            "has_plans": plans.exists(),
            "nav_section": "meetings",
        },
    )
