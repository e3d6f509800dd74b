"""A person's own API tokens (create, name, revoke), and the API's documentation page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from api.forms import TokenForm
from api.models import ApiToken
from partnerships import clock


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """Your tokens; a new one's secret is shown on this page once, never again."""
    form = TokenForm(request.POST or None)
    secret = ""
    if request.method == "POST" and form.is_valid():
        _token, secret = ApiToken.issue(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    response = render(
        request, "api/token_list.html", {"form": form, "tokens": tokens, "secret": secret}
    )
    response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Only your own token: anyone else's answers 404."""
    token = get_object_or_404(ApiToken.objects.live(), pk=pk, user=request.user)
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, f"Token '{token.name}' revoked: it no longer works.")
    return redirect("api:token-list")


class _PublicSchema(SpectacularAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []


class _Docs(SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's own files (no CDN); its start-up script is
    a file of its own (`?script`), so the page keeps the site's strict CSP."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    template_name = "api/docs.html"
    url_name = "api:api-schema"
    title = "Golden Thread API"


schema_view = _PublicSchema.as_view()
docs_view = _Docs.as_view()
