"""Herefordshire's targets, ratings and delivery plans as the Partnership Management Group
minutes of 6 May 2009 describe them (seed 001), from `demo/data/herefordshire.json`:
Health and Wellbeing six of its seven indicators red at the end of 2008/09, the Place
Survey indicators amber because their baselines were still awaited, the mandatory
Children and Young People's indicators, and a delivery plan from each Policy and Delivery
Group the minutes name, due by the 22nd June 2009.

Runs after the rest of the demo (demo/load.py): it adds to the agreement, the people and
the outcomes of `demo/data/partnerships.json`, rates the targets through the indicators
demo's own profile-and-actuals helper, and loads the plans through the plans demo's, so
they read like the rest. The file's shape is `HerefordshireData`; a target is an
indicators demo `Spec`, a plan a plans demo `PlanSpec`.

Idempotent: a target, plan or link that exists is left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from demo.files import data_read
from demo.indicators import Spec, _dated_as_entered, _values_and_actuals, figures_note
from demo.partnerships import HEREFORDSHIRE
from demo.plans import PlanSpec, _load_plan
from demo.timeline import DEMO_AS_AT
from indicators.models import Indicator, Target
from meetings.models import AgendaItem
from partnerships.models import Agreement, Area, Organisation, Outcome, Partnership, Person


@dataclass(frozen=True, slots=True)
class SourceItemSpec:
    """The agenda item at which the ratings were reported."""

    partnership: str
    date: dt.date
    item: str


@dataclass(frozen=True, slots=True)
class HerefordshireData:
    source_meeting: SourceItemSpec
    targets: tuple[Spec, ...]
    plans: tuple[PlanSpec, ...]


@cache
def herefordshire_data() -> HerefordshireData:
    data: HerefordshireData = data_read("herefordshire.json", HerefordshireData)
    return data


def herefordshire_load(*, agreements: dict[str, Agreement]) -> None:
    agreement = agreements.get(HEREFORDSHIRE)
    if agreement is None:
        return
    data = herefordshire_data()
    added = _targets_load(agreement, data.targets)
    if added:
        _dated_as_entered(agreement)
    targets = {
        t.indicator.code: t
        for t in Target.objects.active().filter(agreement=agreement).select_related("indicator")
    }
    _link_to_source_item(agreement, data.source_meeting, [targets[s.code] for s in data.targets])
    people = {p.name: p for p in Person.objects.filter(agreement=agreement)}
    organisations = {o.name: o for o in Organisation.objects.filter(agreement=agreement)}
    partnerships = {p.slug: p for p in Partnership.objects.filter(agreement=agreement)}
    for plan in data.plans:
        _load_plan(plan, partnerships[plan.partnership], people, organisations, targets, DEMO_AS_AT)


def _targets_load(agreement: Agreement, specs: tuple[Spec, ...]) -> int:
    """Each target not there yet, with its profile and actuals; how many were added."""
    have = set(
        Target.objects.active()
        .filter(agreement=agreement)
        .values_list("indicator__code", flat=True)
    )
    partnerships = {p.slug: p for p in Partnership.objects.filter(agreement=agreement)}
    outcomes = {o.code: o for o in Outcome.objects.filter(theme__agreement=agreement)}
    people = {p.name: p for p in Person.objects.filter(agreement=agreement)}
    districts = list(
        Area.objects.filter(parent=agreement.area, kind=Area.Kind.DISTRICT).order_by("code")
    )
    added = 0
    for spec in specs:
        if spec.code in have:
            continue
        indicator, _ = Indicator.objects.get_or_create(
            agreement=agreement,
            code=spec.code,
            defaults={
                "title": spec.title,
                "kind": spec.kind,
                "polarity": spec.polarity,
                "unit": spec.unit,
                "decimal_places": spec.places,
                "frequency": spec.frequency,
                "accumulation": spec.accumulation,
                "data_source": spec.source,
                "definition": f"{spec.title}. See the National Indicator Set handbook of "
                "definitions.",
                "illustrative": spec.title_note,
            },
        )
        target = Target.objects.create(
            agreement=agreement,
            indicator=indicator,
            partnership=partnerships[spec.partnership],
            outcome=outcomes.get(spec.outcome),
            lead=people.get(spec.lead),
            data_owner=people.get(spec.owner),
            designation=spec.designation,
            priority=spec.priority,
            baseline=Decimal(spec.baseline) if spec.baseline is not None else None,
            baseline_period="2007/08" if spec.baseline is not None else "",
            baseline_awaited_reason=spec.awaited if spec.baseline is None else "",
            tolerance=Decimal(spec.tolerance),
            illustrative=figures_note(spec),
        )
        _values_and_actuals(target, spec, districts)
        added += 1
    return added


def _link_to_source_item(
    agreement: Agreement, source: SourceItemSpec, targets: list[Target]
) -> None:
    """The targets whose ratings the item reported, on the item (only the links missing)."""
    item = AgendaItem.objects.filter(
        meeting__partnership__agreement=agreement,
        meeting__partnership__slug=source.partnership,
        meeting__date=source.date,
        number=source.item,
    ).first()
    if item is None:
        return
    linked = set(item.targets.values_list("pk", flat=True))
    missing = [t for t in targets if t.pk not in linked]
    if missing:
        item.targets.add(*missing)
