"""The demo's data cycle: Q1 signed off, one approved rating that now recalculates
differently, one return waiting for approval and one sent back; idempotent."""

import datetime as dt

import pytest

from demo.indicators import indicators_load
from demo.partnerships import partnerships_load
from demo.returns import returns_load
from indicators.models import ActualRevision, DataReturn
from indicators.periods import Period
from indicators.reports import APPROVED, Filters, build_scorecard
from meetings.escalation import escalations

pytestmark = pytest.mark.django_db


def test_demo_sign_off_shows_every_state_and_an_approved_rating_that_changed(settings):
    settings.DEBUG = True  # demo sign-ins, so the secretariat can revise a figure
    agreements = partnerships_load(with_logins=True)
    indicators_load(agreements=agreements)
    returns_load(agreements=agreements)
    returns_load(agreements=agreements)  # a second run adds nothing
    statuses = list(DataReturn.objects.values_list("status", flat=True))
    assert statuses.count("approved") >= 15
    assert {"approved", "submitted", "returned"} == set(statuses)
    [revision] = ActualRevision.objects.select_related("data_return__target__indicator")
    assert revision.data_return.target.indicator.code == "NI 135" and revision.reason
    essex = next(a for slug, a in agreements.items() if slug.startswith("essex"))
    q1 = Period.parse("2009/10 Q1")
    today = dt.date(2026, 1, 1)
    now = {r.code: r for r in build_scorecard(agreement=essex, period=q1, today=today).rows}
    approved = build_scorecard(
        agreement=essex, period=q1, today=today, filters=Filters(ratings=APPROVED)
    )
    as_approved = {r.code: r for r in approved.rows}
    assert (now["NI 135"].rating, as_approved["NI 135"].rating) == ("red", "amber")
    assert [code for code, row in now.items() if row.rating_note] == ["NI 135"]
    # Dated as it happened, so a report as at 2009 does not take the figures for late.
    dates = {r.status: r for r in DataReturn.objects.all()}
    assert dates["approved"].submitted_at.date() == dt.date(2009, 8, 10)
    assert dates["approved"].approved_at.date() == dt.date(2009, 8, 20)
    assert revision.at.date() == dt.date(2009, 9, 15)
    late = escalations(essex, dt.date(2009, 10, 30)).returns
    assert late == []  # every Q1 figure entered by then; Q2 not yet 28 days overdue
