"""Who may see and change delivery plans: a plan is its partnership's, so the rules are
partnerships' (docs/permissions.md), plus approval by a chair and progress updates by an
action's own lead."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from partnerships.permissions import (
    Standing,
    agreements_for,
    can_edit_partnership,
    standing_in,
)
from plans.models import Action, DeliveryPlan, FundingLine, Risk


def can_edit_plan(standing: Standing, plan: DeliveryPlan) -> bool:
    """A plan is the partnership's: its lead, deputy lead and the secretariat change it."""
    return can_edit_partnership(standing, plan.partnership)


def can_approve_plan(standing: Standing, plan: DeliveryPlan) -> bool:
    """The secretariat, or the chair of the partnership or of the one it reports to."""
    partnership = plan.partnership
    if standing.is_observer or partnership.agreement_id != standing.agreement.pk:
        return False
    return (
        standing.is_secretariat
        or partnership.pk in standing.chairs
        or partnership.reports_to_id in standing.chairs
    )


def can_update_action(standing: Standing, action: Action) -> bool:
    """Status and progress: whoever edits the plan, and the action's own lead."""
    if can_edit_plan(standing, action.plan):
        return True
    return not standing.is_observer and action.lead_id == standing.person.pk


def get_plan_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> DeliveryPlan:
    plan = get_object_or_404(
        DeliveryPlan.objects.select_related(
            "partnership__agreement", "partnership__reports_to", "owner"
        ),
        pk=pk,
        partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, plan.partnership.agreement)
    if write and not can_edit_plan(standing, plan):
        raise PermissionDenied("Only the partnership's lead, deputy lead or secretariat can.")
    return plan


def get_action_for_user(
    request: HttpRequest, pk: int, *, write: bool = False, progress: bool = False
) -> Action:
    """``write``: change the action itself; ``progress``: update its status and progress."""
    action = get_object_or_404(
        Action.objects.select_related("plan__partnership__agreement", "lead"),
        pk=pk,
        plan__partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, action.plan.partnership.agreement)
    if write and not can_edit_plan(standing, action.plan):
        raise PermissionDenied("Only the partnership's lead, deputy lead or secretariat can.")
    if progress and not can_update_action(standing, action):
        raise PermissionDenied("Only the action's lead or the partnership's leads can.")
    return action


def get_risk_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Risk:
    risk = get_object_or_404(
        Risk.objects.select_related("plan__partnership__agreement"),
        pk=pk,
        plan__partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, risk.plan.partnership.agreement)
    if write and not can_edit_plan(standing, risk.plan):
        raise PermissionDenied("Only the partnership's lead, deputy lead or secretariat can.")
    return risk


def get_funding_line_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> FundingLine:
    line = get_object_or_404(
        FundingLine.objects.select_related("plan__partnership__agreement"),
        pk=pk,
        plan__partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, line.plan.partnership.agreement)
    if write and not can_edit_plan(standing, line.plan):
        raise PermissionDenied("Only the partnership's lead, deputy lead or secretariat can.")
    return line
