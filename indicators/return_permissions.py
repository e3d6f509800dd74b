"""Who moves a data return on (docs/data-cycle.md).

Whoever may enter a target's actuals (data owner, target lead, the partnership's leads,
the secretariat) submits its returns; the target lead or the secretariat approves or
returns them; once approved, only the secretariat revises the figures.
"""

from __future__ import annotations

from indicators.models import Target
from indicators.permissions import can_enter_actuals
from partnerships.permissions import Standing


def can_submit_return(standing: Standing, target: Target) -> bool:
    return can_enter_actuals(standing, target)


def can_approve_return(standing: Standing, target: Target) -> bool:
    if standing.is_observer or target.agreement_id != standing.agreement.pk:
        return False
    return standing.is_secretariat or target.lead_id == standing.person.pk


def can_revise_locked(standing: Standing, target: Target) -> bool:
    return (
        not standing.is_observer
        and standing.is_secretariat
        and target.agreement_id == standing.agreement.pk
    )
