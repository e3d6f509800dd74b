"""Every write through the API is kept in history as its person "via API".

The API's write views run inside `via_api()`; a history row made meanwhile (by
simple_history's signal, for records saved one at a time) gets that change reason. The
bulk import path writes its history rows itself and is given the reason directly.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

VIA_API = "via API"
_active: contextvars.ContextVar[bool] = contextvars.ContextVar("via_api", default=False)


@contextmanager
def via_api() -> Iterator[None]:
    token = _active.set(True)
    try:
        yield
    finally:
        _active.reset(token)


def mark_via_api(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    if _active.get() and not history_instance.history_change_reason:
        history_instance.history_change_reason = VIA_API
