"""Comparative performance (issue 10; docs/comparators.md): family groups of comparable
authorities, and the published figures imported for them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicators.models.targets import Indicator, validate_period_label
from partnerships import clock


class FamilyGroupQuerySet(models.QuerySet["FamilyGroup"]):
    def visible_in(self, agreement_id: int) -> FamilyGroupQuerySet:
        """The ready-made groups everyone shares, plus the agreement's own."""
        return self.filter(Q(agreement__isnull=True) | Q(agreement_id=agreement_id))


class FamilyGroup(models.Model):
    """A named set of comparable authorities. ONS area-classification groups are loaded
    from the shipped files and shared by every agreement (no agreement); custom groups
    (e.g. a CIPFA nearest-neighbours list) belong to the agreement whose secretariat
    made them."""

    class Kind(models.TextChoices):
        ONS_OAC = "ons_oac", "ONS area classification"
        CUSTOM = "custom", "Custom"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CUSTOM)
    code = models.CharField(max_length=20, blank=True, help_text="ONS subgroup, e.g. 5.9.16")
    agreement = models.ForeignKey(
        "partnerships.Agreement",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="family_groups",
    )
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    members = models.ManyToManyField("partnerships.Area", related_name="family_groups")
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[members])

    objects = FamilyGroupQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~Q(code=""), name="family_group_unique_code"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:family-group-detail", args=[self.pk])

    @property
    def is_custom(self) -> bool:
        return self.kind == self.Kind.CUSTOM


class ComparatorImport(models.Model):
    """One comparator file: kept as uploaded, with where it came from and its licence,
    pending until its column mapping is checked and confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the column mapping"
        IMPORTED = "imported", "Imported"

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="comparator_imports"
    )
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comparator_imports",
    )
    filename = models.CharField(max_length=200)
    content = models.BinaryField(editable=False)
    source = models.CharField(max_length=300, help_text="Who published the figures.")
    source_url = models.URLField(blank=True)
    licence = models.CharField(max_length=200, help_text="e.g. Open Government Licence v3.0")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    mapping = models.JSONField(default=dict, blank=True)
    value_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = clock.StampField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.source})"

    def get_absolute_url(self) -> str:
        return reverse("indicators:comparator-import-detail", args=[self.pk])


class ComparatorValue(models.Model):
    """A published figure for one authority, indicator and period."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="comparator_values"
    )
    area = models.ForeignKey(
        "partnerships.Area", on_delete=models.CASCADE, related_name="comparator_values"
    )
    period = models.CharField(max_length=12, validators=[validate_period_label])
    value = models.DecimalField(max_digits=14, decimal_places=4)
    batch = models.ForeignKey(ComparatorImport, on_delete=models.CASCADE, related_name="values")

    class Meta:
        ordering = ["period", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="comparator_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.period}: {self.value}"

    @property
    def source(self) -> str:
        return self.batch.source

    @property
    def licence(self) -> str:
        return self.batch.licence
