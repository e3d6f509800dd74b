"""Action points from the minutes, and the dated updates that record how each was chased."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from meetings.models.meetings import AgendaItem, Meeting
from partnerships import clock


class ActionPointQuerySet(models.QuerySet["ActionPoint"]):
    def for_agreement(self, agreement_id: int) -> ActionPointQuerySet:
        return self.filter(item__meeting__partnership__agreement_id=agreement_id)

    def open(self) -> ActionPointQuerySet:
        return self.filter(status=ActionPoint.Status.OPEN)

    def overdue(self, today: dt.date | None = None) -> ActionPointQuerySet:
        """Open and past due: the due date, or the date of the meeting it is due at."""
        today = today or clock.today()
        return self.open().filter(
            Q(due_on__lt=today) | Q(due_on__isnull=True, due_meeting__date__lt=today)
        )

    def due_by(self, day: dt.date) -> ActionPointQuerySet:
        """Open and due on or before ``day`` (by date, or the meeting it is due at),
        overdue ones included."""
        return self.open().filter(
            Q(due_on__lte=day) | Q(due_on__isnull=True, due_meeting__date__lte=day)
        )

    def overdue_as_at(self, day: dt.date, *, by_more_than: int = 0) -> ActionPointQuerySet:
        """Open at the end of ``day`` (open now, or closed only after it) and due more than
        ``by_more_than`` days before it."""
        cutoff = day - dt.timedelta(days=by_more_than)
        return self.filter(Q(status=ActionPoint.Status.OPEN) | Q(closed_on__gt=day)).filter(
            Q(due_on__lt=cutoff) | Q(due_on__isnull=True, due_meeting__date__lt=cutoff)
        )

    def by_due(self) -> ActionPointQuerySet:
        """Soonest due first (by date, or the meeting it is due at); undated last."""
        due = Coalesce("due_on", "due_meeting__date")
        return self.order_by(due.asc(nulls_last=True), "-item__meeting__date", "position", "pk")

    def matters_arising_for(self, meeting: Meeting) -> ActionPointQuerySet:
        """Action points of the partnership's earlier meetings that were still open when
        this meeting took place: open now, or closed on or after its date."""
        return self.filter(
            item__meeting__partnership_id=meeting.partnership_id,
            item__meeting__date__lt=meeting.date,
        ).filter(Q(status=ActionPoint.Status.OPEN) | Q(closed_on__gte=meeting.date))

    def with_details(self) -> ActionPointQuerySet:
        return self.select_related(
            "item__meeting__partnership", "due_meeting__partnership"
        ).prefetch_related("owners", "updates")


class ActionPoint(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        ON_AGENDA = "on_agenda", "Covered on the agenda"
        DROPPED = "dropped", "Dropped"

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    number = models.CharField(
        max_length=12, blank=True, help_text='The minutes\' own number, e.g. "8".'
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField()
    owners = models.ManyToManyField("partnerships.Person", blank=True, related_name="action_points")
    owner_groups = models.TextField(
        blank=True,
        help_text='Owners that are not one person, one a line, e.g. "Thematic leads".',
    )
    due_on = models.DateField("due date", null=True, blank=True)
    due_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_due",
        help_text="Or due at a meeting.",
    )
    due_text = models.CharField(
        max_length=300, blank=True, help_text='As the minutes say it, e.g. "the next meeting".'
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="For the secretariat; not printed.")
    plan_action = models.ForeignKey(
        "plans.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_points",
        editable=False,
        help_text="The delivery plan action it was turned into.",
    )
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[owners])

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | (~Q(status="open") & Q(closed_on__isnull=False)),
                name="action_closed_on_iff_closed",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("meetings:action-detail", args=[self.pk])

    @property
    def meeting(self) -> Meeting:
        return self.item.meeting

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def owner_group_list(self) -> list[str]:
        return [line.strip() for line in self.owner_groups.splitlines() if line.strip()]

    @property
    def owner_names(self) -> list[str]:
        """People first, then groups, as printed in bold in the minutes."""
        return [p.name for p in self.owners.all()] + self.owner_group_list

    @property
    def latest_update(self) -> ActionUpdate | None:
        updates = list(self.updates.all())  # prefetched on lists
        return updates[-1] if updates else None

    @property
    def due(self) -> dt.date | None:
        return self.due_on or (self.due_meeting.date if self.due_meeting else None)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        due = self.due
        return self.is_open and due is not None and due < (today or clock.today())


class ActionUpdate(models.Model):
    """Progress on an action point, dated: the record of how it was chased."""

    action = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(default=clock.today)
    text = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ActionPoint.Status.choices, blank=True, help_text="Status set."
    )
    by = models.ForeignKey(
        "partnerships.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = clock.StampField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.text[:60]}"
