"""Home dashboard panels for delivery plans: the person's own actions, and the plans
they should update before their partnership's next meeting."""

from __future__ import annotations

from django.db.models import F

from partnerships import clock
from partnerships.dashboard import Panel
from partnerships.permissions import Standing
from partnerships.typing import HtmxHttpRequest
from plans import due
from plans.models import Action, DeliveryPlan

MY_ACTIONS_SHOWN = 10


def dashboard_panels(request: HtmxHttpRequest, standing: Standing) -> list[Panel]:
    today = clock.today()
    panels = []
    actions = list(
        Action.objects.open()
        .in_agreement(standing.agreement)
        .filter(lead=standing.person)
        .select_related("plan__partnership")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    if actions:
        for action in actions:
            action.result = action.rating(today)  # type: ignore[attr-defined]
            action.overdue = action.is_overdue(today)  # type: ignore[attr-defined]
        panels.append(
            Panel(
                "My actions",
                "plans/panel_my_actions.html",
                {"actions": actions[:MY_ACTIONS_SHOWN], "more": len(actions) - MY_ACTIONS_SHOWN},
                order=20,
            )
        )
    if standing.is_observer or not (standing.is_secretariat or standing.leads):
        return panels
    plans = DeliveryPlan.objects.in_agreement(standing.agreement).select_related("partnership")
    if not standing.is_secretariat:
        plans = plans.filter(partnership__in=standing.leads)
    plans_list = list(plans)
    checks = due.update_checks(plans_list, today)
    to_update = []
    for plan in plans_list:
        plan.update = checks[plan.pk]  # type: ignore[attr-defined]
        if plan.update.state.needs_update:  # type: ignore[attr-defined]
            to_update.append(plan)
    to_update.sort(key=lambda p: p.update.due_on)  # type: ignore[attr-defined]
    panels.append(
        Panel(
            "Plans to update",
            "plans/panel_plans_to_update.html",
            {"plans": to_update, "checked": len(plans_list)},
            order=25,
        )
    )
    return panels
