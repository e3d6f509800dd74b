"""API tokens, idempotent writes and published scorecards."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from partnerships import clock
from partnerships.models import Agreement

TOKEN_PREFIX = "gt_"


def token_hash(raw: str) -> str:
    """Only a SHA-256 of a token is kept: a copy of the database gives no one access."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A person's key to the API: it has exactly their rights, until they revoke it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What it is for, e.g. 'Police data feed'.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)  # the first characters, to tell apart
    created_at = clock.StampField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, *, user: models.Model, name: str) -> tuple[ApiToken, str]:
        """A new token and its secret, which is shown once and never kept."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=token_hash(raw), hint=raw[:8])
        return token, raw

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotentWrite(models.Model):
    """The answer to a write sent with an Idempotency-Key: a retry gets it again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = clock.StampField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"


class Publication(models.Model):
    """Whether an agreement's scorecard is open to the public (off until its secretariat
    publishes it)."""

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="publication"
    )
    is_published = models.BooleanField("published", default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    def __str__(self) -> str:
        state = "published" if self.is_published else "not published"
        return f"{self.agreement}: scorecard {state}"
