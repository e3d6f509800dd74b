"""Who may see and change what.

Everyone in an agreement reads all of it; the secretariat changes everything in it; a
partnership's lead and deputy lead change that partnership's records; observers change
nothing. Anything of an agreement the user is not in answers 404.

A user's standing in an agreement is worked out once per request from their current
memberships; the predicates below are plain functions over it so they test without views.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from partnerships.models import Agreement, Invitation, Membership, Partnership, Person

SESSION_AGREEMENT_KEY = "agreement_id"


@dataclass(frozen=True)
class Standing:
    """What one signed-in person may do in one agreement."""

    agreement: Agreement
    person: Person
    is_secretariat: bool = False
    is_observer: bool = False
    leads: frozenset[int] = field(default_factory=frozenset)
    chairs: frozenset[int] = field(default_factory=frozenset)
    member_of: frozenset[int] = field(default_factory=frozenset)

    @property
    def can_change_anything(self) -> bool:
        return not self.is_observer and (self.is_secretariat or bool(self.leads))


def standing_from_memberships(
    agreement: Agreement, person: Person, memberships: list[Membership]
) -> Standing:
    roles = {m.role for m in memberships}
    Role = Membership.Role
    return Standing(
        agreement=agreement,
        person=person,
        is_secretariat=Role.SECRETARIAT in roles,
        is_observer=bool(roles) and roles <= {Role.OBSERVER},
        leads=frozenset(
            m.partnership_id for m in memberships if m.role in Membership.EDITING_ROLES
        ),
        chairs=frozenset(
            m.partnership_id for m in memberships if m.role in (Role.CHAIR, Role.VICE_CHAIR)
        ),
        member_of=frozenset(m.partnership_id for m in memberships),
    )


# --- predicates -------------------------------------------------------------------------


def can_manage_agreement(standing: Standing) -> bool:
    """Set up partnerships, people, themes: the secretariat's job."""
    return standing.is_secretariat and not standing.is_observer


def can_edit_partnership(standing: Standing, partnership: Partnership) -> bool:
    if standing.is_observer or partnership.agreement_id != standing.agreement.pk:
        return False
    return standing.is_secretariat or partnership.pk in standing.leads


def can_chair(standing: Standing, partnership: Partnership) -> bool:
    """Chairs (and the secretariat on their behalf) approve minutes and record decisions."""
    if standing.is_observer or partnership.agreement_id != standing.agreement.pk:
        return False
    return standing.is_secretariat or partnership.pk in standing.chairs


# --- who may grant which role --------------------------------------------------------

LEAD_GRANTABLE_ROLES = frozenset({Membership.Role.MEMBER, Membership.Role.DEPUTY_LEAD})


def grantable_roles(standing: Standing, partnership: Partnership) -> frozenset[str]:
    """The roles this person may grant, change or end in this partnership: the secretariat
    any role in its agreement; a lead or deputy lead the members and deputies of their own
    partnership (never secretariat, chair, vice-chair, lead or observer); others none."""
    if standing.is_observer or partnership.agreement_id != standing.agreement.pk:
        return frozenset()
    if standing.is_secretariat:
        return frozenset(Membership.Role)
    if partnership.pk in standing.leads:
        return LEAD_GRANTABLE_ROLES
    return frozenset()


def role_refusal(
    standing: Standing, partnership: Partnership, role: str, person: Person | None
) -> str | None:
    """Why this person may not grant (or change, or end) ``role`` for ``person`` in
    ``partnership``; None when they may. One rule for adding, editing and ending a role."""
    if role not in grantable_roles(standing, partnership):
        if standing.is_secretariat or partnership.pk in standing.leads:
            label = Membership.Role(role).label.lower() if role in Membership.Role else role
            return f"Only the secretariat can grant or end the role of {label}."
        return "Only the partnership's lead, deputy lead or secretariat can manage its members."
    if person is not None and person.pk == standing.person.pk and not standing.is_secretariat:
        return "You cannot grant, change or end your own role: ask the secretariat."
    return None


