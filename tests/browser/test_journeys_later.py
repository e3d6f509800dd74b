"""Journeys for features being built now (issues 3-6), on the demo agreements.

Each starts with `require_feature(page, URL)`: while the feature's URL answers 404 the
journey is skipped as "feature not built yet"; as soon as it answers, the journey runs and
must pass. They follow the issues' own wording; when a page settles on different words,
change the locator here, not the meaning of the journey.

  secretariat: sets up a meeting, ticks attendance, writes minutes with an action point,
               downloads the minutes PDF (with and without JavaScript)
  lead:        enters a quarter's actual and sees the scorecard change; updates an
               action's status inline on the delivery plan (with and without JavaScript)
  chair:       opens the exception report
  observer:    reads meetings and targets but finds no edit controls
"""

import io
import re

import pytest

from tests.browser.conftest import DEMO_PASSWORD, require_feature, screenshot, sign_in

pytestmark = pytest.mark.browser

WITH_AND_WITHOUT_JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])

# Values typed into a form's required fields that a journey does not care about.
FILLERS = {"date": "2009-06-15", "time": "10:00", "number": "1", "email": "x@example.test"}


def fill_required(form) -> None:
    """Give every empty required field of a form a plausible value (first real option of a
    select, a date, a time, some words), leaving alone what the journey filled itself."""
    for field in form.locator("input[required], select[required], textarea[required]").all():
        if not field.is_visible() or field.input_value():
            continue
        kind = field.evaluate("e => e.tagName === 'SELECT' ? 'select' : e.type")
        if kind == "select":
            values = [v for v in field.locator("option").evaluate_all(
                "os => os.map(o => o.value)") if v]  # fmt: skip
            field.select_option(values[0])
        elif kind in ("checkbox", "radio"):
            field.check()
        else:
            field.fill(FILLERS.get(kind, "Browser journey"))


def submit(form) -> None:
    form.locator("button:not([type=button]), input[type=submit]").last.click()


def signed_in(open_demo_page, who: str, *, js: bool = True):
    page = open_demo_page(js=js)
    sign_in(page, f"{who}@demo.test", DEMO_PASSWORD)
    return page


# --- secretariat: a meeting from set-up to minutes PDF ------------------------------------


@WITH_AND_WITHOUT_JS
def test_secretariat_sets_up_a_meeting_records_it_and_downloads_the_minutes(
    demo, open_demo_page, js
):
    page = signed_in(open_demo_page, "secretariat", js=js)
    require_feature(page, "/meetings/")
    page.goto("/meetings/")
    page.get_by_role("link", name="Set up a meeting").click()
    form = page.locator("main form[method=post]")
    form.get_by_label("Partnership").select_option(label="Safer Essex")
    # On PostgreSQL what the server writes outlives the test: each run takes its own day.
    form.get_by_label("Date").first.fill("2009-06-15" if js else "2009-06-16")
    fill_required(form)
    submit(form)
    page.wait_for_url(re.compile(r"/meetings/\d+/$"))
    meeting_url = page.url

    # Attendance: one click per member, on the meeting page itself.
    present = page.get_by_role("button", name=re.compile(r"^Present\b")).first
    person = present.inner_text().split(":", 1)[-1].strip()
    present.click()
    page.wait_for_load_state()
    row = page.locator("#attendance").locator("..").get_by_role("row").filter(has_text=person)
    assert row.get_by_text("Present").first.is_visible()

    # An agenda item with its minutes, then an action point on it.
    page.get_by_role("link", name="Add an agenda item").click()
    form = page.locator("main form[method=post]")
    form.get_by_label("Title").fill("Domestic abuse update")
    form.get_by_role("textbox", name=re.compile("^Minutes")).fill(
        "The board noted the rise in reporting."
    )
    fill_required(form)
    submit(form)
    page.goto(meeting_url)
    assert page.get_by_text("The board noted the rise in reporting.").is_visible()
    page.get_by_role("link", name=re.compile(r"^Add an action point")).last.click()
    form = page.locator("main form[method=post]")
    form.get_by_label("Action", exact=True).fill("Report IDVA caseloads to the PMG")
    fill_required(form)
    submit(form)
    page.goto(meeting_url)
    assert page.get_by_text("Report IDVA caseloads to the PMG").first.is_visible()
    screenshot(page, f"journey-secretariat-meeting-{'js' if js else 'no-js'}")

    pdf_link = page.get_by_role("link", name="Minutes (PDF)")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    import pdfplumber

    with pdfplumber.open(io.BytesIO(response.body())) as pdf:
        text = " ".join(" ".join(p.extract_text() or "" for p in pdf.pages).split())
    assert "Domestic abuse update" in text
    assert "Report IDVA caseloads to the PMG" in text


