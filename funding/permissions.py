"""Who may do what with money.

Everyone in the agreement reads all of it. The secretariat manages funds, allocations,
commissioning rounds, awards and carry-forward. A partnership's lead and deputy lead (and
the secretariat) draft, change and submit its bids and record its spend; the
partnership's chair or leads record its endorsement; the deciding body's chair (or the
secretariat on its behalf) approves, rejects or defers. Observers change nothing; other
agreements' people get 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from funding.models import Award, Bid, CommissioningRound, Fund
from partnerships.models import Partnership
from partnerships.permissions import (
    Standing,
    agreements_for,
    can_chair,
    can_edit_partnership,
    can_manage_agreement,
    standing_in,
)


def can_manage_funds(standing: Standing) -> bool:
    return can_manage_agreement(standing)


def can_draft_bid(standing: Standing, partnership: Partnership) -> bool:
    return can_edit_partnership(standing, partnership)


def can_edit_bid(standing: Standing, bid: Bid) -> bool:
    return bid.is_editable and can_edit_partnership(standing, bid.partnership)


def can_submit_bid(standing: Standing, bid: Bid) -> bool:
    return bid.status == Bid.Status.DRAFT and can_edit_partnership(standing, bid.partnership)


def can_endorse_bid(standing: Standing, bid: Bid) -> bool:
    if bid.status != Bid.Status.SUBMITTED:
        return False
    return can_chair(standing, bid.partnership) or can_edit_partnership(standing, bid.partnership)


def can_decide_bid(standing: Standing, bid: Bid) -> bool:
    """The deciding body's chair, or the secretariat on its behalf."""
    if bid.status not in Bid.AWAITING_DECISION or standing.is_observer:
        return False
    if bid.partnership.agreement_id != standing.agreement.pk:
        return False
    body = bid.deciding_body_id
    return standing.is_secretariat or (body is not None and body in standing.chairs)


def can_record_spend(standing: Standing, bid: Bid) -> bool:
    return bid.status == Bid.Status.APPROVED and can_edit_partnership(standing, bid.partnership)


def get_bid_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Bid:
    """``write``: change the bid's own details (its partnership's leads, while editable)."""
    bid = get_object_or_404(
        Bid.objects.select_related(
            "partnership__agreement", "partnership__reports_to", "fund__deciding_body",
            "scheme_lead", "round",
        ),
        pk=pk,
        partnership__agreement__in=agreements_for(request),
    )  # fmt: skip
    standing = standing_in(request, bid.partnership.agreement)
    if write and not can_edit_partnership(standing, bid.partnership):
        raise PermissionDenied("Only the partnership's lead, deputy lead or secretariat can.")
    return bid


def get_fund_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Fund:
    fund = get_object_or_404(
        Fund.objects.select_related("agreement", "deciding_body"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    if write and not can_manage_funds(standing_in(request, fund.agreement)):
        raise PermissionDenied("Only the secretariat manages funds.")
    return fund


def get_round_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> CommissioningRound:
    round_ = get_object_or_404(
        CommissioningRound.objects.select_related(
            "fund__agreement", "decision_meeting__partnership"
        ),
        pk=pk,
        fund__agreement__in=agreements_for(request),
    )
    if write and not can_manage_funds(standing_in(request, round_.fund.agreement)):
        raise PermissionDenied("Only the secretariat manages commissioning rounds.")
    return round_


def can_change_award(standing: Standing) -> bool:
    """The amount awarded is the secretariat's to keep right (it manages the funds)."""
    return can_manage_funds(standing)


def get_award_for_user(
    request: HttpRequest, pk: int, *, write: bool = False, manage: bool = False
) -> Award:
    """``write``: record spend (the partnership's leads); ``manage``: change the award
    itself (the secretariat)."""
    award = get_object_or_404(
        Award.objects.select_related("bid__partnership__agreement", "bid__fund"),
        pk=pk,
        bid__partnership__agreement__in=agreements_for(request),
    )
    standing = standing_in(request, award.bid.partnership.agreement)
    if write and not can_edit_partnership(standing, award.bid.partnership):
        raise PermissionDenied("Only the partnership's lead, deputy lead or secretariat can.")
    if manage and not can_change_award(standing):
        raise PermissionDenied("Only the secretariat changes an award.")
    return award
