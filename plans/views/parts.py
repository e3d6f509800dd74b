"""The parts of a delivery plan: the pages that add, change and delete its actions (with
their milestones), risks and funding lines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partnerships.conflicts import Difference, EditConflict, versioned_save
from partnerships.typing import HtmxHttpRequest
from plans.actions import action_save, plan_part_delete, plan_part_save
from plans.forms import ActionForm, FundingLineForm, MilestoneFormSet, RiskForm
from plans.models import Action, DeliveryPlan, FundingLine, Milestone, Risk
from plans.permissions import (
    get_action_for_user,
    get_funding_line_for_user,
    get_plan_for_user,
    get_risk_for_user,
)


def _action_form_page(
    request: HtmxHttpRequest, plan: DeliveryPlan, action: Action | None
) -> HttpResponse:
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    milestones = MilestoneFormSet(
        request.POST or None,
        instance=action or Action(plan=plan),
        queryset=Milestone.objects.filter(action=action) if action else Milestone.objects.none(),
    )
    conflict = None
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        try:
            saved = action_save(
                form=form,
                milestones=milestones,
                plan=plan,
                by=request.user,  # type: ignore[arg-type]
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            conflict = error.compare(form)
            conflict.differences += _milestone_differences(error.current, milestones)  # type: ignore[arg-type]
        else:
            messages.success(request, f"Action “{saved.title}” saved.")
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "plans/action_form.html",
        {
            "form": form,
            "milestones": milestones,
            "plan": plan,
            "action": action,
            "conflict": conflict,
            "nav_section": "plans",
        },
    )


def _milestone_differences(current: Action, milestones: Any) -> list[Difference]:
    """The milestones as saved and as in the refused form, if they differ."""

    def shown(rows: list[tuple[str, dt.date, bool]]) -> str:
        rows = sorted(rows, key=lambda row: row[1])
        return "; ".join(f"{t} ({d:%-d %b %Y}{', done' if done else ''})" for t, d, done in rows)

    theirs = shown([(m.title, m.due_on, m.is_done) for m in current.milestones.all()])
    yours = shown(
        [
            (f.cleaned_data["title"], f.cleaned_data["due_on"], f.cleaned_data["is_done"])
            for f in milestones.forms
            if f.cleaned_data.get("title") and not f.cleaned_data.get("DELETE")
        ]
    )
    return [Difference("Milestones", theirs or "–", yours or "–")] if theirs != yours else []


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    return _action_form_page(request, plan, None)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, write=True)
    return _action_form_page(request, action.plan, action)


@login_required
@require_POST
def action_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk, write=True)
    plan_part_delete(part=action, plan=action.plan)
    messages.success(request, f"Action “{action.title}” deleted.")
    return redirect(action.plan)


def _part_form_page(
    request: HtmxHttpRequest,
    plan: DeliveryPlan,
    form_class: type[RiskForm] | type[FundingLineForm],
    instance: Risk | FundingLine | None,
    template: str,
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance, plan=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                plan_part_save(form=form, plan=plan)
            else:
                versioned_save(form, lambda: plan_part_save(form=form, plan=plan))
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            noun = "Risk" if form_class is RiskForm else "Funding line"
            messages.success(request, f"{noun} saved.")
            anchor = "risks" if form_class is RiskForm else "funding"
            return redirect(f"{plan.get_absolute_url()}#{anchor}")
    context = {"form": form, "plan": plan, "object": instance, "conflict": conflict}
    return render(request, template, {**context, "nav_section": "plans"})


@login_required
@require_http_methods(["GET", "POST"])
def risk_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    return _part_form_page(request, plan, RiskForm, None, "plans/risk_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    risk = get_risk_for_user(request, pk, write=True)
    return _part_form_page(request, risk.plan, RiskForm, risk, "plans/risk_form.html")


@login_required
@require_POST
def risk_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    risk = get_risk_for_user(request, pk, write=True)
    plan_part_delete(part=risk, plan=risk.plan)
    messages.success(request, "Risk deleted.")
    return redirect(f"{risk.plan.get_absolute_url()}#risks")


@login_required
@require_http_methods(["GET", "POST"])
def funding_line_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request, pk, write=True)
    return _part_form_page(request, plan, FundingLineForm, None, "plans/funding_form.html")


@login_required
@require_http_methods(["GET", "POST"])
def funding_line_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line = get_funding_line_for_user(request, pk, write=True)
    return _part_form_page(request, line.plan, FundingLineForm, line, "plans/funding_form.html")


@login_required
@require_POST
def funding_line_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line = get_funding_line_for_user(request, pk, write=True)
    plan_part_delete(part=line, plan=line.plan)
    messages.success(request, "Funding line deleted.")
    return redirect(f"{line.plan.get_absolute_url()}#funding")
