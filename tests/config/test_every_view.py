"""Every view of the project, found by walking the URL configuration, refuses anonymous visitors.

A view added without a permission check fails here, whatever app it lives in: only the pages
listed in PUBLIC may answer someone who has not signed in.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Pages open to everyone: signing in, resetting a password, help and the accessibility statement.
PUBLIC = {
    "help",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "accessibility",
    "health",  # a proxy's health check: "ok" or what is down, nothing of any agreement
    # Single sign-on (issue 22): the start sends the browser to the provider, the callback
    # signs in only a verified, invited address (tests/partnerships/test_sso.py).
    "sso-start",
    "sso-callback",
}
# Calendar feeds are fetched by calendar programs, which cannot sign in: a secret token in the
# address stands for the person, so a wrong token finds nothing.
TOKEN_FEEDS = {"calendar-person", "calendar-partnership"}
# An invitation's link is opened before its person can sign in: the token is the key
# (tests/partnerships/test_invitations.py).
TOKEN_PAGES = {"invitation-accept"}
# The API's documentation and a published scorecard are public; the rest of the API asks
# for a token (401), not a sign-in.
PUBLIC |= {"api-schema", "api-docs", "open-scorecard", "open-scorecard-csv", "open-scorecard-json"}
# The admin site has its own sign-in (staff only); its own tests are Django's.
SKIPPED_NAMESPACES = {"admin"}

SAMPLE_ARGS = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "0" * 32}


def project_urls():
    """(name, example path) for every named URL pattern, with made-up arguments."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                yield from walk(
                    pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield pattern.name, prefix + str(pattern.pattern)

    for name, route in walk(get_resolver().url_patterns, "", None):
        yield name, "/" + example_path(route)


def example_path(route: str) -> str:
    """'plans/<int:pk>/actions/' → 'plans/1/actions/'."""
    out, rest = "", route
    while "<" in rest:
        before, _, after = rest.partition("<")
        converter, _, after = after.partition(">")
        kind = converter.split(":")[0] if ":" in converter else "str"
        out += before + SAMPLE_ARGS.get(kind, "1")
        rest = after
    return (out + rest).lstrip("^").rstrip("$")


URLS = sorted(set(project_urls()))
API_TOKEN = {name for name, _ in URLS if name.startswith("api-")} - PUBLIC


def test_the_walk_finds_the_apps_views():
    names = {name for name, _ in URLS}
    expected = {"home", "login", "partnership-list", "scorecard", "meeting-detail", "bid-detail"}
    assert expected <= names
    assert len(URLS) > 60


@pytest.mark.parametrize(
    ("name", "path"),
    [u for u in URLS if u[0] not in PUBLIC | TOKEN_FEEDS | TOKEN_PAGES | API_TOKEN],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name, path, method):
    response = getattr(client, method)(path)
    assert response.status_code == 302, f"{name} ({path}) answered {response.status_code}"
    assert response.url.startswith("/accounts/login/"), f"{name} ({path}) → {response.url}"


@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] in TOKEN_FEEDS])
def test_a_calendar_feed_with_a_made_up_token_finds_nothing(client, name, path):
    assert client.get(path).status_code == 404, name


@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] in API_TOKEN])
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_api_without_a_token_answers_401(client, name, path, method):
    assert getattr(client, method)(path).status_code == 401, name


@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] in TOKEN_PAGES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_link_with_a_made_up_token_finds_nothing(client, name, path, method):
    assert getattr(client, method)(path).status_code == 404, name
