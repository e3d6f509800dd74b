"""What is coming: the partnership's forward plan, and each person's calendar feed of
meetings."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from meetings.models.meetings import AgendaItem, Meeting
from partnerships import clock


class ForwardPlanItem(models.Model):
    """An item the partnership means to take at a future meeting ("proposed"), at every
    meeting ("standing"), or some time not yet fixed ("to be scheduled")."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="forward_plan"
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_items",
        help_text="Leave blank for a standing item or one still to be scheduled.",
    )
    is_standing = models.BooleanField("standing item", default=False)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True, help_text="One point a line.")
    responsible = models.ManyToManyField(
        "partnerships.Person", blank=True, related_name="forward_plan_items"
    )
    responsibility = models.CharField(
        max_length=200, blank=True, help_text='As written when not one person, e.g. "Tbc".'
    )
    about = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The partnership the item is about, when it is about one.",
    )
    note = models.CharField(max_length=500, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forward_plan_items",
        editable=False,
        help_text="The agenda item it became.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_standing=False) | Q(meeting__isnull=True),
                name="standing_item_has_no_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def detail_lines(self) -> list[str]:
        return [line.strip() for line in self.detail.splitlines() if line.strip()]

    @property
    def is_to_be_scheduled(self) -> bool:
        return not self.is_standing and self.meeting_id is None


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar address. Calendar programs cannot sign in, so the
    address itself is the key: it shows meetings only, and can be replaced at any time."""

    person = models.OneToOneField(
        "partnerships.Person", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created = clock.StampField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar of {self.person}"
