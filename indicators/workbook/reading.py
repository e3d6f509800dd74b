"""Reading a workbook safely: size, zip, sheet names and extents checked before calamine
reads it."""

from __future__ import annotations

import difflib
import operator
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

from partnerships.spreadsheets import restore_cell
from partnerships.uploads import UploadRejected, upload_check

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INDICATORS, TARGETS, ACTUALS = "Indicators", "Targets", "Actuals"
DISTRICTS, PARTNERSHIPS, PEOPLE, OUTCOMES = "Districts", "Partnerships", "People", "Outcomes"
# In the order they are planned and written: each may name what the ones before it add.
AGREEMENT_SHEETS = (DISTRICTS, PARTNERSHIPS, PEOPLE, OUTCOMES)
SHEETS = (*AGREEMENT_SHEETS, INDICATORS, TARGETS, ACTUALS)
MEMBERSHIPS = "Roles"  # counted separately in a summary; they live on People rows
TARGET_VALUES = "Target values"  # counted separately in a summary; they live on Targets rows

# Guards against workbooks that would exhaust memory or time (see docs/import.md). The
# file's size and what it unzips to are checked first, by partnerships/uploads.py.
MAX_SHEETS = 20
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 4_000_000


# --- problems ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the workbook, said so that the user can find and fix it."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        place = self.sheet
        if self.row is not None:
            place += f" row {self.row}"
        if self.column:
            place += f", column {self.column}" if self.row is not None else f" column {self.column}"
        return f"{place}: {self.message}" if place else self.message


