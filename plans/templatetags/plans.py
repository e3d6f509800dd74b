"""``{% target_actions target as actions %}``: the delivery-plan actions serving a target,
any partnership's, each rated, for the target page (one query). A cross-cutting action is
listed on every target it serves."""

from __future__ import annotations

from typing import Any

from django import template

from partnerships import clock
from plans.models import Action

register = template.Library()


@register.simple_tag
def target_actions(target: Any) -> list[Action]:
    today = clock.today()
    actions = list(
        Action.objects.filter(targets=target)
        .exclude(status=Action.Status.DROPPED)
        .select_related("lead", "plan__partnership")
        .order_by("plan__partnership__name", "plan__title", "order", "pk")
    )
    for action in actions:
        action.result = action.rating(today)  # type: ignore[attr-defined]
        action.overdue = action.is_overdue(today)  # type: ignore[attr-defined]
        action.is_cross_cutting = action.plan.partnership_id != target.partnership_id  # type: ignore[attr-defined]
    return actions
