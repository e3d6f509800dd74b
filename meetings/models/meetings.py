"""Meetings of a partnership: attendance, declarations, the agenda, minutes and decisions.

A meeting moves planned → agenda published → held → minutes in draft → minutes approved.
The minutes of one meeting are approved at the partnership's next meeting. Open action
points of earlier meetings come back as "matters arising" at every later meeting until
they are closed (action_points.py).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def for_agreement(self, agreement_id: int) -> MeetingQuerySet:
        return self.filter(partnership__agreement_id=agreement_id)

    def not_yet_held(self) -> MeetingQuerySet:
        return self.filter(status__in=Meeting.NOT_YET_HELD)

    def held(self) -> MeetingQuerySet:
        return self.exclude(status__in=Meeting.NOT_YET_HELD)

    def in_order(self) -> MeetingQuerySet:
        return self.order_by("date", "starts_at", "pk")

    def ahead(self, today: dt.date) -> MeetingQuerySet:
        """Not yet held, today or later: the first is a partnership's next meeting."""
        return self.not_yet_held().filter(date__gte=today)

    def gone_by(self, today: dt.date) -> MeetingQuerySet:
        """Before today, or today and held: the latest is a partnership's last meeting."""
        return self.filter(Q(date__lt=today) | Q(date=today) & ~Q(status__in=Meeting.NOT_YET_HELD))


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        AGENDA_PUBLISHED = "agenda_published", "Agenda published"
        HELD = "held", "Held"
        MINUTES_DRAFT = "minutes_draft", "Minutes in draft"
        MINUTES_APPROVED = "minutes_approved", "Minutes approved"

    NOT_YET_HELD = (Status.PLANNED, Status.AGENDA_PUBLISHED)
    # Where the secretariat may move a meeting by hand; approval has its own workflow.
    NEXT_STATUSES: dict[str, tuple[str, ...]] = {
        Status.PLANNED: (Status.AGENDA_PUBLISHED, Status.HELD),
        Status.AGENDA_PUBLISHED: (Status.HELD,),
        Status.HELD: (Status.MINUTES_DRAFT,),
        Status.MINUTES_DRAFT: (),
        Status.MINUTES_APPROVED: (),
    }

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="Leave blank to use the partnership's name."
    )
    date = models.DateField()
    starts_at = models.TimeField("start time", null=True, blank=True)
    ends_at = models.TimeField("end time", null=True, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    chair = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_chaired",
    )
    minute_taker = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_minuted",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="following",
        editable=False,
        help_text="The partnership's meeting before this one (kept up to date by actions.py).",
    )
    declarations_note = models.CharField(
        "declarations of interest",
        max_length=300,
        blank=True,
        help_text='What the minutes say when nobody declared an interest, e.g. "There were '
        'no declarations."',
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes_of",
        editable=False,
        help_text="The meeting at which these minutes were approved.",
    )
    minutes_approved_on = models.DateTimeField(null=True, blank=True, editable=False)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    minutes_amendments = models.TextField(
        blank=True, help_text="Amendments agreed when the minutes were approved."
    )
    future_meetings = models.TextField(
        "dates of future meetings",
        blank=True,
        help_text="As the minutes give them, one a line, e.g. “22nd January 2009 at 2pm”. "
        "Left empty, the minutes print the date of the next meeting on the calendar.",
    )
    note = models.TextField(blank=True, help_text="For the secretariat; not printed.")
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-starts_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_title}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or self.partnership.name

    @property
    def is_held(self) -> bool:
        return self.status not in self.NOT_YET_HELD

    @property
    def is_minutes_approved(self) -> bool:
        return self.status == self.Status.MINUTES_APPROVED

    @property
    def next_statuses(self) -> list[Meeting.Status]:
        return [self.Status(s) for s in self.NEXT_STATUSES[self.status]]

    @property
    def time_label(self) -> str:
        """'10:00 – 12:00', '9:30', or '' when the time is not known."""

        def fmt(value: dt.time) -> str:
            return f"{value.hour}:{value.minute:02d}"

        if self.starts_at and self.ends_at:
            return f"{fmt(self.starts_at)} – {fmt(self.ends_at)}"
        if self.starts_at:
            return fmt(self.starts_at)
        if self.ends_at:
            return f"ended {fmt(self.ends_at)}"
        return ""

    def starts(self) -> dt.datetime:
        """Start as an aware datetime in the site's time zone (9:00 when not known)."""
        return timezone.make_aware(dt.datetime.combine(self.date, self.starts_at or dt.time(9)))


