"""The indicators' sections of an agenda pack: the partnership's scorecard and exception
report for the latest period reported before the meeting."""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.pack import latest_reported_before, pack_sections
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values
from tests.meetings.factories import make_meeting
from tests.meetings.test_documents import pdf_text, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(world):
    """Safer Essex's NI 32 red in Q1 and Q2 2009/10; CWOP's NI 135 green in Q1."""
    ni32 = make_target(world.safer, tolerance=Decimal(5))  # lower is better
    set_values(ni32, **{"2009/10 Q1": "26", "2009/10 Q2": "26"})
    add_actual(ni32, "2009/10 Q1", "30")
    add_actual(ni32, "2009/10 Q2", "31")
    ni135 = make_target(world.cwop, make_indicator(world.essex, "NI 135", polarity="higher"))
    set_values(ni135, **{"2009/10 Q1": "10"})
    add_actual(ni135, "2009/10 Q1", "11")


def test_the_period_is_the_latest_reported_before_the_meeting(world, reported):
    # Q2 ends 30 September: a meeting on that day discusses Q1, one in October Q2.
    assert latest_reported_before(make_meeting(world.safer, dt.date(2009, 9, 30))).label == (
        "2009/10 Q1"
    )
    assert latest_reported_before(make_meeting(world.safer, dt.date(2009, 10, 8))).label == (
        "2009/10 Q2"
    )
    assert latest_reported_before(make_meeting(world.safer, dt.date(2009, 6, 1))) is None


def test_a_thematic_partnership_gets_its_own_targets_and_the_pmg_everyone(world, reported):
    safer = pack_sections(make_meeting(world.safer, dt.date(2009, 10, 8)))
    assert [s["title"] for s in safer] == ["Scorecard, 2009/10 Q2", "Exception report, 2009/10 Q2"]
    assert "Repeat incidents" in safer[0]["html"] and "NI\xa0135" not in safer[0]["html"]
    assert "Red (1)" in safer[1]["html"]
    pmg = pack_sections(make_meeting(world.pmg, dt.date(2009, 10, 8)))
    assert "NI\xa032" in pmg[0]["html"] and "NI\xa0135" in pmg[0]["html"]


def test_no_sections_before_any_figures_or_for_a_partnership_without_targets(world, reported):
    assert pack_sections(make_meeting(world.safer, dt.date(2009, 6, 1))) == []
    assert pack_sections(make_meeting(world.hereford_pmg, dt.date(2009, 10, 8))) == []


def test_the_agenda_pack_prints_the_scorecard_and_exceptions(world, reported, as_user):
    meeting = make_meeting(world.safer, dt.date(2009, 10, 8))
    response = as_user(world.observer).get(f"/meetings/{meeting.pk}/pack.pdf")
    text = squash(pdf_text(response.content))
    contents = text.split("Forward plan")[0]
    assert "Scorecard, 2009/10 Q2" in contents and "Exception report, 2009/10 Q2" in contents
    assert "Red (1)" in text and "31.0%" in text
