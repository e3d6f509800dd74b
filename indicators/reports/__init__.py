"""Report data: the scorecard, the exception report and the highlight report.

One function per report builds its rows (`build_scorecard`, `build_exceptions`,
`build_highlight`); the HTML page, the PDF, the Excel workbook and the CSV file all read
those rows, so they never disagree. Ratings come from `indicators.scoring.TargetData`
(a fixed number of queries, whatever the number of targets), and every display string is
worked out once per row (`rows.py`), so templates only print them: a 500-target
scorecard has to render in well under 100 ms.

`filters.py` holds the period and filters a report is run for, `rows.py` the rows and the
`Report` every format reads, and one module per report builds it.
"""

from indicators.reports.exceptions import Section, build_exceptions
from indicators.reports.filters import APPROVED, Filters, report_period, report_periods
from indicators.reports.highlight import build_highlight, theme_direction, theme_rating
from indicators.reports.rows import (
    CSV_COLUMNS,
    RATING_ORDER,
    Kind,
    Report,
    Row,
    counts_text,
    direction_label,
    rating_counts,
)
from indicators.reports.scorecard import build_scorecard

__all__ = [
    "APPROVED",
    "CSV_COLUMNS",
    "RATING_ORDER",
    "Filters",
    "Kind",
    "Report",
    "Row",
    "Section",
    "build_exceptions",
    "build_highlight",
    "build_scorecard",
    "counts_text",
    "direction_label",
    "rating_counts",
    "report_period",
    "report_periods",
    "theme_direction",
    "theme_rating",
]
