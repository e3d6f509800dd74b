"""The Leicestershire LAA, from the Government Office for the East Midlands' highlight
report on it, April to September 2006 (seed 004; `demo/data/leicestershire.json`).

Leicestershire Together and its four blocks (as partnerships, and as the agreement's
themes), the outcomes the report names with a target each, rated as the report words them
(on target: green; "significant challenge but progress": amber; off trajectory: red; data
or baseline awaited: none), and GOEM's report itself as the agreement's highlight for
2006/07 Q2 (indicators/models/highlight.py), in its own words.

The seed gives no codes, figures or people: the indicator codes, the figures (each target's
milestone as 100%, an actual that gives the report's rating) and the one demo person are
illustrative, and say so where users see them. The county and its districts are the
reference data's (the ONS code is looked up by name, never written here). The report's
date is the end of the December the seed mentions, its day illustrative.

Idempotent: an agreement already loaded is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Literal

from django.conf import settings
from django.utils import timezone

from demo.files import data_read
from demo.partnerships import DEMO_PASSWORD
from indicators.models import (
    Actual,
    AgreementHighlight,
    BlockHighlight,
    Indicator,
    Target,
    TargetValue,
)
from indicators.periods import Period
from partnerships.areas import area_load
from partnerships.england import mysociety_codes
from partnerships.models import (
    Agreement,
    Area,
    Membership,
    Outcome,
    Partnership,
    Person,
    Theme,
    User,
)

ILLUSTRATIVE = "Illustrative: not in the source documents."
INDICATOR_NOTE = (
    "The code and the measure (% of the period's milestone) are not in the source documents: "
    "GOEM's report names the outcome only."
)
TARGET_NOTE = (
    "The baseline, milestones and actuals are not in the source documents: chosen to give "
    "the rating GOEM's report words (on target green, progress with concern amber, off "
    "trajectory red)."
)
PERIOD = "2006/07 Q2"
PREVIOUS = "2006/07 Q1"
# Each target's milestone for the period is 100% of itself; the actual gives the rating the
# report's words give (tolerance 5 points).
ACTUALS = {"green": "100", "amber": "97", "red": "85"}


@dataclass(frozen=True, slots=True)
class AgreementSpec:
    slug: str
    name: str
    area: str
    starts_on: dt.date
    ends_on: dt.date
    government_office: str
    description: str


@dataclass(frozen=True, slots=True)
class PartnershipSpec:
    slug: str
    name: str
    short_name: str
    kind: Literal["lsp", "block"]
    reports_to: str | None
    description: str


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    code: str
    title: str
    partnership: str


@dataclass(frozen=True, slots=True)
class PersonSpec:
    name: str
    job_title: str
    partnership: str
    email: str


@dataclass(frozen=True, slots=True)
class TargetSpec:
    code: str
    title: str
    theme: str
    designation: Literal["statutory", "reward", "improvement"]
    priority: Literal[1, 2]
    rating: Literal["green", "amber", "red", "missing", "awaited"]
    quote: str
    previous: str = ""
    missing: str = ""
    awaited: str = ""


@dataclass(frozen=True, slots=True)
class BlockSpec:
    mandatory_risks: tuple[str, ...] = ()
    other_risks: tuple[str, ...] = ()
    impact: tuple[str, ...] = ()
    missing_information: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HighlightSpec:
    period: str
    written_on: dt.date
    overall_rating: Literal["green", "amber", "red"]
    overall_reason: tuple[str, ...]
    direction_rating: Literal["green", "amber", "red"]
    direction_reason: tuple[str, ...]
    impact: tuple[str, ...]
    missing_information: tuple[str, ...]
    key_issues: tuple[str, ...]
    blocks: dict[str, BlockSpec]


@dataclass(frozen=True, slots=True)
class LeicestershireData:
    agreement: AgreementSpec
    partnerships: tuple[PartnershipSpec, ...]
    themes: tuple[ThemeSpec, ...]
    secretariat: PersonSpec
    login: str
    targets: tuple[TargetSpec, ...]
    highlight: HighlightSpec


@cache
def leicestershire_data() -> LeicestershireData:
    data: LeicestershireData = data_read("leicestershire.json", LeicestershireData)
    return data


def leicestershire_load(*, with_logins: bool) -> Agreement:
    data = leicestershire_data()
    spec = data.agreement
    existing = Agreement.objects.filter(slug=spec.slug).first()
    if existing is not None:
        if with_logins:
            _login(existing, data)
        return existing
    code = mysociety_codes()["name"][spec.area.casefold()]
    area = area_load(code=code, name=spec.area, kind=Area.Kind.COUNTY, district_prefix=f"{code}U")
    agreement = Agreement.objects.create(
        slug=spec.slug,
        name=spec.name,
        area=area,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        government_office=spec.government_office,
        description=spec.description,
    )
    partnerships = _partnerships(agreement, data)
    themes = {
        t.code: Theme.objects.create(
            agreement=agreement,
            code=t.code,
            name=t.title,
            partnership=partnerships[t.partnership],
            order=order,
        )
        for order, t in enumerate(data.themes)
    }
    theme_partnership = {t.code: partnerships[t.partnership] for t in data.themes}
    for order, target_spec in enumerate(data.targets):
        code = target_spec.theme
        _target(agreement, themes[code], theme_partnership[code], target_spec, order)
    _highlight(agreement, themes, data.highlight)
    if with_logins:
        _login(agreement, data)
    return agreement


def _partnerships(agreement: Agreement, data: LeicestershireData) -> dict[str, Partnership]:
    """Leicestershire Together and its blocks, with the demo's one (illustrative) person in
    its secretariat."""
    partnerships: dict[str, Partnership] = {}
    for p in data.partnerships:
        partnerships[p.slug] = Partnership.objects.create(
            agreement=agreement,
            slug=p.slug,
            name=p.name,
            short_name=p.short_name,
            kind=p.kind,
            reports_to=partnerships.get(p.reports_to or ""),
            description=p.description,
        )
    person = Person.objects.create(
        agreement=agreement,
        name=data.secretariat.name,
        job_title=data.secretariat.job_title,
        email=data.secretariat.email,
    )
    Membership.objects.create(
        person=person,
        partnership=partnerships[data.secretariat.partnership],
        role=Membership.Role.SECRETARIAT,
        note=ILLUSTRATIVE,
    )
    return partnerships


def _target(
    agreement: Agreement, theme: Theme, partnership: Partnership, spec: TargetSpec, order: int
) -> None:
    """The outcome the report names, with one target rated as the report words it."""
    outcome = Outcome.objects.create(
        theme=theme, code=spec.code, title=spec.title, priority=spec.priority, order=order
    )
    indicator = Indicator.objects.create(
        agreement=agreement,
        code=spec.code,
        title=spec.title,
        kind=Indicator.Kind.LOCAL,
        polarity="higher",
        unit="% of the period's milestone",
        decimal_places=0,
        frequency="quarterly",
        data_source="GOEM highlight report, April to September 2006",
        definition=f"{spec.title}. The report says: \u201c{spec.quote}\u201d",
        illustrative=INDICATOR_NOTE,
    )
    is_awaited = spec.rating == "awaited"
    target = Target.objects.create(
        agreement=agreement,
        indicator=indicator,
        partnership=partnership,
        outcome=outcome,
        designation=spec.designation,
        priority=spec.priority,
        baseline=None if is_awaited else Decimal(0),
        baseline_period="" if is_awaited else "2005/06",
        baseline_awaited_reason=spec.awaited,
        tolerance=Decimal(5),
        illustrative=TARGET_NOTE,
    )
    for label in ("2006/07", PERIOD):
        TargetValue.objects.create(target=target, period=label, value=Decimal(100))
    commentary = f"\u201c{spec.quote}\u201d (GOEM's highlight report)"
    if spec.previous:
        Actual.objects.create(
            target=target, period=PREVIOUS, value=Decimal(spec.previous), status="final"
        )
    if spec.rating in ACTUALS:
        Actual.objects.create(
            target=target,
            period=PERIOD,
            value=Decimal(ACTUALS[spec.rating]),
            status="final",
            commentary=commentary,
        )
    elif spec.rating == "missing":
        Actual.objects.create(target=target, period=PERIOD, value=None, missing_reason=spec.missing)
    _dated(target)


def _dated(target: Target) -> None:
    """Figures entered 20 days after their quarter ended, as the Essex demo's are."""
    for actual in Actual.objects.filter(target=target):
        entered = Period.parse(actual.period).end + dt.timedelta(days=20)
        at = timezone.make_aware(dt.datetime.combine(entered, dt.time(10)))
        Actual.objects.filter(pk=actual.pk).update(entered_at=at, updated_at=at)


