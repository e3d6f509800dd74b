"""Hooks: where a higher app adds to a lower app's page.

A lower app never imports a higher one (docs/architecture.md). When one of its pages shows
something only a higher app knows (the exception report's overdue action points, the bids
decided under a meeting's agenda item), the lower app declares a Hook and the higher app
registers a function on it when it starts (its AppConfig.ready). The lower app calls
whatever is registered, and works on its own when nothing is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


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
