"""The golden thread and the impact map: agreement → theme → outcome → target (rated) →
actions (rated, with their lead) → money; targets without actions, actions without targets
and cross-cutting actions, on the page and in the CSV and Excel exports."""

import csv
import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from plans.models import Action
from tests.factories import make_outcome, make_theme
from tests.plans.factories import (
    make_action,
    make_funding_line,
    make_plan,
    make_target,
    rate_target,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(world):
    theme = make_theme(world.essex, "Safer and stronger communities", partnership=world.safer)
    outcome = make_outcome(theme, "Fewer repeat victims of domestic abuse", code="SSC1")
    ni32 = make_target(world.essex, world.safer, "NI 32", outcome=outcome)
    rate_target(ni32, "2009/10 Q1", actual="14", expected="10")  # higher is better: red
    ni134 = make_target(world.essex, world.cwop, "NI 134")
    lonely = make_target(world.essex, world.safer, "NI 20", outcome=outcome)
    rate_target(lonely, "2009/10 Q1", actual="9.6", expected="10")  # amber
    safer_plan = make_plan(world.safer, "Domestic abuse plan")
    idva = make_action(
        safer_plan,
        "Fund the IDVA service",
        lead=world.person(world.lead),
        targets=(ni32, ni134),
        starts_on=dt.date(2009, 4, 1),
        due_on=dt.date(2099, 3, 31),
    )
    make_funding_line(safer_plan, action=idva)
    make_action(safer_plan, "Review the terms of reference")
    cwop_plan = make_plan(world.cwop, "Older people plan")
    make_action(cwop_plan, "Falls prevention", targets=(ni32,))
    return {"ni32": ni32, "ni134": ni134, "lonely": lonely, "idva": idva}


def test_the_thread_runs_from_theme_to_money(world, as_user, thread):
    page = as_user(world.observer).get("/plans/thread/").text
    order = [
        "Safer and stronger communities",
        "SSC1 Fewer repeat victims of domestic abuse",
        "NI 32",
        "Fund the IDVA service",
        "PRG 2009/10: £157,540",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert "<details" in page and "<summary" in page
    assert 'app-rag app-rag--red">Red' in page  # NI 32's latest rating
    assert "Alan Dawkes" in page  # the action's lead
    assert "Targets not linked to an outcome" in page  # NI 134 has no outcome
    assert "Cross-cutting" in page  # a CWOP action serving a Safer Essex target


def test_the_thread_filters_by_partnership(world, as_user, thread):
    client = as_user(world.lead)
    page = client.get(f"/plans/thread/?partnership={world.cwop.pk}").text
    # CWOP's own target, and the Safer Essex target its falls action serves.
    assert "NI 134" in page and "NI 32" in page and "NI 20" not in page
    page = client.get(f"/plans/thread/?partnership={world.safer.pk}").text
    assert "NI 20" in page


def test_the_impact_map_finds_the_gaps_and_the_cross_cutting_actions(world, as_user, thread):
    page = as_user(world.chair).get("/plans/impact/").text
    no_action = page[page.index('id="targets-without-actions"') : page.index('id="actions-without')]
    assert "NI 20" in no_action and 'app-rag--amber">Amber' in no_action
    no_target = page[page.index('id="actions-without-targets"') : page.index('id="cross-cutting')]
    assert "Review the terms of reference" in no_target
    cross = page[page.index('id="cross-cutting-actions"') : page.index('id="targets-with-several')]
    assert "Fund the IDVA service" in cross and "Serves 2 targets of 2 partnerships" in cross
    shared = page[page.index('id="targets-with-several-partnerships"') :]
    assert "Falls prevention" in shared and "Fund the IDVA service" in shared


def test_the_impact_map_exports_the_same_rows_as_csv_and_excel(world, as_user, thread):
    client = as_user(world.secretariat)
    response = client.get("/plans/impact/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(StringIO(response.content.decode())))
    sections = {row["Section"] for row in rows}
    assert sections == {
        "Targets with no action",
        "Actions linked to no target",
        "Cross-cutting actions",
        "Targets served by several partnerships",
    }
    assert {"Section": "Targets with no action", "Target": "NI 20"}.items() <= next(
        r for r in rows if r["Target"] == "NI 20"
    ).items()
    response = client.get(f"/plans/impact/?format=xlsx&partnership={world.safer.pk}")
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames[0] == "Targets with no action"
    assert [c.value for c in workbook["Targets with no action"][2]][:2] == ["Safer Essex", "NI 20"]


def test_thread_and_impact_pages_have_query_bounds(
    world, as_user, thread, django_assert_max_num_queries
):
    for n in range(12):
        target = make_target(world.essex, world.safer, f"LI {n}", outcome=thread["ni32"].outcome)
        rate_target(target, "2009/10 Q1", actual="1", expected="2")
        plan = make_plan(world.safer, f"Plan {n}")
        action = make_action(plan, f"Action {n}", targets=(target, thread["ni134"]))
        make_funding_line(plan, action=action)
    client = as_user(world.lead)
    client.get("/plans/thread/")
    with django_assert_max_num_queries(20):
        assert client.get("/plans/thread/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/plans/impact/").status_code == 200


@pytest.mark.parametrize("url", ["/plans/thread/", "/plans/impact/", "/plans/impact/?format=csv"])
def test_anonymous_signs_in_and_outsiders_see_nothing_of_essex(world, as_user, thread, url):
    assert as_user(None).get(url)["Location"].startswith("/accounts/login/")
    response = as_user(world.outsider).get(url)
    assert response.status_code == 200
    assert b"NI 32" not in response.content and b"IDVA" not in response.content


def test_a_dropped_action_is_left_off_the_thread(world, as_user, thread):
    Action.objects.filter(pk=thread["idva"].pk).update(status=Action.Status.DROPPED)
    assert "Fund the IDVA service" not in as_user(world.lead).get("/plans/thread/").text


def outcome_summary(page: str, text: str) -> str:
    """The <details> tag of the outcome whose summary holds ``text``."""
    end = page.index(text)
    return page[page.rindex("<details", 0, end) : end]


def test_the_whole_thread_starts_with_outcomes_closed_and_opens_on_request(world, as_user, thread):
    client = as_user(world.secretariat)
    page = client.get("/plans/thread/").text
    tag = outcome_summary(page, "SSC1 Fewer repeat victims of domestic abuse")
    assert " open" not in tag
    assert "SSC1 Fewer repeat victims of domestic abuse – 2 targets: 1 amber, 1 green" in page
    assert 'href="/plans/thread/?open=all"' in page
    assert "Fund the IDVA service" in page  # closed, not left out: find-in-page reaches it
    for url in ("/plans/thread/?open=all", f"/plans/thread/?partnership={world.safer.pk}"):
        page = client.get(url).text
        assert " open" in outcome_summary(page, "SSC1 Fewer repeat victims of domestic abuse")


def test_the_thread_names_each_actions_partnership(world, as_user, thread):
    page = as_user(world.lead).get("/plans/thread/?open=all").text
    table = page[page.index("Actions serving NI 32") :]
    table = table[: table.index("</table>")]
    assert ">Partnership</th>" in table
    assert "Community Wellbeing and Older People" in table or "CWOP" in table


def test_the_impact_map_counts_each_section(world, as_user, thread):
    page = as_user(world.observer).get("/plans/impact/").text
    assert "Targets with no action</a> (1)" in page  # NI 20
    assert "Actions linked to no target</a> (1)" in page
    # One cross-cutting action, however many targets it serves.
    assert 'id="cross-cutting-actions">Cross-cutting actions (1)</h2>' in page
    assert (
        'id="targets-with-several-partnerships">Targets served by several partnerships (1)' in page
    )


def test_filtered_thread_and_impact_downloads_have_query_bounds(
    world, as_user, thread, django_assert_max_num_queries
):
    for n in range(12):
        target = make_target(world.essex, world.cwop, f"LI {n}")
        plan = make_plan(world.cwop, f"Plan {n}")
        action = make_action(plan, f"Action {n}", targets=(target, thread["ni32"]))
        make_funding_line(plan, action=action)
    client = as_user(world.lead)
    client.get("/plans/thread/")
    for url in (
        f"/plans/thread/?partnership={world.cwop.pk}",
        "/plans/thread/?open=all",
        "/plans/impact/?format=csv",
        f"/plans/impact/?format=xlsx&partnership={world.cwop.pk}",
    ):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200, url


def test_a_cross_cutting_action_is_listed_on_every_target_it_serves(world, as_user, thread):
    client = as_user(world.observer)
    ni134 = client.get(f"/indicators/targets/{thread['ni134'].pk}/").text
    section = ni134[ni134.index("Delivery plan actions serving this target") :]
    assert "Fund the IDVA service" in section and "Cross-cutting" in section  # Safer's action
    ni32 = client.get(f"/indicators/targets/{thread['ni32'].pk}/").text
    section = ni32[ni32.index("Delivery plan actions serving this target") :]
    assert "Fund the IDVA service" in section and "Falls prevention" in section
    assert "Alan Dawkes" in section
    lonely = client.get(f"/indicators/targets/{thread['lonely'].pk}/").text
    assert "No delivery plan action serves this target yet." in lonely
    Action.objects.filter(pk=thread["idva"].pk).update(status=Action.Status.DROPPED)
    ni134 = client.get(f"/indicators/targets/{thread['ni134'].pk}/").text
    assert "Fund the IDVA service" not in ni134


def test_the_targets_actions_cost_one_query_however_many(world, as_user, thread):
    client = as_user(world.lead)
    url = f"/indicators/targets/{thread['ni32'].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        make_action(make_plan(world.cwop, f"Plan {n}"), f"Action {n}", targets=(thread["ni32"],))
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).text
    assert "Action 9" in page
    assert len(many) == len(few)


def test_the_chosen_partnership_stays_chosen_even_with_nothing_to_show(world, as_user, thread):
    page = as_user(world.lead).get(f"/plans/thread/?partnership={world.pmg.pk}").text
    assert f'<option value="{world.pmg.pk}" selected>' in page
    assert "0 targets for LAA Performance Management Group" in page


def test_another_agreements_impact_map_does_not_speak_of_essex(world, as_user):
    """The page is the same for every agreement: nothing on it is Essex's own."""
    safer = make_target(world.hereford, world.hereford_pmg, "NI 32")
    plan = make_plan(world.hereford_pmg, "Herefordshire plan")
    make_action(plan, "Joint patrols", targets=(safer,))
    response = as_user(world.outsider).get("/plans/impact/")
    assert response.status_code == 200
    assert "Herefordshire" in response.text
    assert "Essex" not in response.text
