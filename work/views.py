"""Pages that gather from every app: the home dashboard, each person's update list
(/my-updates/), their reminder preferences and the secretariat's log of reminders sent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from indicators import panels as indicator_panels
from meetings import panels as meeting_panels
from partnerships import clock
from partnerships.dashboard import Panel
from partnerships.models import Membership, ReminderKind, ReminderPreference, SentReminder
from partnerships.permissions import Standing, current_agreement, get_standing, standing_in
from partnerships.typing import HtmxHttpRequest
from plans import panels as plan_panels
from work import panels as work_panels
from work.forms import PreferenceForm
from work.updates import Outcome, UpdateList, update_list, updates_save

SENT_PER_PAGE = 50

# The apps' home panels, in the order they are asked (each panel then sorts by its order).
PANEL_SOURCES = (
    work_panels.dashboard_panels,
    indicator_panels.dashboard_panels,
    plan_panels.dashboard_panels,
    meeting_panels.dashboard_panels,
)


def dashboard_panels(request: HtmxHttpRequest, standing: Standing) -> list[Panel]:
    panels = [panel for source in PANEL_SOURCES for panel in source(request, standing)]
    return sorted(panels, key=lambda panel: panel.order)


@login_required
@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    agreement = current_agreement(request)
    if agreement is None:
        return render(request, "home_no_agreement.html", {"nav_section": "home"})
    standing = standing_in(request, agreement)
    memberships = (
        Membership.objects.current()
        .filter(person=standing.person)
        .select_related("partnership__reports_to")
        .order_by("partnership__name")
    )
    return render(
        request,
        "home.html",
        {
            "standing": standing,
            "memberships": memberships,
            "panels": dashboard_panels(request, standing),
            "nav_section": "home",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    preference = ReminderPreference.objects.filter(person=standing.person).first()
    initial = {
        "delivery": preference.delivery if preference else ReminderPreference.Delivery.IMMEDIATE,
        "wanted": [k for k in ReminderKind.values if preference is None or preference.wants(k)],
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["wanted"])
        ReminderPreference.objects.update_or_create(
            person=standing.person,
            defaults={
                "delivery": form.cleaned_data["delivery"],
                "opted_out": [k for k in ReminderKind.values if k not in wanted],
            },
        )
        messages.success(request, "Your reminder choices are saved.")
        return redirect("work:reminder-preferences")
    return render(
        request,
        "reminders/preferences.html",
        {"form": form, "standing": standing, "nav_section": "home"},
    )


@login_required
@require_GET
def sent_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    if not standing.is_secretariat or standing.is_observer:
        raise PermissionDenied("Only the secretariat sees the reminders sent to others.")
    rows = SentReminder.objects.filter(person__agreement=standing.agreement).select_related(
        "person"
    )
    kind = request.GET.get("kind", "")
    if kind in ReminderKind.values:
        rows = rows.filter(kind=kind)
    page = Paginator(rows, SENT_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/sent_list.html",
        {"page": page, "kind": kind, "kinds": ReminderKind.choices, "nav_section": "home"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def update_list_page(request: HtmxHttpRequest) -> HttpResponse:
    """Everything the person must update before their partnership's next meeting, saved
    together (or one row at a time: a row's own button, enhanced by htmx)."""
    standing = get_standing(request)
    if request.method == "POST" and standing.is_observer:
        raise PermissionDenied("Observers read the agreement and change nothing.")
    posted = request.POST if request.method == "POST" else None
    updates = update_list(standing, clock.today(), posted)
    updates.bind(posted)
    if request.method == "GET":
        return _update_page(request, updates)
    only = request.POST.get("only", "")
    outcome = updates_save(updates=updates, by=request.user, only=only)  # type: ignore[arg-type]
    if outcome.saved and not only:
        messages.success(request, _saved_text(outcome))
        return redirect("work:update-list")
    row = updates.find(only) if only else None
    if row is not None and outcome.saved:
        updates.mark_saved(row)
    if request.htmx and row is not None:
        return render(request, "work/update_list.html#row", {"row": row})
    return _update_page(request, updates, outcome)


def _update_page(
    request: HtmxHttpRequest, updates: UpdateList, outcome: Outcome | None = None
) -> HttpResponse:
    return render(
        request,
        "work/update_list.html",
        {
            "updates": updates,
            "outcome": outcome,
            "standing": get_standing(request),
            "nav_section": "home",
        },
    )


def _saved_text(outcome: Outcome) -> str:
    actions = sum(1 for row in outcome.saved if row.kind == "action")
    figures = len(outcome.saved) - actions
    counts = ((actions, "action"), (figures, "figure"))
    parts = [f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in counts if n]
    return f"Saved {' and '.join(parts)}: " + "; ".join(row.title for row in outcome.saved) + "."
