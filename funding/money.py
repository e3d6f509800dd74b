"""The arithmetic of the funding pages, as pure functions over plain values (no ORM).

Every figure is a Decimal rounded to the penny; nothing passes through a float. The
position page, the ledger export and the statement all total through `summarise`, so the
figures agree everywhere and add up across partnerships, funds and years.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def pence(amount: Decimal) -> Decimal:
    """Round to the penny, halves up (as a finance team would)."""
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


class Measure(StrEnum):
    INDICATIVE = "indicative"
    BID = "bid"
    APPROVED = "approved"
    SPENT = "spent"
    CARRIED = "carried"


@dataclass(frozen=True, slots=True)
class Line:
    """One amount of one kind for one partnership, fund and year ('' = whole period)."""

    partnership: int
    fund: int
    year: str
    measure: Measure
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Figures:
    indicative: Decimal = ZERO
    bid: Decimal = ZERO
    approved: Decimal = ZERO
    spent: Decimal = ZERO
    carried: Decimal = ZERO

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.indicative + other.indicative,
            self.bid + other.bid,
            self.approved + other.approved,
            self.spent + other.spent,
            self.carried + other.carried,
        )

    @property
    def gap(self) -> Decimal:
        """Bids over the indicative amount (negative: bids leave some unclaimed)."""
        return self.bid - self.indicative

    @property
    def unspent(self) -> Decimal:
        return self.approved - self.spent

    @classmethod
    def of(cls, measure: Measure, amount: Decimal) -> Figures:
        return cls(**{measure.value: pence(amount)})


def summarise[K: Hashable](lines: Iterable[Line], key: Callable[[Line], K]) -> dict[K, Figures]:
    """Total the lines into Figures per key, e.g. key=lambda l: (l.partnership, l.year)."""
    result: dict[K, Figures] = {}
    for line in lines:
        k = key(line)
        result[k] = result.get(k, Figures()) + Figures.of(line.measure, line.amount)
    return result


def total(lines: Iterable[Line]) -> Figures:
    return summarise(lines, lambda _: None).get(None, Figures())


def over_allocation(available: Decimal | None, allocated: Decimal) -> Decimal:
    """How far allocations exceed what the fund has (zero when within it or unknown)."""
    if available is None:
        return ZERO
    return max(ZERO, pence(allocated) - pence(available))


# Top slice and guarantee ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SliceRow[K]:
    key: K
    allocation: Decimal
    guaranteed: Decimal

    @property
    def sliced(self) -> Decimal:
        return self.allocation - self.guaranteed


@dataclass(frozen=True, slots=True)
class TopSlice[K]:
    top_slice: Decimal
    available: Decimal
    rows: list[SliceRow[K]] = field(default_factory=list)

    @property
    def allocated(self) -> Decimal:
        return sum((r.allocation for r in self.rows), ZERO)

    @property
    def guaranteed(self) -> Decimal:
        return sum((r.guaranteed for r in self.rows), ZERO)

    @property
    def sliced(self) -> Decimal:
        return self.allocated - self.guaranteed

    @property
    def unallocated(self) -> Decimal:
        return self.available - self.allocated

    @property
    def pot(self) -> Decimal:
        """The commissioning pot: every slice plus whatever was never allocated."""
        return self.available - self.guaranteed

    @property
    def guaranteed_share(self) -> Decimal:
        return HUNDRED - self.top_slice


def top_slice[K](
    allocations: Mapping[K, Decimal], percent: Decimal, available: Decimal | None = None
) -> TopSlice[K]:
    """Each partnership keeps (100 − percent)% of its allocation, rounded to the penny;
    the rest (and anything unallocated) is the commissioning pot. Guaranteed amounts plus
    the pot always equal the available total exactly."""
    if not ZERO <= percent <= HUNDRED:
        raise ValueError("The top slice is a percentage between 0 and 100.")
    keep = (HUNDRED - percent) / HUNDRED
    rows = [SliceRow(k, pence(a), pence(pence(a) * keep)) for k, a in allocations.items()]
    allocated = sum((r.allocation for r in rows), ZERO)
    return TopSlice(
        top_slice=percent,
        available=pence(available) if available is not None else allocated,
        rows=rows,
    )


# Reward at risk ---------------------------------------------------------------------------

SAFE_FORECASTS = frozenset({"green"})


@dataclass(frozen=True, slots=True)
class RewardTarget:
    target: int
    partnership: int
    grant: Decimal
    forecast: str  # an indicators Rating value: green, amber, red, no_data, not_rated
    # The grant expected under the agreement's reward rule, and at the 80% interval's worse
    # and better ends (funding/reward.py); None: not enough data to say (docs/funding.md).
    expected: Decimal | None = None
    worst: Decimal | None = None
    best: Decimal | None = None

    @property
    def at_risk(self) -> Decimal:
        """The whole grant is at risk unless the year-end forecast is on target (green):
        amber, red, and no forecast at all are each a reason it may not be claimed."""
        return ZERO if self.forecast in SAFE_FORECASTS else pence(self.grant)

    @property
    def range_low(self) -> Decimal:
        """Nothing when there is not enough data to say."""
        return self.worst if self.worst is not None else ZERO

    @property
    def range_high(self) -> Decimal:
        return self.best if self.best is not None else pence(self.grant)


@dataclass(frozen=True, slots=True)
class RewardTotals:
    claimable: Decimal = ZERO
    at_risk: Decimal = ZERO
    expected: Decimal = ZERO  # of the targets with a chance worked out
    expected_low: Decimal = ZERO
    expected_high: Decimal = ZERO
    unforecast: Decimal = ZERO  # the grant of targets with not enough data

    def __add__(self, other: RewardTotals) -> RewardTotals:
        return RewardTotals(*(getattr(self, f) + getattr(other, f) for f in _TOTAL_FIELDS))

    @property
    def secure(self) -> Decimal:
        return self.claimable - self.at_risk


_TOTAL_FIELDS = (
    "claimable", "at_risk", "expected", "expected_low", "expected_high", "unforecast",
)  # fmt: skip


def reward_totals(targets: Iterable[RewardTarget]) -> dict[int, RewardTotals]:
    """Claimable, at-risk and expected grant per partnership."""
    result: dict[int, RewardTotals] = {}
    for t in targets:
        result[t.partnership] = result.get(t.partnership, RewardTotals()) + RewardTotals(
            pence(t.grant),
            t.at_risk,
            t.expected if t.expected is not None else ZERO,
            t.range_low,
            t.range_high,
            ZERO if t.expected is not None else pence(t.grant),
        )
    return result