def _highlight(agreement: Agreement, themes: dict[str, Theme], spec: HighlightSpec) -> None:
    """GOEM's report, as the secretariat would have written it into the app."""

    def text(paragraphs: tuple[str, ...]) -> str:
        return "\n\n".join(paragraphs)

    record = AgreementHighlight.objects.create(
        agreement=agreement,
        period=spec.period,
        overall_rating=spec.overall_rating,
        overall_reason=text(spec.overall_reason),
        direction_rating=spec.direction_rating,
        direction_reason=text(spec.direction_reason),
        impact=text(spec.impact),
        missing_information=text(spec.missing_information),
        key_issues=text(spec.key_issues),
    )
    for code, block in spec.blocks.items():
        BlockHighlight.objects.create(
            highlight=record,
            theme=themes[code],
            mandatory_risks=text(block.mandatory_risks),
            other_risks=text(block.other_risks),
            impact=text(block.impact),
            missing_information=text(block.missing_information),
        )
    at = timezone.make_aware(dt.datetime.combine(spec.written_on, dt.time(10)))
    AgreementHighlight.objects.filter(pk=record.pk).update(updated_at=at)
    AgreementHighlight.history.filter(id=record.pk).update(history_date=at)
    BlockHighlight.history.filter(highlight_id=record.pk).update(history_date=at)


def _login(agreement: Agreement, data: LeicestershireData) -> None:
    assert settings.DEBUG, "Demo sign-ins are only ever created with DEBUG on."
    person = Person.objects.get(agreement=agreement, name=data.secretariat.name)
    if person.user_id:
        return
    first, _, last = person.name.partition(" ")
    user = User.objects.filter(email=data.login).first() or User.objects.create_user(
        data.login, DEMO_PASSWORD, first_name=first, last_name=last
    )
    person.user = user
    person.save(update_fields=["user"])
