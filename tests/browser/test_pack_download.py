"""Journey: the secretariat marks the progress updates item to take the workplans and
downloads the agenda pack, which now holds each plan's summary; the summaries' tables fit
a 375 px screen as well as the A4 page."""

import io

import pdfplumber
import pytest
from django.template.loader import render_to_string

from meetings.pack import pack_context
from tests.browser.conftest import screenshot, sign_in
from tests.meetings.test_pack_workplans import october, safer_plan  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def test_secretariat_downloads_a_pack_holding_the_workplans(open_page, world, october):  # noqa: F811
    october.items.update(has_workplan_summaries=False)
    page = open_page()
    sign_in(page, "secretariat@example.test")
    page.goto(f"/meetings/{october.pk}/")
    page.get_by_role("link", name="Edit item 4 and its minutes").click()
    page.get_by_label("Print the delivery plan summaries in the agenda pack").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(lambda url: "/edit/" not in url)

    link = page.get_by_role("link", name="Agenda pack (PDF)")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.body())) as pdf:
        text = " ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split())
    assert "Workplans: item 4, Progress updates" in text
    assert "4 actions: Green 2, Amber 1, Red 1, Not rated 0" in text
    assert "1.1 Train IDVA staff" in text.split("Overdue (1)")[1]
    assert "Two refuge places agreed with Chelmsford." in text


def test_the_workplan_tables_fit_a_375_px_screen(chromium, world, october):  # noqa: F811
    html = render_to_string("meetings/pack_pdf.html", pack_context(october))
    context = chromium.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.set_content(html)
        section = page.locator(".workplans")
        assert section.get_by_text("Agree refuge places").is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth")
        screenshot(page, "pack-workplans-375")
        assert overflow <= 375, f"the pack is {overflow}px wide on a 375px screen"
        # each row of a table becomes lines, each labelled (the headings are hidden)
        assert section.locator("thead").first.is_hidden()
        label = section.locator("td[data-label='Latest progress']").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert label == '"Latest progress: "'
    finally:
        context.close()
