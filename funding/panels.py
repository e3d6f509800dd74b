"""Home dashboard panel: bids waiting for the person to decide, endorse, or update."""

from __future__ import annotations

from config.typing import HtmxHttpRequest
from funding import permissions
from funding.models import Bid
from partnerships.dashboard import Panel
from partnerships.permissions import Standing

OPEN = (Bid.Status.DRAFT, Bid.Status.SUBMITTED, Bid.Status.ENDORSED, Bid.Status.DEFERRED)


def dashboard_panels(request: HtmxHttpRequest, standing: Standing) -> list[Panel]:
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
    return [
        Panel(
            "Bids awaiting your decision or update",
            "funding/panel_bids.html",
            {"waiting": waiting},
            order=40,
        )
    ]
