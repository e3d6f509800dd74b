"""The secretariat's word on the whole agreement in one period's highlight report, as a
Government Office wrote it (seed 004, GOEM on the Leicestershire LAA): an overall rating
and a direction of travel, each a colour set with a reason; per block (theme) the risks to
the mandatory outcomes and to other outcomes, the impact and strong performance, and the
missing information (with what concerns the whole agreement); and the other key issues for
government.

One edit page writes the agreement's row and its blocks' rows together, under the
agreement row's version (partnerships/conflicts.py), so two people editing the report at
once are caught whichever block they changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from indicators.models.targets import validate_period_label
from partnerships import clock


class Colour(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class AgreementHighlight(models.Model):
    """The agreement-level sections of one period's highlight report."""

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="highlights"
    )
    period = models.CharField(max_length=12, validators=[validate_period_label])
    overall_rating = models.CharField(
        "overall progress", max_length=8, choices=Colour.choices, blank=True
    )
    overall_reason = models.TextField(
        "overall progress: reason",
        blank=True,
        help_text="Why the agreement is rated so: what went well and what holds it back.",
    )
    direction_rating = models.CharField(
        "direction of travel", max_length=8, choices=Colour.choices, blank=True
    )
    direction_reason = models.TextField(
        "direction of travel: reason",
        blank=True,
        help_text="Whether the agreement is moving forward, and why you think so.",
    )
    impact = models.TextField(
        "impact and strong performance across the agreement",
        blank=True,
        help_text="What the agreement as a whole has achieved; each block's own goes below.",
    )
    missing_information = models.TextField(
        "missing information across the agreement",
        blank=True,
        help_text="Data gaps that concern the whole agreement; each block's own go below.",
    )
    key_issues = models.TextField(
        "other key issues for government",
        blank=True,
        help_text="Issues government departments need to act on: freedoms and flexibilities, "
        "conflicting targets, burdens. One paragraph each.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = clock.StampField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "agreement highlight"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period"], name="agreement_highlight_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.period}"


class BlockHighlight(models.Model):
    """One block's (theme's) sections of the agreement's highlight report for the period.
    Saved only with its AgreementHighlight, whose version guards both."""

    highlight = models.ForeignKey(
        AgreementHighlight, on_delete=models.CASCADE, related_name="blocks"
    )
    theme = models.ForeignKey(
        "partnerships.Theme", on_delete=models.CASCADE, related_name="block_highlights"
    )
    mandatory_risks = models.TextField("risks to the achievement of mandatory outcomes", blank=True)
    other_risks = models.TextField(
        "risks to the achievement of other outcomes of key importance", blank=True
    )
    impact = models.TextField("impact of the LAA and strong performance", blank=True)
    missing_information = models.TextField("missing information", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "block highlight"
        constraints = [
            models.UniqueConstraint(fields=["highlight", "theme"], name="block_highlight_unique")
        ]

    def __str__(self) -> str:
        return f"{self.theme} {self.highlight.period}"

    @property
    def is_empty(self) -> bool:
        return not (
            self.mandatory_risks or self.other_risks or self.impact or self.missing_information
        )
