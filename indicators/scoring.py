"""Ratings for many targets at once, straight from the database in a fixed number of queries.

Reports (scorecard, exceptions, highlight), the target page, the dashboard and other apps
all read ratings through here, so every screen and export agrees. Rows are loaded as
tuples (`values_list`), never as model instances: a 500-target scorecard is ~6,000 actuals.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Cast

from indicators import forecast, rating
from indicators.models import Actual, Target, TargetValue, code_order
from indicators.periods import Frequency, Period, periods_between
from indicators.rating import Direction, Forecast, Rating, RatingResult
from partnerships import clock


class ActualPoint(NamedTuple):
    """One actual as the ratings read it. A named tuple rather than a frozen dataclass:
    as immutable, and made five times faster, which counts over ~6,000 a scorecard."""

    period: Period
    value: Decimal | None
    missing_reason: str
    status: str
    quality: str
    commentary: str


@dataclass(slots=True)
class TargetInfo:
    """A target's own facts, as the reports show them."""

    pk: int
    code: str
    title: str
    indicator_id: int
    partnership_id: int
    partnership: str
    theme: str
    lead_id: int | None
    lead: str
    data_owner_id: int | None
    designation: str
    priority: int
    polarity: str
    unit: str
    decimal_places: int
    frequency: Frequency
    accumulation: str
    baseline: Decimal | None
    baseline_period: str
    baseline_awaited_reason: str
    tolerance: rating.Tolerance
    low: Decimal | None
    high: Decimal | None
    reward_grant: Decimal | None
    contributors: list[str] = field(default_factory=list)
    illustrative: str = ""  # the demo's own figures: the note saying so (docs/demo.md)
    title_illustrative: str = ""

    @property
    def is_baseline_awaited(self) -> bool:
        return self.baseline is None

    @property
    def lead_and_contributors(self) -> str:
        return "; ".join(filter(None, [self.lead, ", ".join(self.contributors)]))


@dataclass(frozen=True, slots=True)
class EarlierCommentary:
    """The latest commentary of a period before the one reported, shown (marked as earlier)
    when the period has none of its own."""

    period: str
    text: str


NO_COMMENTARY = "No commentary for this period."


@dataclass(frozen=True, slots=True)
class Score:
    """One target rated for one period. `commentary` is the period's own (a report never
    passes off an earlier quarter's words as this one's); `earlier_commentary` is the latest
    before it."""

    target: TargetInfo
    period: Period
    target_value: Decimal | None
    actual: ActualPoint | None
    result: RatingResult
    direction: Direction
    previous_value: Decimal | None
    forecast: Forecast | None
    is_late: bool
    commentary: str
    earlier_commentary: EarlierCommentary | None = None
    # The chance of meeting the year-end target, with its 80% interval (indicators/forecast.py).
    chance: forecast.Chance | None = None

    @property
    def commentary_text(self) -> str:
        """The commentary as a reader sees it in one line (Excel, CSV-like places): the
        period's own, or 'No commentary for this period.' and the earlier one, marked."""
        if self.commentary:
            return self.commentary
        if earlier := self.earlier_commentary:
            return f"{NO_COMMENTARY} Earlier, {earlier.period}: {earlier.text}"
        return NO_COMMENTARY

    @property
    def rating(self) -> Rating:
        return self.result.rating

    @property
    def actual_value(self) -> Decimal | None:
        return self.actual.value if self.actual else None

    @property
    def forecast_rating(self) -> Rating:
        return self.forecast.rating if self.forecast else Rating.NOT_RATED

    @property
    def quality(self) -> str:
        return self.actual.quality if self.actual else ""


