"""The chance of meeting a year-end target, with an 80% interval (issue 21).

Pure Python (the statistics module and math.erf; no numpy, no scipy). The method and its
limits are written out for users in docs/rating.md, "Chance of meeting the target":

- Cumulative (year-to-date) figures: each period's own figure, divided by the share of the
  year's target expected in that period (the profile, or months ÷ 12 without one), is an
  estimate of the year's total. The year end is the figure so far plus the rest of the
  year at their average rate; the spread of those estimates gives the uncertainty of the
  rest of the year (n periods so far, J still to come: SD × remaining share × √(1/n + 1/J)).
- Snapshots and annual figures (levels): a least-squares straight line through the
  latest figures (up to eight), extended to the year end, with the usual prediction
  error (residual SE × √(1 + 1/n + (x₀ − x̄)² / Sxx)); two figures: the latest carried
  forward with their spread.
- Few figures: the spread is widened by Student's t for the figures' degrees of freedom
  over the normal's (the t table below), so two quarters give a wide interval. Fewer
  than two figures (or one quarter of a cumulative year): not enough data, no chance given.
- The year-end figure in: certain, met or not. No variation at all: 0 or 1, with a note.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "LIKELY",
    "UNLIKELY",
    "Chance",
    "Verdict",
    "cumulative_chance",
    "known_chance",
    "level_chance",
    "meets",
    "probability_of_meeting",
]

LIKELY = 0.70  # at or above: likely to be met
UNLIKELY = 0.30  # at or below: unlikely to be met
Z80 = 1.2815515655446004  # the normal's 90th percentile: an 80% interval is ± Z80 SD
LEVEL_POINTS = 8  # the latest figures a level's trend is fitted to
# Student's t, 90th percentile, by degrees of freedom: widens the normal for few figures.
_T80 = {1: 3.078, 2: 1.886, 3: 1.638, 4: 1.533, 5: 1.476, 6: 1.440, 7: 1.415, 8: 1.397}


class Verdict(StrEnum):
    LIKELY = "likely"
    UNCERTAIN = "uncertain"
    UNLIKELY = "unlikely"
    NOT_ENOUGH_DATA = "not_enough_data"

    @property
    def label(self) -> str:
        if self is Verdict.NOT_ENOUGH_DATA:
            return "Not enough data to say how likely"
        return f"{self.value.capitalize()} to be met"


@dataclass(frozen=True, slots=True)
class Chance:
    """The chance of meeting the year-end target, the expected year-end figure and its
    80% interval. `probability` is None when there is not enough data."""

    probability: float | None
    expected: float | None = None
    low: float | None = None
    high: float | None = None
    points: int = 0
    method: str = ""
    note: str = ""

    @property
    def verdict(self) -> Verdict:
        if self.probability is None:
            return Verdict.NOT_ENOUGH_DATA
        if self.probability >= LIKELY:
            return Verdict.LIKELY
        if self.probability <= UNLIKELY:
            return Verdict.UNLIKELY
        return Verdict.UNCERTAIN

    @property
    def percent(self) -> int | None:
        return None if self.probability is None else round(self.probability * 100)

    @property
    def words(self) -> str:
        """'Likely to be met (≈70%)', never only a colour."""
        if self.percent is None:
            return self.verdict.label
        return f"{self.verdict.label} (≈{self.percent}%)"

    def interval_text(self, places: int = 1) -> str:
        if self.low is None or self.high is None or self.expected is None:
            return ""
        if self.low == self.high:
            return f"{self.expected:,.{places}f}"
        return (
            f"{self.expected:,.{places}f} expected, 80% between "
            f"{self.low:,.{places}f} and {self.high:,.{places}f}"
        )


def _cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def meets(
    value: float,
    target: float | None,
    polarity: str,
    *,
    low: float | None = None,
    high: float | None = None,
) -> bool:
    """Whether a year-end figure meets the target (would be rated green)."""
    if polarity == "range":
        return (low is None or value >= low) and (high is None or value <= high)
    if target is None:
        return False
    return value <= target if polarity == "lower" else value >= target


def probability_of_meeting(
    mean: float,
    sd: float,
    target: float | None,
    polarity: str,
    *,
    low: float | None = None,
    high: float | None = None,
) -> float:
    """P(year end meets the target) for a normal year end; sd 0 is certain either way."""
    if sd <= 0:
        return 1.0 if meets(mean, target, polarity, low=low, high=high) else 0.0
    if polarity == "range":
        upper = _cdf((high - mean) / sd) if high is not None else 1.0
        lower = _cdf((low - mean) / sd) if low is not None else 0.0
        return max(0.0, upper - lower)
    if target is None:
        return 0.0
    below = _cdf((target - mean) / sd)
    return below if polarity == "lower" else 1.0 - below


def _widen(df: int) -> float:
    """Student's t over the normal at 80%, for `df` degrees of freedom."""
    return _T80.get(df, Z80) / Z80 if df >= 1 else math.inf


