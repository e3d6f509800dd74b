"""Files made from meetings: minutes (PDF, Word), the agenda pack, calendar feeds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from meetings import actions
from meetings.documents import DOCX_TYPE, calendar_ics, minutes_docx, minutes_pdf
from meetings.minutes import minutes_doc
from meetings.models import CalendarFeed, Meeting
from meetings.pack import pack_pdf
from meetings.permissions import get_meeting_for_user
from partnerships.background import PDF, document_builder, document_for, document_response
from partnerships.models import Membership, Partnership
from partnerships.permissions import get_standing
from partnerships.typing import HtmxHttpRequest


def _filename(meeting: Meeting, kind: str, extension: str) -> str:
    return f"{slugify(meeting.partnership.label)}-{meeting.date:%Y-%m-%d}-{kind}.{extension}"


@login_required
@require_GET
def minutes_pdf_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk)
    annex = request.GET.get("annex") == "forward-plan"
    return _document(request, meeting, minutes_file, "minutes", "pdf", annex=annex)


@login_required
@require_GET
def minutes_docx_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk)
    return _document(request, meeting, minutes_file, "minutes", "docx")


@login_required
@require_GET
def pack_pdf_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, _ = get_meeting_for_user(request, pk)
    return _document(request, meeting, pack_file, "agenda-pack", "pdf")


TITLES = {"minutes": "Minutes", "agenda-pack": "Agenda pack"}


def _document(
    request: HtmxHttpRequest,
    meeting: Meeting,
    builder: Callable[[dict[str, Any]], bytes],
    kind: str,
    extension: str,
    *,
    annex: bool = False,
) -> HttpResponse:
    """The meeting's file, built by the worker and kept until the data change
    (partnerships/background.py); the caller has checked the reader may see the meeting."""
    document = document_for(
        builder,
        {"meeting": meeting.pk, "format": extension, "annex": annex},
        agreement=meeting.partnership.agreement,
        title=f"{TITLES[kind]} of {meeting.partnership.label}, {meeting.date:%-d %B %Y}"
        f" ({'Word' if extension == 'docx' else 'PDF'})",
        filename=_filename(meeting, kind, extension),
        content_type=DOCX_TYPE if extension == "docx" else PDF,
        retry=request.GET.get("retry") == "1",
    )
    return document_response(request, document)


@document_builder
def minutes_file(params: dict[str, Any]) -> bytes:
    meeting = Meeting.objects.select_related("partnership").get(pk=params["meeting"])
    if params["format"] == "docx":
        return minutes_docx(minutes_doc(meeting))
    return minutes_pdf(minutes_doc(meeting, with_forward_plan=params["annex"]))


@document_builder
def pack_file(params: dict[str, Any]) -> bytes:
    return pack_pdf(Meeting.objects.select_related("partnership").get(pk=params["meeting"]))


@login_required
@require_http_methods(["GET", "POST"])
def calendar_page(request: HtmxHttpRequest) -> HttpResponse:
    """Your secret calendar addresses. POST makes one, or replaces it (the old one stops
    working)."""
    standing = get_standing(request)
    person = standing.person
    feed = CalendarFeed.objects.filter(person=person).first()
    if request.method == "POST":
        feed = actions.calendar_feed_reset(person=person)
        messages.success(
            request, "Your calendar address is ready. Any earlier one has stopped working."
        )
        return redirect("meetings:calendar")
    partnerships = Partnership.objects.filter(agreement=standing.agreement).order_by("name")
    return render(
        request,
        "meetings/calendar.html",
        {
            "feed": feed,
            "partnerships": partnerships,
            "base_url": request.build_absolute_uri("/").rstrip("/"),
            "nav_section": "meetings",
        },
    )


def _feed(token: str) -> CalendarFeed:
    """The feed of a person who still has access: a sign-in that is active, and a role
    in the agreement today. The address stops working the moment either ends (issue 14),
    as if it had never been."""
    feed = (
        CalendarFeed.objects.select_related("person__agreement", "person__user")
        .filter(token=token)
        .first()
    )
    if feed is None or not token:
        raise Http404("No such calendar.")
    person = feed.person
    has_access = (
        person.user is not None
        and person.user.is_active
        and Membership.objects.current().filter(person=person).exists()
    )
    if not has_access:
        raise Http404("No such calendar.")
    return feed


def _ics_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slugify(name)}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_GET
def calendar_person(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """The meetings of every partnership the person belongs to, and any other meeting
    they chaired or attended. The secret address is the sign-in."""
    person = _feed(token).person
    member_of = Membership.objects.current().filter(person=person).values("partnership")
    meetings = (
        Meeting.objects.filter(
            Q(partnership__in=member_of) | Q(attendances__person=person) | Q(chair=person)
        )
        .distinct()
        .select_related("partnership")
        .in_order()
    )
    return _ics_response(calendar_ics(meetings, name=f"Meetings of {person.name}"), person.name)


@require_GET
def calendar_partnership(request: HtmxHttpRequest, token: str, pk: int) -> HttpResponse:
    person = _feed(token).person
    partnership = get_object_or_404(Partnership, pk=pk, agreement=person.agreement_id)
    meetings = Meeting.objects.filter(partnership=partnership).select_related("partnership")
    return _ics_response(
        calendar_ics(meetings.in_order(), name=f"{partnership.name} meetings"), partnership.name
    )
