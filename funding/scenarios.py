"""What-if reallocation (issue 21; docs/funding.md, "What-if scenarios").

A scenario is a list of moves over the current plan's lines: each allocation, and each
considered bid's amount in a year (the position's "bids": everything but drafts). The
moves are applied here, on copies of the amounts, in the order they were made; nothing
in the ledger is written. `apply_moves` and `compare` are pure; `plan_for` reads the
current lines, the ratings of the targets they serve and the reward at risk in a fixed
number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from funding.models import Allocation, Bid, BidAmount, Scenario, ScenarioMove, year_label
from funding.money import ZERO, pence
from funding.position import reward_at_risk
from indicators.models import Target
from indicators.scoring import Score, latest_scores
from partnerships.models import Agreement, Partnership


class Kind(StrEnum):
    ALLOCATION = "allocation"
    BID = "bid"


@dataclass(frozen=True, slots=True, order=True)
class LineKey:
    kind: Kind
    pk: int
    year: str

    @property
    def token(self) -> str:
        """The key as a form value, e.g. 'bid:12:2009/10'."""
        return f"{self.kind}:{self.pk}:{self.year}"

    @classmethod
    def parse(cls, token: str) -> LineKey | None:
        kind, _, rest = token.partition(":")
        pk, _, year = rest.partition(":")
        if kind not in Kind.__members__.values() or not pk.isdigit():
            return None
        return cls(Kind(kind), int(pk), year)


@dataclass(frozen=True, slots=True)
class PlanLine:
    key: LineKey
    partnership: int
    fund: int
    label: str
    amount: Decimal
    targets: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Move:
    source: LineKey
    destination: LineKey | None  # None: cut, back to the fund
    amount: Decimal


class MoveRefused(ValueError):
    pass


def check_move(
    lines: Mapping[LineKey, PlanLine], amounts: Mapping[LineKey, Decimal], move: Move
) -> None:
    """Raise MoveRefused, with the reason in words, unless the move can be made on
    `amounts` (the lines as earlier moves have left them)."""
    source = lines.get(move.source)
    if source is None:
        raise MoveRefused("The line the money comes from is no longer in the plan.")
    if move.amount <= 0:
        raise MoveRefused("Enter an amount of more than £0.")
    if move.destination is not None:
        destination = lines.get(move.destination)
        if destination is None:
            raise MoveRefused("The line the money goes to is no longer in the plan.")
        if destination.key == source.key:
            raise MoveRefused("Choose a different line to move the money to.")
        if destination.key.kind != source.key.kind:
            raise MoveRefused(
                "Money moves between two allocations or between two bids: an allocation is "
                "what a partnership is given, a bid what a scheme asks for."
            )
        if destination.fund != source.fund:
            raise MoveRefused("Both lines must be in the same fund.")
    held = amounts.get(move.source, ZERO)
    if pence(move.amount) > held:
        raise MoveRefused(
            f"{source.label} holds £{held:,.2f} in this scenario: "
            f"it cannot give £{pence(move.amount):,.2f}."
        )


def apply_moves(
    lines: Mapping[LineKey, PlanLine], moves: Iterable[Move]
) -> tuple[dict[LineKey, Decimal], list[tuple[Move, str]]]:
    """The amounts after the moves, and the moves that could not be made (with why): a
    line deleted or changed in the ledger since the scenario was made."""
    amounts = {key: line.amount for key, line in lines.items()}
    skipped: list[tuple[Move, str]] = []
    for move in moves:
        try:
            check_move(lines, amounts, move)
        except MoveRefused as refused:
            skipped.append((move, str(refused)))
            continue
        amounts[move.source] -= pence(move.amount)
        if move.destination is not None:
            amounts[move.destination] += pence(move.amount)
    return amounts, skipped


# Comparison -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    before: Decimal = ZERO
    after: Decimal = ZERO

    def __add__(self, other: Pair) -> Pair:
        return Pair(self.before + other.before, self.after + other.after)

    @property
    def change(self) -> Decimal:
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class PartnershipMoney:
    indicative: Pair = Pair()
    bids: Pair = Pair()

    def __add__(self, other: PartnershipMoney) -> PartnershipMoney:
        return PartnershipMoney(self.indicative + other.indicative, self.bids + other.bids)

    @property
    def gap(self) -> Pair:
        """Bids over the indicative amount, before and after."""
        return Pair(
            self.bids.before - self.indicative.before, self.bids.after - self.indicative.after
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    lines: list[tuple[PlanLine, Pair]]
    by_partnership: dict[int, PartnershipMoney]
    total: PartnershipMoney
    cut: Pair = Pair()  # money taken out of the plan, back to the funds


def compare(
    lines: Mapping[LineKey, PlanLine],
    before: Mapping[LineKey, Decimal],
    after: Mapping[LineKey, Decimal],
) -> Comparison:
    """Two versions of the plan side by side, line by line and per partnership; the
    totals are the sums of the lines (what was cut is no longer in any line)."""
    rows = []
    by_partnership: dict[int, PartnershipMoney] = defaultdict(PartnershipMoney)
    for key in sorted(lines, key=lambda k: (lines[k].partnership, lines[k].label, k)):
        pair = Pair(before.get(key, ZERO), after.get(key, ZERO))
        rows.append((lines[key], pair))
        money = (
            PartnershipMoney(indicative=pair)
            if key.kind == Kind.ALLOCATION
            else PartnershipMoney(bids=pair)
        )
        by_partnership[lines[key].partnership] += money
    total = sum(by_partnership.values(), PartnershipMoney())
    plan = sum((line.amount for line in lines.values()), ZERO)
    cut = Pair(
        plan - total.indicative.before - total.bids.before,
        plan - total.indicative.after - total.bids.after,
    )
    return Comparison(rows, dict(by_partnership), total, cut)


# Reading the plan -------------------------------------------------------------------------


@dataclass
class Plan:
    """The current plan's lines with what a page shows beside them."""

    lines: dict[LineKey, PlanLine]
    partnerships: dict[int, Partnership]
    targets: dict[int, Target]
    scores: dict[int, Score]
    reward_at_risk: dict[int, Decimal]  # per target with a reward grant
    partnership_at_risk: dict[int, Decimal] = field(default_factory=dict)

    def line_at_risk(self, line: PlanLine) -> Decimal:
        """The reward grant at risk on the targets the line's money serves."""
        return sum((self.reward_at_risk.get(t, ZERO) for t in line.targets), ZERO)

    @property
    def at_risk_by_line(self) -> dict[LineKey, Decimal]:
        return {key: self.line_at_risk(line) for key, line in self.lines.items()}


