"""The plan an import works out: its problems, what it would change, and the writes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from indicators.workbook.reading import Problem
from partnerships.models import Agreement
from partnerships.permissions import Standing

MAX_CHANGES_LISTED = 100


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass
class Writes:
    created: list[Any] = field(default_factory=list)  # instances, or rows for actuals
    updated: list[Any] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    deleted: list[Any] = field(default_factory=list)


@dataclass
class Plan:
    agreement: Agreement
    # Who imports, in the agreement: the roles the People sheet grants are theirs to grant
    # (partnerships.permissions.role_refusal). None: an operator's command-line import.
    standing: Standing | None = None
    problems: list[Problem] = field(default_factory=list)
    # Figures that look wrong but may be right: shown in the preview, accepted by
    # confirming it (a zero never seen before, a tenfold jump, more decimals than kept).
    warnings: list[Problem] = field(default_factory=list)
    # What the import assumed where the workbook said nothing, per indicator.
    defaults: list[str] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    writes: dict[str, Writes] = field(default_factory=lambda: defaultdict(Writes))

    def count(self, sheet: str) -> Counts:
        counts = self.counts.get(sheet)
        if counts is None:
            counts = self.counts[sheet] = Counts()
        return counts

    @property
    def is_listing(self) -> bool:
        """Still listing changes one by one (only the first MAX_CHANGES_LISTED are)."""
        return len(self.changes) < MAX_CHANGES_LISTED

    def note(self, sheet: str, kind: str, text: str = "") -> None:
        counts = self.count(sheet)
        setattr(counts, kind, getattr(counts, kind) + 1)
        if text and self.is_listing:
            self.changes.append(text)

    @property
    def summary(self) -> dict[str, dict[str, int]]:
        return {
            sheet: {
                "created": c.created,
                "updated": c.updated,
                "deleted": c.deleted,
                "unchanged": c.unchanged,
            }
            for sheet, c in self.counts.items()
        }

    @property
    def change_count(self) -> int:
        return sum(c.changed for c in self.counts.values())
