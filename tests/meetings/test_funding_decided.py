"""An agenda item's page lists the underspends the funding app records as agreed under it."""

import datetime as dt
from decimal import Decimal

import pytest

from funding.models import CarryForward
from tests.funding.factories import make_fund
from tests.meetings.factories import make_item, make_meeting

pytestmark = pytest.mark.django_db


def test_underspend_carried_forward_under_an_item_is_shown_with_it(world, as_user):
    meeting = make_meeting(world.hereford_pmg, dt.date(2009, 5, 6), status="held")
    item = make_item(meeting, "5", "Area Based Grant underspend")
    other = make_item(meeting, "6", "Any other business")
    CarryForward.objects.create(
        fund=make_fund(world.hereford, "Area Based Grant"),
        partnership=world.hereford_pmg,
        from_year="2008/09",
        to_year="2009/10",
        percent_of_budget=Decimal("3"),
        rule="Underspends up to 5% roll forward to the same partnership.",
        agreed_by=world.hereford_pmg,
        agreed_on=meeting.date,
        meeting=meeting,
        agenda_item=item,
    )
    page = as_user(world.outsider).get(f"/meetings/{meeting.pk}/").text
    shown = (
        "Carried forward: Herefordshire Partnership Management Group's Area Based Grant "
        "underspend, 2008/09 to 2009/10 (3% of budget)"
    )
    assert shown in page
    assert page.count("Carried forward:") == 1  # under item 5, not item 6 as well
    assert page.index(item.title) < page.index(shown) < page.index(other.title)
    assert as_user(world.lead).get(f"/meetings/{meeting.pk}/").status_code == 404
