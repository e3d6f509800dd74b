"""The indicator catalogue, targets with their profiles, the actuals reported against them,
and the secretariat's word on a theme in the highlight report."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicators import rating
from indicators.periods import Frequency, Period
from partnerships import clock


def validate_period_label(label: str) -> None:
    try:
        Period.parse(label)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def code_order(code: str) -> tuple[str | int, ...]:
    """Sorts indicator codes as people read them: NI 8, NI 16, NI 110 (as text, NI 110 would
    come first). Text and numbers alternate, so any two keys compare part by part."""
    return tuple(
        int(part) if i % 2 else part.casefold() for i, part in enumerate(re.split(r"(\d+)", code))
    )


class Indicator(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", "National indicator (NI)"
        LOCAL = "local", "Local indicator (LI)"
        PROXY = "proxy", "Proxy or interim indicator"

    class Polarity(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"
        RANGE = "range", "Within a range"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"
        BIENNIAL = "biennial", "Biennial survey"

    class Accumulation(models.TextChoices):
        SNAPSHOT = "snapshot", "Snapshot"
        CUMULATIVE = "cumulative", "Cumulative (year to date)"

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(max_length=20, help_text="e.g. NI 32 or LI 7.1")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NATIONAL)
    proxy_for = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proxies",
        help_text="The indicator this one stands in for while it has no data.",
    )
    polarity = models.CharField(max_length=8, choices=Polarity.choices, default=Polarity.HIGHER)
    unit = models.CharField(max_length=30, blank=True, help_text="%, number, rate per 1,000, £…")
    decimal_places = models.PositiveSmallIntegerField(default=1)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    accumulation = models.CharField(
        max_length=10, choices=Accumulation.choices, default=Accumulation.SNAPSHOT
    )
    data_source = models.CharField(max_length=300, blank=True)
    definition = models.TextField(blank=True)
    illustrative = models.CharField(
        "illustrative note",
        max_length=500,
        blank=True,
        help_text="Leave blank when the title and definition come from the source documents "
        "or the National Indicator Set; otherwise say what is not from them.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="indicator_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator-detail", args=[self.pk])

    def clean(self) -> None:
        if self.kind == self.Kind.PROXY and self.proxy_for_id is None:
            raise ValidationError(
                {"proxy_for": "A proxy must name the indicator it stands in for."}
            )


class TargetQuerySet(models.QuerySet["Target"]):
    def active(self) -> TargetQuerySet:
        return self.filter(status=Target.Status.ACTIVE)


class Target(models.Model):
    """One indicator the agreement commits to improving, with its numbers and people."""

    class Designation(models.TextChoices):
        IMPROVEMENT = "improvement", "Improvement target"
        STATUTORY = "statutory", "Statutory / mandatory"
        LOCAL = "local", "Local"
        REWARD = "reward", "Reward (LPSA2 stretch)"

    class Priority(models.IntegerChoices):
        ONE = 1, "Priority one"
        TWO = 2, "Priority two"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        REMOVED = "removed", "Removed at refresh"

    class ToleranceKind(models.TextChoices):
        PERCENT = "percent", "Percentage of the target"
        ABSOLUTE = "absolute", "Amount in the indicator's unit"

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="targets",
        help_text="The thematic partnership responsible.",
    )
    outcome = models.ForeignKey(
        "partnerships.Outcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    lead = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets_led",
        verbose_name="target lead",
    )
    data_owner = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets_owned",
    )
    contributing_partnerships = models.ManyToManyField(
        "partnerships.Partnership", blank=True, related_name="targets_contributed"
    )
    contributing_organisations = models.ManyToManyField(
        "partnerships.Organisation", blank=True, related_name="targets_contributed"
    )
    designation = models.CharField(
        max_length=12, choices=Designation.choices, default=Designation.IMPROVEMENT
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.TWO)
    baseline = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    baseline_period = models.CharField(
        max_length=12, blank=True, validators=[validate_period_label]
    )
    baseline_awaited_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Filled in while the baseline is awaited, e.g. 'Awaiting the Place Survey'.",
    )
    tolerance_kind = models.CharField(
        max_length=8, choices=ToleranceKind.choices, default=ToleranceKind.PERCENT
    )
    tolerance = models.DecimalField(
        max_digits=12,
        decimal_places=4,
        default=Decimal(5),
        help_text="The band that separates amber from red.",
    )
    range_low = models.DecimalField(
        max_digits=14, decimal_places=4, null=True, blank=True,
        help_text="For 'within a range' indicators: the lowest acceptable value.",
    )  # fmt: skip
    range_high = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    removed_on = models.DateField(null=True, blank=True)
    removed_reason = models.CharField(max_length=300, blank=True)
    reward_grant = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Performance Reward Grant claimable if the target is met (£).",
    )
    illustrative = models.CharField(
        "illustrative note",
        max_length=500,
        blank=True,
        help_text="Leave blank when the baseline, targets, reward grant and actuals come from "
        "the source documents or real returns; otherwise say which figures are not.",
    )
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[contributing_partnerships, contributing_organisations])

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "indicator"],
                condition=Q(status="active"),
                name="target_one_active_per_indicator",
            )
        ]

    def __str__(self) -> str:
        return str(self.indicator)

    def get_absolute_url(self) -> str:
        return reverse("indicators:target-detail", args=[self.pk])

    @property
    def is_baseline_awaited(self) -> bool:
        return self.baseline is None

    @property
    def tolerance_rule(self) -> rating.Tolerance:
        if self.tolerance_kind == self.ToleranceKind.ABSOLUTE:
            return rating.Tolerance(absolute=self.tolerance)
        return rating.Tolerance(percent=self.tolerance)

    def clean(self) -> None:
        if self.status == self.Status.REMOVED and not self.removed_reason:
            raise ValidationError({"removed_reason": "Say why the target was removed."})
        if (
            self.range_low is not None
            and self.range_high is not None
            and self.range_low > self.range_high
        ):
            raise ValidationError({"range_high": "The top of the range is below its bottom."})


class TargetValue(models.Model):
    """The expected value for one period: an annual target ('2009/10') or one step of the
    profile ('2009/10 Q1', '2009-04')."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(max_length=12, validators=[validate_period_label])
    period_start = models.DateField(editable=False)
    is_annual = models.BooleanField(editable=False, default=False)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    stretch = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period_start", "-is_annual"]
        constraints = [
            models.UniqueConstraint(fields=["target", "period"], name="target_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

    def save(self, *args: object, **kwargs: object) -> None:
        parsed = Period.parse(self.period)
        self.period = parsed.label
        self.period_start = parsed.start
        self.is_annual = parsed.kind in (Frequency.ANNUAL, Frequency.BIENNIAL)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Actual(models.Model):
    """What was achieved in a period (for the whole area, or one district)."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", "Provisional"
        FINAL = "final", "Final"

    class Quality(models.TextChoices):
        NONE = "", "No concerns"
        ESTIMATED = "estimated", "Estimated"
        REVISED = "revised", "Revised"
        PROXY = "proxy", "Proxy measure"

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="actuals")
    period = models.CharField(max_length=12, validators=[validate_period_label])
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    district = models.ForeignKey(
        "partnerships.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actuals",
    )
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    missing_reason = models.CharField(
        max_length=300, blank=True, help_text="Why there is no value for this period."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROVISIONAL)
    quality = models.CharField(
        "data quality", max_length=10, choices=Quality.choices, default="", blank=True
    )
    commentary = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = clock.StampField(auto_now_add=True)
    updated_at = clock.StampField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period_start", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period"],
                condition=Q(district__isnull=True),
                name="actual_unique_area_wide",
            ),
            models.UniqueConstraint(
                fields=["target", "period", "district"],
                condition=Q(district__isnull=False),
                name="actual_unique_per_district",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | ~Q(missing_reason=""),
                name="actual_value_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.indicator.code} {self.period}: {self.value}"

    def save(self, *args: object, **kwargs: object) -> None:
        parsed = Period.parse(self.period)
        self.period = parsed.label
        self.period_start, self.period_end = parsed.start, parsed.end
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_late(self, on: dt.date) -> bool:
        return self.value is None and (on - self.period_end).days > settings.RETURNS_GRACE_DAYS


class HighlightOverride(models.Model):
    """The secretariat's word on one theme in one period's highlight report: a progress
    rating or direction of travel that replaces the rule's (with the reason why), and the
    theme's key issues. Blank rating or direction: the rule's stands (docs/reports.md)."""

    class Rating(models.TextChoices):
        GREEN = "green", "Green"
        AMBER = "amber", "Amber"
        RED = "red", "Red"

    class Direction(models.TextChoices):
        IMPROVING = "improving", "Improving"
        NO_CHANGE = "no_change", "No change"
        WORSENING = "worsening", "Worsening"

    theme = models.ForeignKey(
        "partnerships.Theme", on_delete=models.CASCADE, related_name="highlight_overrides"
    )
    period = models.CharField(max_length=12, validators=[validate_period_label])
    rating = models.CharField(
        "overall progress rating", max_length=8, choices=Rating.choices, blank=True
    )
    direction = models.CharField(
        "direction of travel", max_length=10, choices=Direction.choices, blank=True
    )
    reason = models.TextField(
        "reason for the override",
        blank=True,
        help_text="Why the theme's rating or direction differs from the rule's.",
    )
    key_issues = models.TextField("key issues", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = clock.StampField(auto_now=True)
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["theme", "period"], name="highlight_override_unique")
        ]

    def __str__(self) -> str:
        return f"{self.theme} {self.period}"

    @property
    def is_override(self) -> bool:
        return bool(self.rating or self.direction)

    def clean(self) -> None:
        if self.is_override and not self.reason.strip():
            raise ValidationError({"reason": "Say why the rule's rating is overridden."})
