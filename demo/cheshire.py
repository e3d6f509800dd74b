"""The Cheshire agreement as the Draft Cheshire LAA progress report of late 2006 describes it
(seed 003), from `demo/data/cheshire.json`: the Communities of Cheshire Partnership and the
groups the report names, its one named block and key outcome, the 24 wards proposed for
geographical targeting (from the ONS ward lookup, marked as priority neighbourhoods), the
report and its recommendations as a paper to the partnership's meeting, and a demo sign-in.

The agreement's parts use the shapes of `demo/partnerships.py` (`AgreementSpec`,
`PartnershipSpec`, ...). The report names 54 sub-outcomes, each to have an owner, but not
one of them: the pattern is the `Outcome` model's own (`owner`, `priority`, under a theme
owned by a partnership), so it is described in the agreement's text, not invented. A ward
the lookup does not have is skipped and returned by `cheshire_wards_mark` (none is, today).

Idempotent: every row is found by its natural key and created only if missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from django.conf import settings

from demo.files import DATA, data_read
from demo.partnerships import (
    DEMO_PASSWORD,
    AgreementSpec,
    MembershipSpec,
    OrganisationSpec,
    OutcomeSpec,
    PartnershipSpec,
    PersonSpec,
    ThemeSpec,
)
from meetings.actions import meetings_relink
from meetings.models import AgendaItem, Meeting
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

CHESHIRE = "cheshire-laa-round-3"
# ONS codes: Cheshire county, its districts 13UB Chester … 13UH Vale Royal (to March 2009).
AREA = {"code": "13", "name": "Cheshire", "kind": Area.Kind.COUNTY, "district_prefix": "13U"}


@dataclass(frozen=True, slots=True)
class WardSpec:
    name: str
    district: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ItemSpec:
    number: str
    title: str
    purpose: tuple[str, ...] = ()
    papers: tuple[str, ...] = ()
    note: str = ""
    # The paper itself: a source document in demo/data/seeds/, tabled as written.
    paper_seed: str = ""


@dataclass(frozen=True, slots=True)
class MeetingSpec:
    partnership: str
    date: dt.date
    items: tuple[ItemSpec, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class CheshireData:
    agreement: AgreementSpec
    description: tuple[str, ...]
    organisations: tuple[OrganisationSpec, ...]
    partnerships: tuple[PartnershipSpec, ...]
    people: tuple[PersonSpec, ...]
    memberships: tuple[MembershipSpec, ...]
    themes: tuple[ThemeSpec, ...]
    wards: tuple[WardSpec, ...]
    meetings: tuple[MeetingSpec, ...]
    logins: dict[str, str]


@cache
def cheshire_data() -> CheshireData:
    data: CheshireData = data_read("cheshire.json", CheshireData)
    return data


def cheshire_load(*, with_logins: bool) -> Agreement:
    data = cheshire_data()
    spec = data.agreement
    county = area_load(**AREA)
    # The English authorities (partnerships/england.py) hold Cheshire's districts, abolished
    # in 2009, with no county above them: put them under it.
    Area.objects.filter(
        kind=Area.Kind.DISTRICT, code__startswith=AREA["district_prefix"], parent=None
    ).update(parent=county)
    agreement, _ = Agreement.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "area": county,
            "starts_on": spec.starts_on,
            "ends_on": spec.ends_on,
            "government_office": spec.government_office,
            "description": "\n\n".join(data.description),
        },
    )
    people = _structure_load(agreement, data)
    cheshire_wards_mark(data.wards)
    _meetings_load(agreement, data.meetings)
    if with_logins:
        _logins_load(data.logins, people)
    return agreement


def _structure_load(agreement: Agreement, data: CheshireData) -> dict[str, Person]:
    """Organisations, partnerships, people, roles, the theme and its outcomes."""
    organisations = {
        spec.name: Organisation.objects.get_or_create(
            agreement=agreement, name=spec.name, defaults={"kind": spec.kind}
        )[0]
        for spec in data.organisations
    }
    partnerships: dict[str, Partnership] = {}
    for p in data.partnerships:
        partnerships[p.slug], _ = Partnership.objects.get_or_create(
            agreement=agreement,
            slug=p.slug,
            defaults={
                "name": p.name,
                "short_name": p.short_name,
                "kind": p.kind,
                "reports_to": partnerships.get(p.reports_to or ""),
                "quorum": p.quorum,
                "description": p.description,
            },
        )
    people = {
        p.name: Person.objects.get_or_create(
            agreement=agreement,
            name=p.name,
            defaults={
                "title": p.title,
                "organisation": organisations.get(p.organisation or ""),
                "job_title": p.job_title,
                "email": p.email,
            },
        )[0]
        for p in data.people
    }
    for m in data.memberships:
        Membership.objects.get_or_create(
            person=people[m.person],
            partnership=partnerships[m.partnership],
            role=m.role,
            defaults={"starts_on": m.starts_on, "note": m.note},
        )
    for order, t in enumerate(data.themes):
        theme, _ = Theme.objects.get_or_create(
            agreement=agreement,
            name=t.title,
            defaults={
                "code": t.code,
                "partnership": partnerships.get(t.partnership),
                "order": order,
            },
        )
        for o_order, o in enumerate(t.outcomes):
            parent = _outcome(theme, None, o, o_order, people)
            for s_order, sub in enumerate(o.sub_outcomes):
                _outcome(theme, parent, sub, s_order, people)
    return people


def _outcome(
    theme: Theme, parent: Outcome | None, spec: OutcomeSpec, order: int, people: dict[str, Person]
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


def cheshire_wards_mark(wards: tuple[WardSpec, ...]) -> list[WardSpec]:
    """Mark the wards as priority neighbourhoods; returns those the ward lookup lacks
    (found by name within their district, as the report writes both)."""
    found = {
        (name, district): pk
        for pk, name, district in Area.objects.filter(
            kind=Area.Kind.WARD, parent__parent__code=AREA["code"]
        ).values_list("pk", "name", "parent__name")
    }
    missing = [w for w in wards if (w.name, w.district) not in found]
    wanted = [found[w.name, w.district] for w in wards if (w.name, w.district) in found]
    Area.objects.filter(pk__in=wanted, is_priority=False).update(is_priority=True)
    return missing


def _meetings_load(agreement: Agreement, meetings: tuple[MeetingSpec, ...]) -> None:
    """Each meeting held, with its item and papers; no minutes or decisions (the report
    does not say what was decided)."""
    for spec in meetings:
        partnership = Partnership.objects.get(agreement=agreement, slug=spec.partnership)
        meeting, created = Meeting.objects.get_or_create(
            partnership=partnership,
            date=spec.date,
            defaults={"status": Meeting.Status.HELD, "note": spec.note},
        )
        for position, item in enumerate(spec.items):
            AgendaItem.objects.get_or_create(
                meeting=meeting,
                number=item.number,
                defaults={
                    "title": item.title,
                    "position": position,
                    "purpose": "\n".join(item.purpose),
                    "papers": "\n".join(item.papers),
                    "paper_text": _seed_text(item.paper_seed),
                    "partnership": partnership,
                    "note": item.note,
                },
            )
        if created:
            meetings_relink(partnership=partnership)


def _seed_text(name: str) -> str:
    return (DATA / "seeds" / name).read_text().strip() if name else ""


def _logins_load(logins: dict[str, str], people: dict[str, Person]) -> None:
    assert settings.DEBUG, "Demo sign-ins are only ever created with DEBUG on."
    for email, name in logins.items():
        person = people[name]
        if person.user_id:
            continue
        first, _, last = name.partition(" ")
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD, first_name=first, last_name=last
        )
        person.user = user
        person.save(update_fields=["user"])
