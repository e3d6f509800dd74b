"""The agenda pack: one PDF with a cover, a contents list with page numbers, the agenda,
the minutes of the last meeting, matters arising, the other apps' reports for the
partnership, and the forward plan.

Other apps add their own sections (scorecard, exception report, delivery plan updates
due) without importing this app: each may offer `<app>/pack.py` with

    def pack_sections(meeting) -> list[object]

returning objects (or dicts) with `title` and `html` (a finished HTML fragment, already
escaped, made with that app's own template) and optionally `anchor`. They are printed
after matters arising, each starting on a new page and listed in the contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from meetings.minutes import (
    MinutesDoc,
    escalated_to,
    forward_plan,
    matters_arising,
    minutes_doc,
)
from meetings.models import Meeting
from partnerships.documents import render_pdf

# Apps asked for extra pack sections, in the order they appear in the pack.
SECTION_APPS = ["indicators", "partnerships", "funding"]


@dataclass(frozen=True)
class PackSection:
    title: str
    html: SafeString
    anchor: str


def pack_sections(meeting: Meeting) -> list[PackSection]:
    """The hook: sections other apps contribute for this meeting's partnership."""
    sections: list[PackSection] = []
    for app in SECTION_APPS:
        if find_spec(f"{app}.pack") is None:
            continue
        for raw in import_module(f"{app}.pack").pack_sections(meeting):
            get = raw.get if isinstance(raw, dict) else lambda name, r=raw: getattr(r, name, None)
            title = str(get("title"))
            sections.append(
                PackSection(
                    title=title,
                    html=mark_safe(str(get("html"))),
                    anchor=str(get("anchor") or f"{app}-{slugify(title)}"),
                )
            )
    return sections


def pack_context(meeting: Meeting) -> dict[str, Any]:
    agenda: MinutesDoc = minutes_doc(meeting)
    last: MinutesDoc | None = minutes_doc(meeting.previous) if meeting.previous else None
    return {
        "doc": agenda,
        "meeting": agenda.meeting,
        "last_minutes": last,
        "matters_arising": matters_arising(meeting),
        "escalations": escalated_to(meeting, timezone.localdate()),
        "extra_sections": pack_sections(meeting),
        "plan": forward_plan(meeting.partnership, after=meeting.date),
    }


def pack_pdf(meeting: Meeting) -> bytes:
    return render_pdf("meetings/pack_pdf.html", pack_context(meeting))
