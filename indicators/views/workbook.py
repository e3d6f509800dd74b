"""Importing and exporting the indicators workbook in the browser.

Import is upload → preview → confirm. The uploaded file is kept on the server, in
IMPORT_UPLOAD_DIR (default: a folder in the system temp directory) under a random name
that only the uploader's session knows; confirming re-reads and re-checks that file and
imports only if it would still make the changes the preview showed. Nothing the browser
sends back is trusted beyond which preview it confirms. With several app servers, point
IMPORT_UPLOAD_DIR at a shared volume (docs/import.md).
"""

from __future__ import annotations

import hashlib
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
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from indicators.workbook import (
    COLUMNS,
    MAX_CHANGES_LISTED,
    SHEETS,
    XLSX_CONTENT_TYPE,
    ImportResult,
    summary_lines,
    workbook_import,
    workbook_write,
)
from partnerships import clock
from partnerships.models import Agreement
from partnerships.permissions import Standing, can_manage_agreement, get_standing
from partnerships.typing import HtmxHttpRequest
from partnerships.uploads import upload_check

SESSION_KEY = "workbook_import"
MAX_PROBLEMS_SHOWN = 500
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the CSRF token around the file
KEEP_UPLOADS_SECONDS = 24 * 60 * 60
PREVIEW_SECONDS = 60 * 60  # a preview left longer is refused: upload the workbook again


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
