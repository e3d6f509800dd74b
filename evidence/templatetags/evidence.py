"""``{% evidence_section record other_record … %}``: the evidence attached to records,
with links to attach more and to remove, for the records' own pages.

Each argument is a record, a list or QuerySet of records, or None (left out). The records
are fetched again through their holders (evidence/hooks.py), one query per kind, and their
evidence in one more, so a page of many records stays cheap. Pages include it through
``templates/evidence/section.html``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import template
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.urls import reverse

from evidence.hooks import Holder, holder_for
from evidence.models import Evidence
from partnerships.permissions import agreements_for, standing_in

register = template.Library()


@dataclass(frozen=True)
class Entry:
    evidence: Evidence
    label: str  # the record it is attached to
    may_remove: bool


@dataclass(frozen=True)
class Allowed:
    record: Any
    holder: Holder
    label: str
    may_edit: bool


def _flatten(values: Iterable[Any]) -> list[models.Model | models.QuerySet[Any]]:
    """Records and QuerySets of records (left as they are: fetched once, below)."""
    found: list[models.Model | models.QuerySet[Any]] = []
    for value in values:
        if value is None or value == "":
            continue
        if isinstance(value, models.Model | models.QuerySet):
            found.append(value)
        else:
            found.extend(_flatten(value))
    return found


def readable_records(
    request: HttpRequest, values: list[models.Model | models.QuerySet[Any]]
) -> list[Allowed]:
    """The records the user may read, fetched again through their holders: one query per
    kind of record, in the order the kinds are first given."""
    wanted: dict[str, tuple[Holder, Q]] = {}
    for value in values:
        model = value.model if isinstance(value, models.QuerySet) else type(value)
        holder = holder_for(model)
        if holder is None:
            continue
        these = (
            Q(pk__in=value.values("pk")) if isinstance(value, models.QuerySet) else Q(pk=value.pk)
        )
        _, before = wanted.get(holder.kind, (holder, Q(pk__in=[])))
        wanted[holder.kind] = (holder, before | these)
    agreements = {a.pk: a for a in agreements_for(request)}
    found: list[Allowed] = []
    for holder, condition in wanted.values():
        for record in holder.queryset().filter(condition):
            agreement = agreements.get(holder.agreement_id(record))
            if agreement is None:
                continue
            try:
                standing = standing_in(request, agreement)
            except Http404:
                continue
            if holder.can_read(standing, record):
                may_edit = holder.can_edit(standing, record)
                found.append(Allowed(record, holder, holder.label(record), may_edit))
    return found


@register.inclusion_tag("evidence/_evidence_list.html", takes_context=True)
def evidence_section(context: template.Context, *values: Any, heading: str = "Evidence") -> dict:
    request: HttpRequest = context["request"]
    allowed = readable_records(request, _flatten(values))
    if not allowed:
        return {"shown": False}
    by_key = {(a.holder.kind, a.record.pk): a for a in allowed}
    rows = Evidence.objects.for_records([a.record for a in allowed])
    entries = []
    for evidence in rows.select_related("uploaded_by", "content_type"):
        kind = f"{evidence.content_type.app_label}.{evidence.content_type.model}"
        owner = by_key[kind, evidence.object_id]
        entries.append(Entry(evidence, owner.label, owner.may_edit))
    adds = [
        (a.label, reverse("evidence:evidence-add", args=[a.holder.kind, a.record.pk]))
        for a in allowed
        if a.may_edit
    ]
    return {
        "heading": heading,
        "entries": entries,
        "adds": adds,
        "several": len(allowed) > 1,
        "shown": True,
        "next": request.get_full_path(),
    }
