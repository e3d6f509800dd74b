"""Issue 18's journeys, on data made here (the app as at 20 November 2009):

chair: "what is red, and what are we doing about it?" from the home page, in two
       clicks: home (ratings, what got worse, what is escalated) → the exception report
lead:  updates three plan actions and a figure on one page, saved together (with and
       without JavaScript), and one row on its own in place (htmx)
"""

import datetime as dt
from decimal import Decimal

import pytest

from indicators.models import Actual
from meetings.models import Meeting
from plans.models import Action
from tests.browser.conftest import screenshot, sign_in
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values
from tests.meetings.factories import make_meeting
from tests.plans.factories import make_action, make_plan

pytestmark = pytest.mark.browser

WITH_AND_WITHOUT_JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
AS_AT = dt.date(2009, 11, 20)


@pytest.fixture(autouse=True)
def as_at(settings):
    settings.GOLDEN_THREAD_TODAY = AS_AT


@pytest.fixture
def essex(world, settings):
    """Safer Essex: NI 32 green in Q1 and red in Q2, an action long overdue, three actions
    to update before its meeting of 9 December, and NI 15's Q2 figure owed by the lead."""
    lead = world.person(world.lead)
    make_meeting(world.safer, dt.date(2009, 10, 14), status=Meeting.Status.HELD)
    make_meeting(world.safer, dt.date(2009, 12, 9))
    make_meeting(world.pmg, dt.date(2009, 12, 16))
    ni32 = make_target(world.safer, make_indicator(world.essex, "NI 32"))
    set_values(ni32, **{"2009/10 Q1": "26", "2009/10 Q2": "26"})
    add_actual(ni32, "2009/10 Q1", "20")
    add_actual(ni32, "2009/10 Q2", "40")
    ni15 = make_target(
        world.safer, make_indicator(world.essex, "NI 15", title="Serious violent crime"),
        lead=lead,
    )  # fmt: skip
    # The plan was written in the summer: its actions were there when Q2's returns fell due
    # (30 October), the day the Q2 exception report escalates as at.
    settings.GOLDEN_THREAD_TODAY = dt.date(2009, 7, 1)
    plan = make_plan(world.safer)
    actions = [
        make_action(plan, "Refresh the MARAC protocol", lead=lead, due_on=dt.date(2009, 9, 30),
                    targets=(ni32,)),
        make_action(plan, "Train front-line staff", lead=lead, due_on=dt.date(2010, 3, 31)),
        make_action(plan, "Open the second refuge", due_on=dt.date(2010, 2, 28)),
    ]  # fmt: skip
    settings.GOLDEN_THREAD_TODAY = AS_AT
    return {"ni32": ni32, "ni15": ni15, "actions": actions}


def test_chair_sees_what_is_red_and_what_is_being_done_in_two_clicks(world, open_page, essex):
    page = open_page()
    sign_in(page, "chair@example.test")
    panel = page.locator(f'[data-chair-view="{world.pmg.pk}"]')
    assert "Red 1, up 1 since 2009/10 Q1" in panel.inner_text()
    worse = panel.locator("[data-worsened]")
    assert "NI 32" in worse.inner_text() and "Green to Red" in worse.inner_text()
    assert "Refresh the MARAC protocol" in panel.locator("[data-escalated-list]").inner_text()
    assert panel.get_by_role("link", name="agenda pack (PDF)").count() == 1
    screenshot(page, "journey-chair-home")

    panel.get_by_role("link", name="Exception report").click()
    page.wait_for_url("**/indicators/exceptions/**")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Exception report")
    body = page.locator("main").inner_text()
    assert "NI 32" in body  # what is red
    assert "Refresh the MARAC protocol" in body  # and the overdue action behind it
    screenshot(page, "journey-chair-exception-report")


@WITH_AND_WITHOUT_JS
def test_lead_updates_three_actions_and_a_figure_on_one_page(world, open_page, essex, js):
    page = open_page(js=js)
    sign_in(page, "lead@example.test")
    page.get_by_role("link", name="Update them all on one page").click()
    page.wait_for_url("**/my-updates/")
    notes = ["Protocol redrafted with the police", "Two sessions held", "Site agreed"]
    for action, note in zip(essex["actions"], notes, strict=True):
        row = page.locator(f"#action-{action.pk}")
        row.get_by_label("Status").select_option("on_track")
        row.get_by_label("% complete").fill("50")
        row.get_by_label("Latest progress").fill(note)
    figure = page.locator(f"#figure-{essex['ni15'].pk}")
    figure.get_by_label("Value (%)").fill("17.5")
    figure.get_by_label("Commentary").fill("Police recorded crime")
    page.get_by_role("button", name="Save all").click()

    page.wait_for_url("**/my-updates/")
    assert "Saved 3 actions and 1 figure" in page.get_by_role("alert").first.inner_text()
    for action, note in zip(essex["actions"], notes, strict=True):
        action.refresh_from_db()
        assert (action.status, action.percent_complete, action.progress_note) == (
            "on_track", 50, note,
        )  # fmt: skip
    actual = Actual.objects.get(target=essex["ni15"], period="2009/10 Q2")
    assert actual.value == Decimal("17.5")
    screenshot(page, f"journey-lead-update-list-{'js' if js else 'no-js'}")


def test_lead_saves_one_row_in_place_and_a_wrong_figure_saves_nothing(world, open_page, essex):
    page = open_page()
    sign_in(page, "lead@example.test")
    page.goto("/my-updates/")
    first, second = essex["actions"][:2]
    row = page.locator(f"#action-{first.pk}")
    row.get_by_label("Latest progress").fill("Saved on its own")
    page.locator(f"#action-{second.pk}").get_by_label("Latest progress").fill("Still typing")
    page.evaluate("window.notReloaded = true")
    row.get_by_role("button", name="Save this one only").click()
    page.locator(f"#action-{first.pk} [role=status]").wait_for()
    assert page.evaluate("window.notReloaded === true")  # saved in place, by htmx
    assert page.locator(f"#action-{second.pk}").get_by_label("Latest progress").input_value() == (
        "Still typing"
    )
    assert Action.objects.get(pk=first.pk).progress_note == "Saved on its own"

    # A figure with neither a value nor a reason: nothing is saved, and the row says why.
    figure = page.locator(f"#figure-{essex['ni15'].pk}")
    figure.get_by_label("Commentary").fill("Forgot the value")
    page.get_by_role("button", name="Save all").click()
    assert "Nothing has been saved" in page.locator(".govuk-error-summary").first.inner_text()
    assert (
        "Enter a value, or say why there is none."
        in page.locator(f"#figure-{essex['ni15'].pk}").inner_text()
    )
    assert Action.objects.get(pk=second.pk).progress_note == ""
    assert page.locator(f"#action-{second.pk}").get_by_label("Latest progress").input_value() == (
        "Still typing"
    )


def test_the_chairs_home_and_the_update_list_have_no_accessibility_violations(
    world, open_page, essex
):
    from tests.browser.test_accessibility import axe_violations

    page = open_page(bypass_csp=True)
    sign_in(page, "chair@example.test")
    assert axe_violations(page)[0] == [], "the chair's home"
    page = open_page(bypass_csp=True)
    sign_in(page, "lead@example.test")
    page.goto("/my-updates/")
    assert axe_violations(page)[0] == [], "the update list"
    figure = page.locator(f"#figure-{essex['ni15'].pk}")
    figure.get_by_label("Commentary").fill("No value")
    page.get_by_role("button", name="Save all").click()
    page.locator(".govuk-error-summary").first.wait_for()
    assert axe_violations(page)[0] == [], "the update list with an error"