def _chance(
    mean: float,
    sd: float,
    *,
    points: int,
    method: str,
    target: float | None,
    polarity: str,
    low: float | None,
    high: float | None,
) -> Chance:
    note = ""
    if sd <= 0:
        note = (
            "The figures so far do not vary at all, so the chance is shown as certain; "
            "it is not, and a single different figure will change it."
        )
    probability = probability_of_meeting(mean, sd, target, polarity, low=low, high=high)
    return Chance(probability, mean, mean - Z80 * sd, mean + Z80 * sd, points, method, note)


def known_chance(
    value: float,
    target: float | None,
    polarity: str,
    *,
    low: float | None = None,
    high: float | None = None,
) -> Chance:
    """The year-end figure is in: met or not, no uncertainty left."""
    met = meets(value, target, polarity, low=low, high=high)
    return Chance(1.0 if met else 0.0, value, value, value, 1, "The year-end figure is in.", "")


def cumulative_chance(
    ytd: Sequence[tuple[float, float]],
    *,
    periods_in_year: int,
    target: float | None,
    polarity: str,
    low: float | None = None,
    high: float | None = None,
) -> Chance:
    """`ytd`: (share of the year's target expected by then, year-to-date figure) for each
    period so far, oldest first; shares rise to 1 at the year end."""
    if len(ytd) < 2:
        return Chance(None, points=len(ytd), note=_FEW)
    rates, before_share, before_value = [], 0.0, 0.0
    for share, value in ytd:
        step = share - before_share
        if step <= 0:
            return Chance(None, points=len(ytd), note="The profile does not rise period by period.")
        rates.append((value - before_value) / step)
        before_share, before_value = share, value
    share, so_far = ytd[-1]
    if share >= 1:
        return known_chance(so_far, target, polarity, low=low, high=high)
    n, left = len(rates), max(periods_in_year - len(rates), 1)
    rate = so_far / share
    remaining = 1 - share
    sd = statistics.stdev(rates) * remaining * math.sqrt(1 / n + 1 / left) * _widen(n - 1)
    method = (
        f"The {n} periods so far, each as a rate for the whole year, continued for the "
        f"rest of it; their spread gives the range."
    )
    return _chance(
        so_far + remaining * rate, sd, points=n, method=method,
        target=target, polarity=polarity, low=low, high=high,
    )  # fmt: skip


def level_chance(
    points: Sequence[tuple[float, float]],
    *,
    at: float,
    target: float | None,
    polarity: str,
    low: float | None = None,
    high: float | None = None,
) -> Chance:
    """`points`: (month number, figure), oldest first; `at`: the year end's month number.
    A straight line through the latest figures, extended to `at`."""
    points = list(points)[-LEVEL_POINTS:]
    n = len(points)
    if n < 2:
        return Chance(None, points=n, note=_FEW)
    xs, ys = [float(x) for x, _ in points], [float(y) for _, y in points]
    if n == 2:
        sd = statistics.stdev(ys) * math.sqrt(1 + 1 / n) * _widen(1)
        method = "The latest figure carried forward; the two figures' spread gives the range."
        return _chance(
            ys[-1], sd, points=n, method=method,
            target=target, polarity=polarity, low=low, high=high,
        )  # fmt: skip
    slope, intercept = statistics.linear_regression(xs, ys)
    mean_x = statistics.fmean(xs)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    residuals = [y - (intercept + slope * x) for x, y in zip(xs, ys, strict=True)]
    se = math.sqrt(sum(r * r for r in residuals) / (n - 2))
    sd = se * math.sqrt(1 + 1 / n + (at - mean_x) ** 2 / sxx) * _widen(n - 2)
    method = f"A straight line through the latest {n} figures, extended to the year end."
    return _chance(
        intercept + slope * at, sd, points=n, method=method,
        target=target, polarity=polarity, low=low, high=high,
    )  # fmt: skip


_FEW = "Fewer than two figures so far: not enough to say how likely."