class TargetData:
    """Everything needed to rate a set of targets, loaded in a handful of queries."""

    def __init__(self, targets: QuerySet[Target], *, district_id: int | None = None) -> None:
        """Load `targets` with their profiles and their area-wide actuals, or the actuals
        of one district (`district_id`) rated against the same area-wide targets."""
        self.infos = _load_infos(targets)
        # A subquery, not a list of ids: 500 ids bound as parameters in each of four
        # queries cost more than the rows they fetch.
        ids = targets.values("pk")
        self.values: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
        rows = (
            TargetValue.objects.filter(target_id__in=ids)
            .order_by()  # the model's ordering only adds a sort
            .values_list("target_id", "period", as_text("value"))
        )
        for target_id, period, value in rows:
            self.values[target_id][period] = _decimal(value, self.infos[target_id].decimal_places)
        self.actuals = self._load_actuals(
            Actual.objects.filter(target_id__in=ids, district_id=district_id)
        )

    def _load_actuals(self, actuals: QuerySet[Actual]) -> dict[int, dict[str, ActualPoint]]:
        """{target id: {period label: actual}}, each target's oldest first."""
        loaded: dict[int, dict[str, ActualPoint]] = defaultdict(dict)
        rows = actuals.order_by("period_start").values_list(
            "target_id", "period", as_text("value"), "missing_reason", "status", "quality",
            "commentary",
        )  # fmt: skip
        parsed: dict[str, Period] = {}  # a few labels over thousands of rows
        for target_id, period, value, reason, status, quality, commentary in rows:
            if period not in parsed:
                parsed[period] = Period.parse(period)
            loaded[target_id][period] = ActualPoint(
                parsed[period],
                _decimal(value, self.infos[target_id].decimal_places),
                reason,
                status,
                quality,
                commentary,
            )
        return loaded

    def reporting_period(self, info: TargetInfo, period: Period) -> Period:
        """The target's own period that a report for `period` shows: the latest period of
        the target's frequency that has ended by the end of `period` (for an annual
        indicator in a Q2 scorecard, last year)."""
        if info.frequency == period.kind:
            return period
        if info.frequency == Frequency.MONTHLY:
            return Period.of_month(period.end.year, period.end.month)
        if info.frequency == Frequency.QUARTERLY:
            return Period.of_quarter(period.fy, period.quarter or 4)
        if info.frequency == Frequency.BIENNIAL:
            # Surveys run every other year: show the latest survey reported by then.
            reported = [
                point.period
                for point in self.actuals.get(info.pk, {}).values()
                if point.period.end <= period.end
            ]
            if reported:
                return max(reported)
        own = Period.of_year(period.fy, info.frequency)
        return own if own.end <= period.end else Period.of_year(period.fy - 1, info.frequency)

    def target_for(self, info: TargetInfo, period: Period) -> Decimal | None:
        values = self.values.get(info.pk, {})
        value = values.get(period.label)
        if value is None and info.accumulation == rating.Accumulation.SNAPSHOT:
            value = values.get(period.financial_year.label)
        return value

    def lacks_profile(self, info: TargetInfo, period: Period, result: rating.RatingResult) -> bool:
        """A cumulative target rated quarterly or monthly with only its annual target."""
        return (
            result.rule is rating.Rule.NO_TARGET
            and info.accumulation == rating.Accumulation.CUMULATIVE
            and period.kind in (Frequency.MONTHLY, Frequency.QUARTERLY)
            and self.values.get(info.pk, {}).get(period.financial_year.label) is not None
        )

    def outlook(
        self, info: TargetInfo, period: Period, year: Period, actuals: dict[str, Any]
    ) -> Any:
        """The year-end forecast from this year's actuals of the period's kind so far."""
        # Within one kind, comparing start dates is the same test as `<=` and `.fy ==`, at
        # a tenth the cost.
        year_actuals = [
            (a.period, a.value)
            for a in actuals.values()
            if a.period.kind is period.kind and year.start <= a.period.start <= period.start
        ]
        return rating.forecast(
            year_actuals,
            info.accumulation,
            self.values.get(info.pk, {}).get(year.label),
            info.polarity,
            info.tolerance,
            low=info.low,
            high=info.high,
        )

    def chance(
        self, info: TargetInfo, period: Period, year: Period, actuals: dict[str, Any]
    ) -> forecast.Chance | None:
        """The chance of meeting the year's target, from the figures up to `period`
        (docs/rating.md, "Chance of meeting the target"). None with no annual target."""
        values = self.values.get(info.pk, {})
        annual = values.get(year.label)
        if annual is None and info.polarity != rating.Polarity.RANGE:
            return None
        goal = {
            "target": _f(annual), "polarity": str(info.polarity),
            "low": _f(info.low), "high": _f(info.high),
        }  # fmt: skip
        # Within one kind, comparing start dates is the same test as `<=`, at a tenth the cost.
        points = [
            a for a in actuals.values()
            if a.value is not None and a.period.kind is period.kind
            and a.period.start <= period.start
        ]  # fmt: skip
        this_year = [a for a in points if a.period.start >= year.start]
        if this_year and this_year[-1].period.months_into_year == 12:
            return forecast.known_chance(float(this_year[-1].value), **goal)  # type: ignore[arg-type]
        cumulative = info.accumulation == rating.Accumulation.CUMULATIVE
        if cumulative and period.kind in (Frequency.MONTHLY, Frequency.QUARTERLY):
            # Shares of the year from the profile where every period so far has one.
            profile = [values.get(a.period.label) for a in this_year]
            by_profile = annual and all(v is not None for v in profile)
            ytd = [
                (float(p / annual) if by_profile else a.period.months_into_year / 12,  # type: ignore[operator]
                 float(a.value))  # type: ignore[arg-type]
                for a, p in zip(this_year, profile, strict=True)
            ]  # fmt: skip
            return forecast.cumulative_chance(
                ytd, periods_in_year=12 if period.kind is Frequency.MONTHLY else 4, **goal
            )
        return forecast.level_chance(
            [(_month(a.period.end), float(a.value)) for a in points],  # type: ignore[arg-type]
            at=_month(year.end),
            **goal,
        )

    def score(self, info: TargetInfo, period: Period, today: dt.date) -> Score:
        actuals = self.actuals.get(info.pk, {})
        actual = actuals.get(period.label)
        actual_value = actual.value if actual else None
        target_value = self.target_for(info, period)
        result = rating.rate(
            actual_value,
            target_value,
            info.polarity,
            info.tolerance,
            low=info.low,
            high=info.high,
            period_ended=period.has_ended(today),
        )
        if target_value is None and self.lacks_profile(info, period, result):
            # An annual target with no profile: say so, rather than a bare "not rated".
            result = replace(result, missing_profile=period.financial_year.label)
        compare_with, year = _around(period, info.accumulation)
        previous = actuals.get(compare_with)
        previous_value = previous.value if previous else None
        if previous_value is None and compare_with == info.baseline_period:
            previous_value = info.baseline
        outlook = self.outlook(info, period, year, actuals)
        grace = dt.timedelta(days=settings.RETURNS_GRACE_DAYS)
        is_late = actual_value is None and today > period.end + grace
        earlier = None
        if not (actual and actual.commentary):
            earlier = next(
                (
                    EarlierCommentary(p.period.label, p.commentary)
                    for p in reversed(actuals.values())
                    if p.commentary and p.period < period
                ),
                None,
            )
        return Score(
            target=info,
            period=period,
            target_value=target_value,
            actual=actual,
            result=result,
            direction=rating.direction(
                actual_value, previous_value, info.polarity, low=info.low, high=info.high
            ),
            previous_value=previous_value,
            forecast=outlook,
            is_late=is_late,
            commentary=actual.commentary if actual else "",
            earlier_commentary=earlier,
            chance=self.chance(info, period, year, actuals),
        )

    def scores(self, period: Period, today: dt.date | None = None) -> list[Score]:
        today = today or clock.today()
        return [
            self.score(info, self.reporting_period(info, period), today)
            for info in self.infos.values()
        ]

    def series(
        self, target_id: int, start: dt.date, end: dt.date, today: dt.date | None = None
    ) -> list[Score]:
        """Every period of the target's frequency between two dates, rated."""
        today = today or clock.today()
        info = self.infos[target_id]
        return [
            self.score(info, period, today)
            for period in periods_between(start, end, info.frequency)
        ]

    def latest_period_with_data(self) -> Period | None:
        latest: Period | None = None
        for points in self.actuals.values():
            for point in points.values():
                if point.value is not None and (latest is None or point.period.end > latest.end):
                    latest = point.period
        return latest


