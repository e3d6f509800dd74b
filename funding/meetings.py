"""Funding's part of a meeting's page: the bids decided and underspends carried forward
under each agenda item (registered on meetings/hooks.py by funding/apps.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from funding.models import BidDecision, CarryForward
from meetings.models import Meeting


def decided_under_items(meeting: Meeting) -> dict[int, dict[str, Any]]:
    """What funding records as decided under each of a meeting's agenda items (for the
    meeting page, through meetings/hooks.py): {item id: {"bids_decided": [bid decisions],
    "carried_forward": [underspends carried forward],
    "funding_position_url": the page they are carried on}}."""
    decided: dict[int, list[Any]] = {}
    for decision in (
        BidDecision.objects.filter(agenda_item__meeting=meeting)
        .select_related("bid")
        .order_by("decided_on", "pk")
    ):
        decided.setdefault(decision.agenda_item_id, []).append(decision)
    carried: dict[int, list[Any]] = {}
    for carry in (
        CarryForward.objects.filter(agenda_item__meeting=meeting)
        .select_related("fund", "partnership")
        .order_by("pk")
    ):
        carried.setdefault(carry.agenda_item_id, []).append(carry)  # type: ignore[arg-type]
    items = {item_id: {"bids_decided": found} for item_id, found in decided.items()}
    for item_id, found in carried.items():
        items.setdefault(item_id, {})["carried_forward"] = found
        items[item_id]["funding_position_url"] = reverse("funding:position")
    return items
