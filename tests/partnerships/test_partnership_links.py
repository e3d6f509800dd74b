"""A partnership's page leads to its work: reports, plans, meetings, forward plan, bids."""

import pytest

from tests.indicators.factories import make_target

pytestmark = pytest.mark.django_db


def test_the_partnership_page_links_to_everything_it_does(world, as_user):
    make_target(world.safer)
    page = as_user(world.observer).get(f"/partnerships/{world.safer.pk}/").content.decode()
    pk = world.safer.pk
    links = [
        f"/indicators/scorecard/?partnership={pk}",
        f"/indicators/exceptions/?partnership={pk}",
        f"/plans/?partnership={pk}",
        f"/meetings/?partnership={pk}",
        f"/meetings/forward-plan/{pk}/",
        f"/funding/bids/?partnership={pk}",
    ]
    for link in links:
        assert f'href="{link}"' in page, link
        assert as_user(world.observer).get(link).status_code == 200, link


def test_no_report_links_for_a_partnership_without_targets(world, as_user):
    page = as_user(world.observer).get(f"/partnerships/{world.cwop.pk}/").content.decode()
    assert "/indicators/scorecard/" not in page.split("<main")[1]
    assert f"/meetings/forward-plan/{world.cwop.pk}/" in page
