"""The data-return rules: due dates and the state machine (no database)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import Period
from indicators.returns import (
    OPEN,
    Event,
    ReturnStatus,
    TransitionRefused,
    days_late,
    due_on,
    next_status,
    status_on,
)

Q1 = Period.parse("2009/10 Q1")  # ends 30 June 2009
GRACE = 30


def test_a_return_is_due_the_grace_days_after_its_period_ends():
    assert due_on(Q1, GRACE) == dt.date(2009, 7, 30)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2009, 6, 30), ReturnStatus.NOT_DUE),  # the period's last day
        (dt.date(2009, 7, 1), ReturnStatus.DUE),  # the day after it ends
        (dt.date(2009, 7, 30), ReturnStatus.DUE),  # the due date itself
        (dt.date(2009, 7, 31), ReturnStatus.LATE),  # the day after the due date
    ],
)
def test_clock_status_at_the_boundaries(today, expected):
    assert status_on(None, Q1, today, GRACE) == expected


@pytest.mark.parametrize(
    "recorded", [ReturnStatus.SUBMITTED, ReturnStatus.APPROVED, ReturnStatus.RETURNED]
)
def test_what_someone_did_outranks_the_clock(recorded):
    assert status_on(recorded, Q1, dt.date(2012, 1, 1), GRACE) == recorded


def test_a_stored_clock_status_is_recomputed():
    assert status_on(ReturnStatus.DUE, Q1, dt.date(2010, 1, 1), GRACE) == ReturnStatus.LATE


def test_days_late_counts_from_the_due_date():
    assert days_late(Q1, dt.date(2009, 7, 30), GRACE) == 0
    assert days_late(Q1, dt.date(2009, 8, 14), GRACE) == 15


def test_the_happy_path_submit_then_approve():
    assert next_status(ReturnStatus.DUE, Event.SUBMIT) == ReturnStatus.SUBMITTED
    assert next_status(ReturnStatus.SUBMITTED, Event.APPROVE) == ReturnStatus.APPROVED


def test_returned_for_revision_then_submitted_again():
    returned = next_status(ReturnStatus.SUBMITTED, Event.RETURN)
    assert returned == ReturnStatus.RETURNED
    assert next_status(returned, Event.SUBMIT) == ReturnStatus.SUBMITTED


def test_a_late_return_can_still_be_submitted():
    assert next_status(ReturnStatus.LATE, Event.SUBMIT) == ReturnStatus.SUBMITTED


@pytest.mark.parametrize(
    ("current", "event", "says"),
    [
        (ReturnStatus.NOT_DUE, Event.SUBMIT, "not ended"),
        (ReturnStatus.DUE, Event.APPROVE, "not been submitted"),
        (ReturnStatus.SUBMITTED, Event.SUBMIT, "already been submitted"),
        (ReturnStatus.APPROVED, Event.RETURN, "locked"),
        (ReturnStatus.APPROVED, Event.SUBMIT, "locked"),
        (ReturnStatus.RETURNED, Event.APPROVE, "submitted again"),
    ],
)
def test_refused_moves_say_why(current, event, says):
    with pytest.raises(TransitionRefused, match=says):
        next_status(current, event)


@given(st.sampled_from(list(ReturnStatus)), st.sampled_from(list(Event)))
def test_every_move_ends_in_an_action_status_or_is_refused(current, event):
    try:
        result = next_status(current, event)
    except TransitionRefused:
        return
    assert result not in OPEN
    assert current != ReturnStatus.APPROVED  # approval is final


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.integers(min_value=0, max_value=120),
)
def test_clock_status_follows_the_dates(today, grace):
    status = status_on(None, Q1, today, grace)
    if today <= Q1.end:
        assert status == ReturnStatus.NOT_DUE
    elif today <= due_on(Q1, grace):
        assert status == ReturnStatus.DUE
    else:
        assert status == ReturnStatus.LATE and days_late(Q1, today, grace) > 0
