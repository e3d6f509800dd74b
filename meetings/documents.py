"""Minutes as files: the PDF (through the app's one WeasyPrint wrapper), an editable Word
document for secretariats who finish minutes in Word, and iCalendar feeds."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.conf import settings
from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt
from icalendar import Calendar, Event

from meetings.minutes import MinutesDoc
from meetings.models import ActionPoint, AgendaItem, Attendance, Meeting
from partnerships.documents import render_pdf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def minutes_pdf(doc: MinutesDoc) -> bytes:
    return render_pdf("meetings/minutes_pdf.html", {"doc": doc})


def _line(attendance: Attendance) -> str:
    description = attendance.description
    name = attendance.person.display_name
    return f"{name} – {description}" if description else name


def minutes_docx(doc: MinutesDoc) -> bytes:
    """The same content and order as the PDF, in Word's own styles so it edits well."""
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(doc.heading, level=0)
    document.add_paragraph(", ".join(p for p in (doc.when, doc.meeting.venue) if p))
    _docx_attendance(document, doc)
    if doc.declarations_item is None:
        _docx_declarations(document, doc, heading=True)
    for item in doc.items:
        _docx_item(document, item, doc)
    if doc.future_meeting_lines:
        document.add_heading("Dates of future meetings", level=2)
        for line in doc.future_meeting_lines:
            document.add_paragraph(line)
    elif doc.next_meeting and not doc.has_date_of_next_meeting_item:
        document.add_heading("Date of next meeting", level=2)
        document.add_paragraph(doc.next_meeting_label)
    _docx_approval(document, doc.meeting)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_attendance(document: DocxDocument, doc: MinutesDoc) -> None:
    for title, rows in (
        ("Present", doc.present),
        ("In attendance", doc.in_attendance),
        ("Apologies", doc.apologies),
    ):
        if rows:
            document.add_heading(title, level=2)
            for attendance in rows:
                document.add_paragraph(_line(attendance), style="List Bullet")


def _docx_declarations(document: DocxDocument, doc: MinutesDoc, *, heading: bool) -> None:
    """Under their own heading, or under the agenda item for declarations (where the
    note "There were no declarations." is left to the item's own minutes)."""
    if not (doc.declarations or doc.meeting.declarations_note):
        return
    if heading:
        document.add_heading("Declarations of interest", level=2)
    for declaration in doc.declarations:
        on_item = f" (item {declaration.item.number})" if declaration.item else ""
        name = declaration.person.display_name
        document.add_paragraph(f"{name}{on_item}: {declaration.interest}")
    item = doc.declarations_item
    if not doc.declarations and (heading or (item is not None and not item.paragraphs)):
        document.add_paragraph(doc.meeting.declarations_note)


def _docx_item(document: DocxDocument, item: AgendaItem, doc: MinutesDoc) -> None:
    """One agenda item: heading, presenters, purpose, minutes and decisions, papers,
    actions."""
    document.add_heading(f"{item.number}. {item.title}", level=2 if item.depth == 0 else 3)
    presenters = [p.display_name for p in item.presenters.all()] or (
        [item.responsibility] if item.responsibility else []
    )
    if presenters:
        document.add_paragraph().add_run(f"Presented by {', '.join(presenters)}").italic = True
    for line in item.purpose_lines:
        document.add_paragraph(line, style="List Bullet")
    if doc.declarations_item is not None and item.pk == doc.declarations_item.pk:
        _docx_declarations(document, doc, heading=False)
    for kind, text in item.minutes_blocks:
        paragraph = document.add_paragraph()
        if kind == "decision":
            paragraph.add_run("Agreed: ").bold = True
        elif kind == "decided":
            # Holds a decision: marked as the PDF's rule in the margin marks it.
            paragraph.paragraph_format.left_indent = Pt(12)
        paragraph.add_run(text)
    papers = [paper.title for paper in item.paper_list]
    plans = [f"{plan.partnership.label}, {plan.title}" for plan in item.plans.all()]
    if papers:
        document.add_paragraph(f"Papers: {'; '.join(papers)}.")
    if plans:
        document.add_paragraph(f"Delivery plans: {'; '.join(plans)}.")
    for action in item.actions.all():
        _docx_action(document, action)


def _docx_action(document: DocxDocument, action: ActionPoint) -> None:
    paragraph = document.add_paragraph()
    label = f"Action point {action.number}: " if action.number else "Action: "
    paragraph.add_run(label).bold = True
    paragraph.add_run(action.text + " ")
    owners = action.owner_names
    if owners:
        paragraph.add_run(", ".join(owners)).bold = True
    if action.due_text or action.due:
        due = action.due_text or f"{action.due:%-d %B %Y}"
        paragraph.add_run(f" (by {due})")


def _docx_approval(document: DocxDocument, meeting: Meeting) -> None:
    if meeting.minutes_approved_at_id:
        approved_at = meeting.minutes_approved_at
        note = f"Approved at the meeting of {approved_at.date:%-d %B %Y}."  # type: ignore[union-attr]
        if meeting.minutes_amendments:
            note += " Amendments: " + meeting.minutes_amendments
        document.add_paragraph().add_run(note).italic = True


def calendar_ics(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """An iCalendar feed. Times are written in UTC so no time-zone table is needed; a
    meeting without a start time is an all-day event."""
    calendar = Calendar()
    calendar.add("prodid", "-//Golden Thread//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@golden-thread")
        event.add("dtstamp", stamp)
        event.add("summary", meeting.display_title)
        if meeting.starts_at:
            start = meeting.starts().astimezone(dt.UTC)
            event.add("dtstart", start)
            if meeting.ends_at:
                end = dt.datetime.combine(meeting.date, meeting.ends_at, meeting.starts().tzinfo)
                event.add("dtend", end.astimezone(dt.UTC))
            else:
                event.add("dtend", start + dt.timedelta(hours=2))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add(
            "status", "TENTATIVE" if meeting.status == Meeting.Status.PLANNED else "CONFIRMED"
        )
        url = settings.SITE_URL.rstrip("/") + meeting.get_absolute_url()
        event.add("url", url)
        event.add(
            "description", f"{meeting.partnership.name}: {meeting.get_status_display()}. {url}"
        )
        calendar.add_component(event)
    return calendar.to_ical()
