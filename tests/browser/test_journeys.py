"""Journeys through the real UI in Chromium, one per persona, for what is built now.

Each runs with the Content-Security-Policy enforced (a CSP refusal or a JavaScript error
fails it), and the ones whose pages promise to work without JavaScript run a second time
with JavaScript off. Data comes from the fixed personas in tests/conftest.py.
Journeys for features still being built are in test_journeys_later.py.
"""

import pytest

from partnerships.models import Membership
from tests.browser.conftest import screenshot, sign_in
from tests.factories import make_person

pytestmark = pytest.mark.browser

WITH_AND_WITHOUT_JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])


def test_the_app_serves_its_own_styles_and_scripts_under_the_csp(world, open_page):
    page = open_page()
    sign_in(page, "lead@example.test")
    header = page.locator(".govuk-header")
    # GOV.UK Frontend's stylesheet applied (the header is the GOV.UK black), its scripts
    # started (app.js sets the class) and htmx loaded, all from our own origin.
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator("body.govuk-frontend-supported").count() == 1
    assert page.evaluate("typeof window.htmx") == "object"
    css = page.request.get(page.locator("link[rel=stylesheet]").first.get_attribute("href"))
    assert css.ok and css.headers["content-type"].startswith("text/css")
    screenshot(page, "journey-home-lead")


@WITH_AND_WITHOUT_JS
def test_anonymous_is_sent_to_sign_in_then_back_to_the_page_asked_for(world, open_page, js):
    page = open_page(js=js)
    page.goto("/people/")
    assert "/accounts/login/?next=/people/" in page.url
    page.get_by_label("Email address").fill("LEAD@example.test")
    page.get_by_label("Password").fill("pass-word-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/people/")
    assert page.get_by_role("heading", level=1).inner_text() == "People"


@WITH_AND_WITHOUT_JS
def test_lead_edits_their_partnership(world, open_page, js):
    page = open_page(js=js)
    sign_in(page, "lead@example.test")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Partnerships").click()
    page.get_by_role("link", name="Safer Essex", exact=True).click()
    page.get_by_role("link", name="Edit details").click()
    page.get_by_label("Description").fill("Crime, disorder and domestic abuse")
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(f"**/partnerships/{world.safer.pk}/")
    assert "Safer Essex updated." in page.get_by_role("alert").inner_text()
    assert page.get_by_text("Crime, disorder and domestic abuse").is_visible()
    world.safer.refresh_from_db()
    assert world.safer.description == "Crime, disorder and domestic abuse"
    screenshot(page, f"journey-lead-edited-partnership-{'js' if js else 'no-js'}")


@WITH_AND_WITHOUT_JS
def test_secretariat_adds_a_member_and_later_ends_the_role(world, open_page, js):
    make_person(world.essex, "Sam Grant")
    page = open_page(js=js)
    sign_in(page, "secretariat@example.test")
    page.goto(f"/partnerships/{world.safer.pk}/")
    page.get_by_role("link", name="Add a member").click()
    page.get_by_label("Person").select_option(label="Sam Grant")
    page.get_by_label("Role").select_option(label="Deputy lead")
    page.get_by_label("Note (optional)").fill("Confirmed at the October meeting")
    page.get_by_role("button", name="Add member").click()

    assert "Sam Grant added as Deputy lead." in page.get_by_role("alert").inner_text()
    row = page.get_by_role("row").filter(has_text="Sam Grant")
    assert "Confirmed at the October meeting" in row.inner_text()

    row.get_by_label("Last day for Sam Grant as deputy lead").fill("2030-03-31")
    row.get_by_role("button", name="End role").click()
    assert "Sam Grant is no longer deputy lead." in page.get_by_role("alert").inner_text()
    membership = Membership.objects.get(person__name="Sam Grant")
    assert str(membership.ends_on) == "2030-03-31"


@WITH_AND_WITHOUT_JS
def test_anyone_in_the_agreement_searches_people(world, open_page, js):
    page = open_page(js=js)
    sign_in(page, "observer@example.test")
    page.goto("/people/")
    page.get_by_label("Search by name, organisation or job title").fill("dawkes")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Alan Dawkes").is_visible()
    page.get_by_label("Search by name, organisation or job title").fill("nobody at all")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_text("Nobody matches “nobody at all”.").is_visible()


