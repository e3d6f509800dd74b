"""Comparing an area with its family group: rank, quartile, median, best in class.

Pure Python over (area, value) pairs, no Django. Ranks read through the polarity, so
rank 1 and quartile 1 are always the best performers: the highest value when higher is
better, the lowest when lower is better. Areas without a value are left out of the
ranking and reported as missing.

Ties share the best rank among them ("1, 2, 2, 4": standard competition ranking), and
quartiles come from the rank: quartile = 1 + floor(4 × (rank − 1) / n), so with 8 areas
ranks 1–2 are quartile 1 and ranks 7–8 quartile 4, the best area is always in quartile 1,
and tied areas always share a quartile.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True, slots=True)
class Placing:
    area: str
    value: Decimal
    rank: int
    quartile: int


@dataclass(frozen=True, slots=True)
class Comparison:
    placings: list[Placing]
    missing: list[str]
    median: Decimal | None
    best: Placing | None

    def placing_of(self, area: str) -> Placing | None:
        return next((p for p in self.placings if p.area == area), None)

    def gap_to_best(self, area: str) -> Decimal | None:
        """How far the area is from the best in class, in the indicator's unit (0 if best)."""
        placing = self.placing_of(area)
        if placing is None or self.best is None:
            return None
        return abs(self.best.value - placing.value)

    @property
    def count(self) -> int:
        return len(self.placings)


def compare(values: Iterable[tuple[str, Decimal | None]], polarity: Polarity | str) -> Comparison:
    pairs = list(values)
    present = [(area, value) for area, value in pairs if value is not None]
    missing = sorted(area for area, value in pairs if value is None)
    higher = Polarity(polarity) is Polarity.HIGHER
    best_first = sorted(present, key=lambda item: (-item[1] if higher else item[1], item[0]))
    n = len(best_first)
    placings: list[Placing] = []
    for index, (area, value) in enumerate(best_first):
        tied = index > 0 and value == best_first[index - 1][1]
        rank = placings[-1].rank if tied else index + 1
        placings.append(Placing(area, value, rank, 1 + (4 * (rank - 1)) // n))
    best = placings[0] if placings else None
    return Comparison(placings, missing, median([v for _, v in present]), best)


def median(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2
