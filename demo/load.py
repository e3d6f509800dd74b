"""The order the demo is loaded in: each step builds on the ones above it, and each is
idempotent, so the whole can run again and change nothing.

The order is also the order the rows are numbered in, so a step moved changes the
primary keys of a fresh demo (and the pages and tests that name demo records by them).
"""

from __future__ import annotations

from demo.as_at import meetings_held_load
from demo.comparators import comparators_load
from demo.funding import bid_links_load, funding_load
from demo.indicators import indicators_load
from demo.meetings import meetings_load
from demo.partnerships import partnerships_load
from demo.plans import plans_load
from demo.returns import returns_load
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
    return agreements
