"""The delivery plans' records that take evidence (evidence/hooks.py): a plan action (its
progress: whoever updates it attaches) and a risk (whoever edits the plan)."""

from __future__ import annotations

from evidence.hooks import Holder
from plans.models import Action, Risk
from plans.permissions import can_edit_plan, can_update_action


def _action_label(action: Action) -> str:
    ref = f" {action.ref}" if action.ref else ""
    return f"plan action{ref} “{action.title}”"


def _risk_label(risk: Risk) -> str:
    return f"the risk “{risk}”"


def evidence_holders() -> list[Holder]:
    return [
        Holder(
            model=Action,
            queryset=lambda: Action.objects.select_related("plan__partnership", "lead"),
            agreement_id=lambda action: action.plan.partnership.agreement_id,
            can_read=lambda standing, action: (
                action.plan.partnership.agreement_id == standing.agreement.pk
            ),
            can_edit=can_update_action,
            label=_action_label,
            url=lambda action: action.get_absolute_url(),
        ),
        Holder(
            model=Risk,
            queryset=lambda: Risk.objects.select_related("plan__partnership"),
            agreement_id=lambda risk: risk.plan.partnership.agreement_id,
            can_read=lambda standing, risk: (
                risk.plan.partnership.agreement_id == standing.agreement.pk
            ),
            can_edit=lambda standing, risk: can_edit_plan(standing, risk.plan),
            label=_risk_label,
            url=lambda risk: f"{risk.plan.get_absolute_url()}#risks",
        ),
    ]
