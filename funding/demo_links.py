"""Tie the demo bids to the delivery plans' funding lines and actions they pay for.

Runs after plans.demo (see APP_LOADERS in seed_demo), because the plans
are loaded after the funding. A bid is matched to the lines of its own partnership's
plans by the lines' description; a bid that already has links is left alone, so a second
run writes nothing.
"""

from __future__ import annotations

from funding.models import Bid
from meetings import demo_data as seeds
from partnerships.models import Agreement
from plans.models import FundingLine

# Bid title (start) → the funding lines' description in the Safer Essex plan.
LINKS = {
    "Independent Domestic Violence Advisers (IDVA)": "IDVA service and IDVA manager",
    "Information Sharing Project": "Information sharing system",
}


def demo_load(*, agreements: dict[str, Agreement]) -> None:
    if seeds.ESSEX not in agreements:
        return
    for title, description in LINKS.items():
        bid = Bid.objects.filter(
            partnership__agreement=agreements[seeds.ESSEX], title__startswith=title
        ).first()
        if bid is None or bid.funding_lines.exists():
            continue
        lines = list(
            FundingLine.objects.filter(
                plan__partnership=bid.partnership, description=description
            ).select_related("action")
        )
        bid.funding_lines.set(lines)
        bid.actions.set({line.action for line in lines if line.action is not None})
