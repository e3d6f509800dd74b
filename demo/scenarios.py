"""One illustrative what-if scenario (issue 21): Safer Essex chose among schemes of
£902,000 for an indicative £610,000 of PRG (Safer Essex minutes, 2 October 2008, item
7.2). The minutes do not say which schemes gave way, so the scenario is marked
illustrative: it keeps the IDVA service and the endorsed Domestic Violence Review bid,
and cuts the rest until the bids fit the indicative amount.

Idempotent: the scenario is found by its name and its moves are written only when it is
created. Nothing in the ledger is changed (a scenario never does).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from demo.partnerships import ESSEX, SAFER_ESSEX
from funding.models import Allocation, Bid, Scenario, ScenarioMove
from partnerships.models import Agreement, Membership

NAME = "Safer Essex: fitting £902,000 of schemes into £610,000"
NOTES = (
    "Illustrative: not in the source documents. Safer Essex considered schemes worth "
    "£902,000 against an indicative £610,000 of PRG (2 October 2008); the minutes do not "
    "record which gave way. This scenario funds the IDVA service and the endorsed Domestic "
    "Violence Review bid, and cuts the schemes the minutes do not itemise and the "
    "information-sharing proposal until the bids fit."
)
# Before the Essex Partnership Forum's decision of 28 November 2008.
MADE_AT = timezone.make_aware(dt.datetime(2008, 11, 20, 10))

# Cut in this order, each as far as the gap still needs.
CUTS = ("Other schemes considered by Safer Essex", "Information Sharing Project",
        "Domestic Violence Review")  # fmt: skip


def scenarios_load(*, agreements: dict[str, Agreement]) -> None:
    agreement = agreements[ESSEX]
    if Scenario.objects.filter(agreement=agreement, name=NAME).exists():
        return
    bids = {
        title: Bid.objects.filter(
            partnership__agreement=agreement,
            partnership__slug=SAFER_ESSEX,
            title__startswith=title,
        ).first()
        for title in CUTS
    }
    allocation = Allocation.objects.filter(
        partnership__agreement=agreement, partnership__slug=SAFER_ESSEX, fund__name__contains="PRG"
    ).first()
    if allocation is None or not all(bids.values()):
        return
    secretariat = (
        Membership.objects.filter(
            partnership__agreement=agreement,
            role=Membership.Role.SECRETARIAT,
            person__user__isnull=False,
        )
        .select_related("person__user")
        .first()
    )
    by = secretariat.person.user if secretariat else None
    scenario = Scenario.objects.create(agreement=agreement, name=NAME, notes=NOTES, created_by=by)
    Scenario.objects.filter(pk=scenario.pk).update(created_at=MADE_AT)
    bid_total = sum(
        (
            amount.amount
            for bid in Bid.objects.filter(
                partnership=allocation.partnership, fund=allocation.fund
            ).considered()
            for amount in bid.amounts.all()
        ),
        Decimal(0),
    )
    gap = bid_total - allocation.amount
    for title in CUTS:
        bid = bids[title]
        assert bid is not None
        cut = min(bid.total_amount, gap)
        if cut <= 0:
            break
        ScenarioMove.objects.create(
            scenario=scenario,
            from_bid=bid,
            from_year="",
            amount=cut,
            note="Illustrative: cut to fit the indicative amount.",
            created_by=by,
        )
        gap -= cut
    ScenarioMove.objects.filter(scenario=scenario).update(created_at=MADE_AT)
