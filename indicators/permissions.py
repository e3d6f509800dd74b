"""Who may change targets and enter actuals (reading follows the agreement's rules).

Target leads and data owners enter actuals for their targets; the responsible
partnership's lead and deputy, and the secretariat, may too. Changing a target's numbers
(baseline, targets, profile, tolerance) is for its target lead, the partnership's lead or
deputy, and the secretariat. Observers change nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from indicators.models import Indicator, Target
from partnerships.models import Agreement
from partnerships.permissions import (
    Standing,
    agreements_for,
    can_manage_agreement,
    standing_in,
)


def can_edit_target(standing: Standing, target: Target) -> bool:
    if standing.is_observer or target.agreement_id != standing.agreement.pk:
        return False
    return (
        standing.is_secretariat
        or target.partnership_id in standing.leads
        or target.lead_id == standing.person.pk
    )


def can_set_contributors(standing: Standing, target: Target) -> bool:
    """Which partnerships and organisations contribute to a target: for the secretariat
    and the responsible partnership's lead or deputy (not the target lead alone)."""
    if standing.is_observer or target.agreement_id != standing.agreement.pk:
        return False
    return standing.is_secretariat or target.partnership_id in standing.leads


def can_enter_actuals(standing: Standing, target: Target) -> bool:
    if can_edit_target(standing, target):
        return True
    return (
        not standing.is_observer
        and target.agreement_id == standing.agreement.pk
        and target.data_owner_id == standing.person.pk
    )


def get_target_for_user(
    request: HttpRequest, pk: int, *, write: bool = False, actuals: bool = False
) -> tuple[Target, Standing]:
    """The target and the user's standing; 404 outside their agreements, 403 if they may
    not change it (`write`) or enter its actuals (`actuals`)."""
    target = get_object_or_404(
        Target.objects.select_related(
            "indicator", "partnership", "outcome__theme", "lead", "data_owner", "agreement"
        ),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    standing = standing_in(request, target.agreement)
    if write and not can_edit_target(standing, target):
        raise PermissionDenied("Only the target lead, the partnership's lead or the secretariat.")
    if actuals and not can_enter_actuals(standing, target):
        raise PermissionDenied("Only the data owner, the target lead or the secretariat.")
    return target, standing


def get_indicator_for_user(request: HttpRequest, pk: int) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.select_related("proxy_for", "agreement"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    standing_in(request, indicator.agreement)
    return indicator


def get_agreement_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Agreement:
    """The agreement, for adding to its indicators (`write`: the secretariat's job); 404
    outside the user's agreements, 403 for anyone else in it."""
    agreement = next((a for a in agreements_for(request) if a.pk == pk), None)
    if agreement is None:
        raise Http404("Not found")
    standing = standing_in(request, agreement)
    if write and not can_manage_agreement(standing):
        raise PermissionDenied("Only the secretariat adds indicators to the agreement.")
    return agreement


def check_site_administrator(request: HttpRequest) -> None:
    """The shared National Indicator Set belongs to no agreement: only site administrators
    (staff) record what its sources left out."""
    if not request.user.is_staff:
        raise PermissionDenied("Only a site administrator records national indicator titles.")
