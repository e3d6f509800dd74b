"""The indicators workbook: read, check and import an .xlsx; write the same workbook back.

The secretariat keeps indicators, targets and actuals in Excel. A workbook has any of the
sheets Districts, Partnerships, People, Outcomes, Indicators, Targets and Actuals (columns
in docs/import.md), planned and written in that order, so that a later sheet may name what
an earlier one adds: a whole agreement can come from one workbook. Importing is all or
nothing: every row is checked first and every problem is reported by sheet, row (as Excel
numbers it) and column; only a workbook without problems is written, in one transaction,
and only what differs from the database is written, so importing the same file twice
changes nothing the second time. Exporting writes the same workbook, so export → edit in
Excel → import is a round trip.

Reading is guarded before any spreadsheet library sees the file: its size, that it is a
zip holding a workbook, how tightly its parts are packed and how much they unpack to (from
the zip's directory, so a "zip bomb" is refused without inflating it), how many sheets it
has, and how far each sheet's cells reach (a few kilobytes naming cell XFD1048576 would
otherwise make the reader allocate terabytes). Rows are read with calamine and written
with bulk queries (COPY on PostgreSQL): the number of queries does not grow with the
number of rows (beyond one per batch of BATCH_SIZE on SQLite), so 50,000 actuals import in
about two seconds. Actuals in a period whose return is approved are locked: a row that
would change one is a problem.

reading.py opens and guards the file; columns.py says what each column holds and reads
cells; planning/ checks rows against the agreement and works out the changes, one
planner per sheet; importing.py writes them; exporting.py writes the workbook back.
"""

from indicators.workbook.columns import COLUMNS, Column
from indicators.workbook.exporting import workbook_write
from indicators.workbook.importing import ImportResult, summary_lines, workbook_import
from indicators.workbook.planning import MAX_CHANGES_LISTED
from indicators.workbook.reading import (
    SHEETS,
    XLSX_CONTENT_TYPE,
    Problem,
    WorkbookRejected,
    workbook_read,
)

__all__ = [
    "COLUMNS",
    "MAX_CHANGES_LISTED",
    "SHEETS",
    "XLSX_CONTENT_TYPE",
    "Column",
    "ImportResult",
    "Problem",
    "WorkbookRejected",
    "summary_lines",
    "workbook_import",
    "workbook_read",
    "workbook_write",
]
