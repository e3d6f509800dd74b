"""Report pages kept until the data change.

A report page's body depends only on the agreement's data, the question asked (report,
filters, period), the day (what is late) and whether the reader may override highlights.
So it is kept, under a key made of those and the data version (partnerships/data_version.py),
which the database moves on with every change to the data: a kept body is never older than
the data. Kept for REPORT_CACHE_SECONDS at most (0: never kept; the tests run so), in the
"reports" cache (config/settings.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from indicators.rating import RULE_VERSION
from partnerships import data_version


def kept[T](question: Hashable, build: Callable[[], T]) -> T:
    """What build() returns for this question, from the cache while the data stand still."""
    seconds = settings.REPORT_CACHE_SECONDS
    if not seconds:
        return build()
    # The version is read first: whatever build() then reads is at least as new.
    facts = (
        data_version.current(),
        question,
        timezone.localdate(),
        RULE_VERSION,
        settings.RETURNS_GRACE_DAYS,
        settings.ESCALATE_TO_CHAIR_DAYS,
    )
    key = "report:" + hashlib.sha256(repr(facts).encode()).hexdigest()
    cache = caches["reports"]
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, seconds)
    return found
