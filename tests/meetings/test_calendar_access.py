"""A secret calendar address lasts only as long as its person's access (issue 14,
finding 5): once their sign-in is switched off, or their last role in the agreement has
ended, both feeds answer 404, as for an address that never was."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from meetings.actions import calendar_feed_for
from partnerships.models import Membership
from tests.factories import make_membership
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def alan(world):
    """Safer Essex's lead, with a meeting of Safer Essex in his calendar."""
    make_meeting(world.safer, dt.date(2009, 1, 22), title="Safer Essex")
    return world.person(world.lead)


def feeds(world, person) -> list[str]:
    token = calendar_feed_for(person=person).token
    return [
        f"/meetings/calendar/{token}.ics",
        f"/meetings/calendar/{token}/partnerships/{world.safer.pk}.ics",
    ]


def end_every_role(person) -> None:
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Membership.objects.filter(person=person).update(ends_on=yesterday)


def test_someone_with_access_gets_both_feeds(client, world, alan):
    for url in feeds(world, alan):
        response = client.get(url)
        assert response.status_code == 200, url
        events = list(Calendar.from_ical(response.content).walk("VEVENT"))
        assert [str(e["SUMMARY"]) for e in events] == ["Safer Essex"]


def test_a_switched_off_sign_in_stops_both_feeds(client, world, alan):
    urls = feeds(world, alan)
    world.lead.is_active = False
    world.lead.save()
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_the_end_of_every_role_stops_both_feeds(client, world, alan):
    urls = feeds(world, alan)
    end_every_role(alan)
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_a_role_ending_in_the_future_still_gives_access(client, world, alan):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    Membership.objects.filter(person=alan).update(ends_on=tomorrow)
    for url in feeds(world, alan):
        assert client.get(url).status_code == 200, url


def test_any_current_role_in_the_agreement_keeps_the_feeds(client, world, alan):
    """Alan left Safer Essex but is still a member of the PMG: still in the agreement."""
    urls = feeds(world, alan)
    end_every_role(alan)
    make_membership(alan, world.pmg)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_role_in_another_agreement_does_not_keep_this_ones_feed(client, world, alan):
    """The same sign-in is someone else (another Person) in Herefordshire."""
    urls = feeds(world, alan)
    end_every_role(alan)
    hereford_self = world.hereford.people.create(name="Alan Dawkes", user=world.lead)
    make_membership(hereford_self, world.hereford_pmg)
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_a_person_without_a_sign_in_has_no_feed(client, world, alan):
    urls = feeds(world, alan)
    alan.user = None
    alan.save()
    for url in urls:
        assert client.get(url).status_code == 404, url