def test_observer_reads_but_finds_no_edit_controls_and_is_refused_when_posting(world, open_page):
    page = open_page()
    sign_in(page, "observer@example.test")
    page.goto(f"/partnerships/{world.safer.pk}/")
    assert page.get_by_role("heading", name="Safer Essex").is_visible()
    main = page.locator("main")
    for name in ("Edit details", "Add a member", "End role"):
        assert main.get_by_text(name).count() == 0, name
    assert main.locator("form[method=post]").count() == 0

    assert page.goto(f"/partnerships/{world.safer.pk}/edit/").status == 403
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(
        f"/partnerships/{world.safer.pk}/edit/",
        form={"csrfmiddlewaretoken": token, "name": "Hijacked", "quorum": "3"},
    )
    assert refused.status == 403
    assert "CSRF verification failed" not in refused.text()  # refused for who they are
    membership = world.lead.people.get().memberships.get()
    refused = page.request.post(
        f"/memberships/{membership.pk}/end/",
        form={"csrfmiddlewaretoken": token, "ends_on": "2030-01-01"},
    )
    assert refused.status == 403
    world.safer.refresh_from_db()
    membership.refresh_from_db()
    assert (world.safer.name, membership.ends_on) == ("Safer Essex", None)


def test_outsider_gets_404_for_the_other_agreements_records(world, open_page):
    page = open_page()
    sign_in(page, "hereford@example.test")
    page.goto("/partnerships/")
    assert page.get_by_role("link", name="Herefordshire Partnership Management Group").count()
    assert page.get_by_text("Safer Essex").count() == 0
    person = world.person(world.lead)
    for path in (f"/partnerships/{world.safer.pk}/", f"/people/{person.pk}/"):
        assert page.goto(path).status == 404, path
    assert page.goto(f"/partnerships/{world.safer.pk}/edit/").status == 404


def test_sign_out_ends_the_session(world, open_page):
    page = open_page()
    sign_in(page, "chair@example.test")
    page.get_by_role("button", name="Sign out").click()
    page.goto("/partnerships/")
    assert "/accounts/login/" in page.url


# --- keyboard only ------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(), id: e.id, text: (e.innerText || e.value || "").trim(),
    visible: style.outlineStyle !== "none" || style.boxShadow !== "none"
             || style.backgroundColor !== "rgba(0, 0, 0, 0)",
  };
}"""


def tab_to(page, matches, *, limit: int = 80) -> dict:
    """Press Tab until the focused element matches; fail if focus never gets there or if
    anything on the way shows no visible focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], f"no visible focus on {focused}"
        if matches(focused):
            return focused
    raise AssertionError(f"Tab never reached the element after {limit} presses")


def test_keyboard_only_sign_in(world, open_page):
    page = open_page()
    page.goto("/accounts/login/")
    first = tab_to(page, lambda f: True)
    assert first["text"] == "Skip to main content"
    tab_to(page, lambda f: f["id"] == "id_username")
    page.keyboard.type("lead@example.test")
    tab_to(page, lambda f: f["id"] == "id_password", limit=1)
    page.keyboard.type("pass-word-1")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    assert page.get_by_role("heading", name="Welcome, Alan Dawkes").is_visible()


def test_keyboard_only_form_submission(world, open_page):
    page = open_page()
    sign_in(page, "lead@example.test")
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Partnerships")
    page.keyboard.press("Enter")
    page.wait_for_url("**/partnerships/")
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Safer Essex")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/partnerships/{world.safer.pk}/")
    tab_to(page, lambda f: f["text"] == "Edit details")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/")
    tab_to(page, lambda f: f["tag"] == "textarea")
    page.keyboard.type("Typed without a mouse")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Save")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/partnerships/{world.safer.pk}/")
    assert "Safer Essex updated." in page.get_by_role("alert").inner_text()
    world.safer.refresh_from_db()
    assert world.safer.description == "Typed without a mouse"
