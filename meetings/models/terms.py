"""A partnership's terms of reference: who is expected at its meetings, its quorum, and
whether substitutes may stand in (issue 21, part 4).

The quorum is a count ("5 members") or a fraction of the expected members ("a third"),
with or without the rule that the chair or vice-chair must be present. It is checked at
each meeting from its attendance by meetings/quorum.py. `Partnership.quorum`, the number
typed in before there were terms, became the count of each partnership's terms (the
migration `terms_of_reference`); saving terms with a count writes it back there, so the
partnership's own page, workbook export and import keep saying the same number.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class TermsOfReference(models.Model):
    class QuorumRule(models.TextChoices):
        COUNT = "count", "A number of members"
        FRACTION = "fraction", "A fraction of the expected members"

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="terms_of_reference"
    )
    quorum_rule = models.CharField(
        "quorum is", max_length=10, choices=QuorumRule.choices, default=QuorumRule.COUNT
    )
    quorum_count = models.PositiveSmallIntegerField(
        "number of members",
        null=True,
        blank=True,
        help_text="Members (or allowed substitutes) who must be present, e.g. 5.",
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        "fraction: top", null=True, blank=True, help_text="For “a third”, 1."
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        "fraction: bottom", null=True, blank=True, help_text="For “a third”, 3."
    )
    chair_required = models.BooleanField("the chair or vice-chair must be present", default=False)
    substitutes_allowed = models.BooleanField(
        "substitutes count for the member they stand in for", default=True
    )
    note = models.TextField(
        blank=True,
        help_text="Where the terms come from, e.g. “Agreed 2 October 2008”. Say what is "
        "illustrative.",
    )
    # Optimistic concurrency (issue 8): the form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_denominator__isnull=True) | Q(quorum_denominator__gt=0),
                name="terms_denominator_positive",
            )
        ]

    def __str__(self) -> str:
        return f"Terms of reference of {self.partnership}"


class ExpectedMember(models.Model):
    """Seats at the table: an organisation's seats, or a named person's."""

    terms = models.ForeignKey(
        TermsOfReference, on_delete=models.CASCADE, related_name="expected_members"
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expected_at",
    )
    person = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expected_at",
    )
    seats = models.PositiveSmallIntegerField(default=1)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(person__isnull=False),
                name="expected_member_names_someone",
            ),
            models.CheckConstraint(condition=Q(seats__gt=0), name="expected_member_has_seats"),
        ]

    def __str__(self) -> str:
        who = self.person.name if self.person else str(self.organisation)
        return f"{who} ({self.seats} seat{'s' if self.seats != 1 else ''})"
