"""A partnership's terms of reference (the secretariat edits them) and its attendance
over the last 12 months (everyone in the agreement reads it); the same attendance is a
section of the partnership's page through `partnerships.hooks.partnership_sections`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from meetings.forms import TermsOfReferenceForm
from meetings.models import ExpectedMember, TermsOfReference
from meetings.quorum import partnership_attendance
from partnerships import clock
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.models import Partnership
from partnerships.permissions import (
    Standing,
    agreements_for,
    can_manage_agreement,
    standing_in,
)


def get_partnership_for_terms(
    request: HttpRequest, pk: int, *, edit: bool = False
) -> tuple[Partnership, Standing]:
    """404 outside the user's agreements; 403 for anyone but the secretariat to edit."""
    partnership = get_object_or_404(
        Partnership.objects.select_related("agreement"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    standing = standing_in(request, partnership.agreement)
    if edit and not can_manage_agreement(standing):
        raise PermissionDenied(
            "Only the secretariat can change a partnership's terms of reference."
        )
    return partnership, standing


def _save(form: TermsOfReferenceForm, partnership: Partnership) -> TermsOfReference:
    terms = form.save(commit=False)
    terms.partnership = partnership
    terms.save()
    terms.expected_members.all().delete()
    for organisation, person, seats in form.expected_rows:
        ExpectedMember.objects.create(
            terms=terms, organisation=organisation, person=person, seats=seats
        )
    # The count stays on the partnership too: its page, export and import say it.
    quorum = terms.quorum_count if terms.quorum_rule == terms.QuorumRule.COUNT else None
    if partnership.quorum != quorum:
        partnership.quorum = quorum
        partnership.save(update_fields=["quorum"])
    return terms


@login_required
@require_http_methods(["GET", "POST"])
def terms_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership, _ = get_partnership_for_terms(request, pk, edit=True)
    terms = TermsOfReference.objects.filter(partnership=partnership).first()
    instance = terms or TermsOfReference(partnership=partnership, quorum_count=partnership.quorum)
    form = TermsOfReferenceForm(
        request.POST or None, instance=instance, agreement_id=partnership.agreement_id
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            if terms is None:
                with transaction.atomic():
                    _save(form, partnership)
            else:
                versioned_save(form, lambda: _save(form, partnership))
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, "Terms of reference saved.")
            return redirect("meetings:partnership-attendance", pk=partnership.pk)
    history = terms.history.select_related("history_user")[:20] if terms else []  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/terms_form.html",
        {
            "form": form,
            "partnership": partnership,
            "conflict": conflict,
            "history": history,
            "nav_section": "meetings",
        },
    )


def attendance_context(partnership: Partnership, standing: Standing) -> dict[str, Any]:
    terms = (
        TermsOfReference.objects.filter(partnership=partnership)
        .prefetch_related("expected_members__organisation", "expected_members__person")
        .first()
    )
    return {
        "partnership": partnership,
        "terms": terms,
        "rates": partnership_attendance(partnership, clock.today()),
        "can_edit_terms": can_manage_agreement(standing),
    }


@login_required
@require_GET
def partnership_attendance_page(request: HttpRequest, pk: int) -> HttpResponse:
    partnership, standing = get_partnership_for_terms(request, pk)
    context = attendance_context(partnership, standing)
    context["crumbs"] = [
        ("Partnerships", reverse("partnerships:partnership-list")),
        (partnership.label, partnership.get_absolute_url()),
        ("Attendance and quorum", None),
    ]
    context["nav_section"] = "meetings"
    return render(request, "meetings/partnership_attendance.html", context)


def attendance_section(partnership: Partnership, standing: Standing) -> str:
    """The partnership page's section (partnerships.hooks.partnership_sections)."""
    context = attendance_context(partnership, standing)
    return render_to_string("meetings/attendance_section.html", context)
