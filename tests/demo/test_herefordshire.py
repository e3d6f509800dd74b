"""Herefordshire's targets, ratings and delivery plans from the PMG minutes of 6 May 2009
(seed 001), loaded after the rest of the demo: Health and Wellbeing six of seven red, the
Place Survey ambers with their baselines awaited, the mandatory CYP indicators, a plan from
each Policy and Delivery Group the minutes name."""

import re
from collections.abc import Iterator
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from demo.herefordshire import herefordshire_data, herefordshire_load
from demo.partnerships import HEREFORDSHIRE
from demo.timeline import DEMO_AS_AT
from indicators.models import Target
from indicators.national_set import NATIONAL_SET_FILE, national_set_read
from indicators.rating import Rating
from indicators.reports.scorecard import build_scorecard
from meetings.models import AgendaItem
from partnerships.models import Agreement, User
from plans.models import Action, DeliveryPlan
from tests.conftest import client_for, kept_for_module

pytestmark = pytest.mark.django_db

PLACE_SURVEY = ("NI 1", "NI 4", "NI 6", "NI 21")


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker) -> Iterator[int]:
    """The demo, Herefordshire loaded again over it, once for the module."""
    with kept_for_module(django_db_blocker), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=StringIO())
        agreement = Agreement.objects.get(slug=HEREFORDSHIRE)
        herefordshire_load(agreements={HEREFORDSHIRE: agreement})
        yield agreement.pk


@pytest.fixture
def herefordshire(loaded: int, settings) -> Agreement:
    settings.GOLDEN_THREAD_TODAY = DEMO_AS_AT
    return Agreement.objects.get(pk=loaded)


def test_codes_and_titles_are_the_national_indicator_sets():
    titles = {row.code: row.title for row in national_set_read(NATIONAL_SET_FILE)}
    for spec in herefordshire_data().targets:
        assert spec.title == titles[spec.code], spec.code


def test_health_and_wellbeing_shows_six_of_seven_red_on_the_scorecard(herefordshire):
    report = build_scorecard(agreement=herefordshire, today=DEMO_AS_AT)
    summary = next(p for p in report.by_partnership if p.partnership == "Health and Wellbeing")
    counts = {c.rating: c.count for c in summary.counts}
    assert (summary.total, counts[Rating.RED]) == (7, 6)
    alcohol = Target.objects.get(agreement=herefordshire, indicator__code="NI 39")
    assert "demo's own" in alcohol.illustrative  # the minutes give ratings, no figures

    client = client_for(User.objects.get(email="hereford@demo.test"))
    page = client.get("/indicators/scorecard/").content.decode()
    row = re.search(r">Health and Wellbeing</th>(.*?)</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r'data-label="([^"]+)">(\d+)</td>', row.group(1))
    assert ("Red", "6") in cells and ("Total", "7") in cells


def test_the_place_survey_ambers_say_the_baseline_is_awaited(herefordshire):
    report = build_scorecard(agreement=herefordshire, today=DEMO_AS_AT)
    rows = {row.code: row for row in report.rows}
    for code in PLACE_SURVEY:
        assert rows[code].rating == Rating.AMBER, code
        assert rows[code].baseline_text == "Awaited"
    target = Target.objects.get(agreement=herefordshire, indicator__code="NI 21")
    assert "awaiting baseline data from the Place Survey" in target.baseline_awaited_reason
    client = client_for(User.objects.get(email="hereford@demo.test"))
    detail = client.get(f"/indicators/targets/{target.pk}/").content.decode()
    assert "Awaited" in detail and "Place Survey" in detail


def test_the_mandatory_cyp_indicators_are_statutory_priority_one(herefordshire):
    cyp = Target.objects.filter(agreement=herefordshire, partnership__slug="herefordshire-cyp")
    assert set(cyp.values_list("designation", "priority")) == {("statutory", 1)}
    assert cyp.count() == 3


def test_each_named_group_has_a_plan_whose_actions_serve_its_targets(herefordshire):
    plans = DeliveryPlan.objects.filter(partnership__agreement=herefordshire)
    assert {p.partnership.name for p in plans} >= {
        "Health and Wellbeing",
        "Safer Communities",
        "Stronger Communities",
        "Children and Young People",
    }
    health = plans.get(partnership__slug="herefordshire-health-wellbeing")
    assert health.targets.count() == 7
    assert health.submitted_at.date() <= DEMO_AS_AT
    served = Action.objects.filter(
        plan__partnership__agreement=herefordshire, targets__isnull=False
    )
    assert served.distinct().count() == Action.objects.filter(plan__in=plans).count()
    leaflets = Action.objects.get(plan__partnership__slug="herefordshire-economic-development")
    assert "Fighting the Downturn" in leaflets.title
    item = AgendaItem.objects.get(
        meeting__partnership__slug="herefordshire-pmg", meeting__date="2009-05-06", number="4"
    )
    assert item.targets.filter(indicator__code="NI 39").exists()


def test_a_second_load_changes_no_row_counts(herefordshire):
    def counts() -> dict[str, int]:
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    before = counts()
    herefordshire_load(agreements={HEREFORDSHIRE: herefordshire})
    assert counts() == before
