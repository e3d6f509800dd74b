"""`rows|any_illustrative`: whether a report shows any record marked illustrative, so that
its printed version carries the footnote (templates/includes/illustrative_note.html)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from indicators.illustrative import any_illustrative as _any_illustrative

register = template.Library()


@register.filter
def any_illustrative(rows: Iterable[object] | None) -> bool:
    return _any_illustrative(rows or ())
