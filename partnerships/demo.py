"""Builds the demo agreements from demo_data.py (transcribed from the users' documents).

Idempotent: every row is created only if missing, so a second run writes nothing and
never overwrites what people have changed since.
"""

from django.conf import settings

from partnerships import demo_data as data
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


def demo_load(*, with_logins: bool) -> dict[str, Agreement]:
    agreements = {}
    for spec in data.AGREEMENTS:
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
        _load_agreement(agreement)
    Area.objects.filter(kind=Area.Kind.WARD, name__in=PRIORITY_WARDS).update(is_priority=True)
    if with_logins:
        _load_logins(agreements)
    return agreements


def _load_agreement(agreement: Agreement) -> None:
    slug = agreement.slug
    organisations = {
        spec.name: Organisation.objects.get_or_create(
            agreement=agreement, name=spec.name, defaults={"kind": spec.kind}
        )[0]
        for spec in data.ORGANISATIONS.get(slug, ())
    }
    partnerships: dict[str, Partnership] = {}
    for spec in data.PARTNERSHIPS.get(slug, ()):
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
        for spec in data.PEOPLE.get(slug, ())
    }
    for spec in data.MEMBERSHIPS.get(slug, ()):
        Membership.objects.get_or_create(
            person=people[spec.person],
            partnership=partnerships[spec.partnership],
            role=spec.role,
            defaults={"starts_on": spec.starts_on, "note": spec.note},
        )
    for order, theme_spec in enumerate(data.THEMES.get(slug, ())):
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


def _outcome(theme: Theme, parent: Outcome | None, spec, order: int, people) -> Outcome:  # type: ignore[no-untyped-def]
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
    for email, (agreement_slug, person_name) in data.DEMO_LOGINS.items():
        person = Person.objects.get(agreement=agreements[agreement_slug], name=person_name)
        if person.user_id:
            continue
        first, _, last = person_name.partition(" ")
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD, first_name=first, last_name=last
        )
        person.user = user
        person.save(update_fields=["user"])