class Attendance(models.Model):
    """One person's attendance at one meeting, with their organisation and role as they
    were at the time (people move on; the minutes must not change with them)."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        SUBSTITUTE = "substitute", "Substitute"
        IN_ATTENDANCE = "in_attendance", "In attendance"
        APOLOGIES = "apologies", "Apologies"

    # Present members and substitutes make the quorum; officers "in attendance" do not.
    QUORATE = (Status.PRESENT, Status.SUBSTITUTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PRESENT)
    substitute_for = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_by",
    )
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once"),
            models.CheckConstraint(
                condition=Q(status="substitute", substitute_for__isnull=False)
                | (~Q(status="substitute") & Q(substitute_for__isnull=True)),
                name="attendance_substitute_names_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"

    @property
    def description(self) -> str:
        """What the minutes print after the name: 'substitute for Gwyn Owen', or the role
        and organisation ('Chief Executive, Rochford District Council | Chair…')."""
        parts = [p for p in (self.role, self.organisation) if p]
        if self.status == self.Status.SUBSTITUTE and self.substitute_for:
            return ", ".join([f"substitute for {self.substitute_for.name}", *parts])
        return ", ".join(parts)


class Declaration(models.Model):
    """A declared interest ('pecuniary or other') at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(
        "partnerships.Person", on_delete=models.PROTECT, related_name="declarations"
    )
    item = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interest = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.interest}"


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        STANDING = "standing", "Standing item"
        PROPOSED = "proposed", "Proposed item"
        MATTERS_ARISING = "matters_arising", "Minutes and matters arising"
        AOB = "aob", "Any other business"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(
        max_length=12, help_text='As printed: "4", or "4.1" and "4.a" for a sub-item.'
    )
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PROPOSED)
    purpose = models.TextField(
        blank=True, help_text="Printed under the heading in the agenda; one point a line."
    )
    presenters = models.ManyToManyField(
        "partnerships.Person", blank=True, related_name="items_presented"
    )
    responsibility = models.CharField(
        max_length=200,
        blank=True,
        help_text='Who presents when it is not one person, e.g. "Thematic leads" or "tbc".',
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        help_text="The partnership the item is about, when it is about one.",
    )
    minutes = models.TextField(
        blank=True, help_text="The minutes of the item; leave a blank line between paragraphs."
    )
    targets = models.ManyToManyField("indicators.Target", blank=True, related_name="agenda_items")
    plans = models.ManyToManyField("plans.DeliveryPlan", blank=True, related_name="agenda_items")
    # The "progress updates" item of seed 000 ("Please send updated workplans … 7 calendar
    # days before each meeting"): the pack prints the workplans' summaries under it.
    has_workplan_summaries = models.BooleanField(
        "print the delivery plan summaries in the agenda pack",
        default=False,
        help_text="Each plan's actions by rating, those overdue and those changed since the "
        "last meeting: of the delivery plans ticked as discussed, or, with none ticked, of "
        "every plan the meeting looks at.",
    )
    paper_text = models.TextField(
        "the paper as tabled",
        blank=True,
        help_text="The text of a report tabled under this item, as written: printed in the "
        "agenda pack after the agenda (blank lines separate paragraphs).",
    )
    papers = models.TextField(
        "reports and papers",
        blank=True,
        help_text="Reports or papers discussed, one a line: the title, then optionally “|” "
        "and its address, e.g. “Exception report, Q3 | /reports/exceptions/”.",
    )
    note = models.TextField(blank=True, help_text="For the secretariat; not printed.")
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="item_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"

    @property
    def depth(self) -> int:
        return self.number.count(".")

    @property
    def purpose_lines(self) -> list[str]:
        return [line.strip() for line in self.purpose.splitlines() if line.strip()]

    @property
    def paper_list(self) -> list[Paper]:
        """The reports and papers, each a title and an address ("" when none, or when it
        is not a web address or a page of this site)."""
        papers = []
        for line in self.papers.splitlines():
            title, _, address = (part.strip() for part in line.partition("|"))
            if not title and not address:
                continue
            if not address.startswith(("https://", "http://", "/")) or address.startswith("//"):
                address = ""
            papers.append(Paper(title or address, address))
        return papers

    @property
    def minutes_blocks(self) -> list[tuple[str, str]]:
        """The minutes as printed, each paragraph once, where it stands: ("decision", text)
        for a paragraph that is word for word one of the item's decisions, ("decided",
        text) for one that holds a decision, or part of one that runs on over several
        paragraphs ("The recommendations were accepted as set out below: i. … v. …"), and
        ("paragraph", text) for the rest. A decision that an action point of the item words
        is printed with the action point; any other decision follows the text."""
        paragraphs = self.paragraphs
        keys = [_squash(p) for p in paragraphs]
        kinds = ["paragraph"] * len(paragraphs)
        actions = [_squash(a.text) for a in self.actions.all()]  # prefetched, as decisions
        left: list[str] = []
        for decision in self.decisions.all():
            key = _squash(decision.text)
            span = _span_holding(keys, key)
            if span is None:
                if not any(key in action for action in actions):
                    left.append(decision.text)
                continue
            for index in range(*span):
                exact = span[1] - span[0] == 1 and keys[index] == key
                if kinds[index] != "decision":
                    kinds[index] = "decision" if exact else "decided"
        return [*zip(kinds, paragraphs, strict=True), *(("decision", text) for text in left)]

    @property
    def paper_paragraphs(self) -> list[str]:
        text = self.paper_text.replace("\r\n", "\n")
        return [p.strip() for p in text.split("\n\n") if p.strip()]

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.minutes.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _squash(text: str) -> str:
    """For finding a decision in the minutes: spacing, line breaks and case set aside."""
    return " ".join(text.split()).casefold()


def _span_holding(keys: list[str], key: str) -> tuple[int, int] | None:
    """The fewest paragraphs in a row that hold the text, as (first, last + 1)."""
    for end in range(1, len(keys) + 1):
        if key in " ".join(keys[:end]):
            start = 0
            while key in " ".join(keys[start + 1 : end]):
                start += 1
            return start, end
    return None


class Paper(NamedTuple):
    title: str
    address: str


def number_sort_key(number: str) -> tuple[tuple[int, int | str], ...]:
    """'2' < '4' < '4.a' < '4.b' < '10' < '10.1': numbers compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in number.split("."))


class Decision(models.Model):
    """'It was agreed that …': one record per decision, so they can be listed."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
