"""A large workbook's check or import, run by the background worker (issue 19; docs/import.md,
"The web import, step by step"). The upload waits in IMPORT_UPLOAD_DIR under its token, as
for a small workbook; the run keeps what the page shows when it is done."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse


class ImportRun(models.Model):
    """One check (dry run) or confirmed import of an uploaded workbook. An import confirms
    the run whose preview was shown, once: a second click on Confirm finds the same run."""

    class Kind(models.TextChoices):
        CHECK = "check", "Check"
        IMPORT = "import", "Import"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="import_runs"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_runs",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The upload: its random name in IMPORT_UPLOAD_DIR, the name it was uploaded with, and
    # its SHA-256, checked again before it is read.
    token = models.CharField(max_length=64, db_index=True)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    # The run whose preview this import confirms, and the summary that preview showed.
    confirms = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="confirmed_by"
    )
    expected = models.JSONField(null=True, blank=True)
    # What the check or import found: summary, problems (the first 500 and their count),
    # warnings, defaults, changes (the first 100), change count, is_stale, is_applied.
    result = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)  # for the log and the admin, never shown

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.filename}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:import-run", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_confirmable(self) -> bool:
        """Done, without problems, not yet imported, and would change something."""
        found: dict[str, Any] = self.result or {}
        return (
            self.status == self.Status.DONE
            and not found.get("problem_count")
            and not found.get("is_applied")
            and bool(found.get("change_count"))
        )
