"""The reports run a fixed number of queries, whatever the number of targets."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.make_large_agreement import populate
from indicators.models import ComparatorImport, ComparatorValue, FamilyGroup, Target
from partnerships.models import Area, Partnership, Person
from plans.models import Action
from tests.meetings.factories import make_action as make_point
from tests.meetings.factories import make_item, make_meeting
from tests.plans.factories import make_action as make_plan_action
from tests.plans.factories import make_plan

pytestmark = pytest.mark.django_db

URLS = [
    "/indicators/scorecard/",
    "/indicators/scorecard/?format=csv",
    "/indicators/scorecard/?format=xlsx",
    "/indicators/scorecard/?rating=red&priority=2",
    "/indicators/exceptions/",
    "/indicators/exceptions/?format=csv",
    "/indicators/highlight/",
]


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_comparators_and_overdue_work(agreement, n: int) -> None:
    """Comparator figures for every target (so each has a benchmark), and n overdue plan
    actions and action points (so the exception report escalates them)."""
    areas = [
        Area.objects.get_or_create(code=f"CMP{i}", name=f"Area {i}", kind="county")[0]
        for i in range(8)
    ]
    agreement.area = areas[0]
    agreement.save()
    group, _ = FamilyGroup.objects.get_or_create(agreement=agreement, name="Comparators")
    group.members.set(areas)
    batch = ComparatorImport.objects.create(agreement=agreement, filename="c.csv", content=b"-")
    compared = set(ComparatorValue.objects.values_list("indicator_id", flat=True))
    ComparatorValue.objects.bulk_create(
        ComparatorValue(indicator_id=i, area=a, period="2008/09", value=Decimal(k), batch=batch)
        for i in Target.objects.filter(agreement=agreement).values_list("indicator_id", flat=True)
        if i not in compared
        for k, a in enumerate(areas)
    )
    plan = make_plan(world_partnership(agreement))
    meeting = make_meeting(world_partnership(agreement))
    item = make_item(meeting)
    for _ in range(n):
        make_plan_action(plan, due_on=dt.date(2008, 6, 1), lead=Person.objects.first())
        make_point(item, due_on=dt.date(2008, 6, 1), owners=Person.objects.all()[:2])
    # Written long before the report's date: escalation reads the actions' history.
    Action.history.update(history_date=dt.datetime(2008, 5, 1, 12, tzinfo=dt.UTC))


def world_partnership(agreement):
    return Partnership.objects.filter(agreement=agreement, kind="thematic").first()


def test_same_query_count_at_10_and_500_targets(world, as_user):
    client = as_user(world.chair)
    populate(world.essex, targets=10, quarters=4, districts=2)
    add_comparators_and_overdue_work(world.essex, 2)
    small = {url: queries(client, url) for url in URLS}
    populate(world.essex, targets=490, quarters=4, districts=2, seed=2)
    add_comparators_and_overdue_work(world.essex, 20)
    large = {url: queries(client, url) for url in URLS}
    assert large == small
    # The exception report also reads overdue returns and actions (nine queries).
    assert max(small.values()) <= 27
    response = client.get("/indicators/exceptions/")
    assert response.text.count('data-escalated="action"') == 44
    assert "Top quartile" in client.get("/indicators/scorecard/").text


def test_district_filter_has_a_fixed_query_count_too(world, as_user):
    client = as_user(world.secretariat)
    populate(world.essex, targets=10, quarters=4, districts=2)
    district = Area.objects.filter(code__startswith="B").first()
    url = f"/indicators/scorecard/?district={district.pk}"
    small = queries(client, url)
    populate(world.essex, targets=490, quarters=4, districts=2, seed=2)
    assert queries(client, url) == small


def test_scorecard_of_500_targets_shows_them_all(world, as_user):
    """Two hundred to a page (no page over 500 KB): the three pages hold all 500, once."""
    populate(world.essex, targets=500, quarters=4, districts=0)
    client = as_user(world.observer)
    codes = []
    for page in (1, 2, 3):
        response = client.get(f"/indicators/scorecard/?page={page}")
        assert "500 targets:" in response.text
        assert len(response.content) < 500_000
        codes += re.findall(r'<tr class="govuk-table__row" data-code="([^"]+)"', response.text)
    assert len(codes) == len(set(codes)) == 500
