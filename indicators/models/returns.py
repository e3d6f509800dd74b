"""The quarterly data cycle (issue 9): returns, sign-off, locking and frozen ratings.

The rules are in indicators/returns.py, the workflows in indicators/return_actions.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicators.models.targets import Target, validate_period_label
from indicators.periods import Period
from partnerships import clock


class DataReturn(models.Model):
    """One target's figures for one period, on their way to sign-off.

    A row exists once someone acts on the return; until then its status comes from the
    clock (not due / due / late, see ``returns.status_on``). Approving it locks the
    period's actuals and freezes the rating (``FrozenRating``).
    """

    class Status(models.TextChoices):
        NOT_DUE = "not_due", "Not due"
        DUE = "due", "Due"
        LATE = "late", "Late"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for revision"

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="returns")
    period = models.CharField(max_length=12, validators=[validate_period_label])
    period_end = models.DateField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DUE)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField("reason for returning it", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period_end", "target"]
        constraints = [
            models.UniqueConstraint(fields=["target", "period"], name="data_return_unique")
        ]

    def __str__(self) -> str:
        return f"{self.target.indicator.code} {self.period} return"

    def save(self, *args: object, **kwargs: object) -> None:
        parsed = Period.parse(self.period)
        self.period = parsed.label
        self.period_end = parsed.end
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("indicators:return-detail", args=[self.target_id, self.period])

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED


class FrozenRating(models.Model):
    """The rating as it stood when a return was approved, with the rule version and the
    numbers then in force, so changing a tolerance later never re-colours history."""

    class Rating(models.TextChoices):
        GREEN = "green", "Green"
        AMBER = "amber", "Amber"
        RED = "red", "Red"
        NO_DATA = "no_data", "No data"
        NOT_RATED = "not_rated", "Not rated"

    data_return = models.OneToOneField(
        DataReturn, on_delete=models.CASCADE, related_name="frozen_rating"
    )
    rating = models.CharField(max_length=10, choices=Rating.choices)
    rule_version = models.CharField(max_length=10)
    tolerance_kind = models.CharField(max_length=8, choices=Target.ToleranceKind.choices)
    tolerance = models.DecimalField(max_digits=12, decimal_places=4)
    target_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    actual = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    frozen_at = clock.StampField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.data_return}: {self.get_rating_display()} (rules v{self.rule_version})"


class ActualRevision(models.Model):
    """A change to an actual after its period was approved: who, when, why, old → new."""

    data_return = models.ForeignKey(DataReturn, on_delete=models.CASCADE, related_name="revisions")
    district = models.ForeignKey(
        "partnerships.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    old_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    new_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = clock.StampField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.data_return} revised: {self.old_value} → {self.new_value}"