def plan_for(agreement: Agreement) -> Plan:
    """The current plan: allocations and considered bids' amounts, the latest ratings of
    the targets the bids serve, and the reward at risk (funding/position.py
    `reward_at_risk`, the whole grant unless forecast green). A fixed number of queries."""
    lines: dict[LineKey, PlanLine] = {}
    for a in Allocation.objects.filter(fund__agreement=agreement).select_related("fund"):
        key = LineKey(Kind.ALLOCATION, a.pk, a.year)
        label = f"Allocation: {a.fund.name}, {year_label(a.year)}"
        lines[key] = PlanLine(key, a.partnership_id, a.fund_id, label, a.amount)
    bids = Bid.objects.in_agreement(agreement.pk).considered()
    served: dict[int, list[int]] = defaultdict(list)
    for bid_id, target_id in Bid.targets.through.objects.filter(bid__in=bids).values_list(
        "bid_id", "target_id"
    ):
        served[bid_id].append(target_id)
    amounts = BidAmount.objects.filter(bid__in=bids).select_related("bid")
    for amount in amounts.order_by("bid__title", "year"):
        bid = amount.bid
        key = LineKey(Kind.BID, bid.pk, amount.year)
        label = f"{bid.title} ({year_label(amount.year)})"
        lines[key] = PlanLine(
            key, bid.partnership_id, bid.fund_id, label, amount.amount, tuple(served[bid.pk])
        )
    target_ids = {t for line in lines.values() for t in line.targets}
    targets_qs = Target.objects.filter(pk__in=target_ids).select_related("indicator")
    report = reward_at_risk(agreement)
    at_risk = {
        row.target.pk: row.reward.at_risk for _, _, rows in report.by_partnership for row in rows
    }
    return Plan(
        lines=lines,
        partnerships={p.pk: p for p in Partnership.objects.filter(agreement=agreement)},
        targets={t.pk: t for t in targets_qs} if target_ids else {},
        scores=latest_scores(targets_qs) if target_ids else {},
        reward_at_risk=at_risk,
        partnership_at_risk={p.pk: totals.at_risk for p, totals, _ in report.by_partnership},
    )


def key_of(allocation_id: int | None, bid_id: int | None, year: str) -> LineKey | None:
    if allocation_id is not None:
        return LineKey(Kind.ALLOCATION, allocation_id, year)
    if bid_id is not None:
        return LineKey(Kind.BID, bid_id, year)
    return None


def moves_of(scenario: Scenario, rows: Iterable[ScenarioMove] | None = None) -> list[Move]:
    """A scenario's saved moves as Moves (an allocation's year is its own)."""
    result = []
    for row in (
        rows
        if rows is not None
        else scenario.moves.select_related("from_allocation", "to_allocation")
    ):
        source = key_of(
            row.from_allocation_id,
            row.from_bid_id,
            row.from_allocation.year if row.from_allocation else row.from_year,
        )
        destination = key_of(
            row.to_allocation_id,
            row.to_bid_id,
            row.to_allocation.year if row.to_allocation else row.to_year,
        )
        assert source is not None  # a check constraint holds it
        result.append(Move(source, destination, row.amount))
    return result


def move_fields(move: Move) -> dict[str, object]:
    """The ScenarioMove fields for a Move."""
    values: dict[str, object] = {"amount": pence(move.amount)}
    for side, key in (("from", move.source), ("to", move.destination)):
        if key is None:
            continue
        if key.kind == Kind.ALLOCATION:
            values[f"{side}_allocation_id"] = key.pk
        else:
            values[f"{side}_bid_id"] = key.pk
        values[f"{side}_year"] = key.year
    return values