def latest_scores(targets: QuerySet[Target], today: dt.date | None = None) -> dict[int, Score]:
    """Each target's rating in its latest period with an actual (or its latest ended period)."""
    today = today or clock.today()
    data = TargetData(targets)
    result = {}
    for info in data.infos.values():
        points = [p for p in data.actuals.get(info.pk, {}).values() if p.value is not None]
        if points:
            period = max(points, key=lambda p: p.period.end).period
        else:
            period = Period.parse(_latest_ended(info.frequency, today).label)
        result[info.pk] = data.score(info, period, today)
    return result


@functools.lru_cache(maxsize=256)
def _around(period: Period, accumulation: str) -> tuple[str, Period]:
    """The label of the period `period` is compared with for direction of travel, and its
    financial year: the same for every target of a report, so worked out once."""
    return rating.comparison_period(period, accumulation).label, period.financial_year


def _latest_ended(frequency: Frequency, today: dt.date) -> Period:
    from indicators.periods import period_for

    period = period_for(today, frequency)
    return period.previous() if not period.has_ended(today) else period


def _q(value: Decimal | None, places: int) -> Decimal | None:
    if value is None:
        return None
    return rating.as_published(value, places)


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _month(day: dt.date) -> int:
    """A month number on one scale across years, for fitting a trend."""
    return day.year * 12 + day.month


