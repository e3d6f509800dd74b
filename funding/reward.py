"""The reward grant a target is expected to earn, under the agreement's partial reward rule
(issue 21; docs/funding.md, "Reward at risk").

Pure Python, no ORM. The year-end figure is taken as normal, with the mean and 80%
interval that indicators/forecast.py gives. The share of the stretch achieved is
(year end − baseline) ÷ (stretch target − baseline): 100% is the stretch target met, and
the sign makes it work for lower-is-better targets too. The rule turns that share into the
share of the grant paid (the LPSA2 style: nothing below 60% of the stretch, pro rata from
60%, the whole grant at 100%). The expected payment is the average of that over the
year end's distribution, worked out exactly; its range is the payment at the 80%
interval's worse and better ends.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from funding.money import ZERO, pence

Z80 = 1.2815515655446004


@dataclass(frozen=True, slots=True)
class PartialRule:
    """`threshold`: the least share of the stretch (%) that earns anything; `pro_rata`:
    from there the grant is paid in proportion to the share achieved (else whole)."""

    threshold: float = 100.0
    pro_rata: bool = False


WHOLE_WHEN_MET = PartialRule()  # no rule recorded: the grant only when the target is met


@dataclass(frozen=True, slots=True)
class Stretch:
    """What the reward is measured against: `start` (the baseline) to `goal` (the
    stretch target); `polarity` says which way is better."""

    start: float | None
    goal: float
    polarity: str


def share_paid(achieved: float, rule: PartialRule) -> float:
    """The share of the grant paid for `achieved` % of the stretch."""
    if achieved < rule.threshold:
        return 0.0
    if achieved >= 100 or not rule.pro_rata:
        return 1.0
    return achieved / 100


def achieved_percent(value: float, stretch: Stretch) -> float:
    """How much of the stretch a year-end figure achieves, in %."""
    met = value <= stretch.goal if stretch.polarity == "lower" else value >= stretch.goal
    if stretch.start is None or stretch.start == stretch.goal:
        return 100.0 if met else 0.0
    return (value - stretch.start) / (stretch.goal - stretch.start) * 100


def _paid(value: float, stretch: Stretch, rule: PartialRule) -> float:
    if stretch.start is None:
        rule = WHOLE_WHEN_MET  # without a baseline no share of the stretch can be measured
    return share_paid(achieved_percent(value, stretch), rule)


def expected_shares(
    mean: float, low: float, high: float, stretch: Stretch, rule: PartialRule
) -> tuple[float, float, float]:
    """(expected, at the worse end, at the better end) share of the grant paid."""
    sd = (high - low) / (2 * Z80)
    at_low, at_high = _paid(low, stretch, rule), _paid(high, stretch, rule)
    ends = (min(at_low, at_high), max(at_low, at_high))
    if sd <= 0:
        paid = _paid(mean, stretch, rule)
        return paid, paid, paid
    expected = _expected_share(statistics.NormalDist(mean, sd), stretch, rule)
    # A step in the rule can put both ends on one side of the average (nothing at either
    # end, 9% expected): the range is widened to take in the expected share.
    return expected, min(ends[0], expected), max(ends[1], expected)


def _expected_share(normal: statistics.NormalDist, stretch: Stretch, rule: PartialRule) -> float:
    """E[share paid] for a normal year end, worked out exactly: the chance of reaching the
    stretch, plus the pro rata share's average over the figures between the threshold and
    the stretch (E[X; u ≤ X ≤ v] = μ(Φ(β) − Φ(α)) − σ(φ(β) − φ(α)))."""
    start = stretch.start
    if start is None or start == stretch.goal:
        start, rule = stretch.goal, WHOLE_WHEN_MET
    lower = stretch.polarity == "lower"
    at_threshold = start + rule.threshold / 100 * (stretch.goal - start)
    at_full = stretch.goal
    beyond = normal.cdf if lower else (lambda x: 1 - normal.cdf(x))
    if not rule.pro_rata or rule.threshold >= 100:
        return beyond(at_threshold)
    u, v = sorted((at_threshold, at_full))
    mu, sd = normal.mean, normal.stdev
    alpha, beta = (u - mu) / sd, (v - mu) / sd
    unit = statistics.NormalDist()
    mass = unit.cdf(beta) - unit.cdf(alpha)
    first_moment = mu * mass - sd * (unit.pdf(beta) - unit.pdf(alpha))
    partial = (first_moment - start * mass) / (stretch.goal - start)
    return beyond(at_full) + partial


def grant_share(grant: Decimal, share: float) -> Decimal:
    """A share of the grant in pounds and pence (the share through str, never float pounds)."""
    return pence(grant * Decimal(str(round(share, 6)))) if share > 0 else ZERO
