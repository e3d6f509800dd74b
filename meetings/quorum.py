"""Quorum and attendance rates from a partnership's terms of reference (issue 21, part 4).

The rules are pure functions over attendance rows (`quorum_at`, `attendance_rates`); the
loaders (`meeting_quorum`, `partnership_attendance`) read what they need in a fixed number
of queries, whatever the number of meetings or people.

Who counts as a member at a meeting: everyone recorded present, except officers "in
attendance" and people whose only roles in the partnership on the day are secretariat or
observer (they service or watch the meeting; they are not members of it). A substitute
counts for the member they stand in for only if the terms allow substitutes. Without
terms, the partnership's typed-in `quorum` is the count, substitutes allowed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch

from meetings.models import Attendance, ExpectedMember, Meeting, TermsOfReference
from partnerships.models import Membership, Partnership

Role = Membership.Role
NOT_MEMBERS = {Role.SECRETARIAT, Role.OBSERVER}
CHAIRS = {Role.CHAIR, Role.VICE_CHAIR}
Status = Attendance.Status


@dataclass(frozen=True)
class Terms:
    """The quorum rule as the checks need it."""

    count: int | None = None
    fraction: tuple[int, int] | None = None
    chair_required: bool = False
    substitutes_allowed: bool = True
    expected_seats: int = 0
    # Organisations with seats, by name (attendance keeps names as they were on the day).
    organisations: tuple[str, ...] = ()

    @property
    def needed(self) -> int | None:
        if self.count is not None:
            return self.count
        if self.fraction and self.expected_seats:
            top, bottom = self.fraction
            return math.ceil(self.expected_seats * top / bottom)
        return None

    @property
    def description(self) -> str:
        if self.count is not None:
            rule = f"{self.count} member{'s' if self.count != 1 else ''}"
        elif self.fraction:
            top, bottom = self.fraction
            rule = f"{top}/{bottom} of the {self.expected_seats} expected members"
        else:
            return "No quorum is set."
        chair = ", including the chair or vice-chair" if self.chair_required else ""
        subs = "allowed" if self.substitutes_allowed else "not counted"
        return f"Quorum: {rule}{chair}. Substitutes: {subs}."


@dataclass(frozen=True)
class Roles:
    """Who, at one meeting, is a member, an officer, or the chair or vice-chair."""

    members: frozenset[int] = frozenset()
    officers: frozenset[int] = frozenset()
    chairs: frozenset[int] = frozenset()


@dataclass(frozen=True)
class QuorumCheck:
    present: int
    needed: int | None
    chair_required: bool
    chair_present: bool

    @property
    def quorate(self) -> bool | None:
        if self.needed is None:
            return None
        return self.present >= self.needed and (self.chair_present or not self.chair_required)

    @property
    def label(self) -> str:
        """'Quorate: 9 of 7 needed', 'Not quorate: 4 of 7 needed, chair absent'."""
        if self.needed is None:
            return f"No quorum is set. Members present: {self.present}."
        said = f"{self.present} of {self.needed} needed"
        if self.chair_required and not self.chair_present:
            said += ", chair absent"
        return f"{'Quorate' if self.quorate else 'Not quorate'}: {said}"


def terms_from(terms: TermsOfReference | None, partnership: Partnership) -> Terms:
    if terms is None:
        return Terms(count=partnership.quorum)
    expected = list(terms.expected_members.all())
    fraction = None
    if terms.quorum_numerator and terms.quorum_denominator:
        fraction = (terms.quorum_numerator, terms.quorum_denominator)
    return Terms(
        count=terms.quorum_count if terms.quorum_rule == terms.QuorumRule.COUNT else None,
        fraction=fraction if terms.quorum_rule == terms.QuorumRule.FRACTION else None,
        chair_required=terms.chair_required,
        substitutes_allowed=terms.substitutes_allowed,
        expected_seats=sum(e.seats for e in expected),
        organisations=tuple(dict.fromkeys(e.organisation.name for e in expected if e.organisation)),
    )


def roles_on(memberships: Iterable[Membership], day: dt.date) -> Roles:
    """Roles from the partnership's memberships (all of them, any date) on one day."""
    roles: dict[int, set[str]] = defaultdict(set)
    for m in memberships:
        if (m.starts_on is None or m.starts_on <= day) and (m.ends_on is None or m.ends_on >= day):
            roles[m.person_id].add(m.role)
    return Roles(
        members=frozenset(p for p, r in roles.items() if r - NOT_MEMBERS),
        officers=frozenset(p for p, r in roles.items() if r and r <= NOT_MEMBERS),
        chairs=frozenset(p for p, r in roles.items() if r & CHAIRS),
    )


def counts_as_member(row: Attendance, roles: Roles, terms: Terms) -> bool:
    if row.person_id in roles.officers:
        return False
    if row.status == Status.PRESENT:
        return True
    return row.status == Status.SUBSTITUTE and terms.substitutes_allowed


def quorum_at(rows: Iterable[Attendance], roles: Roles, terms: Terms) -> QuorumCheck:
    rows = list(rows)
    present = sum(1 for a in rows if counts_as_member(a, roles, terms))
    chair_present = any(a.status == Status.PRESENT and a.person_id in roles.chairs for a in rows)
    return QuorumCheck(present, terms.needed, terms.chair_required, chair_present)


@dataclass
class Rate:
    name: str
    attended: int = 0
    expected: int = 0
    meetings: list[dt.date] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.expected) if self.expected else 0

    @property
    def label(self) -> str:
        return f"{self.attended} of {self.expected} ({self.percent}%)"


@dataclass(frozen=True)
class MeetingRows:
    """One held meeting's attendance and the roles on its day."""

    date: dt.date
    rows: tuple[Attendance, ...]
    roles: Roles


