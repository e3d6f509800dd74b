"""Documents built off the request: PDFs and Word files of reports, minutes and packs.

A download asks for a document (`document_for`): the question (a build function and its
parameters) and the agreement's data version now name it. If that document is kept, it is
sent at once; if not, one build is queued (a second person asking meanwhile finds the same
one: the pair is unique) and the page says how it is going (`document_response`: htmx asks
again every second, and a plain link does without JavaScript) until the file is offered.
The worker (`manage.py db_worker`, docs/background.md) runs `build_document`. A document is
kept until its agreement's data change (partnerships/data_version.py); a newer build of the
same question removes the older file. With the tests' immediate backend the build runs
inside the request, so the first answer is already the file.

A build function takes the parameters (JSON) and returns the file's bytes (or its bytes and
its name, when only the build knows it); it is marked with
`@document_builder` so that only such functions are ever run by name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.tasks import task
from django.utils.module_loading import import_string
from django.utils.timesince import timesince

from partnerships import clock, data_version
from partnerships.models import Agreement, Document

logger = logging.getLogger(__name__)

# The file's bytes, or its bytes and its name when only the build knows the name.
Builder = Callable[[dict[str, Any]], bytes | tuple[bytes, str]]
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_builder(function: Builder) -> Builder:
    """Mark a function the worker may run to build a document."""
    function.builds_documents = True  # type: ignore[attr-defined]
    return function


def _path(builder: Builder) -> str:
    return f"{builder.__module__}.{builder.__qualname__}"


def document_for(
    builder: Builder,
    params: dict[str, Any],
    *,
    agreement: Agreement,
    title: str,
    filename: str,
    content_type: str,
    retry: bool = False,
) -> Document:
    """The document answering this question at the agreement's data version now: kept, being
    built, or queued now. `retry` starts again a build that failed or was lost."""
    path = _path(builder)
    key = hashlib.sha256(json.dumps([path, params], sort_keys=True).encode()).hexdigest()
    version = data_version.current(agreement.pk)
    fields = {
        "agreement": agreement,
        "builder": path,
        "params": params,
        "title": title,
        "filename": filename,
        "content_type": content_type,
        "requested_at": clock.now(),
    }
    try:
        with transaction.atomic():
            document, created = Document.objects.get_or_create(
                key=key, data_version=version, defaults=fields
            )
    except IntegrityError:  # someone asked the same a moment before: theirs is the build
        document, created = Document.objects.get(key=key, data_version=version), False
    if not created and retry and (document.status == Document.Status.FAILED or is_lost(document)):
        restarted = Document.objects.filter(pk=document.pk, status=document.status).update(
            status=Document.Status.QUEUED, error="", started_at=None, requested_at=clock.now()
        )
        created = bool(restarted)
    if created:
        build_document.enqueue(document.pk)
        document.refresh_from_db()
    return document


def is_lost(document: Document) -> bool:
    """A build that has run far longer than any should: its worker stopped mid-way."""
    return (
        document.status == Document.Status.BUILDING
        and document.started_at is not None
        and clock.now() - document.started_at
        > dt.timedelta(seconds=settings.DOCUMENT_BUILD_TIMEOUT)
    )


def is_waiting_long(document: Document) -> bool:
    """Queued for longer than a worker takes to start anything: perhaps none is running."""
    return document.status == Document.Status.QUEUED and clock.now() - document.requested_at > (
        dt.timedelta(seconds=settings.DOCUMENT_WAIT_WARNING)
    )


@task(queue_name="documents")
def build_document(document_id: int) -> str:
    """Build one document (in the worker). Only a queued document is taken, and by one
    worker only; a failure is kept on the document, for the page to say."""
    taken = Document.objects.filter(pk=document_id, status=Document.Status.QUEUED).update(
        status=Document.Status.BUILDING, started_at=clock.now()
    )
    if not taken:
        return "taken"
    document = Document.objects.get(pk=document_id)
    try:
        builder = import_string(document.builder)
        if not getattr(builder, "builds_documents", False):
            raise ValueError(f"{document.builder} does not build documents.")
        built = builder(document.params)
    except Exception as error:
        logger.exception("Document %s (%s) could not be built", document.pk, document.title)
        Document.objects.filter(pk=document.pk).update(
            status=Document.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:500],
            finished_at=clock.now(),
        )
        return "failed"
    content, filename = built if isinstance(built, tuple) else (built, document.filename)
    document.filename = filename
    document.file.save(filename, ContentFile(content), save=False)
    document.size = len(content)
    document.status = Document.Status.READY
    document.finished_at = clock.now()
    document.save(update_fields=["file", "filename", "size", "status", "finished_at"])
    _forget_older(document)
    return "ready"


def _forget_older(document: Document) -> None:
    """The same question's files from earlier versions: they would never be sent again."""
    older = Document.objects.filter(key=document.key).exclude(pk=document.pk)
    older = older.exclude(status__in=[Document.Status.QUEUED, Document.Status.BUILDING])
    for old in older:
        if old.file:
            old.file.delete(save=False)
        old.delete()


def _ago(moment: dt.datetime | None) -> str:
    """'just now', or how long ago in words, by the app's clock (the demo's is set back)."""
    if moment is None or clock.now() - moment < dt.timedelta(minutes=1):
        return "just now"
    return f"{timesince(moment, clock.now())} ago"


def document_response(request: HttpRequest, document: Document) -> HttpResponse:
    """The file if it is ready; otherwise a page (or, to htmx, the part of it) saying how
    the build is going. The page's links ask the same address again: whoever may ask for
    the document may follow its progress, under the same permission checks."""
    if document.status == Document.Status.READY and not getattr(request, "htmx", False):
        with document.file.open("rb") as file:
            response = HttpResponse(file.read(), content_type=document.content_type)
        disposition = "inline" if document.content_type == PDF else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
        return response
    query = request.GET.copy()
    query.pop("retry", None)
    address = f"{request.path}?{query.urlencode()}"
    query["retry"] = "1"
    context = {
        "document": document,
        "address": address,
        "retry_address": f"{request.path}?{query.urlencode()}",
        "failed": document.status == Document.Status.FAILED or is_lost(document),
        "waiting_long": is_waiting_long(document),
        "ready": document.status == Document.Status.READY,
        "asked": _ago(document.requested_at),
        "started": _ago(document.started_at),
    }
    if getattr(request, "htmx", False):
        return render(request, "partnerships/includes/document_progress.html", context)
    return render(request, "partnerships/document_progress.html", context, status=202)
