"""The highlight report as a Word document: the same sections, in the same order, as the
page and the PDF, in Word's own styles so that a Government Office can finish it in Word
(as GOEM's report on Leicestershire was written, seed 004)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt

from indicators.exports import ReportMeta
from indicators.reports import Report
from indicators.reports.highlight import HighlightReport, NarrativeSection, ThemeHighlight

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def highlight_docx(report: Report, meta: ReportMeta) -> bytes:
    assert isinstance(report, HighlightReport)
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    agreement = report.agreement
    document.add_heading(f"Highlight report on {agreement.name}", level=0)
    office = f"{agreement.government_office}. " if agreement.government_office else ""
    document.add_paragraph(
        f"{office}Period: {report.period.label}. Printed {meta.printed:%-d %B %Y %H:%M}."
    )
    for section in report.narrative:
        _section(document, section)
    document.add_heading("Theme by theme: the targets", level=1)
    for theme in report.themes:
        _theme(document, theme)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _section(document: DocxDocument, section: NarrativeSection) -> None:
    title = f"{section.number}) {section.title}" if section.number else section.title
    document.add_heading(title, level=1 if section.number else 2)
    if section.is_rated:
        rating = section.colour.label if section.colour else "Not set by the secretariat"
        document.add_paragraph().add_run(rating).bold = True
        if section.suggestion:
            document.add_paragraph(
                f"The targets' ratings suggest {section.suggestion.label}. "
                f"{section.suggestion.reason}"
            )
    for paragraph in section.paragraphs:
        document.add_paragraph(paragraph, style="List Bullet")
    for block in section.blocks:
        document.add_heading(block.name, level=3)
        for paragraph in block.paragraphs:
            document.add_paragraph(paragraph, style="List Bullet")
    if not (section.is_rated or section.text or section.blocks):
        document.add_paragraph("None recorded.")


def _theme(document: DocxDocument, theme: ThemeHighlight) -> None:
    document.add_heading(theme.name, level=2)
    lines = [
        f"Overall progress: {theme.rating_label}. {theme.rating_reason}",
        f"Direction of travel: {theme.direction_label}. {theme.direction_reason}",
        f"Targets: {len(theme.rows)}" + (f": {theme.summary}" if theme.rows else ""),
    ]
    lines += [f"At risk: {row.code} {row.title}: {why}" for row, why in theme.risks]
    lines += [f"Missing: {row.code} {row.title}: {what}" for row, what in theme.missing]
    if theme.key_issues:
        lines.append(f"Key issues: {theme.key_issues}")
    for line in lines:
        document.add_paragraph(line)
