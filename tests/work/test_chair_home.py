"""The chair's home: ratings now and since the quarter before, the targets that got worse,
what is escalated to them, and the way to the exception report and the agenda pack."""

import datetime as dt
import re

import pytest

from indicators.reports import build_scorecard
from indicators.reports.filters import Filters
from meetings.models import Meeting
from partnerships.models import Membership
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values
from tests.meetings.factories import make_meeting
from tests.plans.factories import make_action, make_plan

AS_AT = dt.date(2009, 11, 20)


@pytest.fixture(autouse=True)
def as_at(settings):
    settings.GOLDEN_THREAD_TODAY = AS_AT


def rated(partnership, code, q1, q2, *, expected="26"):
    """A quarterly 'lower is better' target with figures for 2009/10 Q1 and Q2."""
    indicator = make_indicator(partnership.agreement, code, title=f"Indicator {code}")
    target = make_target(partnership, indicator)
    set_values(target, **{"2009/10 Q1": expected, "2009/10 Q2": expected})
    add_actual(target, "2009/10 Q1", q1)
    add_actual(target, "2009/10 Q2", q2)
    return target


@pytest.fixture
def targets(world):
    return {
        "worse": rated(world.safer, "NI 32", "20", "40"),  # green → red
        "still_red": rated(world.safer, "NI 15", "40", "41"),  # red → red
        "better": rated(world.cwop, "NI 139", "26.5", "20"),  # amber → green
    }


def chair_panel(html: str, partnership_pk: int) -> str:
    match = re.search(rf'<div data-chair-view="{partnership_pk}">(.*?)\n</div>', html, re.S)
    assert match, "no chair panel for that partnership"
    return match.group(1)


def test_pmg_chair_sees_the_agreement_ratings_with_the_change_since_last_quarter(
    world, as_user, targets
):
    html = as_user(world.chair).get("/").content.decode()
    panel = chair_panel(html, world.pmg.pk)
    assert "Performance: Essex LAA" in html
    assert "rated for <strong>2009/10 Q2</strong>, compared with 2009/10 Q1" in panel
    assert "Red 2, up 1 since 2009/10 Q1" in panel
    assert "Green 1, no change since 2009/10 Q1" in panel
    assert "Amber 0, down 1 since 2009/10 Q1" in panel


def test_the_counts_are_the_scorecards(world, as_user, targets):
    """The home page does not rate anything itself: its counts are the scorecard's."""
    report = build_scorecard(agreement=world.essex, today=AS_AT)
    panel = chair_panel(as_user(world.chair).get("/").content.decode(), world.pmg.pk)
    for count in report.counts:
        assert re.search(
            rf'data-rating="{count.rating.value}">.*?numeric">{count.count}</td>', panel, re.S
        )


def test_targets_that_got_worse_are_listed_and_others_are_not(world, as_user, targets):
    panel = chair_panel(as_user(world.chair).get("/").content.decode(), world.pmg.pk)
    worse = panel.split("data-worsened>")[1].split("</ul>")[0]
    assert "NI 32" in worse and "Green to <strong>Red</strong>" in worse
    assert f'href="/indicators/targets/{targets["worse"].pk}/"' in worse
    assert "NI 15" not in worse  # red both quarters: not worse
    assert "NI 139" not in worse  # got better


def test_a_partnership_chair_sees_their_partnership_only(world, as_user, targets):
    user, _ = make_member_with_login(world.safer, Membership.Role.CHAIR, "safer-chair@example.test")
    html = as_user(user).get("/").content.decode()
    panel = chair_panel(html, world.safer.pk)
    assert "Performance: Safer Essex" in html
    assert "Red 2, up 1" in panel
    assert "Green 0, down 1" in panel
    assert "NI 139" not in panel  # CWOP's
    assert f'href="/indicators/exceptions/?partnership={world.safer.pk}"' in panel
    scorecard = build_scorecard(
        agreement=world.essex, filters=Filters(partnership=world.safer.pk), today=AS_AT
    )
    assert sum(c.count for c in scorecard.counts) == 2


