"""The demo agreements: areas, organisations, partnerships, people, their roles, the
themes and outcomes, and the demo sign-ins, from `demo/data/partnerships.json`
(transcribed from the users' documents in `seeds/`; see `demo/data/README.md`).

Every name, organisation, job title and role in the file comes from the seeds unless a
`note` says otherwise. E-mail addresses are invented and plainly fake
(`firstname.lastname@essex.example` / `@herefordshire.example`).

The file's shape is `PartnershipsData` below; cross-references are by natural key,
never by row:

- `agreements`: `Agreement(slug, name, short_name, area, starts_on, ends_on,
  government_office, government_office_short)`.
- `organisations`, `partnerships`, `people`, `memberships`, `themes`: by agreement slug.
  An organisation's `name` is unique within its agreement. A partnership's `reports_to`
  is the slug of a partnership of the same agreement (`null` at the top of the tree);
  parents come before their children; slugs are unique across agreements; `quorum`
  numbers are invented (the seeds give none).
- A person's `name` is their key without honorifics (`title` holds "Cllr",
  "Superintendent", ...); `organisation` is an organisation's name, or `null` where the
  seeds give only a partnership role; `aliases` are other spellings the seeds use ("Sam
  Grant" for Samantha Grant). A membership names a person and a partnership slug; one
  person may hold several.
- Theme → outcome → sub-outcome: `partnership` is the responsible partnership's slug,
  `owner` a person's name (only where a seed names them), `priority` 1 or 2 following the
  Cheshire pattern (priority one = mandatory and reward/LPSA2 targets); a parent's
  priority is the highest of its children's. `indicator_refs` are references as the
  seeds give them ("NI 134", "LI 7.1"). Outcomes whose `note` starts with "Illustrative"
  are invented in the spirit of the seeds; the rest cite the seed passage.
- `logins`: the demo sign-ins, e-mail → (agreement slug, person's name).

Idempotent: every row is created only if missing, so a second run writes nothing and
never overwrites what people have changed since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from django.conf import settings

from demo.files import data_read
from demo.timeline import demo_moment
from partnerships.areas import area_load
from partnerships.models import (
    Agreement,
    Area,
    Membership,
    Organisation,
    Outcome,
    Partnership,
    Person,
    Theme,
    User,
)

DEMO_PASSWORD = "demo"

ESSEX = "essex-laa-2008-11"
HEREFORDSHIRE = "herefordshire-laa-2008-11"
SAFER_ESSEX = "safer-essex"
SUSTAINABLE_ESSEX = "sustainable-essex"
CWOP = "cwop"
GAMES_2012 = "essex-2012"

# ONS codes: Essex county (its districts are 22UB…22UQ) and Herefordshire unitary (00GA).
AREAS = {
    "Essex": {"code": "22", "name": "Essex", "kind": Area.Kind.COUNTY, "district_prefix": "22U"},
    "Herefordshire": {
        "code": "00GA",
        "name": "Herefordshire",
        "kind": Area.Kind.UNITARY,
        "district_prefix": "00GA",
    },
}
# Wards flagged as priority (most deprived) neighbourhoods in the demo; illustrative.
PRIORITY_WARDS = [
    "Vange",
    "Pitsea North West",
    "Harlow Common",
    "Golf Green",
    "St Peter's",
    "Leominster North",
]

OrganisationKind = Literal[
    "council",
    "police",
    "health",
    "fire",
    "probation",
    "voluntary",
    "government",
    "business",
    "education",
    "other",
]
PartnershipKind = Literal[
    "thematic", "lsp", "management_group", "board", "cdrp", "policy_delivery_group", "block"
]
MembershipRole = Literal[
    "chair", "vice_chair", "lead", "deputy_lead", "member", "secretariat", "observer"
]


@dataclass(frozen=True, slots=True)
class AgreementSpec:
    slug: str
    name: str
    short_name: str
    area: str
    starts_on: date
    ends_on: date
    government_office: str
    government_office_short: str


@dataclass(frozen=True, slots=True)
class OrganisationSpec:
    name: str
    kind: OrganisationKind
    short_name: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class PartnershipSpec:
    slug: str
    name: str
    short_name: str
    kind: PartnershipKind
    reports_to: str | None
    quorum: int
    district: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonSpec:
    name: str
    email: str
    organisation: str | None
    job_title: str = ""
    title: str = ""
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class MembershipSpec:
    person: str
    partnership: str
    role: MembershipRole = "member"
    starts_on: date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class SubOutcomeSpec:
    code: str
    title: str
    partnership: str
    owner: str | None
    priority: Literal[1, 2]
    indicator_refs: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class OutcomeSpec:
    code: str
    title: str
    partnership: str
    owner: str | None
    priority: Literal[1, 2]
    sub_outcomes: tuple[SubOutcomeSpec, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    code: str
    title: str
    partnership: str
    owner: str | None
    priority: Literal[1, 2]
    outcomes: tuple[OutcomeSpec, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class PartnershipsData:
    agreements: tuple[AgreementSpec, ...]
    organisations: dict[str, tuple[OrganisationSpec, ...]]
    partnerships: dict[str, tuple[PartnershipSpec, ...]]
    people: dict[str, tuple[PersonSpec, ...]]
    memberships: dict[str, tuple[MembershipSpec, ...]]
    themes: dict[str, tuple[ThemeSpec, ...]]
    logins: dict[str, tuple[str, str]]


@cache
def partnerships_data() -> PartnershipsData:
    data: PartnershipsData = data_read("partnerships.json", PartnershipsData)
    return data


def partnerships_load(*, with_logins: bool) -> dict[str, Agreement]:
    agreements = {}
    for spec in partnerships_data().agreements:
        area = area_load(**AREAS[spec.area])
        agreement, _ = Agreement.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "area": area,
                "starts_on": spec.starts_on,
                "ends_on": spec.ends_on,
                "government_office": spec.government_office,
            },
        )
        agreements[spec.slug] = agreement
        agreement_load(agreement)
    Area.objects.filter(kind=Area.Kind.WARD, name__in=PRIORITY_WARDS).update(is_priority=True)
    if with_logins:
        _load_logins(agreements)
    return agreements


def agreement_load(agreement: Agreement) -> None:
    """The agreement's organisations, partnerships, people, roles, themes and outcomes
    (not its areas: the tests load these into an agreement of their own)."""
    slug, data = agreement.slug, partnerships_data()
    organisations = {
        spec.name: Organisation.objects.get_or_create(
            agreement=agreement, name=spec.name, defaults={"kind": spec.kind}
        )[0]
        for spec in data.organisations.get(slug, ())
    }
    partnerships: dict[str, Partnership] = {}
    for spec in data.partnerships.get(slug, ()):
        district = (
            Area.objects.filter(kind=Area.Kind.DISTRICT, name=spec.district).first()
            if spec.district
            else None
        )
        partnerships[spec.slug], _ = Partnership.objects.get_or_create(
            agreement=agreement,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": spec.kind,
                "reports_to": partnerships.get(spec.reports_to or ""),
                "quorum": spec.quorum,
                "district": district,
                "description": spec.description,
            },
        )
    people = {
        spec.name: Person.objects.get_or_create(
            agreement=agreement,
            name=spec.name,
            defaults={
                "title": spec.title,
                "organisation": organisations.get(spec.organisation or ""),
                "job_title": spec.job_title,
                "email": spec.email,
            },
        )[0]
        for spec in data.people.get(slug, ())
    }
    for spec in data.memberships.get(slug, ()):
        Membership.objects.get_or_create(
            person=people[spec.person],
            partnership=partnerships[spec.partnership],
            role=spec.role,
            defaults={"starts_on": spec.starts_on, "note": spec.note},
        )
    for order, theme_spec in enumerate(data.themes.get(slug, ())):
        theme, _ = Theme.objects.get_or_create(
            agreement=agreement,
            name=theme_spec.title,
            defaults={
                "code": theme_spec.code,
                "partnership": partnerships.get(theme_spec.partnership),
                "order": order,
            },
        )
        for o_order, outcome_spec in enumerate(theme_spec.outcomes):
            outcome = _outcome(theme, None, outcome_spec, o_order, people)
            for s_order, sub_spec in enumerate(outcome_spec.sub_outcomes):
                _outcome(theme, outcome, sub_spec, s_order, people)


def _outcome(
    theme: Theme,
    parent: Outcome | None,
    spec: OutcomeSpec | SubOutcomeSpec,
    order: int,
    people: dict[str, Person],
) -> Outcome:
    outcome, _ = Outcome.objects.get_or_create(
        theme=theme,
        parent=parent,
        code=spec.code,
        defaults={
            "title": spec.title,
            "owner": people.get(spec.owner or ""),
            "priority": spec.priority,
            "order": order,
        },
    )
    return outcome


def _load_logins(agreements: dict[str, Agreement]) -> None:
    assert settings.DEBUG, "Demo sign-ins are only ever created with DEBUG on."
    for email, (agreement_slug, person_name) in partnerships_data().logins.items():
        person = Person.objects.get(agreement=agreements[agreement_slug], name=person_name)
        if person.user_id:
            continue
        first, _, last = person_name.partition(" ")
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD, first_name=first, last_name=last, date_joined=demo_moment(-365)
        )
        person.user = user
        person.save(update_fields=["user"])
