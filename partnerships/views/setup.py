"""Setting an agreement up in the app's own pages (issue 16): a site administrator starts
it; its secretariat sets up themes, outcomes, partnerships, organisations, people and
areas. Roles go through the partnership's "add a member" page and its grant rule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from partnerships.actions import agreement_start as start_agreement
from partnerships.actions import unique_slug
from partnerships.conflicts import EditConflict, RecordGone, versioned_save
from partnerships.models import (
    Agreement,
    Area,
    Organisation,
    Outcome,
    Partnership,
    Person,
    Theme,
)
from partnerships.permissions import Standing, agreements_for, get_manager_standing
from partnerships.setup_forms import (
    AgreementStartForm,
    AreaForm,
    OrganisationForm,
    OutcomeForm,
    PartnershipSetupForm,
    PersonForm,
    ThemeForm,
)
from partnerships.typing import HtmxHttpRequest

PEOPLE_PER_PAGE = 50
NAV = "partnerships"


def _setup_crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [("Set up the agreement", reverse("partnerships:agreement-setup")), *more]


def _for_secretariat[M: models.Model](
    request: HtmxHttpRequest, queryset: models.QuerySet[M], pk: int, agreement: str
) -> tuple[M, Standing]:
    """A record of one of the user's agreements (404 otherwise) that its secretariat
    changes (403 for anyone else in it). ``agreement``: the lookup to its agreement."""
    found = get_object_or_404(queryset, pk=pk, **{f"{agreement}__in": agreements_for(request)})
    agreement_id = found
    for part in agreement.split("__"):
        agreement_id = getattr(agreement_id, part)
    return found, get_manager_standing(request, agreement_id)  # type: ignore[arg-type]


def _form_page(
    request: HtmxHttpRequest,
    form: Any,
    *,
    heading: str,
    done: str,
    crumbs: list[tuple[str, str | None]],
    save: Callable[[], models.Model] | None = None,
    button: str = "Save",
) -> HttpResponse:
    """Validate, save (a change through its version), say so and go to ``done``; or show
    the form with its errors, or with the conflict when someone else saved first."""
    conflict = gone = None
    if request.method == "POST" and form.is_valid():
        save = save or form.save
        try:
            saved = versioned_save(form, save) if form.instance.pk else save()
        except EditConflict as error:
            conflict = error.compare(form)
        except RecordGone as error:
            gone = error
        else:
            messages.success(request, f"{saved} saved.")
            return redirect(done)
    context = {
        "form": form,
        "heading": heading,
        "cancel_url": done,
        "crumbs": [*crumbs, (heading, None)],
        "conflict": conflict,
        "gone": gone,
        "button": button,
        "nav_section": NAV,
    }
    return render(request, "partnerships/setup_form.html", context)


# --- a site administrator starts an agreement -----------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agreement_start(request: HtmxHttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied("Only a site administrator can start an agreement.")
    form = AgreementStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agreement, person = start_agreement(
            name=data["name"],
            area=data["area"],
            new_area=(data["area_name"].strip(), data["area_code"].strip(), data["area_kind"]),
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            period_type=data["period_type"],
            governance_name=data["governance_name"],
            governance_kind=data["governance_kind"],
            secretariat_name=data["secretariat_name"],
            secretariat_email=data["secretariat_email"],
            organisation_name=data["secretariat_organisation"],
            by=request.user,  # type: ignore[arg-type]  # signed in: login_required
        )
        messages.success(
            request,
            f"{agreement} started. {person} is its secretariat: an invitation has gone to "
            f"{person.email}, to sign in and set up the rest.",
        )
        return redirect("partnerships:agreement-start")
    return render(
        request, "partnerships/setup_agreement_start.html", {"form": form, "nav_section": NAV}
    )


# --- the secretariat's setup pages -----------------------------------------------------


def _partnership_tree(agreement: Agreement) -> list[tuple[int, Partnership]]:
    partnerships = list(agreement.partnerships.select_related("district"))
    children: dict[int | None, list[Partnership]] = defaultdict(list)
    ids = {p.pk for p in partnerships}
    for p in partnerships:
        children[p.reports_to_id if p.reports_to_id in ids else None].append(p)
    tree: list[tuple[int, Partnership]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for child in children.get(parent_id, []):
            tree.append((depth, child))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return tree


@login_required
@require_http_methods(["GET"])
def agreement_setup(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    agreement = standing.agreement
    organisations = agreement.organisations.annotate(people_count=Count("people"))
    return render(
        request,
        "partnerships/setup_index.html",
        {
            "agreement": agreement,
            "tree": _partnership_tree(agreement),
            "organisations": organisations,
            "nav_section": NAV,
        },
    )


@login_required
@require_http_methods(["GET"])
def theme_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    outcomes = Outcome.objects.select_related("owner").order_by("order", "code")
    themes = standing.agreement.themes.select_related("partnership").prefetch_related(
        Prefetch(
            "outcomes",
            queryset=outcomes.filter(parent__isnull=True).prefetch_related(
                Prefetch("sub_outcomes", queryset=outcomes)
            ),
            to_attr="top_outcomes",
        )
    )
    return render(
        request,
        "partnerships/setup_theme_list.html",
        {
            "themes": themes,
            "crumbs": _setup_crumbs(("Themes and outcomes", None)),
            "nav_section": NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def theme_add(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    theme = Theme(agreement=standing.agreement)
    form = ThemeForm(request.POST or None, instance=theme, agreement=standing.agreement)
    return _theme_page(request, form, "Add a theme")


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    theme, standing = _for_secretariat(request, Theme.objects.all(), pk, "agreement")
    form = ThemeForm(request.POST or None, instance=theme, agreement=standing.agreement)
    return _theme_page(request, form, f"Edit {theme}")


def _theme_page(request: HtmxHttpRequest, form: ThemeForm, heading: str) -> HttpResponse:
    themes = reverse("partnerships:theme-list")
    crumbs = _setup_crumbs(("Themes and outcomes", themes))
    return _form_page(request, form, heading=heading, done=themes, crumbs=crumbs)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_add(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    initial = {k: request.GET[k] for k in ("theme", "parent") if request.GET.get(k, "").isdigit()}
    form = OutcomeForm(request.POST or None, initial=initial, agreement=standing.agreement)
    heading = "Add a sub-outcome" if "parent" in initial else "Add an outcome"
    return _outcome_page(request, form, heading)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    outcome, standing = _for_secretariat(
        request, Outcome.objects.select_related("theme"), pk, "theme__agreement"
    )
    form = OutcomeForm(request.POST or None, instance=outcome, agreement=standing.agreement)
    return _outcome_page(request, form, f"Edit {outcome}")


def _outcome_page(request: HtmxHttpRequest, form: OutcomeForm, heading: str) -> HttpResponse:
    themes = reverse("partnerships:theme-list")
    crumbs = _setup_crumbs(("Themes and outcomes", themes))
    return _form_page(request, form, heading=heading, done=themes, crumbs=crumbs)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_add(request: HtmxHttpRequest) -> HttpResponse:
    """A new partnership; it is changed afterwards on its own edit page, which offers the
    secretariat these same fields (partnerships.views.partnerships.partnership_edit)."""
    standing = get_manager_standing(request)
    agreement = standing.agreement
    form = PartnershipSetupForm(
        request.POST or None, instance=Partnership(agreement=agreement), agreement=agreement
    )

    def save() -> Partnership:
        form.instance.slug = unique_slug(Partnership, form.instance.name, agreement=agreement)
        return form.save()

    done = reverse("partnerships:agreement-setup")
    return _form_page(
        request, form, heading="Add a partnership", done=done, crumbs=_setup_crumbs(), save=save
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_add(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    agreement = standing.agreement
    form = OrganisationForm(
        request.POST or None, instance=Organisation(agreement=agreement), agreement=agreement
    )
    done = reverse("partnerships:agreement-setup")
    return _form_page(
        request, form, heading="Add an organisation", done=done, crumbs=_setup_crumbs()
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    organisation, standing = _for_secretariat(request, Organisation.objects.all(), pk, "agreement")
    form = OrganisationForm(
        request.POST or None, instance=organisation, agreement=standing.agreement
    )
    done = reverse("partnerships:agreement-setup")
    return _form_page(
        request, form, heading=f"Edit {organisation}", done=done, crumbs=_setup_crumbs()
    )


@login_required
@require_http_methods(["GET"])
def person_setup_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    people = standing.agreement.people.select_related("organisation", "user")
    page = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/setup_person_list.html",
        {"page_obj": page, "crumbs": _setup_crumbs(("People", None)), "nav_section": NAV},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    agreement = standing.agreement
    form = PersonForm(
        request.POST or None, instance=Person(agreement=agreement), agreement=agreement
    )
    return _person_page(request, form, "Add a person")


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    person, standing = _for_secretariat(request, Person.objects.all(), pk, "agreement")
    form = PersonForm(request.POST or None, instance=person, agreement=standing.agreement)
    return _person_page(request, form, f"Edit {person}")


def _person_page(request: HtmxHttpRequest, form: PersonForm, heading: str) -> HttpResponse:
    people = reverse("partnerships:person-setup-list")
    crumbs = _setup_crumbs(("People", people))
    return _form_page(request, form, heading=heading, done=people, crumbs=crumbs)


# --- districts, wards and priority neighbourhoods --------------------------------------


@login_required
@require_http_methods(["GET"])
def area_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    area = standing.agreement.area
    districts = Area.objects.none()
    if area is not None:
        districts = Area.objects.filter(kind=Area.Kind.DISTRICT, parent=area).prefetch_related(
            Prefetch("children", queryset=Area.objects.filter(kind=Area.Kind.WARD), to_attr="wards")
        )
    return render(
        request,
        "partnerships/setup_area_list.html",
        {
            "area": area,
            "districts": districts,
            "crumbs": _setup_crumbs(("Districts and wards", None)),
            "nav_section": NAV,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_add(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    agreement = standing.agreement
    if agreement.area_id is None:
        raise Http404("The agreement has no area to add districts to.")
    is_ward = request.GET.get("kind") == Area.Kind.WARD
    kind = Area.Kind.WARD if is_ward else Area.Kind.DISTRICT
    area = Area(kind=kind, parent_id=None if is_ward else agreement.area_id)
    district = request.GET.get("district", "")
    initial = {"parent": district} if is_ward and district.isdigit() else {}
    form = AreaForm(
        request.POST or None, instance=area, initial=initial, agreement=agreement, kind=kind
    )
    return _area_page(request, form, "Add a ward" if is_ward else "Add a district")


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(
        Area.objects.select_related("parent"), pk=pk, kind__in=[Area.Kind.DISTRICT, Area.Kind.WARD]
    )
    # A district's parent is the agreement's area; a ward's, one of its districts.
    top_id = (
        area.parent_id
        if area.kind == Area.Kind.DISTRICT
        else getattr(area.parent, "parent_id", None)
    )
    agreement = next((a for a in agreements_for(request) if a.area_id == top_id), None)
    if agreement is None or top_id is None:
        raise Http404("Not found")
    get_manager_standing(request, agreement)
    if Agreement.objects.filter(area_id=top_id).exclude(pk=agreement.pk).exists():
        # The county's districts and wards are every agreement's on it: one agreement's
        # secretariat must not rename or re-target another's (a new one may be added).
        raise PermissionDenied(
            f"{area} belongs to an area another agreement shares: ask a site administrator."
        )
    form = AreaForm(request.POST or None, instance=area, agreement=agreement, kind=area.kind)
    return _area_page(request, form, f"Edit {area}")


def _area_page(request: HtmxHttpRequest, form: AreaForm, heading: str) -> HttpResponse:
    areas = reverse("partnerships:area-list")
    crumbs = _setup_crumbs(("Districts and wards", areas))
    return _form_page(request, form, heading=heading, done=areas, crumbs=crumbs)
