"""Two requests at the same moment (issue 14, findings 4 and 5): what used to answer 500
now answers as if the requests had come one after the other.

Each race is made to happen, not hoped for: the first change runs on a second connection
in a transaction held open, the request under test runs on a third, and the first commits
only once the request is waiting for its lock. So these need PostgreSQL (SQLite takes
one writer at a time, and has no locks to wait on per row).
"""

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from meetings import actions
from meetings.forms import AgendaItemForm
from meetings.models import AgendaItem, Attendance
from tests.meetings.factories import make_item, make_meeting

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs row locks: run on PostgreSQL"
    ),
]
WAIT = 10  # seconds: far longer than any of these takes; a hang fails rather than blocks


def race[T](first: Callable[[], object], second: Callable[[], T]) -> T:
    """Run `first` in a transaction kept open on one connection, and `second` on another;
    commit `first` once `second` is waiting for a lock it holds (or has finished).
    Return what `second` returned; an exception in either is raised here."""
    held, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    answer: list[T] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                first()
                held.set()
                release.wait(WAIT)
        except BaseException as error:  # raised again in the test's thread
            errors.append(error)
        finally:
            held.set()
            connection.close()

    def run() -> None:
        try:
            answer.append(second())
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(WAIT)
    runner = threading.Thread(target=run)
    runner.start()
    _wait_until_waiting_for_a_lock(runner)
    release.set()
    holder.join(WAIT)
    runner.join(WAIT)
    assert not holder.is_alive() and not runner.is_alive(), "a connection is stuck"
    if errors:
        raise errors[0]
    return answer[0]


def _wait_until_waiting_for_a_lock(runner: threading.Thread) -> None:
    deadline = time.monotonic() + WAIT
    while runner.is_alive() and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.01)


@pytest.fixture
def meeting(world):
    return make_meeting(world.safer, dt.date(2008, 10, 2))


# Two identical attendance ticks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/meetings/{pk}/attendance/", {"status": "present"}),
        ("/meetings/{pk}/attendance/add/", {"status": "present", "role": "", "organisation": ""}),
    ],
    ids=["tick", "add someone"],
)
def test_a_tick_made_at_the_same_moment_as_the_same_tick_is_taken_as_made(
    world, as_user, meeting, url, data
):
    alan = world.person(world.lead)

    response = race(
        lambda: actions.attendance_set(meeting=meeting, person=alan, status="present"),
        lambda: as_user(world.secretariat).post(
            url.format(pk=meeting.pk), {"person": alan.pk, **data}
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/#attendance"
    line = Attendance.objects.get(meeting=meeting, person=alan)
    assert line.status == "present"


def test_a_tick_made_at_the_same_moment_as_another_gives_the_later_answer(world, as_user, meeting):
    alan = world.person(world.lead)

    response = race(
        lambda: actions.attendance_set(meeting=meeting, person=alan, status="present"),
        lambda: as_user(world.secretariat).post(
            f"/meetings/{meeting.pk}/attendance/",
            {"person": alan.pk, "status": "apologies"},
            HTTP_HX_REQUEST="true",
        ),
    )

    assert response.status_code == 200
    assert Attendance.objects.get(meeting=meeting, person=alan).status == "apologies"


# Saving an agenda item while it is deleted --------------------------------------------------


def item_data(item: AgendaItem, presenters: list[int], minutes: str) -> dict[str, object]:
    return {
        "version": item.version,
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "presenters": presenters,
        "minutes": minutes,
    }


def nothing_left_of(item_pk: int) -> bool:
    presenters = AgendaItem.presenters.through.objects.filter(agendaitem_id=item_pk)
    saves = AgendaItem.history.filter(id=item_pk, history_type="~")
    return not (AgendaItem.objects.filter(pk=item_pk).exists() or presenters or saves)


def test_saving_an_item_deleted_meanwhile_says_so_and_writes_nothing(world, as_user, meeting):
    item = make_item(meeting, "4", "Terms of reference")
    alan = world.person(world.lead)

    response = race(
        lambda: actions.item_delete(item=item),
        lambda: as_user(world.secretariat).post(
            f"/meetings/items/{item.pk}/edit/", item_data(item, [alan.pk], "Terms agreed.")
        ),
    )

    assert response.status_code == 200
    page = response.text
    assert "Someone else deleted this agenda item" in page
    assert "This agenda item was deleted by someone else while you were editing it." in page
    assert "Terms agreed.</textarea>" in page  # theirs to copy
    assert "Remove item 4 from the agenda" not in page
    assert nothing_left_of(item.pk)


def test_deleting_an_item_while_it_is_saved_with_presenters_waits_for_the_save(
    world, as_user, meeting
):
    item = make_item(meeting, "4", "Terms of reference")
    alan = world.person(world.lead)

    def save_with_presenters() -> None:
        form = AgendaItemForm(
            item_data(item, [alan.pk], "Terms agreed."), instance=item, meeting=meeting
        )
        assert form.is_valid(), form.errors
        actions.item_save(form=form, expected_version=item.version)

    response = race(
        save_with_presenters,
        lambda: as_user(world.secretariat).post(f"/meetings/items/{item.pk}/delete/"),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/#agenda"
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert not AgendaItem.presenters.through.objects.filter(agendaitem_id=item.pk).exists()
