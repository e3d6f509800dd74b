"""The agreement and who is in it: areas, organisations, people, partnerships, roles, themes."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships import clock


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A sign-in. People sign in with their e-mail address; a user may be a person in
    several agreements (one Person record in each)."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Area(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", "County"
        UNITARY = "unitary", "Unitary authority"
        DISTRICT = "district", "District"
        WARD = "ward", "Ward"

    code = models.CharField(max_length=12, unique=True, help_text="ONS code, e.g. 22UB")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    is_priority = models.BooleanField(
        "priority neighbourhood",
        default=False,
        help_text="Among the most deprived (top 20% IMD), targeted by the agreement.",
    )
    # Optimistic concurrency (issue 8): the secretariat's setup pages carry the version.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """A Local Area Agreement: years of improvement targets for an area (usually three)."""

    class PeriodType(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)
    starts_on = models.DateField()
    ends_on = models.DateField()
    government_office = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    period_type = models.CharField(
        "reporting periods",
        max_length=10,
        choices=PeriodType.choices,
        default=PeriodType.QUARTERLY,
        help_text="How often performance is reported against the targets.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def period_label(self) -> str:
        return f"{self.starts_on.year}–{self.ends_on.year}"

    @property
    def financial_years(self) -> list[str]:
        """Financial-year labels the agreement covers, e.g. ['2008/09', '2009/10', '2010/11']."""
        first = self.starts_on.year if self.starts_on.month >= 4 else self.starts_on.year - 1
        last = self.ends_on.year if self.ends_on.month >= 4 else self.ends_on.year - 1
        return [f"{year}/{(year + 1) % 100:02d}" for year in range(first, last + 1)]


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        FIRE = "fire", "Fire and rescue"
        PROBATION = "probation", "Probation"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        GOVERNMENT = "government", "Government"
        BUSINESS = "business", "Business"
        EDUCATION = "education", "Education and skills"
        OTHER = "other", "Other"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    # Optimistic concurrency (issue 8): the secretariat's setup pages carry the version.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "name"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class PersonQuerySet(models.QuerySet["Person"]):
    def in_agreement(self, agreement: Agreement) -> PersonQuerySet:
        return self.filter(agreement=agreement)


class Person(models.Model):
    """Someone who takes part in an agreement, with or without a sign-in."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=120)
    title = models.CharField(max_length=40, blank=True, help_text="e.g. Cllr, ACC")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    # Optimistic concurrency (issue 8): the secretariat's setup pages carry the version.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "user"],
                condition=Q(user__isnull=False),
                name="person_one_per_user_per_agreement",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:person-detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name


class Partnership(models.Model):
    class Kind(models.TextChoices):
        THEMATIC = "thematic", "Thematic partnership"
        LSP = "lsp", "Local strategic partnership"
        MANAGEMENT_GROUP = "management_group", "Performance management group"
        BOARD = "board", "Board or forum"
        CDRP = "cdrp", "Community safety partnership (CDRP)"
        POLICY_DELIVERY_GROUP = "policy_delivery_group", "Policy and delivery group"
        BLOCK = "block", "Block"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="partnerships")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField()
    kind = models.CharField(max_length=24, choices=Kind.choices)
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reporting"
    )
    district = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="partnerships"
    )
    quorum = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Members who must be present for a meeting to be quorate."
    )
    description = models.TextField(blank=True)
    # The next meeting is found from the meetings themselves (plans/due.py); a date set
    # here by hand stands in for it, for the workplan update deadline, until it passes.
    next_meeting_override = models.DateField(
        "next meeting (set by hand)",
        null=True,
        blank=True,
        help_text="Used in place of the next meeting booked in the meetings pages, for the "
        "workplan update deadline, until the day passes. Leave empty to follow the meetings.",
    )
    # Optimistic concurrency (issue 8): a form carries the version it was opened on.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "slug"], name="partnership_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:partnership-detail", args=[self.pk])

    @property
    def label(self) -> str:
        return self.short_name or self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        on = on or clock.today()
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        LEAD = "lead", "Lead"
        DEPUTY_LEAD = "deputy_lead", "Deputy lead"
        MEMBER = "member", "Member"
        SECRETARIAT = "secretariat", "Secretariat"
        OBSERVER = "observer", "Observer"

    EDITING_ROLES = (Role.LEAD, Role.DEPUTY_LEAD)

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["partnership__name", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.partnership}"


