"""A small task for bench/load/two: the worker's share of the load. It reads the database
as a real task would (the agreement's actuals) and returns what it read, so the run can
check that every task enqueued during the load was run, by `manage.py db_worker`."""

from __future__ import annotations

from django.tasks import task


@task()
def touch(run: str, number: int) -> dict[str, object]:
    from indicators.models import Actual

    return {"run": run, "number": number, "actuals": Actual.objects.count()}
