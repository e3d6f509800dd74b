"""Delivery plans (workplans): a partnership's plans, their actions with the targets they
serve, milestones, risks and funding lines.

The tables kept their names when the models moved here from partnerships (migration
plans/0001), so a database from before the move keeps every row."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from simple_history.models import HistoricalRecords

from indicators.models import Target
from indicators.returns import day_end
from partnerships import clock
from partnerships.models import Agreement, Organisation, Outcome, Partnership, Person, User
from plans import schedule


class MovedHistoricalRecords(HistoricalRecords):
    """History of a model that moved here from partnerships: its tables keep their names,
    including the history of its many-to-many fields (which simple-history would otherwise
    name after this app)."""

    def contribute_to_class(self, cls, name):  # type: ignore[no-untyped-def]
        self.table_name = f"partnerships_historical{cls._meta.model_name}"
        return super().contribute_to_class(cls, name)

    def get_meta_options_m2m(self, through_model):  # type: ignore[no-untyped-def]
        options = super().get_meta_options_m2m(through_model)
        options["db_table"] = f"partnerships_{self.get_history_model_name(through_model).lower()}"
        return options


_PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class DeliveryPlanQuerySet(models.QuerySet["DeliveryPlan"]):
    def in_agreement(self, agreement: Agreement) -> DeliveryPlanQuerySet:
        return self.filter(partnership__agreement=agreement)


class DeliveryPlan(models.Model):
    """A partnership's workplan: actions with leads and dates, risks and resources."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved"

    class Equality(models.TextChoices):
        NOT_ANSWERED = "", "Not answered yet"
        ASSESSED = "assessed", "Yes, an equality impact assessment has been done"
        PLANNED = "planned", "Not yet, an assessment is planned"
        NOT_NEEDED = "not_needed", "No, an assessment is not needed"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans_owned"
    )
    starts_on = models.DateField("period from")
    ends_on = models.DateField("period to")
    targets = models.ManyToManyField(
        Target, blank=True, related_name="plans", verbose_name="targets it serves"
    )
    outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="plans", verbose_name="outcomes it serves"
    )
    resources_summary = models.TextField(
        blank=True, help_text="People, money and other resources the plan relies on."
    )
    equality_impact = models.CharField(
        "has the plan's equality impact been assessed?",
        max_length=12,
        choices=Equality.choices,
        blank=True,
        default=Equality.NOT_ANSWERED,
    )
    equality_assessed_on = models.DateField("date assessed or planned", null=True, blank=True)
    equality_reference = models.CharField(
        "link or note",
        max_length=500,
        blank=True,
        help_text="Where the assessment is, or why one is not needed.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(
        "last updated",
        default=clock.now,
        help_text="When the plan, its actions, risks or funding last changed.",
    )
    # Optimistic concurrency (issues 8, 14) for the plan's details form; `version`
    # above is the plan document's version, which approvals move on.
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    history = MovedHistoricalRecords(m2m_fields=[targets, outcomes])

    objects = DeliveryPlanQuerySet.as_manager()

    class Meta:
        db_table = "partnerships_deliveryplan"
        ordering = ["partnership__name", "-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="plan_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan-detail", args=[self.pk])

    @property
    def equality_problem(self) -> str:
        """Why the equality impact prompt is not answered yet ("" once it is)."""
        answer = self.equality_impact
        if answer == self.Equality.NOT_ANSWERED:
            return "Answer the equality impact question: has the plan's impact been assessed?"
        if answer == self.Equality.ASSESSED and not (
            self.equality_assessed_on or self.equality_reference
        ):
            return "Give the date of the equality impact assessment, or a link to it."
        if answer == self.Equality.PLANNED and not self.equality_assessed_on:
            return "Give the date the equality impact assessment is planned for."
        if answer == self.Equality.NOT_NEEDED and not self.equality_reference:
            return "Say why an equality impact assessment is not needed."
        return ""

    @property
    def is_equality_answered(self) -> bool:
        return not self.equality_problem


class ActionQuerySet(models.QuerySet["Action"]):
    """Which actions are open and due. Their due items (what, whose, when) are built in
    plans/due.py."""

    def in_agreement(self, agreement: Agreement | int) -> ActionQuerySet:
        return self.filter(plan__partnership__agreement=agreement)

    def open(self) -> ActionQuerySet:
        """Neither complete nor dropped."""
        return self.exclude(status__in=Action.CLOSED)

    def due_by(self, day: dt.date) -> ActionQuerySet:
        """Open and due on or before ``day``, overdue ones included."""
        return self.open().filter(due_on__lte=day)

    def overdue(self, on: dt.date) -> ActionQuerySet:
        """Open and past their due date on ``on``."""
        return self.open().filter(due_on__lt=on)

    def as_at(self, day: dt.date) -> ActionQuerySet:
        """Each action with ``status_then`` and ``due_on_then``: as it stood at the end of
        ``day``, from its last version saved by then (None for an action made later)."""
        then = Action.history.filter(  # type: ignore[attr-defined]
            id=OuterRef("pk"), history_date__lt=day_end(day)
        ).order_by("-history_date", "-history_id")
        return self.annotate(
            status_then=Subquery(then.values("status")[:1]),
            due_on_then=Subquery(then.values("due_on")[:1]),
        )

    def overdue_as_at(self, day: dt.date, *, by_more_than: int = 0) -> ActionQuerySet:
        """Open at the end of ``day`` and due more than ``by_more_than`` days before it,
        as they stood then: what was done, or moved, only later still counts (an old
        exception report lists what was overdue on its date)."""
        cutoff = day - dt.timedelta(days=by_more_than)
        then = self.as_at(day).filter(due_on_then__lt=cutoff)  # type: ignore[misc]
        return then.exclude(status_then__in=Action.CLOSED)  # type: ignore[misc]


class Action(models.Model):
    """One thing a plan will do, with a lead and dates, serving one or more targets."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        SLIPPED = "slipped", "Slipped"
        COMPLETE = "complete", "Complete"
        DROPPED = "dropped", "Dropped"

    # Finished with: neither chased nor overdue (ActionQuerySet.open, schedule.is_overdue).
    CLOSED = (Status.COMPLETE, Status.DROPPED)

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="actions")
    ref = models.CharField("reference", max_length=12, blank=True, help_text="e.g. 1.3")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions_led"
    )
    contributors = models.ManyToManyField(
        Person, blank=True, related_name="actions_contributed", verbose_name="contributing people"
    )
    contributing_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="actions_contributed"
    )
    targets = models.ManyToManyField(
        Target, blank=True, related_name="actions", verbose_name="targets it serves"
    )
    starts_on = models.DateField("start date", null=True, blank=True)
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    percent_complete = models.PositiveSmallIntegerField(
        "% complete", default=0, validators=_PERCENT
    )
    progress_note = models.TextField("latest progress", blank=True)
    progress_updated_at = models.DateTimeField(null=True, blank=True)
    progress_updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = MovedHistoricalRecords(m2m_fields=[targets, contributors, contributing_organisations])

    objects = ActionQuerySet.as_manager()

    class Meta:
        db_table = "partnerships_action"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="action_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="action_due_after_start",
            ),
            models.UniqueConstraint(
                fields=["plan", "ref"], condition=~Q(ref=""), name="action_unique_ref"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#action-{self.pk}"

    def rating(self, today: dt.date) -> schedule.ActionRatingResult:
        return schedule.rate_action(
            status=self.status,
            percent_complete=self.percent_complete,
            starts_on=self.starts_on,
            due_on=self.due_on,
            today=today,
        )

    def is_overdue(self, today: dt.date) -> bool:
        return schedule.is_overdue(status=self.status, due_on=self.due_on, today=today)


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=300)
    due_on = models.DateField("due date")
    is_done = models.BooleanField("done", default=False)
    history = MovedHistoricalRecords()

    class Meta:
        db_table = "partnerships_milestone"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MANAGED = "managed", "Being managed"
        CLOSED = "closed", "Closed"

    class Likelihood(models.IntegerChoices):
        RARE = 1, "1 – Rare"
        UNLIKELY = 2, "2 – Unlikely"
        POSSIBLE = 3, "3 – Possible"
        LIKELY = 4, "4 – Likely"
        ALMOST_CERTAIN = 5, "5 – Almost certain"

    class Impact(models.IntegerChoices):
        NEGLIGIBLE = 1, "1 – Negligible"
        MINOR = 2, "2 – Minor"
        MODERATE = 3, "3 – Moderate"
        MAJOR = 4, "4 – Major"
        SEVERE = 5, "5 – Severe"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField()
    likelihood = models.PositiveSmallIntegerField(choices=Likelihood.choices)
    impact = models.PositiveSmallIntegerField(choices=Impact.choices)
    mitigation = models.TextField(blank=True)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks_owned"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    actions = models.ManyToManyField(Action, blank=True, related_name="risks")
    targets = models.ManyToManyField(Target, blank=True, related_name="risks")
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = MovedHistoricalRecords()

    class Meta:
        db_table = "partnerships_risk"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scales_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        return schedule.risk_score(self.likelihood, self.impact)

    @property
    def level(self) -> schedule.RiskLevel:
        return schedule.risk_level(self.score)


class FundingLine(models.Model):
    """Money a plan relies on, from one source in one financial year (the funding app
    later ties these to bids and spend)."""

    class Source(models.TextChoices):
        PRG = "prg", "Performance Reward Grant (PRG)"
        ABG = "abg", "Area Based Grant (ABG)"
        OTHER = "other", "Other"

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="funding_lines")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="funding_lines"
    )
    source = models.CharField(max_length=8, choices=Source.choices)
    year = models.CharField("financial year", max_length=7, help_text="e.g. 2009/10")
    amount = models.DecimalField(
        "amount (£)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    description = models.CharField(max_length=300, blank=True)
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = MovedHistoricalRecords()

    class Meta:
        db_table = "partnerships_fundingline"
        ordering = ["year", "source", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="funding_line_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year}: £{self.amount:,.2f}"

    @property
    def short_source(self) -> str:
        """PRG, ABG or Other: the names people use in tables."""
        return {self.Source.PRG: "PRG", self.Source.ABG: "ABG"}.get(self.source, "Other")


# --- Reminders (issue 9): each person's choices, and the log that makes sending idempotent.
# What is sent and when is decided in work/reminders.py.
