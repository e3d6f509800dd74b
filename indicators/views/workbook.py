"""Importing and exporting the indicators workbook in the browser.

Import is upload → preview → confirm. The uploaded file is kept on the server, in
IMPORT_UPLOAD_DIR (default: a folder in the system temp directory) under a random name
that only the uploader's session knows; confirming re-reads and re-checks that file and
imports only if it would still make the changes the preview showed. Nothing the browser
sends back is trusted beyond which preview it confirms. With several app servers, point
IMPORT_UPLOAD_DIR at a shared volume (docs/import.md).

A workbook larger than IMPORT_BACKGROUND_BYTES is checked, and once confirmed imported, by
the background worker (`run_import`, an `ImportRun` each time): the request only queues the
run and sends the uploader to its page, which says how it is going (htmx asks again every
second; "Check again" does without JavaScript) and then shows the same preview, problems or
summary as the small workbook's pages would. Confirming imports the upload's latest run's
preview once: a second click finds the same import run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.tasks import task
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from indicators.models import ImportRun
from indicators.workbook import (
    COLUMNS,
    MAX_CHANGES_LISTED,
    SHEETS,
    XLSX_CONTENT_TYPE,
    ImportResult,
    Problem,
    summary_lines,
    workbook_import,
    workbook_write,
)
from partnerships import clock
from partnerships.models import Agreement
from partnerships.permissions import (
    Standing,
    agreements_for,
    can_manage_agreement,
    get_standing,
    standing_in,
)
from partnerships.typing import HtmxHttpRequest
from partnerships.uploads import upload_check

SESSION_KEY = "workbook_import"
MAX_PROBLEMS_SHOWN = 500
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the CSRF token around the file
KEEP_UPLOADS_SECONDS = 24 * 60 * 60
PREVIEW_SECONDS = 60 * 60  # a preview left longer is refused: upload the workbook again

logger = logging.getLogger(__name__)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


class UploadForm(forms.Form):
    workbook = forms.FileField(
        label="Workbook",
        help_text="An Excel workbook (.xlsx) with any of the sheets Indicators, Targets and "
        "Actuals.",
        error_messages={
            "required": "Select a workbook to import",
            "empty": "The selected file is empty",
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}", "class": "govuk-file-upload"}
        ),
        validators=[upload_check],  # its size, and what it unzips to
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large_message = (
            f"The selected file must be smaller than {_megabytes(settings.MAX_UPLOAD_BYTES)}"
        )
        if too_large:
            # The upload was refused before it arrived, so the field finds no file.
            self.fields["workbook"].error_messages["required"] = self.too_large_message


class _SizeLimit(FileUploadHandler):
    """Stops keeping an upload once it passes the limit; the form then says it is too large."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _secretariat(request: HttpRequest) -> Standing:
    standing = get_standing(request)
    if not can_manage_agreement(standing):
        raise PermissionDenied("Only the secretariat can import workbooks.")
    return standing


def _upload_dir() -> Path:
    configured = getattr(settings, "IMPORT_UPLOAD_DIR", "")
    directory = Path(configured or Path(tempfile.gettempdir()) / "golden-thread-imports")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _keep(request: HttpRequest, upload: UploadedFile, agreement: Agreement) -> Path:
    """Store the upload under a fresh random name, remembered in the session."""
    _discard(request)
    directory = _upload_dir()
    cutoff = time.time() - KEEP_UPLOADS_SECONDS
    for old in directory.glob("*.xlsx"):  # abandoned previews
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    path = directory / f"{token}.xlsx"
    digest = hashlib.sha256()
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            digest.update(chunk)
            handle.write(chunk)
    request.session[SESSION_KEY] = {
        "token": token,
        "name": Path(upload.name or "workbook.xlsx").name,
        "sha256": digest.hexdigest(),
        "agreement": agreement.pk,
        "summary": None,
        "kept_at": time.time(),
    }
    return path


def _pending(request: HttpRequest, agreement: Agreement) -> tuple[dict[str, Any], Path] | None:
    """The upload this session is previewing, if it is still there and unaltered."""
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("agreement") != agreement.pk:
        return None
    if request.method == "POST" and request.POST.get("token") != pending["token"]:
        return None
    seconds = getattr(settings, "IMPORT_PREVIEW_SECONDS", PREVIEW_SECONDS)
    if time.time() - pending.get("kept_at", 0) > seconds:
        _discard(request)
        return None
    path = _upload_dir() / f"{pending['token']}.xlsx"
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != pending["sha256"]:
        return None
    return pending, path