def as_text(field: str) -> Cast:
    """A decimal column read as text, for `_decimal`. Django's SQLite converter (float →
    Decimal → quantize, per row) was a third of a 500-target scorecard's time; read as
    text, each distinct figure is converted once."""
    return Cast(field, CharField())


@functools.lru_cache(maxsize=4096)
def _decimal(text: str | None, places: int) -> Decimal | None:
    """A figure read by `as_text` ("52.3" from SQLite, "52.3000" from PostgreSQL) at the
    indicator's decimal places. Reports read the same few hundred figures over and over."""
    return None if text is None else rating.as_published(Decimal(text), places)


def _load_infos(targets: QuerySet[Target]) -> dict[int, TargetInfo]:
    """{target id: its facts}, in the order the reports list targets."""
    infos = {row["pk"]: _info_from_row(row) for row in _info_rows(targets)}
    _add_contributors(infos, targets)
    return infos


def _info_rows(targets: QuerySet[Target]) -> list[Mapping[str, Any]]:
    """The targets' own facts, one query, sorted as the reports list them."""
    rows = targets.order_by("partnership__name", "indicator__code").values(
        "pk",
        "indicator_id",
        "partnership_id",
        "lead_id",
        "data_owner_id",
        "designation",
        "priority",
        "baseline",
        "baseline_period",
        "baseline_awaited_reason",
        "tolerance_kind",
        "tolerance",
        "range_low",
        "range_high",
        "reward_grant",
        "illustrative",
        code=F("indicator__code"),
        title=F("indicator__title"),
        partnership_name=F("partnership__name"),
        theme=F("outcome__theme__name"),
        lead_name=F("lead__name"),
        polarity=F("indicator__polarity"),
        unit=F("indicator__unit"),
        places=F("indicator__decimal_places"),
        frequency=F("indicator__frequency"),
        accumulation=F("indicator__accumulation"),
        title_illustrative=F("indicator__illustrative"),
    )
    # Partnerships in the database's order of names; within each, codes as people read them.
    partnership_rank: dict[int, int] = {}
    for row in rows:
        partnership_rank.setdefault(row["partnership_id"], len(partnership_rank))
    return sorted(
        rows, key=lambda r: (partnership_rank[r["partnership_id"]], code_order(r["code"]))
    )


def _info_from_row(row: Mapping[str, Any]) -> TargetInfo:
    places = row["places"]
    return TargetInfo(
        pk=row["pk"],
        code=row["code"],
        title=row["title"],
        indicator_id=row["indicator_id"],
        partnership_id=row["partnership_id"],
        partnership=row["partnership_name"],
        theme=row["theme"] or "",
        lead_id=row["lead_id"],
        lead=row["lead_name"] or "",
        data_owner_id=row["data_owner_id"],
        designation=row["designation"],
        priority=row["priority"],
        polarity=row["polarity"],
        unit=row["unit"],
        decimal_places=places,
        frequency=Frequency(row["frequency"]),
        accumulation=row["accumulation"],
        baseline=_q(row["baseline"], places),
        baseline_period=row["baseline_period"],
        baseline_awaited_reason=row["baseline_awaited_reason"],
        tolerance=_tolerance_from_row(row),
        low=_q(row["range_low"], places),
        high=_q(row["range_high"], places),
        illustrative=row["illustrative"],
        title_illustrative=row["title_illustrative"],
        reward_grant=row["reward_grant"],
    )


def _tolerance_from_row(row: Mapping[str, Any]) -> rating.Tolerance:
    if row["tolerance_kind"] == Target.ToleranceKind.ABSOLUTE:
        return rating.Tolerance(absolute=_q(row["tolerance"], row["places"]))
    return rating.Tolerance(percent=row["tolerance"].normalize())


def _add_contributors(infos: dict[int, TargetInfo], targets: QuerySet[Target]) -> None:
    """Contributing partnerships, then contributing organisations, onto each target."""
    ids = targets.values("pk")
    partnerships = Target.contributing_partnerships.through.objects.filter(target_id__in=ids)
    for target_id, name in partnerships.values_list("target_id", "partnership__name"):
        infos[target_id].contributors.append(name)
    organisations = Target.contributing_organisations.through.objects.filter(target_id__in=ids)
    for target_id, name in organisations.values_list("target_id", "organisation__name"):
        infos[target_id].contributors.append(name)


__all__ = [
    "NO_COMMENTARY",
    "EarlierCommentary",
    "Score",
    "TargetData",
    "TargetInfo",
    "as_text",
    "latest_scores",
]
