"""Where higher apps add to meetings' pages (partnerships/hooks.py says why)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meetings.models import Meeting
from partnerships.hooks import Hook

# Records other apps keep against a meeting's agenda items, shown under each item:
# {item id: {attribute: [records]}} (funding registers its bid decisions and carry-forwards
# as "bids_decided" and "carried_forward").
ItemRecords = Callable[[Meeting], dict[int, dict[str, Any]]]
agenda_item_records: Hook[ItemRecords] = Hook("records decided under a meeting's agenda items")
