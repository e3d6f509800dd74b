"""Evidence pages: a record's evidence, attaching, downloading and removing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from evidence import actions
from evidence.forms import EvidenceForm
from evidence.hooks import Holder
from evidence.permissions import get_evidence_for_user, get_record_for_user
from partnerships.typing import HtmxHttpRequest


def _back(request: HtmxHttpRequest, holder: Holder, record: Any) -> str:
    """Where to go afterwards: the page the user came from, if it is ours, else the
    record's own page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return holder.url(record)


@login_required
@require_GET
def evidence_list(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponse:
    holder, record, _ = get_record_for_user(request, kind, pk)
    return render(
        request,
        "evidence/evidence_list.html",
        {"holder": holder, "record": record, "record_label": holder.label(record),
         "back": holder.url(record)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request: HtmxHttpRequest, kind: str, pk: int) -> HttpResponse:
    holder, record, _ = get_record_for_user(request, kind, pk, write=True)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evidence = actions.evidence_attach(
            record=record,
            holder=holder,
            title=data["title"],
            upload=data["file"] or None,
            kind=form.kind,
            url=data["url"],
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, f"“{evidence.title}” attached to {holder.label(record)}.")
        return redirect(_back(request, holder, record))
    return render(
        request,
        "evidence/evidence_form.html",
        {"form": form, "record_label": holder.label(record), "back": _back(request, holder, record),
         "next": request.POST.get("next") or request.GET.get("next", "")},
    )  # fmt: skip


@login_required
@require_GET
def evidence_download(request: HtmxHttpRequest, pk: int) -> FileResponse:
    evidence, _, _ = get_evidence_for_user(request, pk)
    if evidence.is_link:
        raise Http404("This evidence is a link, not a file.")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is no longer in storage.") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.file_name,
        content_type=evidence.media_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def evidence_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    evidence, holder, record = get_evidence_for_user(request, pk, write=True)
    back = _back(request, holder, record)
    if request.method == "POST":
        title = evidence.title
        actions.evidence_remove(evidence=evidence)
        messages.success(request, f"“{title}” removed from {holder.label(record)}.")
        return redirect(back)
    return render(
        request,
        "evidence/evidence_remove.html",
        {"evidence": evidence, "record_label": holder.label(record), "back": back,
         "next": request.GET.get("next", "")},
    )  # fmt: skip
