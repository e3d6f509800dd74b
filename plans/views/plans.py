"""Delivery plan pages: the plans of an agreement, one plan with its actions, risks and
funding, the forms that change them, approval, history and the Excel round trip."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.models import Target
from partnerships import clock
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.models import Partnership
from partnerships.permissions import Standing, get_partnership_for_user, get_standing, standing_in
from partnerships.redirects import safe_next
from partnerships.typing import HtmxHttpRequest
from plans import due, hooks, schedule
from plans import workbook as plan_workbook
from plans.actions import (
    PlanError,
    action_progress_update,
    actions_import,
    plan_approve,
    plan_return,
    plan_save,
    plan_submit,
)
from plans.forms import (
    ActionFilterForm,
    ActionProgressForm,
    DeliveryPlanForm,
    NextMeetingForm,
    PlanReturnForm,
    WorkbookUploadForm,
    agreement_targets,
)
from plans.history import plan_change_log, plan_versions
from plans.models import Action, DeliveryPlan, FundingLine, Risk
from plans.permissions import (
    can_approve_plan,
    can_edit_plan,
    get_action_for_user,
    get_plan_for_user,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _today() -> dt.date:
    return clock.today()


def _editable_partnerships(standing: Standing) -> QuerySet[Partnership]:
    partnerships = Partnership.objects.filter(agreement=standing.agreement)
    if standing.is_observer:
        return partnerships.none()
    if standing.is_secretariat:
        return partnerships
    return partnerships.filter(pk__in=standing.leads)


# The list of plans -------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    today = _today()
    partnerships = list(
        Partnership.objects.filter(agreement=standing.agreement, plans__isnull=False).distinct()
    )
    chosen = next((p for p in partnerships if str(p.pk) == request.GET.get("partnership")), None)
    plans = list(
        DeliveryPlan.objects.in_agreement(standing.agreement)
        .filter(**({"partnership": chosen} if chosen else {}))
        .select_related("partnership", "owner")
        .annotate(
            action_count=Count("actions", distinct=True),
            overdue_count=Count(
                "actions",
                filter=Q(actions__in=Action.objects.overdue(today)),
                distinct=True,
            ),
        )
    )
    checks = due.update_checks(plans, today)
    for plan in plans:
        plan.update = checks[plan.pk]  # type: ignore[attr-defined]
    return render(
        request,
        "plans/plan_list.html",
        {
            "plans": plans,
            "partnerships": partnerships,
            "chosen": chosen,
            "can_create": _editable_partnerships(standing).exists(),
            "nav_section": "plans",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = _editable_partnerships(standing)
    if not partnerships.exists():
        raise PermissionDenied("Only a partnership's lead, deputy lead or secretariat can.")
    today = _today()
    form = DeliveryPlanForm(
        request.POST or None,
        agreement=standing.agreement,
        partnerships=partnerships,
        initial={
            "partnership": request.GET.get("partnership"),
            "owner": standing.person,
            "starts_on": today,
        },
    )
    if request.method == "POST" and form.is_valid():
        plan = plan_save(form=form, by=request.user)  # type: ignore[arg-type]
        messages.success(request, f"Plan “{plan}” created. Add its actions next.")
        return redirect(plan)
    return render(
        request, "plans/plan_form.html", {"form": form, "plan": None, "nav_section": "plans"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    was = plan.status
    form = DeliveryPlanForm(
        request.POST or None,
        instance=plan,
        agreement=plan.partnership.agreement,
        partnerships=Partnership.objects.none(),
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            plan = versioned_save(form, lambda: plan_save(form=form, by=request.user))  # type: ignore[arg-type]
        except EditConflict as error:
            conflict = error.compare(form)
            plan.refresh_from_db()  # the page shows the plan as saved; yours stays in the form
        else:
            reopened = " It is a draft again and needs approving." if was != plan.status else ""
            messages.success(request, f"Plan details saved.{reopened}")
            return redirect(plan)
    context = {"form": form, "plan": plan, "conflict": conflict, "nav_section": "plans"}
    return render(request, "plans/plan_form.html", context)


# One plan ---------------------------------------------------------------------------------


@dataclass
class RiskMatrix:
    """The 5×5 grid: impact rows from 5 down to 1, likelihood columns from 1 to 5."""

    rows: list[tuple[int, str, list[tuple[int, str, list[str]]]]] = field(default_factory=list)


def _risk_matrix(risks: list[Risk]) -> RiskMatrix:
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    for risk in risks:
        if risk.status != Risk.Status.CLOSED:
            cells[(risk.impact, risk.likelihood)].append(risk.label)  # type: ignore[attr-defined]
    matrix = RiskMatrix()
    for impact, impact_label in reversed(Risk.Impact.choices):
        row = []
        for likelihood, _ in Risk.Likelihood.choices:
            level = schedule.risk_level(impact * likelihood)
            row.append((impact * likelihood, level.rag, cells[(impact, likelihood)]))
        matrix.rows.append((impact, impact_label, row))
    return matrix


def _funding_table(lines: list[FundingLine], years: list[str]) -> dict[str, Any]:
    years = sorted({*years, *(line.year for line in lines)})
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for line in lines:
        sums[(line.source, line.year)] += line.amount
    rows = []
    for source, label in FundingLine.Source.choices:
        amounts = [sums.get((source, year)) for year in years]
        if any(amounts):
            rows.append((label, amounts, sum((a for a in amounts if a), Decimal(0))))
    sources = [source for source, _ in FundingLine.Source.choices]
    totals = [sum((sums.get((s, y), Decimal(0)) for s in sources), Decimal(0)) for y in years]
    return {"years": years, "rows": rows, "totals": totals, "total": sum(totals, Decimal(0))}


def _annotate_action(action: Action, standing: Standing, can_edit: bool, today: dt.date) -> Action:
    action.result = action.rating(today)  # type: ignore[attr-defined]
    action.overdue = action.is_overdue(today)  # type: ignore[attr-defined]
    action.can_update = can_edit or (  # type: ignore[attr-defined]
        not standing.is_observer and action.lead_id == standing.person.pk
    )
    return action


def _with_origins(actions: list[Action]) -> list[Action]:
    """Each action with where it came from (a meeting's action point…: plans/hooks.py)."""
    origins = hooks.origins_of([a.pk for a in actions])
    for action in actions:
        action.origins = origins.get(action.pk, [])  # type: ignore[attr-defined]
    return actions


def _plan_actions(plan: DeliveryPlan) -> QuerySet[Action]:
    return plan.actions.select_related("lead").prefetch_related(
        Prefetch("targets", queryset=Target.objects.select_related("indicator")),
        "milestones",
    )


def _plan_context(
    request: HtmxHttpRequest,
    plan: DeliveryPlan,
    *,
    editing: int | None = None,
    edit_form: ActionProgressForm | None = None,
    conflict: EditConflict | None = None,
) -> dict[str, Any]:
    standing = standing_in(request, plan.partnership.agreement)
    today = _today()
    can_edit = can_edit_plan(standing, plan)
    all_actions = _with_origins(list(_plan_actions(plan)))
    filters = ActionFilterForm(request.GET or None, actions=all_actions)
    shown = all_actions
    if filters.is_valid():
        data = filters.cleaned_data
        shown = [
            a
            for a in all_actions
            if (not data["status"] or a.status == data["status"])
            and (not data["target"] or any(t.pk == data["target"] for t in a.targets.all()))
            and (not data["lead"] or a.lead_id == data["lead"])
            and (not data["overdue"] or a.is_overdue(today))
        ]
    for action in shown:
        _annotate_action(action, standing, can_edit, today)
        if action.pk == editing and action.can_update:  # type: ignore[attr-defined]
            action.edit_form = edit_form or ActionProgressForm(instance=action)  # type: ignore[attr-defined]
            action.conflict = conflict  # type: ignore[attr-defined]
    risks = list(plan.risks.select_related("owner").prefetch_related("actions"))
    for number, risk in enumerate(risks, start=1):
        risk.label = f"R{number}"  # type: ignore[attr-defined]
    lines = list(plan.funding_lines.select_related("action"))
    dates = due.meeting_dates([plan.partnership], today)[plan.partnership_id]
    return {
        "plan": plan,
        "partnership": plan.partnership,
        "actions": shown,
        "action_count": len(all_actions),
        "filters": filters,
        "risks": risks,
        "matrix": _risk_matrix(risks),
        "funding_lines": lines,
        "funding": _funding_table(lines, plan.partnership.agreement.financial_years),
        "targets": plan.targets.select_related("indicator"),
        "meeting_dates": dates,
        "update": due.update_check(plan, dates, today),
        "can_edit": can_edit,
        "can_approve": can_approve_plan(standing, plan),
        "return_form": PlanReturnForm(),
        "today": today,
        "nav_section": "plans",
    }


@login_required
@require_GET
def plan_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    editing = request.GET.get("edit")
    context = _plan_context(
        request, plan, editing=int(editing) if editing and editing.isdigit() else None
    )
    if request.htmx:
        return render(request, "plans/plan_detail.html#actions", context)
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def action_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The inline update of one action's status, % complete and progress note.

    With htmx the row swaps between showing and editing in place; without JavaScript the
    Update link opens the plan page with that row's form, and saving comes back to it.
    """
    action = get_action_for_user(request, pk, progress=True)
    plan = action.plan
    standing = standing_in(request, plan.partnership.agreement)
    row_url = f"{plan.get_absolute_url()}#action-{action.pk}"
    if request.method == "GET":
        if not request.htmx:
            return redirect(f"{plan.get_absolute_url()}?edit={action.pk}#action-{action.pk}")
        return _action_row(request, action, standing, editing="cancel" not in request.GET)
    form = ActionProgressForm(request.POST, instance=action)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            action_progress_update(
                action=action,
                by=request.user,  # type: ignore[arg-type]
                status=data["status"],
                percent_complete=data["percent_complete"],
                progress_note=data["progress_note"],
                expected_version=data["version"],
            )
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            if request.htmx:
                return _action_row(request, action, standing, editing=False, saved=True)
            messages.success(request, f"Progress on “{action.title}” saved.")
            return redirect(row_url)
    if request.htmx:
        return _action_row(request, action, standing, editing=True, form=form, conflict=conflict)
    context = _plan_context(request, plan, editing=action.pk, edit_form=form, conflict=conflict)
    return render(request, "plans/plan_detail.html", context)


def _action_row(
    request: HtmxHttpRequest,
    action: Action,
    standing: Standing,
    *,
    editing: bool,
    form: ActionProgressForm | None = None,
    saved: bool = False,
    conflict: EditConflict | None = None,
) -> HttpResponse:
    # Fresh from the database: a rejected form has already put its values on `action`.
    action = _with_origins([_plan_actions(action.plan).get(pk=action.pk)])[0]
    _annotate_action(action, standing, can_edit_plan(standing, action.plan), _today())
    if editing:
        action.edit_form = form or ActionProgressForm(instance=action)  # type: ignore[attr-defined]
        action.conflict = conflict  # type: ignore[attr-defined]
    return render(
        request,
        "plans/plan_detail.html#action-row",
        {"action": action, "plan": action.plan, "saved": saved, "today": _today()},
    )


@login_required
@require_POST
def next_meeting_set(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Set by hand the date a partnership's workplan updates are due for, in place of the
    next meeting its meetings give (plans/due.py), or clear it to follow the meetings."""
    partnership = get_partnership_for_user(request, pk, write=True)
    form = NextMeetingForm(request.POST)
    if form.is_valid():
        partnership.next_meeting_override = form.cleaned_data["next_meeting_on"]
        partnership.save(update_fields=["next_meeting_override"])
        when = partnership.next_meeting_override
        messages.success(
            request,
            f"Next meeting set by hand for {when:%-d %B %Y}: workplan updates are due for "
            "it, in place of the meetings' date, until the day passes."
            if when
            else "Next meeting set by hand cleared: workplan updates follow the meetings.",
        )
    else:
        messages.error(request, form.errors["next_meeting_on"][0])
    return redirect(safe_next(request, partnership.get_absolute_url()))


# Approval ---------------------------------------------------------------------------------


@login_required
@require_POST
def plan_submit_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    try:
        plan_submit(plan=plan, by=request.user)  # type: ignore[arg-type]
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Plan submitted for approval.")
    return redirect(plan)


def _plan_to_approve(request: HtmxHttpRequest, pk: int) -> DeliveryPlan:
    plan = get_plan_for_user(request, pk)
    if not can_approve_plan(standing_in(request, plan.partnership.agreement), plan):
        raise PermissionDenied("Only the secretariat or the chair can approve a plan.")
    return plan


@login_required
@require_POST
def plan_approve_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_to_approve(request, pk)
    try:
        plan_approve(plan=plan, by=request.user)  # type: ignore[arg-type]
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Plan approved as version {plan.version}.")
    return redirect(plan)


@login_required
@require_POST
def plan_return_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = _plan_to_approve(request, pk)
    form = PlanReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
        return redirect(plan)
    try:
        plan_return(plan=plan, by=request.user, note=form.cleaned_data["note"])  # type: ignore[arg-type]
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Plan returned to the partnership as a draft.")
    return redirect(plan)


# History and changes ----------------------------------------------------------------------


@login_required
@require_GET
def plan_changes(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """What changed in the plan since the last meeting (or since ?since=YYYY-MM-DD)."""
    plan = get_plan_for_user(request, pk)
    today = _today()
    since, since_reason = _since(request, plan, today)
    changes = plan_change_log(plan, since=since)
    return render(
        request,
        "plans/plan_changes.html",
        {
            "plan": plan,
            "changes": changes,
            "since": since,
            "since_reason": since_reason,
            "today": today,
            "nav_section": "plans",
        },
    )


def _since(request: HtmxHttpRequest, plan: DeliveryPlan, today: dt.date) -> tuple[dt.date, str]:
    asked = request.GET.get("since", "")
    try:
        return dt.date.fromisoformat(asked), "the date you chose"
    except ValueError:
        pass
    meeting = due.meeting_dates([plan.partnership], today)[plan.partnership_id].last
    if meeting:
        return meeting, f"the last {plan.partnership.label} meeting"
    return today - dt.timedelta(days=28), "four weeks ago (no earlier meeting date is known)"


@login_required
@require_GET
def plan_history(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    return render(
        request,
        "plans/plan_history.html",
        {
            "plan": plan,
            "versions": plan_versions(plan),
            "changes": plan_change_log(plan, since=None),
            "nav_section": "plans",
        },
    )


# Excel ------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_export(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk)
    content = plan_workbook.plan_workbook(plan, today=_today())
    response = HttpResponse(content, content_type=XLSX)
    name = f"{plan.partnership.slug}-plan-{plan.pk}-v{plan.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    errors: list[plan_workbook.RowError] = []
    if request.method == "POST" and form.is_valid():
        rows, errors = plan_workbook.read_actions(form.cleaned_data["workbook"], plan=plan)
        if not errors:
            result = actions_import(plan=plan, rows=rows, by=request.user)  # type: ignore[arg-type]
            messages.success(
                request,
                f"Imported {len(rows)} actions: {result.added} added, {result.updated} updated.",
            )
            return redirect(plan)
    return render(
        request,
        "plans/plan_import.html",
        {
            "form": form,
            "plan": plan,
            "errors": errors,
            "columns": plan_workbook.ACTION_COLUMNS,
            "target_codes": agreement_targets(plan.partnership.agreement).values_list(
                "indicator__code", flat=True
            ),
            "nav_section": "plans",
        },
        status=200,
    )
