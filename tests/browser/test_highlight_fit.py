"""The highlight report and its edit page fit the screen: no sideways scrolling of the
page or of any table on a 1280 px desktop or a 375 px phone, on the Leicestershire demo
(GOEM's report, seed 004, the longest); its contents list leads to each section and every
section leads back to the top. Each is saved as a screenshot under test-artifacts/browser/."""

import pytest
from django.test import override_settings

from demo.leicestershire import leicestershire_load
from demo.timeline import DEMO_AS_AT
from tests.browser.conftest import DEMO_PASSWORD, screenshot, sign_in
from tests.browser.test_reports_fit import OVERFLOW_JS

pytestmark = pytest.mark.browser


@pytest.fixture
def leicestershire(transactional_db, settings):
    settings.GOLDEN_THREAD_TODAY = DEMO_AS_AT
    with override_settings(DEBUG=True):  # demo sign-ins are only made with DEBUG on
        return leicestershire_load(with_logins=True)


@pytest.mark.parametrize("width", (1280, 375))
@pytest.mark.parametrize("which", ("report", "form"))
def test_the_highlight_report_fits_the_screen(leicestershire, open_page, which, width):
    page = open_page()
    sign_in(page, "leicestershire@demo.test", DEMO_PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/indicators/highlight/")
    if which == "form":
        page.get_by_role("link", name="Write the report's sections").click()
        assert page.get_by_role("heading", name="Leicestershire Local Area Agreement").count()
    found = page.evaluate(OVERFLOW_JS)
    screenshot(page, f"report-fit-highlight-{which}-{width}")
    assert found["viewport"] == width
    assert found["page"] <= width, f"the page is {found['page']} px wide at {width} px"
    assert not found["wide"], f"tables scroll sideways at {width} px: {found['wide']}"


def test_the_contents_lead_to_each_section_and_back(leicestershire, open_page):
    page = open_page()
    sign_in(page, "leicestershire@demo.test", DEMO_PASSWORD)
    page.goto("/indicators/highlight/")
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="5) Missing information").click()
    assert page.url.endswith("#missing")
    page.locator("#missing").get_by_role("link", name="Back to top").click()
    assert page.url.endswith("#contents")
    assert page.get_by_role("link", name="Back to top").count() >= 11  # 7 sections, 4 blocks