def test_links_to_the_exception_report_and_the_next_meetings_agenda_pack(world, as_user, targets):
    make_meeting(world.pmg, dt.date(2009, 10, 14), status=Meeting.Status.HELD)
    coming = make_meeting(world.pmg, dt.date(2009, 12, 9))
    make_meeting(world.pmg, dt.date(2010, 2, 3))
    panel = chair_panel(as_user(world.chair).get("/").content.decode(), world.pmg.pk)
    assert 'href="/indicators/exceptions/"' in panel
    assert f'href="/meetings/{coming.pk}/pack.pdf"' in panel
    assert "9 December 2009" in panel


def test_no_meeting_booked_is_said(world, as_user, targets):
    panel = chair_panel(as_user(world.chair).get("/").content.decode(), world.pmg.pk)
    assert "No meeting of LAA Performance Management Group is booked yet." in panel


def test_work_escalated_to_the_chair_is_shown_as_the_exception_report_does(
    world, as_user, targets, settings
):
    settings.GOLDEN_THREAD_TODAY = dt.date(2009, 7, 1)  # the plan was written in the summer
    plan = make_plan(world.safer)
    make_action(
        plan, "Publish the domestic abuse strategy", lead=world.person(world.lead),
        due_on=dt.date(2009, 9, 1),
    )  # fmt: skip
    make_action(plan, "Not yet overdue", due_on=dt.date(2009, 11, 10))
    settings.GOLDEN_THREAD_TODAY = AS_AT
    exceptions = as_user(world.chair).get("/indicators/exceptions/").content.decode()
    assert "Publish the domestic abuse strategy" in exceptions
    panel = chair_panel(as_user(world.chair).get("/").content.decode(), world.pmg.pk)
    escalated = panel.split("data-escalated-list>")[1].split("</ul>")[0]
    assert "Publish the domestic abuse strategy" in escalated
    assert "Not yet overdue" not in escalated
    assert 'data-escalated="return"' in escalated  # 2008/09 figures never entered
    assert "at 30 October 2009, when the 2009/10 Q2 returns were due" in panel


def test_nothing_rated_yet_is_said(world, as_user):
    panel = chair_panel(as_user(world.chair).get("/").content.decode(), world.pmg.pk)
    assert "No figures have been entered for these targets yet." in panel


@pytest.mark.parametrize("persona", ["lead", "observer", "secretariat", "other_lead"])
def test_only_chairs_get_the_chair_panel(world, as_user, targets, persona):
    html = as_user(getattr(world, persona)).get("/").content.decode()
    assert "data-chair-view" not in html


def test_another_agreements_chair_sees_nothing_of_essex(world, as_user, targets):
    user, _ = make_member_with_login(world.hereford_pmg, Membership.Role.CHAIR, "hc@example.test")
    html = as_user(user).get("/").content.decode()
    panel = chair_panel(html, world.hereford_pmg.pk)
    assert "NI 32" not in panel and "Safer Essex" not in panel
    assert "No figures have been entered" in panel


def test_anonymous_is_sent_to_sign_in(as_user, world):
    response = as_user(None).get("/")
    assert response.status_code == 302 and "login" in response["Location"]


def _add_targets(world, n, start):
    for i in range(n):
        partnership = world.safer if i % 2 else world.cwop
        rated(partnership, f"NI {start + i}", "20" if i % 3 else "40", "40" if i % 2 else "20")
        plan = make_plan(partnership, f"Plan {start + i}")
        make_action(plan, f"Overdue {start + i}", due_on=dt.date(2009, 8, 1))


def test_the_chairs_home_has_bounded_queries(
    world, as_user, django_assert_max_num_queries, targets
):
    client = as_user(world.chair)
    _add_targets(world, 3, 100)
    with django_assert_max_num_queries(60) as small:
        assert client.get("/").status_code == 200
    _add_targets(world, 30, 200)
    with django_assert_max_num_queries(60) as large:
        assert client.get("/").status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
