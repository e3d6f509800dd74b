"""How we compare: family groups, an area's standing in its group, district hotspots.

The database side of comparative performance (the arithmetic is in benchmarks.py, the
file import in comparators.py). Each function reads what it needs in a fixed number of
queries, whatever the size of the group or the number of targets.

Our value in a comparison is the published comparator figure for our area when there is
one (the same source and definition as everyone else's), else our own reported actual
for the period; the page says which.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet

from indicators.benchmarks import Comparison, Placing, compare
from indicators.models import Actual, ComparatorImport, ComparatorValue, FamilyGroup, Target
from indicators.periods import Frequency, Period
from indicators.scoring import as_text
from partnerships.models import Agreement, Area

DATA = Path(__file__).resolve().parents[1] / "partnerships" / "data"
OAC_FILE = DATA / "oacs_for_councils.csv"
OAC_NAMES_FILE = DATA / "output_area_classification_list.csv"
OAC_SOURCE = "ONS 2001 Area Classification for local authorities (Open Government Licence)"
RANKED = ("higher", "lower")


# --- family groups ----------------------------------------------------------------------


@transaction.atomic
def oac_groups_load() -> int:
    """One shared family group per ONS area-classification subgroup, with the English
    authorities we hold as members (idempotent). Returns how many groups were created."""
    with OAC_NAMES_FILE.open(newline="", encoding="utf-8") as handle:
        names = {r["Number"]: r["Name"] for r in csv.DictReader(handle) if r["Body"] == "Council"}
    with OAC_FILE.open(newline="", encoding="utf-8") as handle:
        subgroup_of = {r["Code"]: r["Subgroups"] for r in csv.DictReader(handle)}
    areas = dict(Area.objects.filter(code__in=subgroup_of).values_list("code", "pk"))
    created = 0
    for number in sorted(set(subgroup_of.values())):
        group, is_new = FamilyGroup.objects.get_or_create(
            kind=FamilyGroup.Kind.ONS_OAC,
            code=number,
            defaults={"name": names.get(number, f"Subgroup {number}"), "source": OAC_SOURCE},
        )
        created += is_new
        wanted = {pk for code, pk in areas.items() if subgroup_of[code] == number}
        # Add only who is missing: an empty add still writes a history row.
        missing = wanted - set(group.members.values_list("pk", flat=True))
        if missing:
            group.members.add(*missing)
    return created


def default_group(agreement: Agreement, groups: list[FamilyGroup]) -> FamilyGroup | None:
    """The group an agreement's area is compared in: its own custom group first (the
    secretariat chose it), else its ONS classification group. `groups` have their members
    prefetched."""
    if agreement.area_id is None:
        return None
    holding = [g for g in groups if any(a.pk == agreement.area_id for a in g.members.all())]
    custom = [g for g in holding if g.agreement_id == agreement.pk]
    return (custom or holding or [None])[0]


def groups_for(agreement: Agreement) -> list[FamilyGroup]:
    return list(
        FamilyGroup.objects.visible_in(agreement.pk)
        .prefetch_related("members")
        .order_by("-agreement_id", "kind", "name")
    )


# --- comparisons ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Standing:
    """Our area's place in one group for one indicator and period."""

    group: FamilyGroup
    area: Area
    comparison: Comparison
    names: dict[str, str]
    our_value: Decimal | None
    is_own_actual: bool
    is_member: bool

    @property
    def placing(self) -> Placing | None:
        return self.comparison.placing_of(self.area.code)

    @property
    def gap_to_best(self) -> Decimal | None:
        return self.comparison.gap_to_best(self.area.code)

    @property
    def best_name(self) -> str:
        best = self.comparison.best
        return self.names.get(best.area, best.area) if best else ""

    @property
    def missing_names(self) -> list[str]:
        return sorted(self.names.get(code, code) for code in self.comparison.missing)


def period_values(indicator_id: int, period: str) -> dict[int, Decimal]:
    return dict(
        ComparatorValue.objects.filter(indicator_id=indicator_id, period=period).values_list(
            "area_id", "value"
        )
    )


def standing_in_group(
    *,
    polarity: str,
    group: FamilyGroup,
    area: Area,
    values: dict[int, Decimal],
    own_actual: Decimal | None = None,
) -> Standing | None:
    """None for indicators not ranked (within a range)."""
    if polarity not in RANKED:
        return None
    members = list(group.members.all())
    pairs = [(m.code, values.get(m.pk)) for m in members]
    names = {m.code: m.name for m in members}
    is_own = False
    is_member = area.pk in {m.pk for m in members}
    if is_member and values.get(area.pk) is None and own_actual is not None:
        pairs = [(code, own_actual if code == area.code else v) for code, v in pairs]
        is_own = True
    comparison = compare(pairs, polarity)
    placing = comparison.placing_of(area.code)
    our_value = placing.value if placing else None
    return Standing(group, area, comparison, names, our_value, is_own, is_member)


