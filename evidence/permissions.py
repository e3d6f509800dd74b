"""Who may see and attach evidence: whoever may read the record reads (and downloads) its
evidence; whoever may edit the record attaches and removes it. The app that owns the
record says which is which (evidence/hooks.py). Another agreement's record, or evidence,
answers 404; a reader trying to attach or remove gets 403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from evidence.hooks import Holder, holder_for_kind
from evidence.models import Evidence
from partnerships.models import Agreement
from partnerships.permissions import Standing, agreements_for, standing_in

REFUSED = "Only people who can change this record can attach or remove its evidence."


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    agreement = next((a for a in agreements_for(request) if a.pk == agreement_id), None)
    if agreement is None:
        raise Http404("Not found")
    return agreement


def get_record_for_user(
    request: HttpRequest, kind: str, pk: int, *, write: bool = False
) -> tuple[Holder, Any, Standing]:
    """The record evidence is attached to, its holder and the user's standing."""
    holder = holder_for_kind(kind)
    if holder is None:
        raise Http404("Not found")
    record = get_object_or_404(holder.queryset(), pk=pk)
    standing = standing_in(request, _agreement(request, holder.agreement_id(record)))
    if not holder.can_read(standing, record):
        raise Http404("Not found")
    if write and not holder.can_edit(standing, record):
        raise PermissionDenied(REFUSED)
    return holder, record, standing


def get_evidence_for_user(
    request: HttpRequest, pk: int, *, write: bool = False
) -> tuple[Evidence, Holder, Any]:
    """Evidence with its record and holder; 404 when its record is gone."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("content_type", "uploaded_by"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    kind = f"{evidence.content_type.app_label}.{evidence.content_type.model}"
    holder, record, _ = get_record_for_user(request, kind, evidence.object_id, write=write)
    if holder.agreement_id(record) != evidence.agreement_id:
        raise Http404("Not found")
    return evidence, holder, record
