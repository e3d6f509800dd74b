"""What is illustrative: a target's figures or an indicator's title made up (for the demo,
or a draft) rather than taken from the source documents (docs/illustrative.md).

The notes live on the records (`Target.illustrative`, `Indicator.illustrative`); this reads
them off whatever a page or report lists: a Target or Indicator, a Score or TargetInfo
(indicators/scoring.py), or a report Row (indicators/reports/rows.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# Where a listed item keeps the notes, nearest first: itself, its target, its score's target.
_PATHS = ((), ("target",), ("score", "target"))
_NOTES = ("illustrative", "title_illustrative")


def notes_of(item: object) -> list[str]:
    """The item's illustrative notes (its own and, where it carries it, its indicator's)."""
    for path in _PATHS:
        holder: object | None = item
        for name in path:
            holder = getattr(holder, name, None)
        if holder is None:
            continue
        found = [getattr(holder, name, None) for name in _NOTES]
        if any(isinstance(note, str) for note in found):
            return [note for note in found if isinstance(note, str) and note]
    return []


def any_illustrative(items: Iterable[object]) -> bool:
    return any(notes_of(item) for item in items)


def illustrative_html(note: str, about: str, *, short: bool = False) -> SafeString:
    """The inline tag and note of templates/includes/illustrative.html, for rows built in
    Python (the scorecard page's); nothing, and no template rendered, when `note` is blank."""
    if not note:
        return mark_safe("")
    html = render_to_string(
        "includes/illustrative.html",
        {"note": note, "about": about, "inline": True, "short": short},
    )
    return mark_safe(" " + html.strip())  # rendered by the template engine: escaped there
