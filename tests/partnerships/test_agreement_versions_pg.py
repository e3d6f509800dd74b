"""Writers in two agreements at once, on PostgreSQL (issue 19, item 3): agreement B's write
neither waits for agreement A's open transaction nor moves A's version; a second writer in A
does wait (so the test would see a wait if there were one).

Agreement A's transaction is held open on a second connection after its versions have been
moved on (SET CONSTRAINTS ALL IMMEDIATE runs the commit-time trigger at once), which is the
most it ever locks: the moment of its commit. SQLite takes one writer at a time, so these
need PostgreSQL.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.utils import OperationalError

from indicators.models import Actual, Target
from partnerships import data_version
from tests.factories import make_agreement, make_partnership
from tests.indicators.factories import add_actual, make_indicator, make_target

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks: run on PostgreSQL"
    ),
]
WAIT = 10  # seconds: far longer than any of these takes; a hang fails rather than blocks


@pytest.fixture
def targets(world) -> tuple[Target, Target]:
    essex = make_target(world.safer, make_indicator(world.essex, "NI 32"))
    add_actual(essex, "2009/10 Q2", "40")
    hereford = make_target(world.hereford_pmg, make_indicator(world.hereford, "NI 8"))
    add_actual(hereford, "2009/10 Q2", "21")
    return essex, hereford


@contextmanager
def held_open(target: Target) -> Iterator[None]:
    """A transaction writing in the target's agreement, kept open on another connection
    with its versions already moved on (their rows locked) until the block ends."""
    held, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                Actual.objects.filter(target=target).update(commentary="Held open.")
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                held.set()
                release.wait(WAIT)
        except BaseException as error:  # raised again in the test's thread
            errors.append(error)
        finally:
            held.set()
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(WAIT)
    try:
        yield
    finally:
        release.set()
        holder.join(WAIT)
    assert not holder.is_alive(), "a connection is stuck"
    if errors:
        raise errors[0]


def write_without_waiting(target: Target, commentary: str) -> float:
    """Seconds a committed write in the target's agreement took; OperationalError if it had
    to wait a second for a lock."""
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '1s'")
        Actual.objects.filter(target=target).update(commentary=commentary)
    return time.perf_counter() - started


def test_a_write_in_b_does_not_wait_for_as_open_transaction_nor_move_as_version(world, targets):
    essex, hereford = targets
    essex_before = data_version.current(world.essex.pk)
    hereford_before = data_version.current(world.hereford.pk)
    with held_open(essex):
        took = write_without_waiting(hereford, "Written beside Essex's transaction.")
        assert took < 0.5
        assert data_version.current(world.hereford.pk) != hereford_before
        assert data_version.current(world.essex.pk) == essex_before  # A not committed yet
        hereford_after = data_version.current(world.hereford.pk)
    assert data_version.current(world.essex.pk) != essex_before  # A committed
    assert data_version.current(world.hereford.pk) == hereford_after


def test_a_second_write_in_a_waits_for_as_commit(world, targets):
    essex, _ = targets
    with held_open(essex), pytest.raises(OperationalError, match="lock timeout"):
        write_without_waiting(essex, "Written beside Essex's own transaction.")


def test_many_writers_in_different_agreements_all_commit_and_count(world, targets):
    """Eight threads, each writing 20 times in its own agreement (two of them the world's):
    no write is lost and each agreement's version moved on once per write."""
    agreements = [world.essex, world.hereford] + [
        make_agreement(f"Agreement {n}") for n in range(6)
    ]
    figures = []
    for agreement in agreements:
        partnership = make_partnership(agreement, f"Board of {agreement.name}")
        target = make_target(partnership, make_indicator(agreement, "NI 1"))
        figures.append(add_actual(target, "2009/10 Q2", "1"))
    counts = {agreement.pk: _n(agreement.pk) for agreement in agreements}
    errors: list[BaseException] = []

    def write(actual: Actual) -> None:
        try:
            for n in range(20):
                with transaction.atomic():
                    Actual.objects.filter(pk=actual.pk).update(value=Decimal(n))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(actual,)) for actual in figures]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 3)
    assert not errors and not any(thread.is_alive() for thread in threads)
    assert {pk: _n(pk) - n for pk, n in counts.items()} == dict.fromkeys(counts, 20)
    assert all(Actual.objects.get(pk=actual.pk).value == 19 for actual in figures)


def _n(agreement: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n FROM {data_version.TABLE} WHERE agreement_id = %s", [agreement])
        row = cursor.fetchone()
    return row[0] if row else 0