def own_actual(target: Target | None, period: str) -> Decimal | None:
    if target is None:
        return None
    return (
        Actual.objects.filter(target=target, period=period, district__isnull=True)
        .values_list("value", flat=True)
        .first()
    )


def sources_for(indicator_id: int, period: str) -> QuerySet[ComparatorImport]:
    return ComparatorImport.objects.filter(
        values__indicator_id=indicator_id, values__period=period
    ).distinct()


QUARTILE_NAMES = {
    1: "Top quartile",
    2: "Second quartile",
    3: "Third quartile",
    4: "Bottom quartile",
}


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A target's place in its agreement's family group, for a report's benchmark column."""

    placing: Placing
    of: int  # group members with a figure
    period: str  # the comparator year used: the latest published by the report period
    group: str

    @property
    def quartile(self) -> int:
        return self.placing.quartile

    @property
    def text(self) -> str:
        return f"{QUARTILE_NAMES[self.quartile]} ({self.placing.rank} of {self.of}, {self.period})"


def latest_year(periods: Iterable[str], period: Period) -> str | None:
    """The latest annual comparator period up to the report period's financial year:
    published comparisons lag, so a 2009/10 Q2 scorecard compares on 2008/09 if that is
    the latest year out."""
    year = period.financial_year
    annual = [p for p in periods if (parsed := _annual(p)) is not None and parsed <= year]
    return max(annual, key=Period.parse, default=None)


def _annual(label: str) -> Period | None:
    try:
        parsed = Period.parse(label)
    except ValueError:
        return None
    return parsed if parsed.kind is Frequency.ANNUAL else None


def benchmarks_for(targets: QuerySet[Target], period: Period) -> dict[int, Benchmark]:
    """{target id: its benchmark} in each target's agreement's default family group (its
    own custom group first, else its ONS group), on the latest comparator year up to the
    report period. Targets without comparator data are left out. Four queries, whatever
    the number of targets; rows are read as tuples, since a scorecard asks for all of them."""
    rows = [
        row
        for row in targets.values_list(
            "pk", "indicator_id", "indicator__polarity", "agreement_id", "agreement__area_id"
        )
        if row[2] in RANKED
    ]
    if not rows:
        return {}
    groups = list(
        FamilyGroup.objects.filter(
            Q(agreement__isnull=True) | Q(agreement_id__in={row[3] for row in rows})
        ).values_list("pk", "agreement_id", "name")
    )
    members: dict[int, dict[int, str]] = {}  # group: {area id: code}
    for group_id, area_id, code in FamilyGroup.members.through.objects.filter(
        familygroup_id__in=[pk for pk, _, _ in groups]
    ).values_list("familygroup_id", "area_id", "area__code"):
        members.setdefault(group_id, {})[area_id] = code
    # Each agreement's default group, worked out once for all its targets.
    default_group: dict[tuple[int, int | None], tuple[int, int | None, str] | None] = {}
    for _, _, _, agreement_id, area_id in rows:
        if (agreement_id, area_id) not in default_group:
            holding = [
                group
                for group in groups
                if group[1] in (None, agreement_id) and area_id in members.get(group[0], {})
            ]
            holding.sort(key=lambda group: group[1] is None)  # the agreement's own first
            default_group[(agreement_id, area_id)] = holding[0] if holding else None
    compared = {area for group in default_group.values() if group for area in members[group[0]]}
    if not compared:  # no group holds the areas: nothing to compare with
        return {}
    values: dict[int, dict[str, dict[int, Decimal]]] = {}
    for indicator_id, label, area_id, value in (
        ComparatorValue.objects.filter(
            indicator_id__in={row[1] for row in rows}, area_id__in=compared
        )
        .order_by()  # the model's ordering only adds a join and a sort
        .values_list("indicator_id", "period", "area_id", "value")
    ):
        values.setdefault(indicator_id, {}).setdefault(label, {})[area_id] = value
    found: dict[int, Benchmark] = {}
    for pk, indicator_id, polarity, agreement_id, area_id in rows:
        group = default_group[(agreement_id, area_id)]
        if group is None:
            continue
        by_period = values.get(indicator_id, {})
        label = latest_year(by_period, period)
        if label is None:
            continue
        group_id, _, group_name = group
        codes = members[group_id]
        by_area = by_period[label]
        comparison = compare([(code, by_area.get(a)) for a, code in codes.items()], polarity)
        placing = comparison.placing_of(codes[area_id])
        if placing is not None:
            found[pk] = Benchmark(placing, comparison.count, label, group_name)
    return found