def _discard(request: HttpRequest) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        (_upload_dir() / f"{pending['token']}.xlsx").unlink(missing_ok=True)


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    sheets = [(name, COLUMNS[name]) for name in SHEETS]
    crumbs = [("Indicators", "/indicators/"), ("Import a workbook", "")]
    return render(
        request,
        f"indicators/{template}",
        {"sheets": sheets, "crumbs": crumbs, "nav_section": "indicators", **context},
        status=status,
    )


def _preview(request: HttpRequest, result: ImportResult, name: str, **extra: Any) -> HttpResponse:
    pending = request.session.get(SESSION_KEY)
    return _page(
        request,
        "import_preview.html",
        {
            "result": result,
            "name": name,
            "summary": summary_lines(result.summary),
            "problems": result.problems[:MAX_PROBLEMS_SHOWN],
            "more_problems": max(len(result.problems) - MAX_PROBLEMS_SHOWN, 0),
            "more_changes": max(result.change_count - MAX_CHANGES_LISTED, 0),
            "token": pending["token"] if pending else "",
            "form": UploadForm(),
            **extra,
        },
    )


# csrf_exempt so that an oversized upload is refused from its Content-Length before
# anything reads the body; the CSRF check runs in _upload, after that.
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HtmxHttpRequest) -> HttpResponse:
    standing = _secretariat(request)
    if request.method == "POST":
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.MAX_UPLOAD_BYTES + FORM_OVERHEAD:
            form = UploadForm(data={}, files={}, too_large=True)
            form.is_valid()
            return _page(request, "import_upload.html", {"form": form}, status=413)
        request.upload_handlers.insert(0, _SizeLimit(request, settings.MAX_UPLOAD_BYTES))
    return _upload(request, standing)


@csrf_protect
def _upload(request: HtmxHttpRequest, standing: Standing) -> HttpResponse:
    if request.method != "POST":
        return _page(request, "import_upload.html", {"form": UploadForm()})
    limit = request.upload_handlers[0]
    form = UploadForm(request.POST, request.FILES, too_large=getattr(limit, "too_large", False))
    if not form.is_valid():
        status = 413 if getattr(limit, "too_large", False) else 200
        return _page(request, "import_upload.html", {"form": form}, status=status)
    upload = form.cleaned_data["workbook"]
    path = _keep(request, upload, standing.agreement)
    pending = request.session[SESSION_KEY]
    if upload.size > settings.IMPORT_BACKGROUND_BYTES:
        run = _queue_check(request, standing.agreement, pending)
        return redirect(run)
    result = workbook_import(
        agreement=standing.agreement, path=path, by=request.user, dry_run=True,
        filename=pending["name"],
    )  # fmt: skip
    if result.problems or not result.change_count:
        _discard(request)
        return _preview(request, result, pending["name"])
    pending["summary"] = result.summary
    request.session.modified = True
    # Post/redirect/get: the preview can be reloaded (it is checked again) until it expires.
    return redirect("indicators:import-preview")


@login_required
@require_GET
def import_preview(request: HtmxHttpRequest) -> HttpResponse:
    standing = _secretariat(request)
    found = _pending(request, standing.agreement)
    if found is not None and found[0].get("run"):  # checked in the background
        latest = _latest_run(request, standing.agreement, found[0]["token"])
        if latest is not None:
            return redirect(latest)
    if found is None or not found[0].get("summary"):
        messages.error(request, "That preview has expired: upload the workbook again.")
        return redirect("indicators:import-upload")
    pending, path = found
    result = workbook_import(
        agreement=standing.agreement, path=path, by=request.user, dry_run=True,
        filename=pending["name"],
    )  # fmt: skip
    if result.problems or not result.change_count:
        _discard(request)
    else:
        pending["summary"] = result.summary  # what the page shows is what confirm expects
        request.session.modified = True
    return _preview(request, result, pending["name"])


