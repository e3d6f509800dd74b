"""Report pages kept until the data change.

A report page's body depends only on the agreement's data, the question asked (report,
filters, period), the day (what is late) and whether the reader may override highlights.
So it is kept, under a key made of those and the data version (partnerships/data_version.py),
which the database moves on with every change to the data: a kept body is never older than
the data. Kept for REPORT_CACHE_SECONDS at most (0: never kept; the tests run so), in the
"reports" cache (config/settings.py), compressed. Parameters the report does not
understand are left out of the question (indicators/views/reports.py), so made-up ones
cannot fill the cache.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections.abc import Callable, Hashable

from django.conf import settings
from django.core.cache import caches
from django.db import connection

from indicators.rating import RULE_VERSION
from partnerships import clock, data_version


def kept[T](question: Hashable, build: Callable[[], T]) -> T:
    """What build() returns for this question, from the cache while the data stand still."""
    seconds = settings.REPORT_CACHE_SECONDS
    if not seconds or connection.in_atomic_block:
        # (Inside a transaction the page could show writes that are then rolled back.)
        return build()
    # The version is read first: whatever build() then reads is at least as new.
    facts = (
        data_version.current(),
        question,
        clock.today(),
        RULE_VERSION,
        settings.RETURNS_GRACE_DAYS,
        settings.ESCALATE_TO_CHAIR_DAYS,
    )
    key = "report:" + hashlib.sha256(repr(facts).encode()).hexdigest()
    cache = caches["reports"]
    packed = cache.get(key)
    if packed is not None:
        return pickle.loads(zlib.decompress(packed))  # our own, from this process
    found = build()
    # Packed small: a 500-target exception report is 3.6 MB of HTML and 0.1 MB packed.
    cache.set(key, zlib.compress(pickle.dumps(found), 1), seconds)
    return found
