"""The exception report with its response (issue 18): under each exception, the delivery
plan actions serving the target and the open risks on them, or "No action planned"; on the
page and in the PDF, in a fixed number of queries however many exceptions."""

import datetime as dt
import io
from decimal import Decimal

import pdfplumber
import pytest

from indicators import hooks
from indicators.periods import Period
from indicators.reports import build_exceptions
from plans import links
from plans.models import Action, Risk
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values
from tests.plans.factories import make_action, make_plan, make_risk

pytestmark = pytest.mark.django_db

TODAY = dt.date(2009, 11, 20)
Q2 = Period.parse("2009/10 Q2")
URL = "/indicators/exceptions/?period=2009/10+Q2"


def red_target(partnership, code):
    indicator = make_indicator(partnership.agreement, code, title=f"Indicator {code}")
    target = make_target(partnership, indicator, tolerance=Decimal(5))
    set_values(target, **{"2009/10 Q2": "20"})
    add_actual(target, "2009/10 Q2", "30")  # lower is better: red
    return target


@pytest.fixture
def exceptions(world, settings):
    settings.GOLDEN_THREAD_TODAY = TODAY
    served, unserved = red_target(world.safer, "NI 32"), red_target(world.safer, "NI 111")
    plan = make_plan(world.safer, "Domestic abuse plan")
    lead = world.person(world.lead)
    action = make_action(
        plan, "Open the MARAC to self-referrals", lead=lead, targets=(served,), ref="1.3",
        due_on=dt.date(2009, 10, 31), status=Action.Status.AT_RISK, percent_complete=40,
        progress_note="Two of four districts live.",
    )  # fmt: skip
    make_action(plan, "Dropped idea", targets=(served,), status=Action.Status.DROPPED)
    make_action(plan, "Dropped for NI 111", targets=(unserved,), status=Action.Status.DROPPED)
    risk = make_risk(plan, likelihood=4, impact=5, description="Police data sharing stalls")
    risk.actions.add(action)
    closed = make_risk(plan, description="Closed risk", status=Risk.Status.CLOSED)
    closed.actions.add(action)
    return served, unserved


def test_plans_answers_the_exception_reports_hook():
    assert links.exception_responses in list(hooks.exception_report_responses)


def test_each_exception_carries_its_actions_and_open_risks(world, exceptions):
    report = build_exceptions(agreement=world.essex, period=Q2, today=TODAY)
    entries = {entry.row.code: entry for entry in report.sections[0].entries}
    response = entries["NI 32"].response
    (action,) = response.actions  # the dropped one is left out
    assert action.title == "1.3 Open the MARAC to self-referrals"
    assert (action.lead, action.due_on, action.is_overdue) == (
        "Alan Dawkes",
        dt.date(2009, 10, 31),
        True,
    )
    assert action.status == "At risk" and action.rating_label in {"Amber", "Red"}
    assert action.progress == "Two of four districts live."
    (risk,) = response.risks  # the closed one is left out
    assert (risk.description, risk.score, risk.level, risk.on) == (
        "Police data sharing stalls",
        20,
        "High",
        "action 1.3",
    )
    assert not entries["NI 111"].response.has_actions


def test_a_risk_on_the_target_itself_is_shown_once(world, exceptions):
    served, _ = exceptions
    risk = Risk.objects.get(description="Police data sharing stalls")
    risk.targets.add(served)
    report = build_exceptions(agreement=world.essex, period=Q2, today=TODAY)
    entry = next(e for e in report.sections[0].entries if e.row.code == "NI 32")
    (shown,) = entry.response.risks
    assert shown.on == "action 1.3, the target"


def test_the_page_shows_the_response_and_flags_no_action_planned(client, world, exceptions):
    client.force_login(world.chair)
    page = client.get(URL).content.decode()
    assert "1 plan action, 1 open risk" in page
    assert "1.3 Open the MARAC to self-referrals" in page
    assert "Latest progress" in page and "Two of four districts live." in page
    assert "Police data sharing stalls" in page
    assert "Closed risk" not in page and "Dropped idea" not in page
    assert page.count("No action planned") == 1


def test_the_pdf_shows_the_response_too(client, world, exceptions):
    client.force_login(world.observer)
    pdf = client.get(f"{URL}&format=pdf").content
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "".join("".join((page.extract_text() or "").split()) for page in document.pages)
    assert "Noactionplanned" in text
    assert "1.3OpentheMARACtoself-referrals" in text
    assert "Policedatasharingstalls" in text


def test_another_agreements_reader_sees_none_of_it(client, world, exceptions):
    client.force_login(world.outsider)
    page = client.get("/indicators/exceptions/").content.decode()
    assert "Open the MARAC" not in page and "NI 32" not in page


def add_exceptions(world, n: int, start: int) -> None:
    """n more red targets, each with an action with a risk, and one more without any."""
    plan = make_plan(world.cwop, f"Plan {start}")
    for number in range(start, start + n):
        target = red_target(world.cwop, f"NI {number}")
        action = make_action(plan, f"Action for {number}", targets=(target,), lead=None)
        make_risk(plan, description=f"Risk {number}").actions.add(action)
    red_target(world.cwop, f"NI {start + n}")


@pytest.mark.parametrize("n", [2, 20])
def test_the_report_runs_a_fixed_number_of_queries(
    client, world, exceptions, n, django_assert_max_num_queries
):
    add_exceptions(world, n, 200)
    client.force_login(world.chair)
    with django_assert_max_num_queries(25):
        page = client.get(URL).content.decode()
    assert page.count('data-section="red"') == n + 3
    # The PDF is asked for as a document (its data version, the row naming it) and, with
    # the tests' immediate task backend, built within the request: about 17 queries more
    # than the report's own, however many exceptions.
    with django_assert_max_num_queries(45):
        assert client.get(f"{URL}&format=pdf").status_code == 200
