"""Submitting, approving, returning and revising data returns; frozen ratings; the pages."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from indicators.actions import actual_record
from indicators.models import Actual, ActualRevision, DataReturn, FrozenRating, Target
from indicators.periods import Period
from indicators.return_actions import (
    ActualLocked,
    data_return_approve,
    data_return_send_back,
    data_return_submit,
    rating_comparison,
)
from indicators.returns import TransitionRefused, overdue_returns
from partnerships.models import Area, Membership
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

Q1 = Period.parse("2009/10 Q1")
TODAY = dt.date(2009, 8, 10)


@pytest.fixture
def cycle(world):
    owner_user, owner = make_member_with_login(
        world.safer, Membership.Role.MEMBER, "owner@example.test", "Dana Owner"
    )
    target = make_target(
        world.safer, lead=world.person(world.lead), data_owner=owner, tolerance=Decimal(5)
    )
    set_values(target, **{"2009/10 Q1": "26"})  # lower is better
    add_actual(target, "2009/10 Q1", "27")  # 3.8% over: amber at 5%, red at 2%
    world.owner = owner_user
    return target


def test_submit_then_approve_locks_and_freezes_the_rating(world, cycle):
    data_return_submit(target=cycle, period=Q1, by=world.owner, today=TODAY)
    approved = data_return_approve(target=cycle, period=Q1, by=world.lead, today=TODAY)
    assert approved.status == DataReturn.Status.APPROVED
    assert approved.approved_by == world.lead and approved.submitted_by == world.owner
    frozen = FrozenRating.objects.get(data_return=approved)
    assert (frozen.rating, frozen.rule_version, frozen.tolerance) == ("amber", "1", Decimal(5))
    assert frozen.actual == Decimal("27.0") and frozen.target_value == Decimal("26.0")


def test_cannot_submit_without_an_actual(world, cycle):
    Actual.objects.all().delete()
    with pytest.raises(TransitionRefused, match="Enter the 2009/10 Q1 actual"):
        data_return_submit(target=cycle, period=Q1, by=world.owner, today=TODAY)
    assert not DataReturn.objects.exists()


def test_cannot_approve_what_was_not_submitted(world, cycle):
    with pytest.raises(TransitionRefused, match="not been submitted"):
        data_return_approve(target=cycle, period=Q1, by=world.lead, today=TODAY)
    assert not FrozenRating.objects.exists()


def test_returned_for_revision_needs_a_reason_and_can_be_resubmitted(world, cycle):
    data_return_submit(target=cycle, period=Q1, by=world.owner, today=TODAY)
    with pytest.raises(TransitionRefused, match="Say what needs revising"):
        data_return_send_back(target=cycle, period=Q1, by=world.lead, reason=" ", today=TODAY)
    back = data_return_send_back(
        target=cycle, period=Q1, by=world.lead, reason="Q1 excludes Harlow", today=TODAY
    )
    assert back.status == "returned" and back.return_reason == "Q1 excludes Harlow"
    again = data_return_submit(target=cycle, period=Q1, by=world.owner, today=TODAY)
    assert again.status == "submitted"


def _approve(world, target):
    data_return_submit(target=target, period=Q1, by=world.owner, today=TODAY)
    return data_return_approve(target=target, period=Q1, by=world.lead, today=TODAY)


def _change(target, by, reason=""):
    actual = Actual.objects.get(target=target, period=Q1.label, district=None)
    return actual_record(
        target=target, period=Q1, value=Decimal("25"), by=by,
        expected_version=actual.version, revision_reason=reason,
    )  # fmt: skip


@pytest.mark.parametrize("who", ["owner", "lead", "other_lead", "chair"])
def test_after_approval_others_are_refused_and_nothing_is_written(world, cycle, who):
    _approve(world, cycle)
    with pytest.raises(ActualLocked, match="Ask the secretariat"):
        _change(cycle, getattr(world, who), reason="I know better")
    assert Actual.objects.get(target=cycle).value == Decimal("27")
    assert not ActualRevision.objects.exists()


def test_the_secretariat_must_give_a_reason(world, cycle):
    _approve(world, cycle)
    with pytest.raises(ActualLocked, match="say why"):
        _change(cycle, world.secretariat)
    assert Actual.objects.get(target=cycle).value == Decimal("27")


def test_the_secretariat_revises_with_a_reason_and_it_is_shown_as_a_revision(world, cycle):
    data_return = _approve(world, cycle)
    _change(cycle, world.secretariat, reason="Police corrected the Q1 count")
    assert Actual.objects.get(target=cycle).value == Decimal("25")
    revision = ActualRevision.objects.get()
    assert (revision.data_return, revision.old_value, revision.new_value) == (
        data_return, Decimal("27"), Decimal("25"),
    )  # fmt: skip
    assert revision.reason == "Police corrected the Q1 count" and revision.by == world.secretariat


def test_open_periods_are_changed_as_before(world, cycle):
    _change(cycle, world.owner)
    assert Actual.objects.get(target=cycle).value == Decimal("25")


def test_a_tolerance_change_does_not_recolour_the_approved_rating(world, cycle):
    _approve(world, cycle)
    Target.objects.filter(pk=cycle.pk).update(tolerance=Decimal(2))
    [row] = rating_comparison(Target.objects.filter(pk=cycle.pk), Q1, TODAY)
    assert row.approved_rating == "amber"
    assert row.score.rating.value == "red"
    assert row.is_different and "tolerance changed (5 → 2)" in row.why_different


def test_no_difference_is_marked_when_nothing_changed(world, cycle):
    _approve(world, cycle)
    [row] = rating_comparison(Target.objects.filter(pk=cycle.pk), Q1, TODAY)
    assert not row.is_different and row.why_different == ""


def test_overdue_returns_beyond_the_threshold(world, cycle):
    Actual.objects.all().delete()
    # Q1 due 30 July 2009; on 20 August it is 21 days late.
    found = overdue_returns(world.essex, dt.date(2009, 8, 20), threshold=14)
    assert ("NI 32", "2009/10 Q1", 21) in [(r.code, r.period.label, r.days_late) for r in found]
    later = overdue_returns(world.essex, dt.date(2009, 8, 20), threshold=21)
    assert "2009/10 Q1" not in [r.period.label for r in later]


def test_an_entered_figure_is_not_escalated(world, cycle):
    Actual.objects.update(entered_at=dt.datetime(2009, 8, 1, 12, tzinfo=dt.UTC))
    found = overdue_returns(world.essex, dt.date(2009, 8, 20), threshold=14)
    assert "2009/10 Q1" not in [r.period.label for r in found]


def test_what_was_done_after_the_date_does_not_count_on_it(world, cycle):
    """An old report lists what was overdue then: a figure entered, or a return
    submitted, after its date was still outstanding on it."""
    Actual.objects.update(entered_at=dt.datetime(2009, 9, 1, 12, tzinfo=dt.UTC))
    on = dt.date(2009, 8, 20)  # Q1 due 30 July: 21 days late

    def q1_late(on=on):
        return [r.days_late for r in overdue_returns(world.essex, on, 14) if r.period == Q1]

    assert q1_late() == [21]  # entered on 1 September
    assert q1_late(dt.date(2009, 9, 2)) == []
    data_return_submit(target=cycle, period=Q1, by=world.owner, today=dt.date(2009, 9, 1))
    DataReturn.objects.update(submitted_at=dt.datetime(2009, 9, 1, 12, tzinfo=dt.UTC))
    assert q1_late() == [21]  # submitted on 1 September
    DataReturn.objects.update(submitted_at=dt.datetime(2009, 8, 10, 12, tzinfo=dt.UTC))
    assert q1_late() == []


# --- pages ---------------------------------------------------------------------------------


def _url(target, action=""):
    middle = f"{action}/" if action else ""
    return f"/indicators/targets/{target.pk}/returns/{middle}2009/10 Q1/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("outsider", 404), ("observer", 200), ("other_lead", 200), ("lead", 200)],
)
def test_who_sees_a_return(world, cycle, as_user, persona, status):
    user = getattr(world, persona) if persona else None
    assert as_user(user).get(_url(cycle)).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"), [(None, 302), ("outsider", 404), ("observer", 403), ("other_lead", 403)]
)
@pytest.mark.parametrize("action", ["submit", "approve", "send-back", "revise"])
def test_who_is_refused_each_workflow(world, cycle, as_user, persona, status, action):
    user = getattr(world, persona) if persona else None
    response = as_user(user).post(_url(cycle, action), {"reason": "x", "value": "1"})
    assert response.status_code == status
    assert not DataReturn.objects.exists()


def test_the_data_owner_submits_and_the_lead_approves_through_the_pages(world, cycle, as_user):
    response = as_user(world.owner).post(_url(cycle, "submit"))
    assert response.status_code == 302
    assert as_user(world.owner).post(_url(cycle, "approve")).status_code == 403
    assert as_user(world.lead).post(_url(cycle, "approve")).status_code == 302
    assert DataReturn.objects.get().status == "approved"
    page = as_user(world.lead).get(_url(cycle)).content.decode()
    assert "As approved" in page and "The figures are locked" in page


def test_the_secretariat_revises_through_the_page(world, cycle, as_user):
    _approve(world, cycle)
    assert (
        as_user(world.lead).post(_url(cycle, "revise"), {"value": "25", "reason": "x"}).status_code
        == 403
    )
    refused = as_user(world.secretariat).post(_url(cycle, "revise"), {"value": "25"})
    assert refused.status_code == 200 and ActualRevision.objects.count() == 0
    done = as_user(world.secretariat).post(
        _url(cycle, "revise"), {"value": "25", "reason": "Corrected count"}
    )
    assert done.status_code == 302 and ActualRevision.objects.count() == 1
    page = as_user(world.lead).get(f"/indicators/targets/{cycle.pk}/").content.decode()
    assert "Locked" in page and "revised 1×" in page


def test_the_target_page_refuses_a_locked_period_with_a_message(world, cycle, as_user):
    _approve(world, cycle)
    actual = Actual.objects.get(target=cycle)
    response = as_user(world.lead).post(
        f"/indicators/targets/{cycle.pk}/actuals/",
        {"period": "2009/10 Q1", "value": "20", "status": "final", "version": actual.version},
    )
    assert response.status_code == 200
    assert "its actuals are locked" in response.content.decode()
    assert Actual.objects.get(target=cycle).value == Decimal("27")


@pytest.mark.parametrize("persona", ["observer", "outsider"])
def test_the_return_list_shows_only_the_users_agreement(world, cycle, as_user, persona):
    page = as_user(getattr(world, persona)).get("/indicators/returns/?period=2009/10 Q1")
    assert page.status_code == 200
    assert ("NI 32" in page.content.decode()) is (persona == "observer")


def test_the_return_list_makes_as_many_queries_for_many_targets_as_for_one(world, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert (
                as_user(world.lead).get("/indicators/returns/?period=2009/10 Q1").status_code == 200
            )
        return len(context)

    add_actual(
        make_target(world.safer, make_indicator(world.essex, code="NI 100")), "2009/10 Q1", "5"
    )
    one = count()
    for n in range(1, 15):
        t = make_target(world.safer, make_indicator(world.essex, code=f"NI {100 + n}"))
        add_actual(t, "2009/10 Q1", "5")
    assert count() == one <= 36  # the sign-in itself (log, session, second factor) takes 4


def test_the_secretariat_revises_one_districts_approved_figure(world, cycle, as_user):
    basildon = Area.objects.create(code="22UB", name="Basildon", kind=Area.Kind.DISTRICT)
    add_actual(cycle, "2009/10 Q1", "31", district=basildon)
    _approve(world, cycle)
    page = as_user(world.secretariat).get(_url(cycle)).content.decode()
    assert "Basildon" in page  # offered as a figure to revise
    done = as_user(world.secretariat).post(
        _url(cycle, "revise"), {"district": basildon.pk, "value": "29", "reason": "Recount"}
    )
    assert done.status_code == 302
    assert Actual.objects.get(target=cycle, district=basildon).value == Decimal("29")
    assert Actual.objects.get(target=cycle, district=None).value == Decimal("27")  # untouched
    revision = ActualRevision.objects.get()
    assert (revision.district, revision.old_value, revision.new_value) == (
        basildon,
        Decimal("31"),
        Decimal("29"),
    )
    shown = as_user(world.lead).get(_url(cycle)).content.decode()
    assert "Basildon: Recount" in shown


def test_a_district_outside_the_agreement_is_refused_and_nothing_changes(world, cycle, as_user):
    elsewhere = Area.objects.create(code="00GA", name="Herefordshire", kind=Area.Kind.UNITARY)
    _approve(world, cycle)
    refused = as_user(world.secretariat).post(
        _url(cycle, "revise"), {"district": elsewhere.pk, "value": "29", "reason": "Recount"}
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert not ActualRevision.objects.exists()
    assert not Actual.objects.filter(district=elsewhere).exists()


def test_the_returns_page_opens_on_the_agreements_cycle_in_hand(world, cycle, as_user):
    data_return_submit(target=cycle, period=Q1, by=world.owner, today=TODAY)
    page = as_user(world.lead).get("/indicators/returns/").content.decode()
    assert '<h1 class="govuk-heading-l">Data returns for 2009/10 Q1</h1>' in page
    offered = re.findall(r'<option value="([^"]+)"', page)
    assert offered[0] == "2010/11 Q4" and offered[-1] == "2008/09 Q1"  # the agreement's own
    assert len(offered) == 12


def test_without_any_figures_the_returns_page_opens_on_the_agreements_last_quarter(world, as_user):
    page = as_user(world.lead).get("/indicators/returns/").content.decode()
    assert "Data returns for 2010/11 Q4" in page
