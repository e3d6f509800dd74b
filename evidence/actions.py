"""Attaching and removing evidence: the row and the stored file go together or not at all."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from evidence.files import Kind, safe_name
from evidence.hooks import Holder
from evidence.models import Evidence
from partnerships.models import User


def evidence_attach(
    *,
    record: models.Model,
    holder: Holder,
    title: str,
    by: User,
    upload: UploadedFile | None = None,
    kind: Kind | None = None,
    url: str = "",
) -> Evidence:
    """Attach a checked file (`upload`, of `kind`, from evidence/files.py) or a link.

    The file is written to storage as the row is saved; if the row is not saved after all,
    the file is deleted again, so storage never keeps a file no evidence points to.
    """
    evidence = Evidence(
        agreement_id=holder.agreement_id(record),
        record=record,
        title=title,
        url=url,
        uploaded_by=by,
    )
    if upload is not None and kind is not None:
        upload.name = safe_name(upload.name or "", kind)
        evidence.file = upload  # type: ignore[assignment]
        evidence.size = upload.size
        evidence.media_type = kind.media_type
    try:
        with transaction.atomic():
            evidence.save()
    except BaseException:
        _delete_stored(evidence)
        raise
    return evidence


def _delete_stored(evidence: Evidence) -> None:
    stored: Any = evidence.file
    if stored and getattr(stored, "_committed", False) and stored.name:
        stored.storage.delete(stored.name)


def evidence_remove(*, evidence: Evidence) -> None:
    """Remove evidence: its history row stays (who attached what, when; who removed it);
    the file leaves storage once the removal is committed, so a file attached by mistake
    (the wrong person's details, say) is really gone."""
    name, storage = evidence.file.name, evidence.file.storage
    with transaction.atomic():
        evidence.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
