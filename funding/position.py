"""The funding position, read from the database in a fixed number of queries and totalled
through `money`. The page, the ledger export and the statement all come from here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from funding import reward as rules
from funding.models import (
    Allocation,
    Award,
    Bid,
    BidAmount,
    CarryForward,
    Fund,
    FundYear,
    RewardRule,
    Spend,
    year_label,
)
from funding.money import (
    ZERO,
    Figures,
    Line,
    Measure,
    RewardTarget,
    RewardTotals,
    over_allocation,
    reward_totals,
    summarise,
    total,
)
from indicators.models import Target, TargetValue
from indicators.scoring import Score, latest_scores
from partnerships.models import Agreement, Partnership


def year_order(year: str) -> tuple[int, str]:
    """Years in order, the whole-period figures last."""
    return (1, "") if not year else (0, year)


def position_lines(
    agreement: Agreement, *, partnership: Partnership | None = None, fund: Fund | None = None
) -> list[Line]:
    """Every amount of the agreement as Lines: five queries whatever the data size."""
    scope: dict[str, object] = {}
    if partnership is not None:
        scope["partnership"] = partnership
    if fund is not None:
        scope["fund"] = fund
    allocs = Allocation.objects.filter(fund__agreement=agreement, **scope)
    bid_scope = {f"bid__{k}": v for k, v in scope.items()}
    bids = BidAmount.objects.filter(bid__partnership__agreement=agreement, **bid_scope).exclude(
        bid__status=Bid.Status.DRAFT
    )
    awards = Award.objects.filter(bid__partnership__agreement=agreement, **bid_scope)
    spend = Spend.objects.filter(
        award__bid__partnership__agreement=agreement,
        **{f"award__bid__{k}": v for k, v in scope.items()},
    )
    carried = CarryForward.objects.filter(fund__agreement=agreement, amount__isnull=False, **scope)
    lines = [
        *(Line(p, f, y, Measure.INDICATIVE, a) for p, f, y, a in allocs.values_list(
            "partnership_id", "fund_id", "year", "amount")),
        *(Line(p, f, y, Measure.BID, a) for p, f, y, a in bids.values_list(
            "bid__partnership_id", "bid__fund_id", "year", "amount")),
        *(Line(p, f, y, Measure.APPROVED, a) for p, f, y, a in awards.values_list(
            "bid__partnership_id", "bid__fund_id", "year", "amount")),
        *(Line(p, f, y, Measure.SPENT, a) for p, f, y, a in spend.values_list(
            "award__bid__partnership_id", "award__bid__fund_id", "award__year", "amount")),
        *(Line(p, f, y, Measure.CARRIED, a) for p, f, y, a in carried.values_list(
            "partnership_id", "fund_id", "from_year", "amount")),
    ]  # fmt: skip
    return lines


@dataclass
class YearRow:
    year: str
    figures: Figures

    @property
    def label(self) -> str:
        return year_label(self.year)


@dataclass
class Group:
    """One partnership's position in one fund."""

    partnership: Partnership
    fund: Fund
    years: list[YearRow]
    total: Figures
    bids: list[Bid] = field(default_factory=list)

    @property
    def has_yearly_gaps(self) -> bool:
        """A year's gap means something only when the indicative amount is split by year;
        an amount for the whole period is compared with the bids in total only."""
        return not any(row.year == "" and row.figures.indicative for row in self.years)


@dataclass
class Position:
    groups: list[Group]
    by_fund: list[tuple[Fund, Figures]]
    total: Figures
    scores: dict[int, Score]
    # What each fund has to give, allocated or not (e.g. a reward grant not yet allocated).
    available: list[tuple[Fund, list[FundYearCheck]]] = field(default_factory=list)
    # Underspend agreed to be carried forward whose amount is still to be confirmed.
    pending_carries: list[CarryForward] = field(default_factory=list)


def bids_with_targets(bids: QuerySet[Bid]) -> QuerySet[Bid]:
    return bids.select_related("partnership", "fund", "scheme_lead").prefetch_related(
        "amounts",
        Prefetch("targets", queryset=Target.objects.select_related("indicator")),
    )


