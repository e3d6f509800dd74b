"""The one shape of due work, without a database."""

import datetime as dt

from partnerships.due import DueItem, DueKind


def item(days_late: int) -> DueItem:
    return DueItem(
        kind=DueKind.PLAN_ACTION, pk=1, text="1.1 Train IDVAs", partnership="Safer Essex",
        source="Safer Essex's plan “Domestic abuse”", owners="Alan Dawkes", people=(7,),
        due_on=dt.date(2009, 8, 14), days_late=days_late, url="/plans/1/#action-1",
    )  # fmt: skip


def test_an_item_is_due_until_its_day_has_passed_and_overdue_after():
    assert (item(-3).when, item(0).when, item(1).when) == ("due", "due", "overdue")
    assert not item(0).is_overdue and item(1).is_overdue


def test_the_kind_reads_as_pages_name_it():
    assert f"{DueKind.ACTION_POINT}, {item(1).when}" == "Action point, overdue"
