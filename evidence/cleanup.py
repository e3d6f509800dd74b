"""A record's evidence goes when the record does (a plan action deleted, an agenda item
taken off the agenda): removed as if by hand, so its history is kept and its file leaves
storage. Connected for each holder's model as it is registered (evidence/hooks.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from evidence.actions import evidence_remove
from evidence.models import Evidence


def record_deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    content_type = ContentType.objects.get_for_model(sender)
    for evidence in Evidence.objects.filter(content_type=content_type, object_id=instance.pk):
        evidence_remove(evidence=evidence)