# --- district hotspots ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hotspot:
    district: str
    value: Decimal
    gap: Decimal  # how far short of the area's target, in the indicator's unit
    share: Decimal  # of the summed shortfall across districts, in per cent


@functools.lru_cache(maxsize=4096)
def _figure(text: str | None) -> Decimal | None:
    """A district's figure read as text (`as_text`), as Django's converter would give it (at the
    column's places). Django's SQLite converter, per row, was most of a 500-target
    exception report's hotspots; read as text, each distinct figure is converted once."""
    return None if text is None else Decimal(text).quantize(_VALUE_PLACES)


_VALUE_PLACES = Decimal(1).scaleb(-Actual._meta.get_field("value").decimal_places)  # type: ignore[arg-type]


def district_shortfalls(
    values: list[tuple[str, Decimal | None]], target_value: Decimal, polarity: str
) -> list[Hotspot]:
    """Districts short of the area-wide target, worst first, with each one's share of the
    districts' summed shortfall. Pure: the district figures and the target in, no
    database. Districts on or better than target, or without a figure, are not hotspots."""
    if polarity not in RANKED:
        return []
    if polarity == "lower":
        gaps = [
            (name, value, value - target_value)
            for name, value in values
            if value is not None and value > target_value
        ]
    else:
        gaps = [
            (name, value, target_value - value)
            for name, value in values
            if value is not None and value < target_value
        ]
    total = sum((gap for _, _, gap in gaps), Decimal(0))
    gaps.sort(key=lambda item: (-item[2], item[0]))
    return [
        Hotspot(name, value, gap, (gap * 100 / total).quantize(_SHARE_PLACES))
        for name, value, gap in gaps
    ]


_SHARE_PLACES = Decimal("0.1")


def hotspots(
    target: Target, period: str, target_value: Decimal | None, rating: str
) -> list[Hotspot]:
    """The districts driving a red or amber rating for the period (none otherwise)."""
    rated = [(target.pk, period, target.indicator.polarity, target_value, rating)]
    return hotspots_for(rated).get(target.pk, [])


def hotspots_for(
    rated: Iterable[tuple[int, str, str, Decimal | None, str]],
) -> dict[int, list[Hotspot]]:
    """{target id: the districts driving its rating} for many targets at once (one
    query): each of ``rated`` is (target id, period, polarity, target value, rating), and
    only red or amber ones with a target value are looked at."""
    wanted = {
        (pk, period): (polarity, value)
        for pk, period, polarity, value, rating in rated
        if rating in ("red", "amber") and value is not None
    }
    if not wanted:
        return {}
    figures: dict[tuple[int, str], list[tuple[str, Decimal | None]]] = {}
    for pk, period, name, value in (
        Actual.objects.filter(
            target_id__in={pk for pk, _ in wanted},
            period__in={period for _, period in wanted},
            district__isnull=False,
        )
        .order_by()  # the model's ordering only adds a sort
        .values_list("target_id", "period", "district__name", as_text("value"))
    ):
        if (pk, period) in wanted:
            figures.setdefault((pk, period), []).append((name, _figure(value)))
    found = {}
    for (pk, period), values in figures.items():
        polarity, target_value = wanted[(pk, period)]
        spots = district_shortfalls(values, target_value, polarity)
        if spots:
            found[pk] = spots
    return found


# --- chart ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    y: int
    width: float
    label: str
    value: str
    rank: int
    quartile: int
    is_ours: bool


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    left: int
    bars: list[Bar]
    median_x: float | None
    bar_height: int


def ranked_bars(standing: Standing, *, places: int = 2, width: int = 640) -> BarChart:
    """Horizontal bars, best first, our area highlighted, a line at the median."""
    left, right, row, top = 220, 70, 20, 8
    placings = standing.comparison.placings
    high = max((p.value for p in placings), default=Decimal(1)) or Decimal(1)
    scale = (width - left - right) / float(high)
    bars = [
        Bar(
            top + i * row,
            round(float(p.value) * scale, 1) if p.value > 0 else 0,
            standing.names.get(p.area, p.area),
            f"{p.value:,.{places}f}",
            p.rank,
            p.quartile,
            p.area == standing.area.code,
        )
        for i, p in enumerate(placings)
    ]
    median = standing.comparison.median
    median_x = round(left + float(median) * scale, 1) if median is not None and median > 0 else None
    return BarChart(width, top * 2 + row * len(bars), left, bars, median_x, row - 6)
