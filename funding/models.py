"""Money: funds and their rules, indicative allocations, bids (schemes) with amounts per
year, decisions on them, commissioning rounds, awards, quarterly spend and carry-forward.

Amounts are Decimal pounds and pence. A blank financial year means "the whole period,
not split by year" — the seeds often give one figure for a fund's life (PRG "available
2009-11"), and inventing a split would make the totals lie.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships import clock

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}
PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}
YEAR_HELP = "Financial year, e.g. 2009/10. Leave blank for the whole period, not split by year."
WHOLE_PERIOD = "Not split by year"


def year_label(year: str) -> str:
    return year or WHOLE_PERIOD


class SpendType(models.TextChoices):
    REVENUE = "revenue", "Revenue"
    CAPITAL = "capital", "Capital"


class Fund(models.Model):
    class Kind(models.TextChoices):
        PRG = "prg", "Performance Reward Grant (PRG)"
        ABG = "abg", "Area Based Grant (ABG)"
        LPSA2 = "lpsa2", "LPSA2 reward grant"
        OTHER = "other", "Other"

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="funds"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = models.CharField(max_length=200)
    spend_type = models.CharField(
        "revenue or capital",
        max_length=8,
        choices=SpendType.choices,
        blank=True,
        help_text="Leave blank when the fund pays for both.",
    )
    deciding_body = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funds_decided",
        help_text="The board or group that approves bids (its chair records decisions).",
    )
    guaranteed_share = models.DecimalField(
        "guaranteed share (%)",
        help_text="Share of its allocation each partnership is guaranteed, e.g. 95.",
        **PERCENT,
    )
    top_slice = models.DecimalField(
        "top slice for commissioning (%)",
        help_text="Taken off the top of every allocation into a commissioning pot, e.g. 3.",
        **PERCENT,
    )
    rules = models.TextField(
        blank=True, help_text="The rules as agreed, e.g. 'only schemes that address LAA targets'."
    )
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "name"], name="fund_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:fund-detail", args=[self.pk])


class FundYear(models.Model):
    """How much a fund has to give in one year (or over its whole period)."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="years")
    year = models.CharField("financial year", max_length=7, blank=True, help_text=YEAR_HELP)
    available = models.DecimalField("total available (£)", **MONEY)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="fund_year_unique"),
            models.CheckConstraint(condition=Q(available__gte=0), name="fund_year_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {year_label(self.year)}"


class Allocation(models.Model):
    """An indicative amount for one partnership from one fund in one year."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="allocations")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="allocations"
    )
    year = models.CharField("financial year", max_length=7, blank=True, help_text=YEAR_HELP)
    amount = models.DecimalField("indicative amount (£)", **MONEY)
    note = models.CharField(max_length=300, blank=True, help_text="e.g. 'excluding road safety'")
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "partnership", "year"], name="allocation_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="allocation_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} – {self.fund} {year_label(self.year)}"


class CommissioningRound(models.Model):
    """A call for bids: forms out, back by a date, decided at a meeting."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(max_length=200)
    year = models.CharField("financial year", max_length=7, blank=True, help_text=YEAR_HELP)
    opens_on = models.DateField("application forms out")
    closes_on = models.DateField("applications back by")
    decision_meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The meeting that decides the bids.",
    )
    decision_due = models.CharField(
        "decided at", max_length=200, blank=True, help_text="e.g. 'the June meeting'"
    )
    criteria = models.TextField(blank=True)
    is_capital_allowed = models.BooleanField("capital bids allowed", default=False)
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_open"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:round-detail", args=[self.pk])

    def window_state(self, today: dt.date) -> str:
        """'not open yet', 'open' or 'closed', for the application window on ``today``."""
        if today < self.opens_on:
            return "not open yet"
        return "open" if today <= self.closes_on else "closed"


class BidQuerySet(models.QuerySet["Bid"]):
    def in_agreement(self, agreement_id: int) -> BidQuerySet:
        return self.filter(partnership__agreement_id=agreement_id)

    def considered(self) -> BidQuerySet:
        """Bids put to the partnership: everything but drafts."""
        return self.exclude(status=Bid.Status.DRAFT)


