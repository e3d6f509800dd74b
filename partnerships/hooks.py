"""Hooks: where a higher app adds to a lower app's page.

A lower app never imports a higher one (docs/architecture.md). When one of its pages shows
something only a higher app knows (the exception report's overdue action points, the bids
decided under a meeting's agenda item), the lower app declares a Hook and the higher app
registers a function on it when it starts (its AppConfig.ready). The lower app calls
whatever is registered, and works on its own when nothing is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partnerships.models import Partnership
    from partnerships.permissions import Standing


class Hook[F: Callable[..., Any]]:
    def __init__(self, purpose: str) -> None:
        self.purpose = purpose
        self._functions: list[F] = []

    def register(self, function: F) -> F:
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[F]:
        return iter(self._functions)

    def __repr__(self) -> str:
        return f"<Hook: {self.purpose} ({len(self._functions)} registered)>"


# The "Its work" list on a partnership's page. Each function gives one line of links as
# (label, url) pairs: the first is the line's own, the rest follow as "and its …"; no pairs
# leave the line out. Indicators registers the reports, plans the delivery plans, meetings
# the meetings and forward plan, funding the bids (each in its <app>/links.py).
PartnershipLinks = Callable[["Partnership"], list[tuple[str, str]]]
partnership_links: Hook[PartnershipLinks] = Hook("links from a partnership's page to its work")

# Sections of a partnership's page below its work links, each a piece of HTML the higher
# app renders from its own template (a lower template includes none of a higher app's);
# "" leaves it out. Meetings registers the attendance and quorum
# (meetings/views/terms.py: attendance_section).
PartnershipSection = Callable[["Partnership", "Standing"], str]
partnership_sections: Hook[PartnershipSection] = Hook("sections of a partnership's page")
