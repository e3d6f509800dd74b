"""Checking every row against the agreement and working out what an import would change.

One planner per sheet, run in the order the sheets refer to each other (districts_sheet,
partnerships_sheet, people_sheet, outcomes_sheet, indicators_sheet, targets_sheet,
actuals_sheet), each adding its problems, counts, changes and writes to
one Plan (plan.py); sheet.py holds what they share. Everything a row is compared with is
loaded up front in a fixed number of queries, so that no row causes a query.
"""

from __future__ import annotations

from indicators.workbook.planning.actuals_sheet import ActualsPlanner
from indicators.workbook.planning.districts_sheet import DistrictsPlanner
from indicators.workbook.planning.indicators_sheet import IndicatorsPlanner
from indicators.workbook.planning.outcomes_sheet import OutcomesPlanner
from indicators.workbook.planning.partnerships_sheet import PartnershipsPlanner
from indicators.workbook.planning.people_sheet import PeoplePlanner
from indicators.workbook.planning.plan import MAX_CHANGES_LISTED, Counts, Plan, Writes
from indicators.workbook.planning.sheet import Known, SheetPlanner
from indicators.workbook.planning.targets_sheet import TargetsPlanner
from indicators.workbook.reading import (
    ACTUALS,
    DISTRICTS,
    INDICATORS,
    OUTCOMES,
    PARTNERSHIPS,
    PEOPLE,
    TARGETS,
    Sheet,
)
from partnerships.models import Agreement, Membership, Person, User
from partnerships.permissions import Standing, standing_from_memberships

__all__ = ["MAX_CHANGES_LISTED", "Counts", "Plan", "Writes", "plan_import"]

PLANNERS: tuple[tuple[str, type[SheetPlanner]], ...] = (
    (DISTRICTS, DistrictsPlanner),
    (PARTNERSHIPS, PartnershipsPlanner),
    (PEOPLE, PeoplePlanner),
    (OUTCOMES, OutcomesPlanner),
    (INDICATORS, IndicatorsPlanner),
    (TARGETS, TargetsPlanner),
    (ACTUALS, ActualsPlanner),
)


def plan_import(agreement: Agreement, sheets: dict[str, Sheet], *, by: User | None) -> Plan:
    """The plan for importing sheets into agreement, with every problem found in them."""
    plan = Plan(agreement, standing=_standing(agreement, by))
    known = Known.load(agreement)
    for name, planner in PLANNERS:
        if name in sheets:
            planner(plan, known, sheets[name]).run()
    return plan


def _standing(agreement: Agreement, by: User | None) -> Standing | None:
    """The importer's standing in the agreement (nobody's for a command-line import)."""
    person = Person.objects.filter(agreement=agreement, user=by).first() if by else None
    if person is None:
        return None
    memberships = list(Membership.objects.current().filter(person=person))
    return standing_from_memberships(agreement, person, memberships)
