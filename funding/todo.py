"""Bids waiting for the person: to decide, endorse, submit or update. Shown in the "My
work" panel of the home dashboard (work/panels.py)."""

from __future__ import annotations

from funding import permissions
from funding.models import Bid
from partnerships.permissions import Standing

OPEN = (Bid.Status.DRAFT, Bid.Status.SUBMITTED, Bid.Status.ENDORSED, Bid.Status.DEFERRED)


def bids_waiting(standing: Standing) -> list[tuple[Bid, str]]:
    """(bid, what the person is to do) for the open bids of the agreement, the most
    senior step first: decide, endorse, submit, update. Two queries."""
    if standing.is_observer or not (standing.is_secretariat or standing.leads or standing.chairs):
        return []
    bids = (
        Bid.objects.in_agreement(standing.agreement.pk)
        .filter(status__in=OPEN)
        .select_related("partnership", "fund")
    )
    waiting = []
    for bid in bids:
        if permissions.can_decide_bid(standing, bid):
            waiting.append((bid, "Record the decision"))
        elif permissions.can_endorse_bid(standing, bid):
            waiting.append((bid, "Record the partnership's endorsement"))
        elif permissions.can_submit_bid(standing, bid):
            waiting.append((bid, "Finish and submit"))
        elif permissions.can_edit_bid(standing, bid):
            waiting.append((bid, "Update and resubmit"))
    return waiting
