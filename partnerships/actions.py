"""Workflows that change several records of the agreement at once, each in one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.text import slugify

from partnerships.invitations import invitation_send
from partnerships.models import (
    Agreement,
    Area,
    Membership,
    Organisation,
    Partnership,
    Person,
    User,
)


def unique_slug(model: type[Agreement] | type[Partnership], name: str, **scope: object) -> str:
    base = slugify(name)[:40] or "agreement"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug, **scope).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def agreement_start(
    *,
    name: str,
    area: Area | None,
    new_area: tuple[str, str, str] | None = None,
    starts_on: dt.date,
    ends_on: dt.date,
    period_type: str,
    governance_name: str,
    governance_kind: str,
    secretariat_name: str,
    secretariat_email: str,
    organisation_name: str,
    by: User | None,
) -> tuple[Agreement, Person]:
    """Start an agreement with its governance body and its first secretariat member,
    who takes over the setup from there: they are invited by e-mail
    (partnerships/invitations.py) and hold the secretariat role from today.
    ``new_area`` (name, ONS code, kind) is made when ``area`` is None."""
    if area is None:
        if new_area is None:
            raise ValueError("An agreement needs an area, or a new one to make.")
        area_name, area_code, area_kind = new_area
        area = Area.objects.create(name=area_name, code=area_code, kind=area_kind)
    agreement = Agreement.objects.create(
        slug=unique_slug(Agreement, name),
        name=name,
        area=area,
        starts_on=starts_on,
        ends_on=ends_on,
        period_type=period_type,
    )
    body = Partnership.objects.create(
        agreement=agreement,
        name=governance_name,
        slug=unique_slug(Partnership, governance_name, agreement=agreement),
        kind=governance_kind,
    )
    organisation = Organisation.objects.create(agreement=agreement, name=organisation_name)
    invitation = invitation_send(
        partnership=body,
        role=Membership.Role.SECRETARIAT,
        name=secretariat_name,
        email=secretariat_email,
        organisation=organisation,
        by=by,  # type: ignore[arg-type]  # None from the command line
    )
    return agreement, invitation.person
