"""The rating engine: actual, profiled target, polarity and tolerance → a RAG rating.

Also the direction of travel (is it getting better, read through the polarity?) and the
year-end forecast. The rules are written out for users in ``docs/rating.md``; change
that file and ``RULE_VERSION`` together with the code.

Pure Python with no Django. Values are ``Decimal`` throughout. ``rate`` is called for
every target and period on a scorecard (thousands per request), so it only compares
numbers and builds one small result; the sentence explaining the result is built only
when something reads ``RatingResult.explanation``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from indicators.periods import Period

__all__ = [
    "NO_TOLERANCE",
    "RULE_VERSION",
    "Accumulation",
    "Direction",
    "Forecast",
    "Polarity",
    "Rating",
    "RatingResult",
    "Rule",
    "Tolerance",
    "comparison_period",
    "direction",
    "forecast",
    "rate",
]

# Bump when any rule below changes meaning, so ratings frozen under an older version
# can be told apart from ones worked out today.
RULE_VERSION = "1"

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_TWELVE = Decimal(12)


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no_data"
    NOT_RATED = "not_rated"

    @property
    def label(self) -> str:
        return _RATING_LABELS[self]


_RATING_LABELS = {
    Rating.GREEN: "Green",
    Rating.AMBER: "Amber",
    Rating.RED: "Red",
    Rating.NO_DATA: "No data",
    Rating.NOT_RATED: "Not rated",
}


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    RANGE = "range"

    @property
    def label(self) -> str:
        return _POLARITY_LABELS[self]


_POLARITY_LABELS = {
    Polarity.HIGHER: "Higher is better",
    Polarity.LOWER: "Lower is better",
    Polarity.RANGE: "Within a range",
}
# Looked up by value so Django TextChoices members and plain strings work too.
_POLARITIES = {str(polarity): polarity for polarity in Polarity}


def _polarity(polarity: Polarity | str) -> Polarity:
    # Enum hashing runs in Python, so try identity before the dict.
    if polarity is Polarity.HIGHER or polarity is Polarity.LOWER or polarity is Polarity.RANGE:
        return polarity
    try:
        return _POLARITIES[polarity]
    except KeyError:
        raise ValueError(f"{polarity!r} is not a polarity: use higher, lower or range.") from None


class Accumulation(StrEnum):
    SNAPSHOT = "snapshot"
    CUMULATIVE = "cumulative"

    @property
    def label(self) -> str:
        return "Snapshot" if self is Accumulation.SNAPSHOT else "Cumulative (year to date)"


class Direction(StrEnum):
    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    WORSENING = "worsening"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Rule(StrEnum):
    """Which rule decided a rating: A actual, T target, t tolerance, L to H the range."""

    HIGHER_GREEN = "A >= T"
    HIGHER_AMBER = "T - t <= A < T"
    HIGHER_RED = "A < T - t"
    LOWER_GREEN = "A <= T"
    LOWER_AMBER = "T < A <= T + t"
    LOWER_RED = "A > T + t"
    RANGE_GREEN = "L <= A <= H"
    RANGE_AMBER_BELOW = "L - t <= A < L"
    RANGE_RED_BELOW = "A < L - t"
    RANGE_AMBER_ABOVE = "H < A <= H + t"
    RANGE_RED_ABOVE = "A > H + t"
    NO_DATA = "no actual, period ended"
    NOT_DUE = "no actual, period not ended"
    NO_TARGET = "no target"


@dataclass(frozen=True, slots=True)
class Tolerance:
    """The agreed band between amber and red: a percentage of the target, or an amount.

    ``Tolerance()`` is no tolerance at all: anything short of the target is red.
    """

    percent: Decimal | None = None
    absolute: Decimal | None = None

    def __post_init__(self) -> None:
        if self.percent is not None and self.absolute is not None:
            raise ValueError("A tolerance is a percentage of the target or an amount, not both.")
        if (self.percent is not None and self.percent < 0) or (
            self.absolute is not None and self.absolute < 0
        ):
            raise ValueError("A tolerance cannot be negative.")

    def amount(self, target: Decimal | None) -> Decimal:
        """The tolerance as an amount: |target| * percent / 100, or the absolute amount."""
        if self.absolute is not None:
            return self.absolute
        if self.percent is not None and target is not None:
            return abs(target) * self.percent / _HUNDRED
        return _ZERO

    def __str__(self) -> str:
        if self.percent is not None:
            return f"{_fmt(self.percent)}%"
        if self.absolute is not None:
            return _fmt(self.absolute)
        return "none"


NO_TOLERANCE = Tolerance()


@dataclass(frozen=True, slots=True)
class RatingResult:
    """A rating and everything that went into it, so the page can say why."""

    rating: Rating
    actual: Decimal | None
    target: Decimal | None
    tolerance_amount: Decimal | None
    polarity: Polarity
    rule: Rule
    low: Decimal | None = None
    high: Decimal | None = None
    # A cumulative target with an annual target but no profile for this period's year:
    # the year ("2014/15"), so the explanation can say what to set (docs/rating.md).
    missing_profile: str = ""

    @property
    def explanation(self) -> str:
        """One plain-English sentence, e.g. "Amber: actual 23.0 is below the target …"."""
        return _explain(self, "actual")


def as_published(value: Decimal, places: int) -> Decimal:
    """The figure as published at the indicator's decimal places, rounded half up as
    people and spreadsheets round: 99.95 is 100.0 at one place, 99.94 is 99.9.

    Ratings are made on the figure as published (docs/rating.md, "Rounding"), so the
    rating always agrees with the figure shown beside it.
    """
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rate(
    actual: Decimal | None,
    target: Decimal | None,
    polarity: Polarity | str,
    tolerance: Tolerance | None = None,
    *,
    low: Decimal | None = None,
    high: Decimal | None = None,
    period_ended: bool = True,
) -> RatingResult:
    """Rate ``actual`` against the profiled ``target`` for one period.

    Higher is better: green if A >= T, amber if T - t <= A < T, red below T - t.
    Lower is better: green if A <= T, amber if T < A <= T + t, red above T + t.
    Range (``low`` to ``high``, ``target`` is ignored): green inside, edges included; amber
    within t of the range, where a percentage tolerance is taken of the edge that was
    missed; red beyond. No actual: ``no_data`` once the period has ended, else
    ``not_rated`` (not yet due). No target (or range): ``not_rated``, data only.
    """
    pol = _polarity(polarity)
    if actual is None:
        if period_ended:
            return RatingResult(Rating.NO_DATA, None, target, None, pol, Rule.NO_DATA, low, high)
        return RatingResult(Rating.NOT_RATED, None, target, None, pol, Rule.NOT_DUE, low, high)
    if tolerance is None:
        tolerance = NO_TOLERANCE
    if pol is Polarity.HIGHER:
        return _rate_higher(actual, target, tolerance)
    if pol is Polarity.LOWER:
        return _rate_lower(actual, target, tolerance)
    return _rate_in_range(actual, target, tolerance, low, high)


def _rate_higher(actual: Decimal, target: Decimal | None, tolerance: Tolerance) -> RatingResult:
    pol = Polarity.HIGHER
    if target is None:
        return RatingResult(Rating.NOT_RATED, actual, None, None, pol, Rule.NO_TARGET)
    t = tolerance.amount(target)
    if actual >= target:
        return RatingResult(Rating.GREEN, actual, target, t, pol, Rule.HIGHER_GREEN)
    if actual >= target - t:
        return RatingResult(Rating.AMBER, actual, target, t, pol, Rule.HIGHER_AMBER)
    return RatingResult(Rating.RED, actual, target, t, pol, Rule.HIGHER_RED)


def _rate_lower(actual: Decimal, target: Decimal | None, tolerance: Tolerance) -> RatingResult:
    pol = Polarity.LOWER
    if target is None:
        return RatingResult(Rating.NOT_RATED, actual, None, None, pol, Rule.NO_TARGET)
    t = tolerance.amount(target)
    if actual <= target:
        return RatingResult(Rating.GREEN, actual, target, t, pol, Rule.LOWER_GREEN)
    if actual <= target + t:
        return RatingResult(Rating.AMBER, actual, target, t, pol, Rule.LOWER_AMBER)
    return RatingResult(Rating.RED, actual, target, t, pol, Rule.LOWER_RED)


def _rate_in_range(
    actual: Decimal,
    target: Decimal | None,
    tolerance: Tolerance,
    low: Decimal | None,
    high: Decimal | None,
) -> RatingResult:
    """``target`` is not rated against, only carried into the result."""
    pol = Polarity.RANGE
    if low is None or high is None:
        return RatingResult(Rating.NOT_RATED, actual, target, None, pol, Rule.NO_TARGET, low, high)
    if low > high:
        raise ValueError(f"The range {_fmt(low)} to {_fmt(high)} runs backwards.")
    if actual < low:
        t = tolerance.amount(low)
        if actual >= low - t:
            return RatingResult(
                Rating.AMBER, actual, target, t, pol, Rule.RANGE_AMBER_BELOW, low, high
            )
        return RatingResult(Rating.RED, actual, target, t, pol, Rule.RANGE_RED_BELOW, low, high)
    if actual > high:
        t = tolerance.amount(high)
        if actual <= high + t:
            return RatingResult(
                Rating.AMBER, actual, target, t, pol, Rule.RANGE_AMBER_ABOVE, low, high
            )
        return RatingResult(Rating.RED, actual, target, t, pol, Rule.RANGE_RED_ABOVE, low, high)
    # Inside: report the tolerance of the nearer edge, the one that would apply next.
    t = tolerance.amount(low if actual - low <= high - actual else high)
    return RatingResult(Rating.GREEN, actual, target, t, pol, Rule.RANGE_GREEN, low, high)


def direction(
    current: Decimal | None,
    previous: Decimal | None,
    polarity: Polarity | str,
    *,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Direction:
    """Improving, no change or worsening from ``previous`` to ``current``, by polarity.

    Within a range, improving means closer to the range (any value inside is distance 0),
    so two values inside the range are no change. Missing values give unknown.
    """
    if current is None or previous is None:
        return Direction.UNKNOWN
    pol = _polarity(polarity)
    if pol is Polarity.HIGHER:
        better, worse = current > previous, current < previous
    elif pol is Polarity.LOWER:
        better, worse = current < previous, current > previous
    else:
        if low is None or high is None:
            return Direction.UNKNOWN
        now, before = _distance(current, low, high), _distance(previous, low, high)
        better, worse = now < before, now > before
    if better:
        return Direction.IMPROVING
    if worse:
        return Direction.WORSENING
    return Direction.NO_CHANGE


def _distance(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    if value < low:
        return low - value
    if value > high:
        return value - high
    return _ZERO


def comparison_period(period: Period, accumulation: Accumulation | str) -> Period:
    """The period to compare with for direction of travel.

    A snapshot compares with the period before; a cumulative (year-to-date) figure with
    the same period last year, since Q2 year-to-date is always bigger than Q1's.
    """
    if accumulation == Accumulation.CUMULATIVE:
        return period.same_period_last_year()
    return period.previous()


@dataclass(frozen=True, slots=True)
class Forecast:
    """Where the year is heading, and the rating that would earn against the annual target."""

    value: Decimal
    based_on: Period
    latest: Decimal
    accumulation: Accumulation
    result: RatingResult

    @property
    def rating(self) -> Rating:
        return self.result.rating

    @property
    def explanation(self) -> str:
        if self.accumulation == Accumulation.CUMULATIVE and self.based_on.months_into_year < 12:
            months = self.based_on.months_into_year
            how = (
                f"Forecast for the year {_fmt(self.value)}: {_fmt(self.latest)} so far at "
                f"{self.based_on.label} ({months} of 12 months), continued in a straight line."
            )
        elif self.accumulation == Accumulation.CUMULATIVE:
            how = f"Forecast for the year {_fmt(self.value)}: the year-end figure."
        else:
            how = (
                f"Forecast for the year {_fmt(self.value)}: the latest actual, "
                f"at {self.based_on.label}, carried forward."
            )
        return f"{how} {_explain(self.result, 'forecast')}"


def forecast(
    actuals: Iterable[tuple[Period, Decimal | None]],
    accumulation: Accumulation | str,
    annual_target: Decimal | None,
    polarity: Polarity | str,
    tolerance: Tolerance | None = None,
    *,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Forecast | None:
    """Forecast the year-end value from the year's actuals so far, and rate it.

    Cumulative: straight line from the latest year-to-date figure (Q2 50 → 100).
    Snapshot: the latest figure. Pass one financial year's actuals; the latest period
    with a value is used. None when there is no value yet.
    """
    latest_period: Period | None = None
    latest = _ZERO
    for period, value in actuals:
        if value is not None and (latest_period is None or period.end > latest_period.end):
            latest_period, latest = period, value
    if latest_period is None:
        return None
    accumulation = Accumulation(accumulation)
    months = latest_period.months_into_year
    if accumulation is Accumulation.CUMULATIVE and months < 12:
        value = _round_like(latest * _TWELVE / months, latest)
    else:
        value = latest
    result = rate(value, annual_target, polarity, tolerance, low=low, high=high)
    return Forecast(value, latest_period, latest, accumulation, result)


def _round_like(value: Decimal, source: Decimal) -> Decimal:
    """Round a derived value to one more decimal place than the figure it came from."""
    exponent = source.as_tuple().exponent
    places = (-exponent if isinstance(exponent, int) and exponent < 0 else 0) + 1
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return value


# Explanations ---------------------------------------------------------------------------


def _fmt(value: Decimal) -> str:
    """A number as typed, with thousands separators and never in exponent form."""
    return f"{value:,f}"


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _tidy(value: Decimal, *like: Decimal) -> Decimal:
    """A derived number (tolerance, band edge) without trailing zeros beyond its inputs'.

    Only zeros are dropped, so the value is unchanged: 22.500 next to 25.0 shows as 22.5.
    """
    places = max(map(_places, like), default=0)
    if _places(value) <= places:
        return value
    normal = value.normalize()
    return normal if _places(normal) >= places else value.quantize(Decimal(1).scaleb(-places))


_POLARITY_NOTES = {
    Polarity.HIGHER: "higher is better",
    Polarity.LOWER: "lower is better",
    Polarity.RANGE: "within the range is best",
}


def _explain_no_target(result: RatingResult, noun: str, a: Decimal) -> str:
    if result.missing_profile:
        return (
            f"Not rated. No profile for {result.missing_profile}: set one. The year has only "
            f"an annual target, and a year-to-date {noun} needs a target for each period, "
            f"so the {noun} {_fmt(a)} is shown as data only."
        )
    what = "range" if result.polarity is Polarity.RANGE else "target"
    return (
        f"Not rated: there is no {what} for this period, "
        f"so the {noun} {_fmt(a)} is shown as data only."
    )


def _explain(result: RatingResult, noun: str) -> str:
    """The sentence behind a rating; ``noun`` is "actual" or "forecast"."""
    rule, a, t = result.rule, result.actual, result.tolerance_amount
    if rule is Rule.NO_DATA:
        return "No data: the period has ended and no actual has been entered."
    if rule is Rule.NOT_DUE:
        return "Not rated: the period has not ended yet, so no actual is due."
    assert a is not None
    if rule is Rule.NO_TARGET:
        return _explain_no_target(result, noun, a)
    assert t is not None
    note = _POLARITY_NOTES[result.polarity]

    # Every rule compares the actual with one edge: the target, or the range end it missed.
    if result.polarity is Polarity.RANGE:
        low, high = result.low, result.high
        assert low is not None and high is not None
        goal = f"the range {_fmt(low)} to {_fmt(high)}"
        if rule is Rule.RANGE_GREEN:
            return f"Green: {noun} {_fmt(a)} is within {goal} (edges included)."
        below = rule is Rule.RANGE_AMBER_BELOW or rule is Rule.RANGE_RED_BELOW
        edge = low if below else high
    else:
        assert result.target is not None
        edge = result.target
        goal = f"the target {_fmt(edge)}"
        if result.rating is Rating.GREEN:
            how = "meets" if a == edge else "is above" if a > edge else "is below"
            return f"Green: {noun} {_fmt(a)} {how} {goal} ({note})."
        below = result.polarity is Polarity.HIGHER

    side = "below" if below else "above"
    if result.rating is Rating.RED and t == 0:
        return f"Red: {noun} {_fmt(a)} is {side} {goal} and there is no tolerance ({note})."
    shown_t = _tidy(t, edge)
    limit = _fmt(_tidy(edge - t if below else edge + t, edge, shown_t))
    if result.rating is Rating.AMBER:
        band = (
            f"amber from {limit} up to {_fmt(edge)}"
            if below
            else f"amber above {_fmt(edge)} up to {limit}"
        )
        return (
            f"Amber: {noun} {_fmt(a)} is {side} {goal} "
            f"but within the tolerance of {_fmt(shown_t)} ({note}; {band})."
        )
    band = f"red below {limit}" if below else f"red above {limit}"
    return (
        f"Red: {noun} {_fmt(a)} is {side} {goal} "
        f"by more than the tolerance of {_fmt(shown_t)} ({note}; {band})."
    )