class Bid(models.Model):
    """A scheme asking a fund for money, year by year."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ENDORSED = "endorsed", "Endorsed by the partnership"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        DEFERRED = "deferred", "Deferred"

    # Who moves a bid where: the partnership's leads submit; the partnership endorses; the
    # deciding body approves, rejects or defers (a deferred bid can be decided later).
    NEXT: dict[str, tuple[str, ...]] = {
        Status.DRAFT: (Status.SUBMITTED,),
        Status.SUBMITTED: (Status.ENDORSED,),
        Status.ENDORSED: (Status.APPROVED, Status.REJECTED, Status.DEFERRED),
        Status.DEFERRED: (Status.APPROVED, Status.REJECTED),
        Status.APPROVED: (),
        Status.REJECTED: (),
    }
    DECISIONS = (Status.APPROVED, Status.REJECTED, Status.DEFERRED)
    AWAITING_DECISION = (Status.ENDORSED, Status.DEFERRED)

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="bids"
    )
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="bids")
    round = models.ForeignKey(
        CommissioningRound,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bids",
        verbose_name="commissioning round",
    )
    title = models.CharField("scheme", max_length=300)
    scheme_lead = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bids_led",
    )
    spend_type = models.CharField(
        "revenue or capital", max_length=8, choices=SpendType.choices, default=SpendType.REVENUE
    )
    targets = models.ManyToManyField(
        "indicators.Target", blank=True, related_name="bids", verbose_name="targets it serves"
    )
    actions = models.ManyToManyField(
        "plans.Action", blank=True, related_name="bids", verbose_name="plan actions"
    )
    funding_lines = models.ManyToManyField(
        "plans.FundingLine", blank=True, related_name="bids", verbose_name="plan funding"
    )
    rationale = models.TextField(blank=True)
    impact = models.TextField("impact on targets", blank=True)
    risk_of_not_funding = models.TextField("consequence or risk of not funding", blank=True)
    value_for_money = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(blank=True, help_text="Where the figures come from, caveats.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[targets, actions, funding_lines])

    objects = BidQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:bid-detail", args=[self.pk])

    @property
    def deciding_body_id(self) -> int | None:
        return self.fund.deciding_body_id or self.partnership.reports_to_id

    @property
    def total_amount(self) -> Decimal:
        """All years together (uses prefetched amounts when there are some)."""
        return sum((a.amount for a in self.amounts.all()), Decimal("0.00"))

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.DEFERRED)


class BidAmount(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="amounts")
    year = models.CharField("financial year", max_length=7, blank=True, help_text=YEAR_HELP)
    amount = models.DecimalField("amount (£)", **MONEY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "year"], name="bid_amount_one_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="bid_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{year_label(self.year)}: £{self.amount:,.2f}"


class BidDecision(models.Model):
    """One step of a bid's trail: who moved it where, when, and at which meeting."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(max_length=10, choices=Bid.Status.choices)
    to_status = models.CharField("outcome", max_length=10, choices=Bid.Status.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField("date")
    recorded_at = clock.StampField(auto_now_add=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="minutes item",
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.bid}: {self.get_to_status_display()}"


class Award(models.Model):
    """Money approved for a bid in one year."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="awards")
    year = models.CharField("financial year", max_length=7, blank=True, help_text=YEAR_HELP)
    amount = models.DecimalField("amount (£)", **MONEY)
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "year"], name="award_one_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="award_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.bid} {year_label(self.year)}"

    @property
    def spent(self) -> Decimal:
        """Spend so far (uses prefetched spend when there is some)."""
        return sum((s.amount for s in self.spend.all()), Decimal("0.00"))

    @property
    def unspent(self) -> Decimal:
        return self.amount - self.spent


class Spend(models.Model):
    class Quarter(models.IntegerChoices):
        Q1 = 1, "Q1 (Apr–Jun)"
        Q2 = 2, "Q2 (Jul–Sep)"
        Q3 = 3, "Q3 (Oct–Dec)"
        Q4 = 4, "Q4 (Jan–Mar)"

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="spend")
    quarter = models.PositiveSmallIntegerField(choices=Quarter.choices)
    amount = models.DecimalField("spent (£)", **MONEY)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["quarter"]
        constraints = [
            models.UniqueConstraint(fields=["award", "quarter"], name="spend_one_per_quarter"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="spend_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.award} {self.get_quarter_display()}"


class CarryForward(models.Model):
    """Underspend rolled from one year into the next, with the rule and who agreed it."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="carry_forwards")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="carry_forwards"
    )
    award = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.SET_NULL, related_name="carry_forwards"
    )
    from_year = models.CharField(max_length=7)
    to_year = models.CharField(max_length=7)
    amount = models.DecimalField(
        "amount (£)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Leave blank while the amount is still to be confirmed.",
    )
    percent_of_budget = models.DecimalField("underspend (% of budget)", **PERCENT)
    rule = models.TextField(help_text="The principle it was rolled forward on.")
    agreed_by = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="carry_forwards_agreed",
        help_text="The board or group that agreed it.",
    )
    agreed_on = models.DateField()
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="minutes item",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_year", "partnership__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="carry_forward_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.fund}: {self.from_year} → {self.to_year}"


