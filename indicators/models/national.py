"""The National Indicator Set: one shared catalogue of the English national indicators
(NI 1 … NI 199, less NI 31), loaded from the shipped file by
`manage.py load_national_indicators`, from which an agreement adds its own indicators.

Shared by every agreement, so it belongs to none. Only 57 titles are sourced: a blank
title means "not found in a source" and a site administrator records it in the app.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicators.models.targets import Indicator


class NationalIndicatorQuerySet(models.QuerySet["NationalIndicator"]):
    def offered(self) -> NationalIndicatorQuerySet:
        """The indicators an agreement may still take up: not the withdrawn ones."""
        return self.filter(is_withdrawn=False)


class NationalIndicator(models.Model):
    code = models.CharField(max_length=20, unique=True, help_text="e.g. NI 8")
    title = models.CharField(
        max_length=300, blank=True, help_text="Blank: not found in a source yet."
    )
    theme = models.CharField(max_length=200, blank=True)
    polarity = models.CharField(
        max_length=8,
        choices=Indicator.Polarity.choices,
        blank=True,
        help_text="Blank: no source says whether higher or lower is better.",
    )
    unit = models.CharField(max_length=30, blank=True)
    collection = models.CharField(max_length=100, blank=True, help_text="e.g. Place Survey")
    source = models.CharField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    is_withdrawn = models.BooleanField(
        default=False, help_text="Dropped from the set; kept so that its code is not reused."
    )
    is_title_recorded_in_app = models.BooleanField(
        default=False,
        help_text="Recorded in the app by a site administrator; kept on reload.",
    )
    history = HistoricalRecords()

    objects = NationalIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "national indicator"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title or '(title not yet recorded)'}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:national-list") + f"#{self.anchor}"

    @property
    def anchor(self) -> str:
        return self.code.replace(" ", "-").lower()
