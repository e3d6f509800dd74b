"""The scorecard and the exception report fit the screen: no sideways scrolling of the page
or of any table on a 1280 px desktop or a 375 px phone, on the demo agreement (Essex,
2009/10 Q2). Each is saved as a screenshot under test-artifacts/browser/."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DEMO_PASSWORD, screenshot, sign_in

pytestmark = pytest.mark.browser

WIDTHS = (1280, 375)
REPORTS = {
    "scorecard": "/indicators/scorecard/",
    "exceptions": "/indicators/exceptions/",
}

# What runs off: the page itself, and any element wider than the box it scrolls in (a
# table in its scrolling wrapper counts: the reader would have to scroll it sideways).
OVERFLOW_JS = """() => {
  const wide = [];
  for (const element of document.querySelectorAll(".app-table-wrapper, main table")) {
    if (element.scrollWidth > element.clientWidth + 1) {
      wide.push(`${element.tagName.toLowerCase()}.${element.className}: ` +
                `${element.scrollWidth} > ${element.clientWidth}`);
    }
  }
  return {
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    height: document.documentElement.scrollHeight,
    wide: wide,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("report", sorted(REPORTS))
def test_report_fits_the_screen(demo, open_demo_page, report, width):
    page = open_demo_page()
    sign_in(page, "secretariat@demo.test", DEMO_PASSWORD)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(REPORTS[report])
    found = page.evaluate(OVERFLOW_JS)
    screenshot(page, f"report-fit-{report}-{width}")
    assert found["viewport"] == width
    assert found["page"] <= width, f"the page is {found['page']} px wide at {width} px"
    assert not found["wide"], f"tables scroll sideways at {width} px: {found['wide']}"


def test_exception_report_is_compact_with_contents_and_ways_back(demo, open_demo_page):
    page = open_demo_page()
    sign_in(page, "secretariat@demo.test", DEMO_PASSWORD)
    page.goto(REPORTS["exceptions"])
    exceptions = page.locator("[data-section][data-code]").count()
    assert exceptions > 10
    # Each exception, with its commentary and its response closed, takes a few lines:
    # about 340 px each before (6,500 px for 19); the demo's rows also carry a small
    # "Illustrative" tag.
    height = page.evaluate(
        "() => [...document.querySelectorAll('tr[data-section], tr[data-response-for]')]"
        ".reduce((sum, row) => sum + row.offsetHeight, 0)"
    )
    assert height / exceptions < 160, f"{height} px for {exceptions} exceptions"
    # The response opens in place, without leaving the page wider than the screen.
    page.locator("details.app-response summary").first.click()
    expect(page.locator(".app-response__list").first).to_be_visible()
    assert page.evaluate(OVERFLOW_JS)["page"] <= 1280
    screenshot(page, "report-fit-exceptions-response-open")
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Red").first.click()
    assert page.url.endswith("#red")
    page.get_by_role("link", name="Back to top").first.click()
    assert page.url.endswith("#contents")
