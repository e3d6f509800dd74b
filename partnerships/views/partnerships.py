from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from partnerships import clock, hooks
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.forms import MembershipEndForm, MembershipForm, PartnershipForm
from partnerships.models import Membership, Organisation, Outcome, Partnership, Person, Theme
from partnerships.permissions import (
    SESSION_AGREEMENT_KEY,
    Standing,
    agreements_for,
    can_edit_partnership,
    can_manage_agreement,
    get_partnership_for_user,
    get_person_for_user,
    get_standing,
    grantable_roles,
    role_refusal,
    standing_in,
)
from partnerships.sessions import sessions_end_if_no_role
from partnerships.setup_forms import PartnershipSetupForm
from partnerships.typing import HtmxHttpRequest

ROLE_ORDER = [role.value for role in Membership.Role]
PEOPLE_PER_PAGE = 50


@login_required
@require_http_methods(["GET"])
def partnership_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = list(
        Partnership.objects.filter(agreement=standing.agreement)
        .select_related("reports_to")
        .annotate(member_count=Count("memberships", filter=Q(memberships__ends_on__isnull=True)))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current()
                .filter(role__in=[Membership.Role.CHAIR, *Membership.EDITING_ROLES])
                .select_related("person"),
                to_attr="leadership",
            )
        )
    )
    children = defaultdict(list)
    for partnership in partnerships:
        children[partnership.reports_to_id].append(partnership)
    tree: list[tuple[int, Partnership]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in children.get(parent_id, []):
            tree.append((depth, child))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return render(
        request,
        "partnerships/partnership_list.html",
        {"tree": tree, "standing": standing, "nav_section": "partnerships"},
    )


@login_required
@require_http_methods(["GET"])
def partnership_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    standing = standing_in(request, partnership.agreement)
    memberships = list(
        partnership.memberships.current()
        .select_related("person__organisation")
        .order_by("person__name")
    )
    memberships.sort(key=lambda m: ROLE_ORDER.index(m.role))
    for m in memberships:
        m.can_end = role_refusal(standing, partnership, m.role, m.person) is None  # type: ignore[attr-defined]
    past = partnership.memberships.filter(ends_on__lt=clock.today()).select_related("person")
    chain: list[Partnership] = []
    parent = partnership.reports_to
    while parent is not None and len(chain) < 10:
        chain.append(parent)
        parent = parent.reports_to
    crumbs = [
        ("Partnerships", reverse("partnerships:partnership-list")),
        *((p.label, p.get_absolute_url()) for p in reversed(chain)),
        (partnership.label, None),
    ]
    # Its work (reports, plans, meetings, bids) is known to the apps above: each adds a line.
    work_links = [links for function in hooks.partnership_links if (links := function(partnership))]
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "memberships": memberships,
            "past_memberships": past,
            "crumbs": crumbs,
            "sub_partnerships": partnership.reporting.all(),
            "themes": partnership.themes.prefetch_related(_outcomes_nested()),
            "can_edit": can_edit_partnership(standing, partnership),
            "work_links": work_links,
            "nav_section": "partnerships",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk, write=True)
    standing = standing_in(request, partnership.agreement)
    # The secretariat also sets the partnership's kind and where it reports (issue 16).
    form = (
        PartnershipSetupForm(
            request.POST or None, instance=partnership, agreement=standing.agreement
        )
        if can_manage_agreement(standing)
        else PartnershipForm(request.POST or None, instance=partnership)
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(form, form.save)
        except EditConflict as error:
            conflict = error.compare(form)
        else:
            messages.success(request, f"{partnership} updated.")
            return redirect(partnership)
    context = {"form": form, "partnership": partnership, "conflict": conflict}
    return render(
        request, "partnerships/partnership_form.html", {**context, "nav_section": "partnerships"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk, write=True)
    standing = standing_in(request, partnership.agreement)
    roles = grantable_roles(standing, partnership)
    if request.method == "POST":
        _refuse_role_change(standing, partnership, request.POST.get("role", ""), request)
    form = MembershipForm(
        request.POST or None,
        partnership=partnership,
        roles=roles,
        granter=None if standing.is_secretariat else standing.person,
        initial={"starts_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        membership = form.save(commit=False)
        membership.partnership = partnership
        membership.save()
        messages.success(request, f"{membership.person} added as {membership.get_role_display()}.")
        return redirect(partnership)
    return render(
        request,
        "partnerships/membership_form.html",
        {"form": form, "partnership": partnership, "nav_section": "partnerships"},
    )


def _refuse_role_change(
    standing: Standing, partnership: Partnership, role: str, request: HtmxHttpRequest
) -> None:
    """403 for a role this person may not grant, whatever the form offered."""
    person_id = request.POST.get("person", "")
    person = None
    if person_id.isdigit():
        person = Person.objects.filter(pk=int(person_id), agreement=partnership.agreement).first()
    if role in Membership.Role.values:
        refusal = role_refusal(standing, partnership, role, person)
        if refusal:
            raise PermissionDenied(refusal)


@login_required
@require_POST
def membership_end(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("person", "partnership"),
        pk=pk,
        partnership__agreement__in=agreements_for(request),
    )
    partnership = get_partnership_for_user(request, membership.partnership_id, write=True)
    standing = standing_in(request, partnership.agreement)
    refusal = role_refusal(standing, partnership, membership.role, membership.person)
    if refusal:
        raise PermissionDenied(refusal)
    form = MembershipEndForm(request.POST, membership=membership)
    if not form.is_valid():
        for error in form.errors.get("ends_on", []) + form.non_field_errors():
            messages.error(request, error)
    elif membership.person_id == standing.person.pk and not form.cleaned_data["confirm"]:
        return render(
            request,
            "partnerships/membership_end_confirm.html",
            {
                "membership": membership,
                "partnership": partnership,
                "ends_on": form.cleaned_data["ends_on"],
                "nav_section": "partnerships",
            },
        )
    else:
        membership.ends_on = form.cleaned_data["ends_on"]
        membership.save()
        sessions_end_if_no_role(person=membership.person)
        messages.success(
            request,
            f"{membership.person} is no longer {membership.get_role_display().lower()}.",
        )
    if request.htmx:
        return HttpResponseClientRedirect(partnership.get_absolute_url())
    return redirect(partnership)


@login_required
@require_http_methods(["GET"])
def person_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    query = request.GET.get("q", "").strip()
    people = (
        Person.objects.filter(agreement=standing.agreement)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().select_related("partnership"),
                to_attr="current_memberships",
            )
        )
    )
    if query:
        people = people.filter(
            Q(name__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(job_title__icontains=query)
        )
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/person_list.html",
        {"page_obj": page, "query": query, "nav_section": "partnerships"},
    )


@login_required
@require_http_methods(["GET"])
def person_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request, pk)
    memberships = person.memberships.select_related("partnership").order_by(
        "-ends_on", "partnership__name"
    )
    return render(
        request,
        "partnerships/person_detail.html",
        {"person": person, "memberships": memberships, "nav_section": "partnerships"},
    )


@login_required
@require_http_methods(["GET"])
def organisation_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    organisations = (
        Organisation.objects.filter(agreement=standing.agreement)
        .annotate(people_count=Count("people"))
        .order_by("kind", "name")
    )
    return render(
        request,
        "partnerships/organisation_list.html",
        {"organisations": organisations, "nav_section": "partnerships"},
    )


@login_required
@require_http_methods(["GET"])
def organisation_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk, agreement__in=agreements_for(request))
    people = organisation.people.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.current().select_related("partnership"),
            to_attr="current_memberships",
        )
    )
    return render(
        request,
        "partnerships/organisation_detail.html",
        {"organisation": organisation, "people": people, "nav_section": "partnerships"},
    )


