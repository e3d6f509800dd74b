"""Factories for funds, allocations, bids and awards."""

from decimal import Decimal

from funding.models import Allocation, Award, Bid, BidAmount, Fund, FundYear
from partnerships.models import Agreement, Partnership


def make_fund(agreement: Agreement, name: str = "PRG", **extra: object) -> Fund:
    defaults: dict[str, object] = {"kind": Fund.Kind.PRG}
    return Fund.objects.create(agreement=agreement, name=name, **{**defaults, **extra})


def make_fund_year(fund: Fund, year: str, available: str) -> FundYear:
    return FundYear.objects.create(fund=fund, year=year, available=Decimal(available))


def make_allocation(
    fund: Fund, partnership: Partnership, amount: str, year: str = ""
) -> Allocation:
    return Allocation.objects.create(
        fund=fund, partnership=partnership, year=year, amount=Decimal(amount)
    )


def make_bid(
    partnership: Partnership,
    fund: Fund,
    amounts: dict[str, str] | None = None,
    status: str = Bid.Status.DRAFT,
    **extra: object,
) -> Bid:
    bid = Bid.objects.create(
        partnership=partnership, fund=fund, title=extra.pop("title", "IDVA service"),
        status=status, **extra,
    )  # fmt: skip
    for year, amount in (amounts or {"2009/10": "157540"}).items():
        BidAmount.objects.create(bid=bid, year=year, amount=Decimal(amount))
    if status == Bid.Status.APPROVED:
        for amount in bid.amounts.all():
            Award.objects.create(bid=bid, year=amount.year, amount=amount.amount)
    return bid
