"""What a report is run for: a period of the agreement, and the filters the reader chose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from indicators.models import Actual, Target
from indicators.periods import Frequency, Period, period_for
from partnerships.models import Agreement

APPROVED = "approved"  # Filters.ratings: show the ratings approved at sign-off


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reader narrowed the report to (all optional), from the query string."""

    partnership: int | None = None
    theme: int | None = None
    designation: str = ""
    priority: int | None = None
    rating: str = ""
    lead: int | None = None
    district: int | None = None
    quartile: int | None = None  # 1 = best, 4 = the bottom quartile of the family group
    ratings: str = ""  # APPROVED: as approved at sign-off; "": as recalculated now

    def targets(self, agreement: Agreement) -> QuerySet[Target]:
        targets = Target.objects.active().filter(agreement=agreement)
        if self.partnership is not None:
            targets = targets.filter(partnership_id=self.partnership)
        if self.theme is not None:
            targets = targets.filter(outcome__theme_id=self.theme)
        if self.designation:
            targets = targets.filter(designation=self.designation)
        if self.priority is not None:
            targets = targets.filter(priority=self.priority)
        if self.lead is not None:
            targets = targets.filter(lead_id=self.lead)
        if self.district is not None:
            # Only targets broken down by district have anything to show for one.
            targets = targets.filter(
                Exists(Actual.objects.filter(target=OuterRef("pk"), district_id=self.district))
            )
        return targets


NO_FILTERS = Filters()  # every active target of the agreement (frozen, so shared safely)


# Periods ----------------------------------------------------------------------------------


def report_periods(agreement: Agreement) -> list[Period]:
    """The periods a report can be run for: each quarter and year of the agreement."""
    periods: list[Period] = []
    for label in agreement.financial_years:
        year = Period.parse(label)
        periods += [Period.of_quarter(year.fy, q) for q in (1, 2, 3, 4)]
        periods.append(year)
    return periods


def report_period(period: Period | None, today: dt.date) -> Period:
    """A quarter or a year to report on: the quarter a month falls in, a survey's year."""
    if period is None:
        return _last_ended_quarter(today)
    if period.kind is Frequency.MONTHLY:
        return Period.of_quarter(period.fy, period.quarter or 1)
    if period.kind is Frequency.BIENNIAL:
        return period.financial_year
    return period


def _last_ended_quarter(today: dt.date) -> Period:
    quarter = period_for(today, Frequency.QUARTERLY)
    return quarter if quarter.has_ended(today) else quarter.previous()
