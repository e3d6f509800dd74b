"""What "today" is: the real date, or the demo's "as at" date.

`GOLDEN_THREAD_TODAY=2009-11-20` runs the app as at that date (DEBUG only; see
config/settings.py): due and late, next meetings, escalations, reminders, forecasts and the
times written on new records all read it from here, so the demo's 2009 agreement looks as it
did then. The time of day is the real one, so records made in one session keep their order.
Nothing else in the app calls `date.today()` or `timezone.now()`
(tests/partnerships/test_clock.py holds it).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


def as_at() -> dt.date | None:
    """The date the app runs as at, or None when it runs on the real date."""
    return settings.GOLDEN_THREAD_TODAY


def today() -> dt.date:
    return as_at() or timezone.localdate()


def now() -> dt.datetime:
    real = timezone.now()
    day = as_at()
    if day is None:
        return real
    local = timezone.localtime(real)
    return local.replace(year=day.year, month=day.month, day=day.day)


class StampField(models.DateTimeField):
    """A DateTimeField whose auto_now / auto_now_add stamp is `now()`, so the demo's records
    are stamped on its "as at" date like everything else."""

    def pre_save(self, model_instance: models.Model, add: bool) -> dt.datetime | None:
        if self.auto_now or (self.auto_now_add and add):
            value = now()
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)


def stamp_history(sender: type, history_instance: models.Model, **kwargs: object) -> None:
    """Dates a history record on the "as at" date when the app runs as at one (connected in
    partnerships/apps.py); left alone otherwise, and where the writer set it on purpose."""
    if as_at() is not None and abs(history_instance.history_date - timezone.now()) < _JUST_NOW:
        history_instance.history_date = now()


_JUST_NOW = dt.timedelta(minutes=1)