class WorkbookRejected(Exception):
    """The file cannot be read as an indicators workbook at all."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


# --- reading ----------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    number: int  # as Excel shows it
    cells: dict[str, Any]  # column key → raw cell value
    # Column keys of the cells formatted as a percentage: Excel stores 95.5% as 0.955.
    percent: frozenset[str] = frozenset()


@dataclass
class Sheet:
    name: str  # one of SHEETS
    columns: dict[str, str]  # column key → letter, in the order of the sheet
    rows: list[Row]
    header_row: int = 1


_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# In files from Excel, LibreOffice, Google Sheets and openpyxl every cell starts `<c r="A1"`.
# A cell holding something is not `<c …/>` and not `<c …></c>`.
_FILLED_CELL = re.compile(rb'c r="([A-Z]+)([0-9]+)"[^>]*(?<!/)>(?!</)')
_TAG = re.compile(rb"<(/?)(?:[A-Za-z0-9_]+:)?(row|c)\b([^>]*?)(/?)>")
_REF_ATTR = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ROW_ATTR = re.compile(rb'\br="([0-9]+)"')


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _is_empty_cell(xml: bytes, tag_end: int) -> bool:
    """Is the cell tag ending at tag_end `<c …/>` or `<c …></c>`, holding no value?"""
    return tag_end > 0 and (
        xml[tag_end - 1 : tag_end] == b"/" or xml.startswith(b"</", tag_end + 1)
    )


def _cell_extent(xml: bytes) -> tuple[int, int]:
    """The last row and column holding a cell, without building the sheet. Cells that are
    only formatted, without a value, do not count: readers skip them."""
    cell_tags = xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b":c ") + xml.count(b":c>")
    if cell_tags == xml.count(b'c r="'):
        filled = _FILLED_CELL.findall(xml)
        if not filled:
            return 0, 0
        letters, digits = zip(*filled, strict=True)
        return max(map(int, digits)), max(map(_column_number, set(letters)))
    # Cells without references: work out positions the way readers do, tag by tag, and stop
    # at the first cell beyond the limits.
    rows = columns = row = column = 0
    for match in _TAG.finditer(xml):
        closing, name, attrs, empty = match.groups()
        if closing:
            continue
        if name == b"row":
            found = _ROW_ATTR.search(attrs)
            row, column = (int(found[1]) if found else row + 1), 0
            continue
        found = _REF_ATTR.search(attrs)
        if found:
            column, row = _column_number(found[1]), int(found[2])
        else:
            column += 1
        if not empty and not _is_empty_cell(xml, match.end() - 1):
            rows, columns = max(rows, row), max(columns, column)
            if rows > MAX_ROWS or columns > MAX_COLUMNS:
                break
    return rows, columns


DAMAGED = Problem("The file is damaged: open it in Excel and save it again as .xlsx.")


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip part) in workbook order, from xl/workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, zlib.error) as error:
        raise WorkbookRejected(DAMAGED) from error
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL_NS}Relationship")
    }
    parts = []
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts.append((sheet.get("name", ""), str(PurePosixPath(part))))
    return parts


# Excel's built-in number formats 9 (0%) and 10 (0.00%); custom ones say % themselves.
_PERCENT_FORMATS = {"9", "10"}
_CELL_STYLE = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*?\bs="([0-9]+)"')


def _percent_styles(archive: zipfile.ZipFile) -> set[bytes]:
    """The style indexes (a cell's s="…") whose number format shows a percentage."""
    try:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return set()
    percent = set(_PERCENT_FORMATS)
    for fmt in styles.iter(f"{_MAIN_NS}numFmt"):
        # A % inside quotes or after a backslash is literal text, not a percentage.
        code = re.sub(r'"[^"]*"|\\.', "", fmt.get("formatCode", ""))
        if "%" in code:
            percent.add(fmt.get("numFmtId", ""))
    found = set()
    xfs = next(styles.iter(f"{_MAIN_NS}cellXfs"), None)
    for index, xf in enumerate(xfs if xfs is not None else ()):
        if xf.get("numFmtId", "0") in percent:
            found.add(str(index).encode())
    return found


def _percent_cells(xml: bytes, styles: set[bytes]) -> set[tuple[int, int]]:
    """(row, 0-based column) of the cells formatted as a percentage."""
    if not styles:
        return set()
    return {
        (int(row), _column_number(letters) - 1)
        for letters, row, style in _CELL_STYLE.findall(xml)
        if style in styles
    }


def _sheet_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _open(path: Path) -> tuple[zipfile.ZipFile, list[tuple[str, str]]]:
    if path.stat().st_size == 0:
        raise WorkbookRejected(Problem("The file is empty."))
    try:
        upload_check(path)  # its size, and for a zip what it unzips to
    except UploadRejected as error:
        if error.code == "damaged":
            raise WorkbookRejected(DAMAGED) from error
        raise WorkbookRejected(Problem(str(error.message))) from error
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookRejected(
            Problem(
                "The file is an old-style Excel 97–2003 workbook (.xls): open it in Excel "
                "and save it as an Excel Workbook (.xlsx)."
            )
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise WorkbookRejected(
            Problem(
                "The file is not an Excel workbook: save it from Excel as an Excel Workbook "
                "(.xlsx). CSV files cannot be imported."
            )
        ) from error
    if "xl/workbook.xml" not in archive.namelist():
        archive.close()
        raise WorkbookRejected(
            Problem("The file is a zip archive but not an Excel workbook (.xlsx).")
        )
    parts = _sheet_parts(archive)
    if len(parts) > MAX_SHEETS:
        archive.close()
        raise WorkbookRejected(
            Problem(
                f"The workbook has {len(parts)} sheets; it may have at most {MAX_SHEETS}, and "
                f"only sheets called {', '.join(SHEETS[:-1])} or {SHEETS[-1]} are read."
            )
        )
    return archive, parts


def _check_sheet_names(parts: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Our sheet name → (name in the file, zip part); every other name is a problem."""
    known = {_sheet_key(name): name for name in SHEETS}
    found: dict[str, tuple[str, str]] = {}
    problems = []
    for name, part in parts:
        ours = known.get(_sheet_key(name))
        if ours is None:
            close = difflib.get_close_matches(_sheet_key(name), list(known), n=1, cutoff=0.6)
            hint = f" Did you mean {known[close[0]]}?" if close else ""
            problems.append(
                Problem(
                    f"Sheet '{name}' is not one that can be imported: sheets must be called "
                    f"{', '.join(SHEETS[:-1])} or {SHEETS[-1]}.{hint} Delete or rename it."
                )
            )
        elif ours in found:
            problems.append(
                Problem(f"There are two sheets called {ours}: keep one and delete the other.")
            )
        else:
            found[ours] = (name, part)
    if not parts:
        problems.append(Problem("The workbook has no sheets."))
    if problems:
        raise WorkbookRejected(*problems)
    return found


def _check_extent(
    archive: zipfile.ZipFile, sheet: str, part: str, percent_styles: set[bytes]
) -> set[tuple[int, int]]:
    """Refuse a sheet whose cells reach too far; the cells formatted as percentages."""
    try:
        info = archive.getinfo(part)
        with archive.open(info) as member:
            # No more than the size it declares (upload_check in _open): a part that says it is
            # small but inflates without end fails its checksum here instead.
            xml = member.read(info.file_size)
    except KeyError as error:
        raise WorkbookRejected(
            Problem(f"The {sheet} sheet is missing from the file: open it in Excel and save it.")
        ) from error
    rows, columns = _cell_extent(xml)
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise WorkbookRejected(
            Problem(
                f"The {sheet} sheet has cells down to row {rows:,} and across to column "
                f"{column_letter(columns - 1)}; a sheet may use at most {MAX_ROWS:,} rows and "
                f"{MAX_COLUMNS} columns ({MAX_CELLS:,} cells). Delete the cells beyond your "
                "data, or split the workbook."
            )
        )
    return _percent_cells(xml, percent_styles)


def header_key(text: object) -> str:
    """Column names ignore case, spaces and underscores: 'Indicator_Code ' → 'indicator code'."""
    if type(text) is float and text.is_integer():
        text = int(text)  # Excel stores every number as a float: 2009, not 2009.0
    return " ".join(str(text).replace("_", " ").split()).casefold()


def is_blank(value: object) -> bool:
    return value == "" or value is None or (type(value) is str and not value.strip())


def _is_blank_row(values: list[Any]) -> bool:
    # is_blank inlined: this runs for every row, and a row's first cell usually decides it.
    return not any(
        value != "" and value is not None and (type(value) is not str or value.strip())
        for value in values
    )


def _sheet_from_rows(
    name: str, grid: list[list[Any]], percent_cells: set[tuple[int, int]] | None = None
) -> tuple[Sheet, list[Problem]]:
    """The first non-empty row holds the column names; data rows follow, blanks skipped."""
    problems: list[Problem] = []
    header_at = next((i for i, row in enumerate(grid) if not _is_blank_row(row)), None)
    if header_at is None:
        return Sheet(name, {}, []), problems
    columns: dict[str, str] = {}
    positions: list[tuple[int, str]] = []
    unnamed: set[int] = set()
    for index, raw in enumerate(grid[header_at]):
        letter = column_letter(index)
        if is_blank(raw):
            unnamed.add(index)
            continue
        key = header_key(raw)
        if key in columns:
            problems.append(
                Problem(
                    f"'{raw}' is the name of column {columns[key]} too: rename or delete one.",
                    name,
                    header_at + 1,
                    letter,
                )
            )
            continue
        columns[key] = letter
        positions.append((index, key))
    rows = []
    keys = [key for _index, key in positions]
    pick = operator.itemgetter(*(index for index, _key in positions))
    width = len(grid[header_at])  # calamine gives every row the sheet's full width
    for offset, values in enumerate(grid[header_at + 1 :], start=header_at + 2):
        if _is_blank_row(values):
            continue
        if len(values) < width:
            values = values + [""] * (width - len(values))
        for index in sorted(unnamed) if unnamed else ():
            if not is_blank(values[index]):
                unnamed.discard(index)  # reported once
                problems.append(
                    Problem(
                        f"there is a value here but no column name in row {header_at + 1}: "
                        "name the column or delete its values.",
                        name,
                        offset,
                        column_letter(index),
                    )
                )
        picked = pick(values)
        cells = dict(zip(keys, picked if len(keys) > 1 else (picked,), strict=True))
        for key, value in cells.items():
            if type(value) is str and value[:1] == "'":
                cells[key] = restore_cell(value)  # the quote our export puts before "=1+1"
        percent: frozenset[str] = frozenset()
        if percent_cells:
            percent = frozenset(key for i, key in positions if (offset, i) in percent_cells)
        rows.append(Row(offset, cells, percent))
    return Sheet(name, columns, rows, header_at + 1), problems


def workbook_read(path: Path) -> tuple[dict[str, Sheet], list[Problem]]:
    """The workbook's sheets (any of SHEETS) and the problems found with its layout.

    Raises WorkbookRejected for a file that is not a readable, reasonably sized workbook.
    """
    from python_calamine import CalamineWorkbook

    archive, parts = _open(path)
    with archive:
        found = _check_sheet_names(parts)
        percent_styles = _percent_styles(archive)
        percent_cells: dict[str, set[tuple[int, int]]] = {}
        try:
            for ours, (_name, part) in found.items():
                percent_cells[ours] = _check_extent(archive, ours, part, percent_styles)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise WorkbookRejected(DAMAGED) from error
    try:
        # calamine, not pandas over it: pandas converts every cell in Python and builds a
        # frame only to be turned back into lists. Cells come as str, float (every number;
        # the parsers take 25.0 as 25), bool, date, datetime, time or timedelta; "" if empty.
        book = CalamineWorkbook.from_path(str(path))
        grids = {
            ours: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for ours, (name, _part) in found.items()
        }
    except Exception as error:  # the reader's errors are many and undocumented
        raise WorkbookRejected(
            Problem(
                "The workbook could not be read. Open it in Excel, check it opens, and save "
                f"it again as an Excel Workbook (.xlsx). ({type(error).__name__})"
            )
        ) from error
    sheets: dict[str, Sheet] = {}
    problems: list[Problem] = []
    for ours, grid in grids.items():
        sheet, found_problems = _sheet_from_rows(ours, grid, percent_cells.get(ours, set()))
        sheets[ours] = sheet
        problems += found_problems
    if not any(sheet.rows for sheet in sheets.values()) and not problems:
        problems.append(
            Problem(
                "The workbook has nothing to import: its sheets have no rows below the "
                "column names."
            )
        )
    return sheets, problems
