"""Planning the People sheet: the agreement's people and their roles in partnerships.

One row per role (a person without a role has a row of their own): a person's rows repeat
their name, title, e-mail address, organisation and job title, taken from their first row. A
person is found by e-mail address when the row gives one, else by name; an organisation
by name (a new name adds one). Roles are only added or have their start date changed,
never ended: ending one is done on the person's page. The people added here are known to
the Outcomes and Targets sheets.
"""

from __future__ import annotations

from typing import Any

from indicators.workbook.cells import CellError, norm, parse_text, shown
from indicators.workbook.planning.sheet import SheetPlanner
from indicators.workbook.reading import MEMBERSHIPS, PARTNERSHIPS, PEOPLE, Row
from partnerships.models import Membership, Organisation, Partnership, Person
from partnerships.permissions import role_refusal

ORGANISATIONS = "Organisations"  # counted separately in a summary; named on People rows
PERSON_FIELDS = (
    ("name", "name"),
    ("title", "title"),
    ("email", "email"),
    ("job title", "job_title"),
)


class PeoplePlanner(SheetPlanner):
    def run(self) -> None:
        if self.check_columns() is None:
            return
        agreement = self.agreement
        people = list(Person.objects.filter(agreement=agreement))
        self.by_email = {norm(p.email): p for p in people if p.email}
        self.by_name: dict[str, list[Person]] = {}
        for person in people:
            self.by_name.setdefault(norm(person.name), []).append(person)
        self.organisations = {
            norm(o.name): o for o in Organisation.objects.filter(agreement=agreement)
        }
        by_pk = {o.pk: o for o in self.organisations.values()}
        for person in people:
            person.organisation = by_pk.get(person.organisation_id)  # type: ignore[arg-type]
        self.partnerships = self.known.lookup(
            PARTNERSHIPS,
            (
                (p, (p.slug, p.name, p.short_name))
                for p in Partnership.objects.filter(agreement=agreement)
            ),
            "partnership",
        )
        self.memberships = {
            (m.person_id, m.partnership_id, m.role): m
            for m in Membership.objects.filter(partnership__agreement=agreement)
        }
        self.people: dict[str, tuple[Person, int]] = {}  # identity → person, first row
        self.roles: dict[tuple[str, str, str], int] = {}  # person, partnership, role → row
        for row in self.sheet.rows:
            values = self.parse_row(row)
            if values is not None and values["name"]:
                self.plan_row(row, values)

    def plan_row(self, row: Row, values: dict[str, Any]) -> None:
        name, email = values["name"], values.get("email", "")
        identity = f"@{norm(email)}" if email else norm(name)
        found = self.people.get(identity)
        if found is None:
            person = self.plan_person(row, values, identity)
            if person is None:
                return
        else:
            person = found[0]
        partnership_name = values.get("partnership", "")
        if not partnership_name:
            if parse_text(row.cells.get("role", "")) or values.get("from"):
                self.problem("a role needs the partnership it is in.", row.number, "partnership")
            return
        try:
            partnership = self.partnerships.get(partnership_name)
        except CellError as error:
            self.problem(
                str(error).replace("in this agreement.", "in this workbook or the agreement."),
                row.number,
                "partnership",
            )
            return
        role = values.get("role", Membership.Role.MEMBER)
        standing = self.plan.standing
        if standing is not None and (
            refusal := role_refusal(standing, partnership, role, person if person.pk else None)
        ):
            self.problem(refusal, row.number, "role")
            return
        key = (identity, norm(partnership.name), role)
        if key in self.roles:
            self.problem(
                f"{person.name} has this role in {partnership.name} on row {self.roles[key]} "
                "already.",
                row.number,
                "role",
            )
            return
        self.roles[key] = row.number
        label = f"{person.name}, {Membership.Role(role).label} of {partnership.name}"
        membership = (
            self.memberships.get((person.pk, partnership.pk, role))
            if person.pk and partnership.pk
            else None
        )
        if membership is not None:
            if "from" in values:
                self.note_update(row, membership, {"starts_on": values["from"]}, label, MEMBERSHIPS)
            else:
                self.plan.count(MEMBERSHIPS).unchanged += 1
            return
        membership = Membership(
            person=person, partnership=partnership, role=role, starts_on=values.get("from")
        )
        self.plan.writes[MEMBERSHIPS].created.append(membership)
        self.plan.note(MEMBERSHIPS, "created", f"People row {row.number}: add {label}")

    def plan_person(self, row: Row, values: dict[str, Any], identity: str) -> Person | None:
        name, email = values["name"], values.get("email", "")
        same = self.by_name.get(norm(name), [])
        if email:
            # Or the one person of that name without an e-mail address so far.
            person = self.by_email.get(norm(email))
            if person is None and len(same) == 1 and not same[0].email:
                person = same[0]
        else:
            if len(same) > 1:
                self.problem(
                    f"more than one person is called {shown(name)}: give their e-mail address.",
                    row.number,
                    "name",
                )
                return None
            person = same[0] if same else None
        fields = {field: values[key] for key, field in PERSON_FIELDS if key in values}
        if "organisation" in values:
            fields["organisation"] = self.organisation(values["organisation"])
        if person is not None:
            self.note_update(row, person, fields, person.name)
        else:
            person = Person(agreement=self.agreement, **fields)
            self.known.added[PEOPLE].append((person, (name, email)))
            self.plan.writes[PEOPLE].created.append(person)
            self.plan.note(PEOPLE, "created", f"People row {row.number}: add {name}")
        self.people[identity] = (person, row.number)
        return person

    def organisation(self, name: str) -> Organisation | None:
        if not name:
            return None
        organisation = self.organisations.get(norm(name))
        if organisation is None:
            organisation = self.organisations[norm(name)] = Organisation(
                agreement=self.agreement, name=name
            )
            self.plan.writes[ORGANISATIONS].created.append(organisation)
            self.plan.note(ORGANISATIONS, "created")
        return organisation
