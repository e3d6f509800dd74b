"""The order the demo is loaded in: each step builds on the ones above it, and each is
idempotent, so the whole can run again and change nothing.

The order is also the order the rows are numbered in, so a step moved changes the
primary keys of a fresh demo (and the pages and tests that name demo records by them).
"""

from __future__ import annotations

from demo.as_at import meetings_held_load
from demo.cheshire import CHESHIRE, cheshire_load
from demo.comparators import comparators_load
from demo.funding import bid_links_load, funding_load
from demo.herefordshire import herefordshire_load
from demo.indicators import indicators_load
from demo.leicestershire import leicestershire_load
from demo.meetings import meetings_load
from demo.partnerships import partnerships_load
from demo.plans import plans_load
from demo.returns import returns_load
from demo.scenarios import scenarios_load
from demo.terms import terms_load
from partnerships.models import Agreement


def demo_load(*, with_logins: bool) -> dict[str, Agreement]:
    # Areas, the agreements, organisations, people, partnerships, roles, themes, outcomes.
    agreements = partnerships_load(with_logins=with_logins)
    # Indicators, targets and actuals, under the outcomes.
    indicators_load(agreements=agreements)
    # Meetings, minutes, decisions and action points; agenda items link to the targets.
    meetings_load(agreements=agreements)
    # The meetings the forward plans arranged before the demo's "as at" date, held.
    meetings_held_load(agreements=agreements)
    # Funds and bids, decided at the meetings and aimed at the targets.
    funding_load(agreements=agreements)
    # Delivery plans: actions serve the targets, funding lines pay for them.
    plans_load(agreements=agreements)
    # Every English authority, family groups, and the CO2 figures for NI 186 (issue 10).
    comparators_load(agreements=agreements)
    # 2009/10 Q1 signed off by the demo sign-ins, Q2 under way (issue 9).
    returns_load(agreements=agreements)
    # The bids tied to the plans' funding lines, now that both exist (issue 7).
    bid_links_load(agreements=agreements)
    # Herefordshire's targets, ratings and plans from its PMG minutes of 6 May 2009 (issue 17).
    herefordshire_load(agreements=agreements)
    # Terms of reference of the Essex and Herefordshire PMGs, from their minutes (issue 21).
    terms_load(agreements=agreements)
    # An illustrative what-if: Safer Essex's £902,000 of schemes fitted into £610,000 (issue 21).
    scenarios_load(agreements=agreements)
    # The Leicestershire LAA from GOEM's highlight report, April–September 2006 (seed 004).
    leicestershire = leicestershire_load(with_logins=with_logins)
    agreements[leicestershire.slug] = leicestershire
    # The Cheshire agreement from its 2006 LAA progress report (seed 003).
    agreements[CHESHIRE] = cheshire_load(with_logins=with_logins)
    return agreements