# --- request helpers --------------------------------------------------------------------


def agreements_for(request: HttpRequest) -> list[Agreement]:
    """The agreements the signed-in user belongs to: where they are a person with a role
    today, so ending someone's last role ends their access. One query, for every page:
    their roles today with the person and agreement of each, cached on the request, so
    that their standing in any of them needs no query more."""
    cached = getattr(request, "_agreements", None)
    if cached is None:
        people: dict[int, Person] = {}
        roles: dict[int, list[Membership]] = {}
        if request.user.is_authenticated:
            found = (
                Membership.objects.current()
                .filter(person__user=request.user)
                .select_related("person__agreement")
                .order_by("person__agreement__name", "person_id", "pk")
            )
            for membership in found:
                person = people.setdefault(membership.person.agreement_id, membership.person)
                if membership.person_id == person.pk:  # the first person in each agreement
                    roles.setdefault(person.pk, []).append(membership)
        cached = [person.agreement for person in people.values()]
        request._agreements = cached  # type: ignore[attr-defined]
        request._people = people  # type: ignore[attr-defined]
        request._roles = roles  # type: ignore[attr-defined]
    return cached


def current_agreement(request: HttpRequest) -> Agreement | None:
    agreements = agreements_for(request)
    if not agreements:
        return None
    chosen = request.session.get(SESSION_AGREEMENT_KEY)
    return next((a for a in agreements if a.pk == chosen), agreements[0])


def standing_in(request: HttpRequest, agreement: Agreement) -> Standing:
    """The user's standing in an agreement; 404 when they are not in it."""
    cache: dict[int, Standing] = request.__dict__.setdefault("_standings", {})
    if agreement.pk not in cache:
        agreements_for(request)
        person = request._people.get(agreement.pk)  # type: ignore[attr-defined]
        if person is None:
            raise Http404("Not found")
        memberships = request._roles[person.pk]  # type: ignore[attr-defined]
        cache[agreement.pk] = standing_from_memberships(agreement, person, memberships)
    return cache[agreement.pk]


def get_standing(request: HttpRequest) -> Standing:
    """Standing in the agreement the user is working in; 404 for someone in none."""
    agreement = current_agreement(request)
    if agreement is None:
        raise Http404("You are not a member of any agreement.")
    return standing_in(request, agreement)


def get_partnership_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Partnership:
    partnership = get_object_or_404(
        Partnership.objects.select_related("agreement", "reports_to"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    standing = standing_in(request, partnership.agreement)
    if write and not can_edit_partnership(standing, partnership):
        raise PermissionDenied("Only the partnership's lead, deputy lead or secretariat can.")
    return partnership


def get_person_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Person:
    person = get_object_or_404(
        Person.objects.select_related("organisation", "agreement"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    standing = standing_in(request, person.agreement)
    if write and not (can_manage_agreement(standing) or person.pk == standing.person.pk):
        raise PermissionDenied("Only the secretariat can change other people's details.")
    return person


def get_manager_standing(request: HttpRequest, agreement: Agreement | None = None) -> Standing:
    """Standing of someone setting up the agreement (its current one, or ``agreement``):
    404 outside it, 403 for anyone but its secretariat."""
    standing = get_standing(request) if agreement is None else standing_in(request, agreement)
    if not can_manage_agreement(standing):
        raise PermissionDenied("Only the agreement's secretariat can set it up.")
    return standing


def get_invitation_for_user(request: HttpRequest, pk: int) -> Invitation:
    """A pending invitation of one of the user's agreements: only the secretariat manages
    them (404 outside the agreement, 403 for anyone else in it)."""
    invitation = get_object_or_404(
        Invitation.objects.pending().select_related("agreement", "person"),
        pk=pk,
        agreement__in=agreements_for(request),
    )
    if not can_manage_agreement(standing_in(request, invitation.agreement)):
        raise PermissionDenied("Only the secretariat can resend or withdraw invitations.")
    return invitation