@login_required
@require_POST
def import_confirm(request: HtmxHttpRequest) -> HttpResponse:
    standing = _secretariat(request)
    pending = request.session.get(SESSION_KEY) or {}
    if pending.get("run") and request.POST.get("token") == pending["token"]:
        return _confirm_in_background(request, standing, pending)
    found = _pending(request, standing.agreement)
    if found is None or not found[0].get("summary"):
        messages.error(request, "That preview has expired: upload the workbook again.")
        return redirect("indicators:import-upload")
    pending, path = found
    result = workbook_import(
        agreement=standing.agreement, path=path, by=request.user, filename=pending["name"],
        expected=pending["summary"],
    )  # fmt: skip
    if result.is_stale and not result.problems:
        pending["summary"] = result.summary
        request.session.modified = True
        return _preview(request, result, pending["name"], is_stale=True)
    _discard(request)
    if not result.is_applied:
        return _preview(request, result, pending["name"], is_stale=True)
    lines = "; ".join(summary_lines(result.summary))
    messages.success(request, f"Imported {pending['name']}. {lines}.")
    return redirect("indicators:import-upload")


@login_required
@require_POST
def import_cancel(request: HtmxHttpRequest) -> HttpResponse:
    _secretariat(request)
    _discard(request)
    messages.info(request, "Import cancelled: nothing was changed.")
    return redirect("indicators:import-upload")


# --- large workbooks: checked and imported by the background worker -------------------------


def _queue_check(request: HttpRequest, agreement: Agreement, pending: dict[str, Any]) -> ImportRun:
    """A check of the session's upload, queued for the worker."""
    run = ImportRun.objects.create(
        agreement=agreement, by_id=request.user.pk, kind=ImportRun.Kind.CHECK,
        token=pending["token"],
        filename=pending["name"], sha256=pending["sha256"], created_at=clock.now(),
    )  # fmt: skip
    pending["run"] = run.pk  # from now on this upload's pages are its runs' pages
    request.session.modified = True
    run_import.enqueue(run.pk)
    return run


def _latest_run(request: HttpRequest, agreement: Agreement, token: str) -> ImportRun | None:
    """The upload's newest run: its check, or the import that confirmed the newest preview."""
    runs = ImportRun.objects.filter(agreement=agreement, by_id=request.user.pk, token=token)
    return runs.order_by("-pk").first()


def _confirm_in_background(
    request: HttpRequest, standing: Standing, pending: dict[str, Any]
) -> HttpResponse:
    """Queue the import of the upload's newest preview, once: a second click, or one on an
    older page of the same upload, finds the import already queued (or done)."""
    latest = _latest_run(request, standing.agreement, pending["token"])
    if latest is not None and latest.kind == ImportRun.Kind.IMPORT and not latest.is_confirmable:
        return redirect(latest)
    if latest is None or _pending(request, standing.agreement) is None:
        messages.error(request, "That preview has expired: upload the workbook again.")
        return redirect("indicators:import-upload")
    if not latest.is_confirmable:  # still being checked, or nothing to import
        return redirect(latest)
    assert latest.result is not None
    fields = {
        "agreement": standing.agreement,
        "by_id": request.user.pk,
        "kind": ImportRun.Kind.IMPORT,
        "token": latest.token,
        "filename": latest.filename,
        "sha256": latest.sha256,
        "expected": latest.result["summary"],
        "created_at": clock.now(),
    }
    try:
        with transaction.atomic():
            run, created = ImportRun.objects.get_or_create(confirms=latest, defaults=fields)
    except IntegrityError:  # the other click, a moment before
        run, created = ImportRun.objects.get(confirms=latest), False
    if created:
        run_import.enqueue(run.pk)
    return redirect(run)


def _stored(result: ImportResult) -> dict[str, Any]:
    """What the run's page shows, as JSON: at most MAX_PROBLEMS_SHOWN problems and warnings
    (with their counts) and the changes the plan listed."""
    return {
        "problems": [str(problem) for problem in result.problems[:MAX_PROBLEMS_SHOWN]],
        "problem_count": len(result.problems),
        "warnings": [str(warning) for warning in result.warnings[:MAX_PROBLEMS_SHOWN]],
        "warning_count": len(result.warnings),
        "defaults": result.defaults,
        "summary": result.summary,
        "changes": result.changes,
        "change_count": result.change_count,
        "is_stale": result.is_stale,
        "is_applied": result.is_applied,
    }


def _restored(stored: dict[str, Any]) -> ImportResult:
    return ImportResult(
        problems=[Problem(text) for text in stored["problems"]],
        warnings=[Problem(text) for text in stored["warnings"]],
        defaults=stored["defaults"],
        summary=stored["summary"],
        changes=stored["changes"],
        change_count=stored["change_count"],
        is_applied=stored["is_applied"],
        is_stale=stored["is_stale"],
    )


