"""Evidence: a file or a link attached to a record (an actual, a data return, a plan
action, a risk, an agenda item) to show where its figures or progress come from."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from evidence.files import BY_MEDIA_TYPE
from partnerships import clock
from partnerships.uploads import file_size_text


def evidence_path(instance: Evidence, filename: str) -> str:
    """evidence/<agreement>/<random>/<name>: a folder of its own per file, so two files of
    one name never meet and no address can be guessed from another."""
    return f"evidence/{instance.agreement_id}/{uuid.uuid4().hex}/{filename}"


class EvidenceQuerySet(models.QuerySet["Evidence"]):
    def for_records(self, records: list[models.Model]) -> EvidenceQuerySet:
        """The evidence attached to any of `records` (of one or more models), in one query:
        the content types are joined, not looked up first."""
        by_model: dict[tuple[str, str], list[int]] = {}
        for record in records:
            key = (record._meta.app_label, record._meta.model_name or "")
            by_model.setdefault(key, []).append(record.pk)
        if not by_model:
            return self.none()
        wanted = Q()
        for (app_label, model), ids in by_model.items():
            wanted |= Q(
                content_type__app_label=app_label, content_type__model=model, object_id__in=ids
            )
        return self.filter(wanted)


class Evidence(models.Model):
    """Exactly one of `file` (kept through Django's default storage) and `url` (https)."""

    agreement = models.ForeignKey(
        "partnerships.Agreement", on_delete=models.CASCADE, related_name="evidence"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=evidence_path, max_length=300, blank=True)
    url = models.URLField("link", max_length=2000, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    media_type = models.CharField(
        "type (found from the file's content)", max_length=100, blank=True, editable=False
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = clock.StampField(auto_now_add=True)
    history = HistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="evidence_record")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="evidence_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return not self.file

    @property
    def file_name(self) -> str:
        return PurePosixPath(self.file.name).name if self.file else ""

    @property
    def size_text(self) -> str:
        return file_size_text(self.size) if self.size is not None else ""

    @property
    def kind_label(self) -> str:
        kind = BY_MEDIA_TYPE.get(self.media_type)
        return kind.label if kind else "Link" if self.is_link else "File"