def _outcomes_nested() -> Prefetch:
    """A theme's top outcomes in order (as `top_outcomes`), each with its sub-outcomes."""
    outcomes = Outcome.objects.select_related("owner").order_by("order", "code")
    return Prefetch(
        "outcomes",
        queryset=outcomes.filter(parent__isnull=True).prefetch_related(
            Prefetch("sub_outcomes", queryset=outcomes)
        ),
        to_attr="top_outcomes",
    )


@login_required
@require_http_methods(["GET"])
def agreement_structure(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    themes = (
        Theme.objects.filter(agreement=standing.agreement)
        .select_related("partnership")
        .prefetch_related(_outcomes_nested())
    )
    return render(
        request,
        "partnerships/agreement_structure.html",
        {
            "agreement": standing.agreement,
            "themes": themes,
            "can_manage": can_manage_agreement(standing),
            "nav_section": "partnerships",
        },
    )


@login_required
@require_POST
def agreement_switch(request: HtmxHttpRequest) -> HttpResponse:
    wanted = request.POST.get("agreement")
    agreement = next((a for a in agreements_for(request) if str(a.pk) == wanted), None)
    if agreement is None:
        messages.error(request, "Choose one of your agreements.")
    else:
        request.session[SESSION_AGREEMENT_KEY] = agreement.pk
        messages.success(request, f"You are now working in {agreement}.")
    return redirect("/")
