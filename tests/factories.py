"""Small factories with sensible defaults; pass only what a test cares about."""

import datetime as dt
import itertools
import re

from django.db import models

from partnerships.conflicts import version_field
from partnerships.models import (
    Agreement,
    Membership,
    Organisation,
    Outcome,
    Partnership,
    Person,
    Theme,
    User,
)

_seq = itertools.count(1)


def make_user(email: str | None = None, password: str = "pass-word-1", **extra: object) -> User:
    return User.objects.create_user(email or f"user{next(_seq)}@example.test", password, **extra)


def make_agreement(name: str = "Essex LAA", **extra: object) -> Agreement:
    n = next(_seq)
    defaults: dict[str, object] = {
        "slug": f"agreement-{n}",
        "starts_on": dt.date(2008, 4, 1),
        "ends_on": dt.date(2011, 3, 31),
        "government_office": "GO East",
    }
    return Agreement.objects.create(name=name, **{**defaults, **extra})


def make_organisation(
    agreement: Agreement, name: str | None = None, **extra: object
) -> Organisation:
    return Organisation.objects.create(
        agreement=agreement, name=name or f"Organisation {next(_seq)}", **extra
    )


def make_partnership(
    agreement: Agreement,
    name: str | None = None,
    kind: str = Partnership.Kind.THEMATIC,
    **extra: object,
) -> Partnership:
    n = next(_seq)
    return Partnership.objects.create(
        agreement=agreement, name=name or f"Partnership {n}", slug=f"p-{n}", kind=kind, **extra
    )


def make_person(
    agreement: Agreement, name: str | None = None, *, user: User | None = None, **extra: object
) -> Person:
    return Person.objects.create(
        agreement=agreement, name=name or f"Person {next(_seq)}", user=user, **extra
    )


def make_membership(
    person: Person, partnership: Partnership, role: str = Membership.Role.MEMBER, **extra: object
) -> Membership:
    return Membership.objects.create(person=person, partnership=partnership, role=role, **extra)


def make_theme(agreement: Agreement, name: str = "Safer communities", **extra: object) -> Theme:
    return Theme.objects.create(agreement=agreement, name=name, **extra)


def make_outcome(theme: Theme, title: str = "Fewer repeat victims", **extra: object) -> Outcome:
    return Outcome.objects.create(theme=theme, title=title, **extra)


def make_member_with_login(
    partnership: Partnership, role: str, email: str, name: str | None = None
) -> tuple[User, Person]:
    user = make_user(email)
    person = make_person(partnership.agreement, name or email.split("@")[0].title(), user=user)
    make_membership(person, partnership, role)
    return user, person


def version_in(html: str) -> str:
    """The hidden version an edit page's form carries (optimistic concurrency)."""
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match, "the form carries no version"
    return match.group(1)


def with_version(row: models.Model, data: dict[str, object]) -> dict[str, object]:
    """`data` as a form opened on `row` now posts it: with the version the row is at in
    the database (a change posted without one is refused)."""
    name = version_field(type(row))
    version = type(row)._default_manager.values_list(name, flat=True).get(pk=row.pk)
    return {**data, "version": version}
