"""Reports as files: CSV for other systems, Excel for people.

Both take the `Report` built by `indicators.reports`, the same rows the page shows, so a
download never disagrees with the screen. The CSV is a plain contract (column names and
rating codes in docs/reports.md); the workbook is formatted to be read and printed:
frozen header, filters on, RAG fills, number formats and sensible column widths, and a
second sheet saying what the report covers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from indicators.rating import Rating
from indicators.reports import CSV_COLUMNS, Kind, Report, Row
from partnerships.spreadsheets import safe_cell

__all__ = ["ReportMeta", "report_csv", "report_xlsx"]


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """What a printed or downloaded report says about itself."""

    filters: list[tuple[str, str]]
    printed: dt.datetime

    @property
    def filters_text(self) -> str:
        return "; ".join(f"{name}: {value}" for name, value in self.filters) or "none"


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return safe_cell(value)


def report_csv(report: Report) -> str:
    """One line per row; the first columns are `code,title,partnership,lead,period,
    baseline,target,actual,rating,direction,forecast`, with rating and direction codes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    extra: list[tuple[str, Callable[[Row], object]]] = []
    if report.kind is Kind.EXCEPTIONS:
        extra = [
            ("section", lambda row: row.section),
            ("other_reasons", lambda row: row.also),
            ("explanation", lambda row: row.explanation),
        ]
    writer.writerow([name for name, _ in CSV_COLUMNS] + [name for name, _ in extra])
    attributes = [attribute for _, attribute in CSV_COLUMNS]
    for row in report.rows:
        writer.writerow(
            [_csv_value(getattr(row, attribute)) for attribute in attributes]
            + [_csv_value(get(row)) for _, get in extra]
        )
    return buffer.getvalue()


# Excel ------------------------------------------------------------------------------------

_FILLS = {
    Rating.GREEN: PatternFill("solid", fgColor="CCE2D8"),
    Rating.AMBER: PatternFill("solid", fgColor="FFE9A8"),
    Rating.RED: PatternFill("solid", fgColor="F4CDC6"),
    Rating.NO_DATA: PatternFill("solid", fgColor="FFFFFF"),
    Rating.NOT_RATED: PatternFill("solid", fgColor="EEEEEE"),
}
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    width: int
    get: Callable[[Row], object]
    kind: str = "text"  # text | wrap | number | rating


_COLUMNS = (
    _Column("Code", 10, lambda r: r.code),
    _Column("Indicator", 44, lambda r: r.title, "wrap"),
    _Column("Partnership", 26, lambda r: r.partnership, "wrap"),
    _Column("Theme", 24, lambda r: r.theme, "wrap"),
    _Column("Lead", 20, lambda r: r.lead),
    _Column("Contributors", 26, lambda r: r.contributors, "wrap"),
    _Column("Designation", 20, lambda r: r.designation_label),
    _Column("Priority", 9, lambda r: r.priority),
    _Column("Period", 12, lambda r: r.period),
    _Column("Unit", 12, lambda r: r.unit),
    _Column("Baseline", 11, lambda r: r.baseline, "number"),
    _Column("Target", 11, lambda r: r.target, "number"),
    _Column("Actual", 11, lambda r: r.actual, "number"),
    _Column("Rating", 11, lambda r: r.rating, "rating"),
    _Column("Direction", 12, lambda r: r.direction_label),
    _Column("Forecast", 11, lambda r: r.forecast_value, "number"),
    _Column("Forecast rating", 11, lambda r: r.forecast, "rating"),
    _Column("Data quality", 13, lambda r: r.quality_label),
    _Column("Late", 7, lambda r: "Late" if r.is_late else ""),
    _Column("Commentary", 70, lambda r: r.score.commentary_text, "wrap"),
    _Column("Quartile", 9, lambda r: r.quartile),
    _Column("Benchmark", 30, lambda r: r.benchmark_text, "wrap"),
    _Column("Rating note", 40, lambda r: r.rating_note, "wrap"),
)


def _number_format(row: Row) -> str:
    digits = "#,##0" + ("." + "0" * row.places if row.places else "")
    return f'{digits}"%"' if row.unit == "%" else digits


def report_xlsx(report: Report, meta: ReportMeta) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = report.title[:31]
    columns = list(_COLUMNS)
    if report.kind is Kind.EXCEPTIONS:
        columns = [
            _Column("Section", 22, lambda r: r.section.title if r.section else "", "wrap"),
            *columns,
            _Column("Also", 24, lambda r: r.also, "wrap"),
            _Column("Why", 60, lambda r: r.explanation, "wrap"),
        ]
    _write_rows(sheet, columns, report.rows)
    first_figure = next(i for i, c in enumerate(columns, 1) if c.header == "Indicator")
    sheet.freeze_panes = sheet.cell(row=2, column=first_figure + 1).coordinate
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(report.rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.center.text = f"{report.title}: {report.agreement.name}, {report.period.label}"
    sheet.oddFooter.right.text = "Page &P of &N"
    _write_about(workbook.create_sheet("About this report"), report, meta)
    workbook.properties.title = f"{report.title}, {report.agreement.name}, {report.period.label}"
    workbook.properties.creator = "Golden Thread"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_rows(sheet: Worksheet, columns: list[_Column], rows: list[Row]) -> None:
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill, cell.alignment, cell.border = _BOLD, _HEADER_FILL, _WRAP, _BOX
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    # A style set on a cell through openpyxl is looked up (hashed) in the workbook's style
    # lists attribute by attribute, which was half the time of a 500-row workbook: each
    # kind of cell is styled that way once, and every cell of that kind is made with its
    # style. Each row goes in with one `append` of ready-made cells, cheaper than asking
    # the sheet for every cell by its coordinates. Styles are made as first needed, so the
    # workbook holds only the styles it uses.
    styles: dict[tuple[str, object], StyleArray] = {}

    def style(key: tuple[str, object], **attributes: object) -> StyleArray:
        if (found := styles.get(key)) is None:
            cell = Cell(sheet)
            for name, value in attributes.items():
                setattr(cell, name, value)
            found = styles[key] = cell._style
        return found

    for row in rows:
        number_format = _number_format(row)
        cells: list[Cell] = []
        for column in columns:
            value = column.get(row)
            if column.kind == "rating":
                rating = Rating(value)  # type: ignore[arg-type]
                array = style(
                    ("rating", rating), fill=_FILLS[rating], border=_BOX, font=_BOLD, alignment=_TOP
                )
                cells.append(Cell(sheet, value=rating.label, style_array=array))
                continue
            if column.kind == "number":
                array = style(
                    ("number", number_format), number_format=number_format, alignment=_TOP
                )
            else:
                array = style(
                    (column.kind, None), alignment=_WRAP if column.kind == "wrap" else _TOP
                )
            cells.append(Cell(sheet, value=safe_cell(value), style_array=array))  # type: ignore[arg-type]
        sheet.append(cells)


def _write_about(sheet: Worksheet, report: Report, meta: ReportMeta) -> None:
    lines = [
        ("Report", report.title),
        ("Agreement", report.agreement.name),
        ("Period", report.period.label),
        ("Filters", meta.filters_text),
        ("Targets", f"{report.total}: {report.summary}"),
        ("Printed", meta.printed.strftime("%d %B %Y %H:%M")),
    ]
    for number, (label, value) in enumerate(lines, 1):
        sheet.cell(row=number, column=1, value=label).font = _BOLD
        sheet.cell(row=number, column=2, value=safe_cell(value))
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 90