def funding_position(
    agreement: Agreement, *, partnership: Partnership | None = None, fund: Fund | None = None
) -> Position:
    lines = position_lines(agreement, partnership=partnership, fund=fund)
    partnerships = {p.pk: p for p in Partnership.objects.filter(agreement=agreement)}
    funds = {f.pk: f for f in Fund.objects.filter(agreement=agreement)}
    per_year = summarise(lines, lambda line: (line.partnership, line.fund, line.year))
    per_group = summarise(lines, lambda line: (line.partnership, line.fund))
    bids = Bid.objects.in_agreement(agreement.pk)
    if partnership is not None:
        bids = bids.filter(partnership=partnership)
    if fund is not None:
        bids = bids.filter(fund=fund)
    bids_by_group: dict[tuple[int, int], list[Bid]] = defaultdict(list)
    target_ids: set[int] = set()
    for bid in bids_with_targets(bids):
        bids_by_group[(bid.partnership_id, bid.fund_id)].append(bid)
        target_ids |= {t.pk for t in bid.targets.all()}
    keys = set(per_group) | set(bids_by_group)
    groups = [
        Group(
            partnership=partnerships[p],
            fund=funds[f],
            years=[
                YearRow(y, figures)
                for (pp, ff, y), figures in sorted(
                    per_year.items(), key=lambda item: year_order(item[0][2])
                )
                if (pp, ff) == (p, f)
            ],
            total=per_group.get((p, f), Figures()),
            bids=bids_by_group.get((p, f), []),
        )
        for p, f in sorted(keys, key=lambda k: (partnerships[k[0]].name, funds[k[1]].name))
    ]
    by_fund = summarise(lines, lambda line: line.fund)
    scores = latest_scores(Target.objects.filter(pk__in=target_ids)) if target_ids else {}
    return Position(
        groups=groups,
        by_fund=[(funds[f], by_fund[f]) for f in sorted(by_fund, key=lambda f: funds[f].name)],
        total=total(lines),
        scores=scores,
        available=[] if partnership is not None else _available(agreement, funds, fund),
        pending_carries=list(
            CarryForward.objects.filter(
                fund__agreement=agreement,
                amount__isnull=True,
                **({"partnership": partnership} if partnership is not None else {}),
                **({"fund": fund} if fund is not None else {}),
            ).select_related("fund", "partnership", "agreed_by")
        ),
    )


def _available(
    agreement: Agreement, funds: dict[int, Fund], fund: Fund | None
) -> list[tuple[Fund, list[FundYearCheck]]]:
    """Funds with an amount available recorded, against what is allocated: two queries."""
    years = FundYear.objects.filter(fund__agreement=agreement)
    allocations = Allocation.objects.filter(fund__agreement=agreement)
    if fund is not None:
        years, allocations = years.filter(fund=fund), allocations.filter(fund=fund)
    years_by_fund: dict[int, list[FundYear]] = defaultdict(list)
    for year in years:
        years_by_fund[year.fund_id].append(year)
    allocations_by_fund: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in allocations:
        allocations_by_fund[allocation.fund_id].append(allocation)
    return [
        (funds[f], fund_checks(funds[f], allocations_by_fund[f], years_by_fund[f]))
        for f in sorted(years_by_fund, key=lambda f: funds[f].name)
    ]


# Fund availability and over-allocation ---------------------------------------------------


@dataclass
class FundYearCheck:
    year: str
    available: Decimal | None
    allocated: Decimal

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def over_by(self) -> Decimal:
        return over_allocation(self.available, self.allocated)

    @property
    def unallocated(self) -> Decimal | None:
        return None if self.available is None else self.available - self.allocated


def fund_checks(
    fund: Fund, allocations: list[Allocation], years: list[FundYear]
) -> list[FundYearCheck]:
    allocated: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for allocation in allocations:
        allocated[allocation.year] += allocation.amount
    available = {y.year: y.available for y in years}
    return [
        FundYearCheck(year, available.get(year), allocated.get(year, ZERO))
        for year in sorted(set(allocated) | set(available), key=year_order)
    ]


# Reward at risk ---------------------------------------------------------------------------


@dataclass
class RewardRow:
    target: Target
    score: Score | None
    reward: RewardTarget


@dataclass
class RewardReport:
    by_partnership: list[tuple[Partnership, RewardTotals, list[RewardRow]]]
    total: RewardTotals
    rule: RewardRule | None = None