# --- lead: an actual, the scorecard, an action ----------------------------------------------


def test_lead_enters_a_quarters_actual_and_sees_the_scorecard_change(demo, open_demo_page):
    page = signed_in(open_demo_page, "lead")
    require_feature(page, "/indicators/scorecard/")
    from indicators.models import Target

    target = Target.objects.filter(partnership_id=demo.ids["safer"]).order_by("pk").first()
    page.goto("/indicators/scorecard/")
    page.locator(f'main a[href$="/indicators/targets/{target.pk}/"]').first.click()
    page.get_by_role("link", name=re.compile(r"^(Enter|Change) .* actual$")).first.click()
    page.wait_for_load_state("networkidle")  # htmx swaps the form in for that period
    value = page.get_by_label(re.compile(r"^Value"))
    value.fill("4242")
    fill_required(page.locator("main form[method=post]").filter(has=value))
    page.get_by_role("button", name="Save actual").click()
    page.locator("main td", has_text="4242").first.wait_for()

    page.goto("/indicators/scorecard/")
    row = page.get_by_role("row").filter(
        has=page.locator(f'a[href$="/indicators/targets/{target.pk}/"]')
    )
    assert "4242" in row.first.inner_text().replace(",", "")
    screenshot(page, "journey-lead-scorecard-after-actual")


@WITH_AND_WITHOUT_JS
def test_lead_updates_an_actions_status_inline_on_the_delivery_plan(demo, open_demo_page, js):
    page = signed_in(open_demo_page, "lead", js=js)
    require_feature(page, "/plans/")
    page.goto("/plans/")
    page.get_by_role("row").filter(has_text="Safer Essex").get_by_role("link").first.click()
    page.get_by_role("link", name=re.compile(r"^Update progress on")).first.click()
    form = page.locator("main form[method=post]").filter(has=page.locator("select[name=status]"))
    status = form.get_by_label("Status", exact=True)
    status.wait_for()  # with JavaScript, htmx swaps the form into the row
    labels = status.locator("option").evaluate_all("os => os.map(o => o.label)")
    new = next(label for label in labels if label.lower() in ("at risk", "slipped"))
    if status.evaluate("e => e.selectedOptions[0].label") == new:
        new = next(label for label in labels if label.lower() == "slipped")
    status.select_option(label=new)
    form.get_by_role("button", name=re.compile(r"^Save")).click()
    row = page.locator("main tr[id^=action-]").filter(has_text=new)
    assert row.first.is_visible()
    page.reload()
    assert page.locator("main tr[id^=action-]").filter(has_text=new).first.is_visible()
    screenshot(page, f"journey-lead-plan-action-{'js' if js else 'no-js'}")


# --- chair and observer ---------------------------------------------------------------------


def test_chair_opens_the_exception_report(demo, open_demo_page):
    page = signed_in(open_demo_page, "chair")
    require_feature(page, "/indicators/exceptions/")
    response = page.goto("/indicators/exceptions/")
    assert response.status == 200
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("tr[data-code]").count() > 0, "the demo has red and amber targets"
    screenshot(page, "journey-chair-exception-report")


def test_observer_reads_meetings_and_targets_but_finds_no_edit_controls(demo, open_demo_page):
    page = signed_in(open_demo_page, "observer")
    require_feature(page, "/meetings/")
    page.goto("/meetings/")
    assert page.get_by_role("link", name="Set up a meeting").count() == 0
    page.locator("main table a").first.click()
    main = page.locator("main")
    assert main.locator("form[method=post]").count() == 0
    assert main.get_by_role("link", name=re.compile("^(Edit|Add)")).count() == 0
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(
        page.url.rstrip("/") + "/edit/", form={"csrfmiddlewaretoken": token, "venue": "x"}
    )
    assert refused.status == 403
