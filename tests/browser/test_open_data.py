"""The open data journey in a browser: the secretariat publishes the scorecard, anyone
reads it without signing in; the public page, the publishing pages and the token page
pass axe with 0 violations, under the site's strict CSP (the API's documentation too)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_accessibility import check_page
from tests.indicators.factories import add_actual, make_target, set_values

pytestmark = pytest.mark.browser


@pytest.fixture
def scorecard(world):
    target = make_target(world.safer)
    set_values(target, **{"2009/10 Q1": "26"})
    add_actual(target, "2009/10 Q1", "27", commentary="Slightly behind the profile.")
    return target


def test_the_secretariat_publishes_and_anyone_reads_the_scorecard(world, scorecard, open_page):
    public = open_page()
    url = f"/open/{world.essex.slug}/scorecard/"
    assert public.goto(url).status == 404

    page = open_page(bypass_csp=True)
    sign_in(page, "secretariat@example.test")
    page.goto("/agreement/open-data/")
    check_page(page, "the public scorecard settings")
    page.get_by_label("Yes, publish it").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the public scorecard?")
    check_page(page, "publishing's confirmation")
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.get_by_text("The scorecard is public.")).to_be_visible()

    assert public.goto(url).status == 200
    expect(public.get_by_role("row", name="NI 32")).to_contain_text("Slightly behind")
    screenshot(public, "anonymous-open-scorecard")
    reader = open_page(bypass_csp=True)
    reader.goto(url)
    check_page(reader, "the public scorecard")
    assert public.request.get(f"/open/{world.essex.slug}/scorecard.csv").status == 200


def test_the_token_page_and_the_api_docs_pass_axe_and_keep_the_csp(world, open_page):
    page = open_page(bypass_csp=True)
    sign_in(page, "lead@example.test")
    page.goto("/account/api-tokens/")
    page.get_by_label("Token name").fill("Police data feed")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_contain_text("gt_")
    check_page(page, "the API tokens page")
    strict = open_page()  # the CSP enforced: a refused script or style fails the test
    strict.goto("/api/docs/")
    expect(strict.get_by_text("/api/v1/actuals/").first).to_be_visible()
    screenshot(strict, "anonymous-api-docs")