@task(queue_name="default")
def run_import(run_id: int) -> str:
    """Check or import one upload (in the worker). Only a queued run is taken, and by one
    worker only. The import is all or nothing, so a failure leaves the data as they were;
    it is kept on the run (and logged) for the page to say so."""
    taken = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, started_at=clock.now()
    )
    if not taken:
        return "taken"
    run = ImportRun.objects.select_related("agreement", "by").get(pk=run_id)
    path = _upload_dir() / f"{run.token}.xlsx"
    try:
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != run.sha256:
            raise FileNotFoundError(f"The upload {run.token}.xlsx is gone or altered.")
        result = workbook_import(
            agreement=run.agreement, path=path, by=run.by,
            dry_run=run.kind == ImportRun.Kind.CHECK, filename=run.filename,
            expected=run.expected if run.kind == ImportRun.Kind.IMPORT else None,
        )  # fmt: skip
    except Exception as error:
        logger.exception("Import run %s (%s) failed", run.pk, run.filename)
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=clock.now(),
        )
        return "failed"
    run.result = _stored(result)
    run.status = ImportRun.Status.DONE
    run.finished_at = clock.now()
    run.save(update_fields=["result", "status", "finished_at"])
    if result.problems or not result.change_count or result.is_applied:
        path.unlink(missing_ok=True)  # nothing more can be done with it
    return "done"


def _run_for_user(request: HttpRequest, pk: int) -> ImportRun:
    """404 outside the run's agreement; 403 for anyone but its starter and the secretariat."""
    run = get_object_or_404(
        ImportRun.objects.select_related("agreement"), pk=pk, agreement__in=agreements_for(request)
    )
    standing = standing_in(request, run.agreement)
    if run.by_id != request.user.pk and not can_manage_agreement(standing):
        raise PermissionDenied("Only the secretariat can follow an import.")
    return run


def _is_lost(run: ImportRun) -> bool:
    return (
        run.status == ImportRun.Status.RUNNING
        and run.started_at is not None
        and clock.now() - run.started_at > dt.timedelta(seconds=settings.DOCUMENT_BUILD_TIMEOUT)
    )


@login_required
@require_GET
def import_run(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A background check or import: how it is going, then what it found or did."""
    run = _run_for_user(request, pk)
    if hasattr(run, "confirmed_by"):  # this preview was confirmed: follow the import
        if request.htmx:
            return HttpResponseClientRedirect(run.confirmed_by.get_absolute_url())
        return redirect(run.confirmed_by)
    failed = run.status == ImportRun.Status.FAILED or _is_lost(run)
    if run.status == ImportRun.Status.DONE:
        if request.htmx:  # polling: show the finished page whole
            return HttpResponseClientRefresh()
        return _run_result(request, run)
    wait_warning = settings.DOCUMENT_WAIT_WARNING
    context = {
        "run": run,
        "failed": failed,
        "waiting_long": run.status == ImportRun.Status.QUEUED
        and clock.now() - run.created_at > dt.timedelta(seconds=wait_warning),
    }
    if request.htmx:
        return render(request, "indicators/import_run.html#progress", context)
    return _page(request, "import_run.html", context, status=200 if failed else 202)


def _run_result(request: HttpRequest, run: ImportRun) -> HttpResponse:
    assert run.result is not None
    result = _restored(run.result)
    if result.is_applied:
        lines = "; ".join(summary_lines(result.summary))
        return _page(request, "import_run.html", {"run": run, "imported": lines})
    pending = request.session.get(SESSION_KEY) or {}
    # Only the uploader's session can confirm; the rest of the secretariat sees the preview.
    token = pending["token"] if pending.get("token") == run.token else ""
    return _preview(
        request, result, run.filename,
        token=token if run.is_confirmable else "",
        more_problems=max(run.result["problem_count"] - MAX_PROBLEMS_SHOWN, 0),
        is_stale=run.kind == ImportRun.Kind.IMPORT,
    )  # fmt: skip


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def import_template(request: HtmxHttpRequest) -> HttpResponse:
    agreement = get_standing(request).agreement
    data = workbook_write(agreement=agreement, with_data=False)
    return _xlsx(data, f"{agreement.slug}-import-template.xlsx")


@login_required
@require_GET
def workbook_export(request: HtmxHttpRequest) -> HttpResponse:
    agreement = get_standing(request).agreement
    data = workbook_write(agreement=agreement)
    return _xlsx(data, f"{agreement.slug}-indicators-{clock.today():%Y-%m-%d}.xlsx")