def organisation_of(row: Attendance) -> str:
    if row.organisation:
        return row.organisation
    organisation = row.person.organisation
    return organisation.name if organisation else ""


def _stood_in_for(row: Attendance, by_person: dict[int, Attendance]) -> str:
    """The organisation a substitute stands in for: the absent member's, on the day."""
    absent = by_person.get(row.substitute_for_id or 0)
    if absent is not None:
        return organisation_of(absent)
    organisation = row.substitute_for.organisation if row.substitute_for else None
    return organisation.name if organisation else ""


def _people_at(meeting: MeetingRows, rates: dict[int, Rate]) -> None:
    by_person = {a.person_id: a for a in meeting.rows}
    expected = set(meeting.roles.members)
    for a in meeting.rows:
        if a.status in (Status.PRESENT, Status.APOLOGIES):
            expected.add(a.person_id)
        if a.status == Status.SUBSTITUTE and a.substitute_for_id:
            expected.add(a.substitute_for_id)
    expected -= meeting.roles.officers
    for person_id in expected:
        row = by_person.get(person_id)
        rate = rates.get(person_id)
        if rate is None:
            continue
        rate.expected += 1
        if row is not None and row.status == Status.PRESENT:
            rate.attended += 1
            rate.meetings.append(meeting.date)


def _organisations_at(
    meeting: MeetingRows, terms: Terms, homes: dict[int, str], rates: dict[str, Rate]
) -> None:
    by_person = {a.person_id: a for a in meeting.rows}
    expected = set(terms.organisations) | {homes.get(p, "") for p in meeting.roles.members}
    there: set[str] = set()
    for a in meeting.rows:
        if a.person_id in meeting.roles.officers or a.status == Status.IN_ATTENDANCE:
            continue
        if a.status == Status.SUBSTITUTE:
            stood_for = _stood_in_for(a, by_person)
            expected.add(stood_for)
            if terms.substitutes_allowed:
                there.add(stood_for)
            continue
        expected.add(organisation_of(a))
        if a.status == Status.PRESENT:
            there.add(organisation_of(a))
    for name in expected - {""}:
        rate = rates.setdefault(name, Rate(name))
        rate.expected += 1
        if name in there:
            rate.attended += 1
            rate.meetings.append(meeting.date)


@dataclass(frozen=True)
class AttendanceRates:
    since: dt.date
    until: dt.date
    meetings: int
    people: list[Rate]
    organisations: list[Rate]


def attendance_rates(
    meetings: list[MeetingRows],
    terms: Terms,
    names: dict[int, str],
    homes: dict[int, str],
    period: tuple[dt.date, dt.date],
) -> AttendanceRates:
    """Each person's and each organisation's meetings attended of those they were expected
    at. Apologies are absences; officers in attendance are not members; a substitute
    attends for the organisation they stand in for if substitutes are allowed, never for
    the absent person. `names` and `homes` give each person's name and organisation."""
    people = {pk: Rate(name) for pk, name in names.items()}
    organisations: dict[str, Rate] = {}
    for meeting in meetings:
        _people_at(meeting, people)
        _organisations_at(meeting, terms, homes, organisations)

    def order(rates: Iterable[Rate]) -> list[Rate]:
        return sorted((r for r in rates if r.expected), key=lambda r: (-r.percent, r.name))

    since, until = period
    return AttendanceRates(
        since, until, len(meetings), order(people.values()), order(organisations.values())
    )


# Loaders: a fixed number of queries each.


def _terms_for(partnership: Partnership) -> Terms:
    terms = (
        TermsOfReference.objects.filter(partnership=partnership)
        .prefetch_related(
            Prefetch(
                "expected_members",
                queryset=ExpectedMember.objects.select_related("organisation", "person"),
            )
        )
        .first()
    )
    return terms_from(terms, partnership)


def meeting_quorum(meeting: Meeting) -> QuorumCheck:
    """The quorum check of one meeting (four queries)."""
    rows = list(Attendance.objects.filter(meeting=meeting))
    memberships = Membership.objects.filter(partnership_id=meeting.partnership_id)
    return quorum_at(rows, roles_on(memberships, meeting.date), _terms_for(meeting.partnership))


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last 12 months up to today: from the day after the same day a year before."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + dt.timedelta(days=1), today


def partnership_attendance(partnership: Partnership, today: dt.date) -> AttendanceRates:
    """Rates over the partnership's held meetings of the last 12 months that have their
    attendance recorded (a meeting with none recorded says nothing about who came)."""
    since, until = window(today)
    recorded = Attendance.objects.filter(meeting=OuterRef("pk"))
    meetings = list(
        Meeting.objects.held()
        .filter(partnership=partnership, date__gte=since, date__lte=until)
        .filter(Exists(recorded))
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related(
                    "person__organisation", "substitute_for__organisation"
                ),
            )
        )
        .order_by("date")
    )
    memberships = list(
        Membership.objects.filter(partnership=partnership).select_related("person__organisation")
    )
    names = {m.person_id: m.person.name for m in memberships}
    homes = {m.person_id: m.person.organisation.name for m in memberships if m.person.organisation}
    for meeting in meetings:
        for a in meeting.attendances.all():
            names.setdefault(a.person_id, a.person.name)
            if a.substitute_for_id and a.substitute_for:
                names.setdefault(a.substitute_for_id, a.substitute_for.name)
    rows = [
        MeetingRows(m.date, tuple(m.attendances.all()), roles_on(memberships, m.date))
        for m in meetings
    ]
    return attendance_rates(rows, _terms_for(partnership), names, homes, (since, until))
