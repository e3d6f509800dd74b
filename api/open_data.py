"""The public scorecard an agreement's secretariat may publish (off until they do).

Published: /open/<slug>/scorecard/ (a page), .csv and .json: targets, ratings, direction
and commentary, without the names of leads or anyone else, for anyone, signed in or not.
Unpublished (or never published): 404, at once.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from api.forms import PublicationForm
from api.models import Publication
from api.scorecard import OPEN_COLUMNS, open_csv, open_records
from indicators.reports import Report, build_scorecard
from partnerships import clock
from partnerships.conflicts import EditConflict, versioned_save
from partnerships.models import Agreement
from partnerships.permissions import get_manager_standing


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest) -> HttpResponse:
    """The secretariat publishes or withdraws the public scorecard, confirming first; a
    choice made on a page opened before someone else's is refused (partnerships/conflicts.py)."""
    standing = get_manager_standing(request)
    publication, _ = Publication.objects.get_or_create(agreement=standing.agreement)
    was_published = publication.is_published
    form = PublicationForm(request.POST or None, instance=publication)
    context = {"form": form, "publication": publication, "agreement": standing.agreement}
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["is_published"]
        try:
            if form.cleaned_data["version"] != publication.version:
                raise EditConflict(Publication.objects.get(pk=publication.pk))
            if wanted != was_published and not form.cleaned_data["confirm"]:
                return render(
                    request, "api/publication_confirm.html", context | {"publish": wanted}
                )
            versioned_save(form, lambda: _save(publication, wanted, request))
        except EditConflict as error:
            context["conflict"] = error.compare(form)
            context["publication"] = error.current
            return render(request, "api/publication_form.html", context)
        said = "The scorecard is public." if wanted else "The scorecard is no longer public."
        messages.success(request, said)
        return redirect("api:publication-edit")
    return render(request, "api/publication_form.html", context)


def _save(publication: Publication, wanted: bool, request: HttpRequest) -> None:
    if wanted != (publication.published_at is not None):
        publication.published_at = clock.now() if wanted else None
    publication.is_published = wanted
    publication._history_user = request.user  # type: ignore[attr-defined]
    publication.save()


def _published(slug: str) -> tuple[Agreement, Report]:
    publication = (
        Publication.objects.select_related("agreement")
        .filter(agreement__slug=slug, is_published=True)
        .first()
    )
    if publication is None:
        raise Http404("Not found")
    agreement = publication.agreement
    return agreement, build_scorecard(agreement=agreement)


@require_GET
def scorecard(request: HttpRequest, slug: str) -> HttpResponse:
    agreement, report = _published(slug)
    return render(
        request,
        "api/open_scorecard.html",
        {"agreement": agreement, "report": report, "rows": report.rows},
    )


@require_GET
def scorecard_csv(request: HttpRequest, slug: str) -> HttpResponse:
    agreement, report = _published(slug)
    response = HttpResponse(open_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{agreement.slug}-scorecard.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def scorecard_json(request: HttpRequest, slug: str) -> HttpResponse:
    agreement, report = _published(slug)
    body = {
        "agreement": agreement.name,
        "period": report.period.label,
        "columns": [name for name, _ in OPEN_COLUMNS],
        "rows": open_records(report),
    }
    response = HttpResponse(json.dumps(body, indent=1), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
