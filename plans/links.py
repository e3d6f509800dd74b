"""Plans' parts of lower apps' pages: a partnership's delivery plans (partnerships.hooks),
the plan actions serving a target and the response to each exception (indicators.hooks)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from indicators.hooks import ResponseAction, ResponseRisk, TargetResponse
from indicators.models import Target
from partnerships.models import Partnership
from plans import schedule
from plans.models import Action, Risk


def partnership_links(partnership: Partnership) -> list[tuple[str, str]]:
    return [("Delivery plans", f"{reverse('plans:plan-list')}?partnership={partnership.pk}")]


def target_actions_section(request: HttpRequest, target: Target) -> str:
    return render_to_string("plans/_target_actions.html", {"target": target}, request=request)


def exception_responses(target_ids: Collection[int], today: dt.date) -> dict[int, TargetResponse]:
    """{target id: its plan actions (not dropped) and the open risks on them or on the
    target}, in three queries however many targets. Targets with neither are left out."""
    ids = list(target_ids)
    links = (
        Action.targets.through.objects.filter(target_id__in=ids)
        .exclude(action__status=Action.Status.DROPPED)
        .select_related("action__lead", "action__plan__partnership")
        .order_by(
            "action__plan__partnership__name", "action__plan__title", "action__order", "action_id"
        )
    )
    actions: dict[int, list[Action]] = defaultdict(list)
    for link in links:
        actions[link.target_id].append(link.action)
    action_ids = {action.pk for served in actions.values() for action in served}
    on_actions: dict[int, list[Risk]] = defaultdict(list)
    for risk_link in (
        Risk.actions.through.objects.filter(action_id__in=action_ids)
        .exclude(risk__status=Risk.Status.CLOSED)
        .select_related("risk__owner")
    ):
        on_actions[risk_link.action_id].append(risk_link.risk)
    on_targets: dict[int, list[Risk]] = defaultdict(list)
    for risk_link in (
        Risk.targets.through.objects.filter(target_id__in=ids)
        .exclude(risk__status=Risk.Status.CLOSED)
        .select_related("risk__owner")
    ):
        on_targets[risk_link.target_id].append(risk_link.risk)
    responses = {}
    for target_id in ids:
        served = actions.get(target_id, [])
        risks = _risks(served, on_actions, on_targets.get(target_id, []))
        if served or risks:
            responses[target_id] = TargetResponse(
                actions=tuple(_action(action, today) for action in served), risks=risks
            )
    return responses


def _risks(
    served: list[Action], on_actions: dict[int, list[Risk]], on_target: list[Risk]
) -> tuple[ResponseRisk, ...]:
    """The open risks on a target's actions and on the target, each once, worst first."""
    found: dict[int, tuple[Risk, list[str]]] = {}
    for action in served:
        for risk in on_actions.get(action.pk, []):
            found.setdefault(risk.pk, (risk, []))[1].append(_reference(action))
    for risk in on_target:
        found.setdefault(risk.pk, (risk, []))[1].append("the target")
    ordered = sorted(found.values(), key=lambda pair: (-pair[0].score, pair[0].pk))
    return tuple(
        ResponseRisk(
            description=risk.description,
            score=risk.score,
            level=risk.level.label,
            rag=risk.level.rag,
            owner=risk.owner.name if risk.owner else "",
            status=risk.get_status_display(),
            on=", ".join(on),
        )
        for risk, on in ordered
    )


def _reference(action: Action) -> str:
    return f"action {action.ref}" if action.ref else f"action “{action.title}”"


def _action(action: Action, today: dt.date) -> ResponseAction:
    rating = action.rating(today).rating
    return ResponseAction(
        title=str(action),
        url=action.get_absolute_url(),
        plan=f"{action.plan.partnership.label}: {action.plan.title}",
        rating=rating.value,
        rating_label=rating.label,
        status=action.get_status_display(),
        lead=action.lead.name if action.lead else "",
        due_on=action.due_on,
        is_overdue=schedule.is_overdue(status=action.status, due_on=action.due_on, today=today),
        progress=action.progress_note,
        progress_on=timezone.localtime(action.progress_updated_at).date()
        if action.progress_updated_at
        else None,
    )
