"""axe-core on every main page as each persona, on the demo agreements: 0 violations.

axe is injected from axe-playwright-python's bundled copy (offline), into a context that
bypasses the Content-Security-Policy only so that the injection works. Each page is also
saved as a screenshot under test-artifacts/browser/.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, screenshot, sign_in
from tests.browser.pages import PAGES, PERSONAS

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"resultTypes": ["violations"]}

# Problems in pages other engineers own, reported to them with the fix. They show as
# expected failures (xfail, with the fix as the reason) until fixed; any other violation
# on the same page still fails. (rule id, text in the offending element's HTML, the fix.)
KNOWN_PROBLEMS = [
    (
        "region",
        '<div class="govuk-breadcrumbs">',
        "templates/partnerships/partnership_detail.html:4: breadcrumbs are a <div> outside "
        'every landmark; make it <nav class="govuk-breadcrumbs" aria-label="Breadcrumb"> '
        "(or use includes/breadcrumbs.html)",
    ),
    *(
        (rule, text, "no templates/403.html and templates/404.html: Django's bare error page has "
         "no <main>, header or way back; add both, extending base.html")
        for rule in ("region", "landmark-one-main")
        for text in ("403 Forbidden</", "Not Found</", "The requested resource was not found")
    ),
]  # fmt: skip

# The page as axe sees it, minus what only changes the words (who is signed in, tokens):
# personas who get the same rendering are checked once.
RENDERING_JS = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll(".app-header__account, [name=csrfmiddlewaretoken]")
      .forEach((element) => element.remove());
  body.removeAttribute("hx-headers");
  return document.title + body.outerHTML;
}"""


def axe_violations(page) -> tuple[list[str], list[str]]:
    """axe's violations on the page, as readable lines: (new problems, known problems)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    new, known = [], []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            html = node["html"]
            line = f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            line += f"\n    {', '.join(map(str, node['target']))}: {html[:160]}"
            fixes = [fix for rule, text, fix in KNOWN_PROBLEMS
                     if rule == violation["id"] and text in html]  # fmt: skip
            if fixes:
                known.append(fixes[0])
            else:
                new.append(line)
    return new, known


def check_page(page, label: str) -> None:
    """Fail on any new axe violation; xfail with the reported fix on known ones only."""
    new, known = axe_violations(page)
    assert not new, f"axe on {label}:\n" + "\n".join(new)
    if known:
        pytest.xfail("known, reported: " + "; ".join(sorted(set(known))))


def test_every_main_page_has_no_accessibility_violations(demo, open_demo_page, subtests):
    """One demo load for the whole sweep; each (persona, page) is its own subtest."""
    checked: dict[str, str] = {}  # rendering -> the persona it was checked as
    for persona, email in PERSONAS.items():
        page = open_demo_page(bypass_csp=True)
        if email:
            sign_in(page, email, DEMO_PASSWORD)
        for entry in PAGES:
            if persona not in entry.who:
                continue
            with subtests.test(msg=f"{persona} {entry.path}"):
                response = page.goto(demo.path(entry.path))
                if entry.later and response.status == 404:
                    pytest.skip(f"feature not built yet: {entry.path} answers 404")
                assert response.status == entry.status, f"{entry.path} as {persona}"
                rendering = page.evaluate(RENDERING_JS)
                if rendering in checked:
                    continue  # the same page, checked as checked[rendering]
                checked[rendering] = persona
                screenshot(page, f"{persona}{entry.path}-{entry.status}")
                check_page(page, f"{entry.path} as {persona}")


def test_error_states_have_no_accessibility_violations(world, open_page):
    """Error summaries and inline errors: a failed sign-in and an invalid form."""
    page = open_page(bypass_csp=True)
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("lead@example.test")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile(r"^Error:"))  # waits for the new page
    screenshot(page, "anonymous-sign-in-error")
    check_page(page, "the sign-in page with an error")

    sign_in(page, "lead@example.test")
    page.goto(f"/partnerships/{world.safer.pk}/edit/")
    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile(r"^Error:"))  # waits for the new page
    screenshot(page, "lead-partnership-edit-error")
    check_page(page, "the partnership form with an error")