class Theme(models.Model):
    """A block of the agreement (e.g. Safer and Stronger Communities), owned by a partnership."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=20, blank=True)
    name = models.CharField(max_length=200)
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="themes"
    )
    order = models.PositiveSmallIntegerField(default=0)
    # Optimistic concurrency (issue 8): the secretariat's setup pages carry the version.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    class Priority(models.IntegerChoices):
        ONE = 1, "Priority one"
        TWO = 2, "Priority two"

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="outcomes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sub_outcomes"
    )
    code = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="outcomes_owned"
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.TWO)
    order = models.PositiveSmallIntegerField(default=0)
    # Optimistic concurrency (issue 8): the secretariat's setup pages carry the version.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code", "title"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class ReminderKind(models.TextChoices):
    RETURN_DUE = "return_due", "Data returns coming due"
    RETURN_LATE = "return_late", "Data returns late"
    RETURN_ESCALATED = "return_escalated", "Late returns of targets you lead"
    ACTION_POINT = "action_point", "Meeting action points due or overdue"
    PLAN_ACTION = "plan_action", "Delivery plan actions due or overdue"
    WORKPLAN = "workplan", "Workplan updates before a meeting"
    MINUTES = "minutes", "Minutes published"
    PACK = "pack", "Agenda packs ready"


class ReminderPreference(models.Model):
    """How one person wants their reminders: straight away or in a weekly digest, and
    which kinds they do not want at all."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", "Straight away, one e-mail per reminder"
        WEEKLY = "weekly", "A weekly digest (Mondays)"

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    opted_out = models.JSONField(
        default=list, blank=True, help_text="Reminder kinds (ReminderKind values) not wanted."
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.person}: {self.get_delivery_display()}"

    def wants(self, kind: str) -> bool:
        return kind not in self.opted_out


class SentReminder(models.Model):
    """One reminder to one person. The key names the thing and the occasion (e.g.
    ``return_late:12:2009/10 Q2``): a key is never sent to the same person twice. Weekly
    digest readers' reminders wait here (``sent_at`` empty) until their digest goes. Its
    e-mail is sent by the e-mail task (partnerships/mail.py), tried again when the mail
    server fails: ``queued_at`` while it is with the task, ``failed_at`` once given up."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=300)
    reason = models.CharField(max_length=500, help_text="Why the person was sent it.")
    url = models.CharField(max_length=500)
    email = models.EmailField(blank=True)
    created_at = clock.StampField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    is_digest = models.BooleanField(default=False)
    queued_at = models.DateTimeField(null=True, blank=True, help_text="Given to the e-mail task.")
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Tries to e-mail it.")
    failed_at = models.DateTimeField(null=True, blank=True, help_text="Given up: not e-mailed.")
    last_error = models.CharField(max_length=300, blank=True, help_text="Why the last try failed.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="sent_reminder_unique_key")
        ]
        indexes = [models.Index(fields=["sent_at"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.subject}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        """Neither accepted nor withdrawn; expired ones included (they may be resent)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)

    def usable(self, now: dt.datetime | None = None) -> InvitationQuerySet:
        return self.pending().filter(expires_at__gt=now or clock.now())


class Invitation(models.Model):
    """An e-mailed, one-time link to join an agreement as a person (partnerships/invitations.py).
    Only a hash of the link's token is kept; resending replaces it, so the old link dies."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    # The role it was sent for, removed again if the invitation is withdrawn unused.
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = clock.StampField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token_hash"])

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} to {self.agreement}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= clock.now()


class SignInEvent(models.Model):
    """A sign-in or a refused attempt (partnerships/signins.py): who, when, from where, how.
    Shown to the secretariat of each agreement the person is in."""

    class Method(models.TextChoices):
        PASSWORD = "password", "Password"
        SSO = "sso", "Single sign-on"
        TWO_FACTOR = "two_factor", "Second factor"

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="sign_in_events"
    )
    email = models.EmailField(blank=True)
    at = clock.StampField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=12, choices=Method.choices)
    provider = models.CharField(max_length=40, blank=True)
    is_success = models.BooleanField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["email"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        outcome = "signed in" if self.is_success else "refused"
        return f"{self.email} {outcome} ({self.get_method_display()})"


class SignedInSession(models.Model):
    """Where a user is signed in: one row per session (partnerships/sessions.py), so that
    they can see their sessions and end them, and ending a role ends them at once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=12, choices=SignInEvent.Method.choices, blank=True)
    created_at = clock.StampField(auto_now_add=True)
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} from {self.ip_address or 'unknown address'}"


def _document_storage() -> object:
    from django.core.files.storage import storages

    return storages["documents"]


class Document(models.Model):
    """A file built in the background (a PDF or Word file of a report, minutes or a pack:
    partnerships/background.py), kept for the data version of its agreement that it was
    built from, so that asking again while nothing has changed serves it at once. One per
    question (`key`) and version: two people asking at once share one build."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be built"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be built"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="+")
    builder = models.CharField(max_length=200)  # the dotted path of its build function
    params = models.JSONField()
    key = models.CharField(max_length=64)  # hash of the builder and its params
    data_version = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(storage=_document_storage, upload_to="%Y/%m/", blank=True)
    size = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "data_version"], name="one_document_a_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"
