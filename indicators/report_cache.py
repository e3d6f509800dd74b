"""Report pages kept until the agreement's data change, built once for every server.

A report page's body depends only on the agreement's data, the question asked (report,
filters, period), the day (what is late) and whether the reader may override highlights.
So it is kept, under a key made of those and the agreement's data version
(partnerships/data_version.py), which the database moves on with every change to that
agreement's data: a kept body is never older than the data, and a change in another
agreement leaves it kept. Kept for REPORT_CACHE_SECONDS at most (0: never kept; the tests
run so), in the "reports" cache (config/settings.py: the database, or Redis, shared by every
server process), compressed. The first reader after a change builds the page; readers of the
same page meanwhile, in any process, wait for it (up to BUILD_WAIT_SECONDS) rather than build
it again. Parameters the report does not understand are left out of the question
(indicators/views/reports.py), so made-up ones cannot fill the cache.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import time
import zlib
from collections.abc import Callable, Hashable

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection

from indicators.rating import RULE_VERSION
from partnerships import clock, data_version

logger = logging.getLogger(__name__)

# How long a reader waits for a page another reader is building, and how often it looks.
BUILD_WAIT_SECONDS = 20.0
LOOK_EVERY_SECONDS = 0.05


def kept[T](question: Hashable, build: Callable[[], T], *, agreement: int) -> T:
    """What build() returns for this question about the agreement, from the cache while
    its data stand still."""
    seconds = settings.REPORT_CACHE_SECONDS
    if not seconds or connection.in_atomic_block:
        # (Inside a transaction the page could show writes that are then rolled back.)
        return build()
    # The version is read first: whatever build() then reads is at least as new.
    facts = (
        data_version.current(agreement),
        agreement,
        question,
        clock.today(),
        RULE_VERSION,
        settings.RETURNS_GRACE_DAYS,
        settings.ESCALATE_TO_CHAIR_DAYS,
    )
    key = "report:" + hashlib.sha256(repr(facts).encode()).hexdigest()
    cache = caches["reports"]
    try:
        packed = cache.get(key)
    except DatabaseError:  # no table: `manage.py createcachetable` was not run
        logger.exception("Report pages cannot be kept: run manage.py createcachetable")
        return build()
    if packed is None and not cache.add(f"{key}:building", 1, int(BUILD_WAIT_SECONDS) + 1):
        packed = _wait_for(key)
    if packed is not None:
        return pickle.loads(zlib.decompress(packed))  # our own: only the app writes there
    try:
        found = build()
        # Packed small: a 500-target exception report is 3.6 MB of HTML and 0.1 MB packed.
        cache.set(key, zlib.compress(pickle.dumps(found), 1), seconds)
    finally:
        cache.delete(f"{key}:building")
    return found


def _wait_for(key: str) -> bytes | None:
    """The page another reader is building, once it is kept (None: it is not, in time, or
    its builder failed; then this reader builds it)."""
    cache = caches["reports"]
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(LOOK_EVERY_SECONDS)
        packed = cache.get(key)
        if packed is not None:
            return packed
        if cache.get(f"{key}:building") is None:
            return cache.get(key)
    return None