class RewardRule(models.Model):
    """The agreement's rule for partial reward (issue 21): the LPSA2 style "60% of the
    stretch earns …". Below `threshold` % of the stretch nothing is paid; from it, the
    grant in proportion to the share achieved (or the whole grant). Without a rule the
    grant is paid only when the target is met (funding/reward.py)."""

    agreement = models.OneToOneField(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="reward_rule"
    )
    threshold = models.DecimalField(
        "least share of the stretch that earns grant (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal(60),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="For example 60: below 60% of the stretch achieved, no grant is paid.",
    )
    is_pro_rata = models.BooleanField(
        "paid pro rata from the threshold",
        default=True,
        help_text="Pro rata: 75% of the stretch earns 75% of the grant. Otherwise the whole "
        "grant is paid once the threshold is reached.",
    )
    source = models.CharField(
        "where the agreement states it",
        max_length=300,
        blank=True,
        help_text="For example 'LPSA2 agreement, schedule 2, paragraph 4'.",
    )
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    def __str__(self) -> str:
        paid = "pro rata" if self.is_pro_rata else "the whole grant"
        return f"From {self.threshold.normalize():f}% of the stretch: {paid}"


class Scenario(models.Model):
    """A what-if reallocation (issue 21): money moved between allocations or between bids,
    on paper only. Its moves are applied to the current figures when it is shown
    (funding/scenarios.py); nothing in the ledger is ever changed by a scenario."""

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="funding_scenarios"
    )
    name = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = clock.StampField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:scenario-detail", args=[self.pk])


class ScenarioMove(models.Model):
    """One move in a scenario: `amount` from one line (an allocation, or a bid's amount in a
    year) to another line of the same kind and fund, or, with no destination, cut (back to
    the fund)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="moves")
    from_allocation = models.ForeignKey(
        Allocation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    from_bid = models.ForeignKey(
        Bid, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    from_year = models.CharField(max_length=7, blank=True)
    to_allocation = models.ForeignKey(
        Allocation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to_bid = models.ForeignKey(
        Bid, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to_year = models.CharField(max_length=7, blank=True)
    amount = models.DecimalField("amount (£)", max_digits=14, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = clock.StampField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="scenario_move_positive"),
            models.CheckConstraint(
                condition=Q(from_allocation__isnull=True) ^ Q(from_bid__isnull=True),
                name="scenario_move_one_source",
            ),
            models.CheckConstraint(
                condition=Q(to_allocation__isnull=True) | Q(to_bid__isnull=True),
                name="scenario_move_one_destination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario}: £{self.amount:,.2f}"