def reward_at_risk(
    agreement: Agreement, today: dt.date | None = None, *, partnership_id: int | None = None
) -> RewardReport:
    """Each reward target's grant: at risk unless forecast green, and expected under the
    agreement's partial reward rule with its range (funding/reward.py). Six queries."""
    targets_qs = (
        Target.objects.active()
        .filter(agreement=agreement, reward_grant__isnull=False)
        .select_related("indicator", "partnership")
    )
    if partnership_id is not None:
        targets_qs = targets_qs.filter(partnership_id=partnership_id)
    targets = list(targets_qs)
    scores = latest_scores(targets_qs, today) if targets else {}
    rule = RewardRule.objects.filter(agreement=agreement).first()
    partial = (
        rules.PartialRule(float(rule.threshold), rule.is_pro_rata) if rule else rules.WHOLE_WHEN_MET
    )
    goals = _annual_goals(targets_qs) if targets else {}
    rows = []
    for target in targets:
        score = scores.get(target.pk)
        forecast = score.forecast_rating.value if score else "not_rated"
        grant = target.reward_grant or ZERO
        expected = _expected(target, score, goals, partial, grant)
        rows.append(
            RewardRow(
                target,
                score,
                RewardTarget(target.pk, target.partnership_id, grant, forecast, *expected),
            )
        )
    totals = reward_totals(r.reward for r in rows)
    partnerships = {t.partnership_id: t.partnership for t in targets}
    by_partnership = [
        (partnerships[p], totals[p], [r for r in rows if r.target.partnership_id == p])
        for p in sorted(totals, key=lambda p: partnerships[p].name)
    ]
    return RewardReport(by_partnership, sum(totals.values(), RewardTotals()), rule)


def _annual_goals(targets: QuerySet[Target]) -> dict[tuple[int, str], Decimal]:
    """{(target, year): the stretch target, or the annual target where none is set}."""
    rows = TargetValue.objects.filter(target__in=targets, is_annual=True).values_list(
        "target_id", "period", "value", "stretch"
    )
    return {
        (t, period): stretch if stretch is not None else value for t, period, value, stretch in rows
    }


def _expected(
    target: Target,
    score: Score | None,
    goals: dict[tuple[int, str], Decimal],
    rule: rules.PartialRule,
    grant: Decimal,
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(expected, worst, best) grant; all None when there is not enough data to say."""
    chance = score.chance if score else None
    if score is None or chance is None or chance.probability is None:
        return None, None, None
    goal = goals.get((target.pk, score.period.financial_year.label))
    if goal is None or chance.expected is None or chance.low is None or chance.high is None:
        return None, None, None
    polarity = target.indicator.polarity
    start = float(target.baseline) if target.baseline is not None else None
    stretch = rules.Stretch(start, float(goal), polarity)
    shares = rules.expected_shares(chance.expected, chance.low, chance.high, stretch, rule)
    expected, worst, best = (rules.grant_share(grant, share) for share in shares)
    return expected, worst, best


# Statement of grant use -------------------------------------------------------------------


@dataclass
class StatementRow:
    award: Award
    quarters: list[Decimal]

    @property
    def spent(self) -> Decimal:
        return sum(self.quarters, ZERO)

    @property
    def unspent(self) -> Decimal:
        return self.award.amount - self.spent


@dataclass
class Statement:
    year: str
    rows: list[StatementRow]
    carry_forwards: list[CarryForward]

    @property
    def awarded(self) -> Decimal:
        return sum((r.award.amount for r in self.rows), ZERO)

    @property
    def spent(self) -> Decimal:
        return sum((r.spent for r in self.rows), ZERO)

    @property
    def unspent(self) -> Decimal:
        return self.awarded - self.spent

    @property
    def quarter_totals(self) -> list[Decimal]:
        return [sum((r.quarters[q] for r in self.rows), ZERO) for q in range(4)]

    @property
    def carried(self) -> Decimal:
        return sum((c.amount or ZERO for c in self.carry_forwards), ZERO)


def grant_statement(agreement: Agreement, year: str) -> Statement:
    awards = (
        Award.objects.filter(bid__partnership__agreement=agreement, year=year)
        .select_related("bid__partnership", "bid__fund")
        .prefetch_related("spend")
        .order_by("bid__fund__name", "bid__partnership__name", "bid__title")
    )
    rows = []
    for award in awards:
        quarters = [ZERO] * 4
        for spend in award.spend.all():
            quarters[spend.quarter - 1] += spend.amount
        rows.append(StatementRow(award, quarters))
    carries = list(
        CarryForward.objects.filter(fund__agreement=agreement, from_year=year).select_related(
            "fund", "partnership", "agreed_by", "meeting"
        )
    )
    return Statement(year, rows, carries)
