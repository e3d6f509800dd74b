"""What the plan page and the home page show: the 5 × 5 risk matrix, funding by source and
year, the update due 7 days before the next meeting (from the meetings app or set by
hand), the person's actions and plans to update, and query bounds."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from meetings.actions import meeting_create
from partnerships.models import Membership
from plans.models import Action, DeliveryPlan, Risk
from tests.factories import make_member_with_login, with_version
from tests.plans.factories import (
    make_action,
    make_funding_line,
    make_plan,
    make_risk,
)
from tests.plans.world import HTMX

pytestmark = pytest.mark.django_db
PROGRESS_DATA = {"status": "on_track", "percent_complete": 60, "progress_note": "Posts filled"}


def matrix_section(page: str) -> str:
    start = page.index("Risks not closed, by likelihood and impact")
    return page[start : page.index("</table>", start)]


# The risk matrix ----------------------------------------------------------------------------


def test_each_live_risk_sits_in_its_cell_of_the_5x5_matrix(world, as_user, pw):
    make_risk(pw.plan, likelihood=5, impact=5, status=Risk.Status.MANAGED, description="Cuts")
    make_risk(pw.plan, likelihood=1, impact=2, status=Risk.Status.CLOSED, description="Gone")
    response = as_user(world.observer).get(f"/plans/{pw.plan.pk}/")
    rows = response.context["matrix"].rows
    assert [impact for impact, _, _ in rows] == [5, 4, 3, 2, 1]  # severe at the top
    cells = {(impact, n): labels for impact, _, row in rows for n, (_, _, labels) in
             enumerate(row, start=1)}  # fmt: skip
    # R1 is the fixture's risk (likelihood 3, impact 4), R2 "Cuts", R3 the closed one.
    assert cells[(4, 3)] == ["R1"] and cells[(5, 5)] == ["R2"]
    assert all(labels == [] for key, labels in cells.items() if key not in {(4, 3), (5, 5)})
    assert [score for score, _, _ in rows[0][2]] == [5, 10, 15, 20, 25]
    assert [rag for _, rag, _ in rows[4][2]] == ["green"] * 4 + ["amber"]
    matrix = matrix_section(response.text)
    assert matrix.count("<tr") == 6  # a heading row and five impact rows
    assert "R1" in matrix and "R2" in matrix and "R3" not in matrix
    assert "R3" in response.text  # the closed risk is still listed
    assert re.search(r"R2</strong>\s*</td>\s*</tr>", matrix)  # last column of its row


# Funding ----------------------------------------------------------------------------------


def test_funding_is_totalled_by_source_and_financial_year_exactly(world, as_user, pw):
    make_funding_line(pw.plan, "0.10", year="2010/11")  # PRG: with the fixture's £157,540
    make_funding_line(pw.plan, "45000.45", source="abg", year="2009/10", action=pw.action)
    make_funding_line(pw.plan, "999.55", source="other", year="2010/11")
    response = as_user(world.lead).get(f"/plans/{pw.plan.pk}/")
    funding = response.context["funding"]
    assert {"2009/10", "2010/11"} <= set(funding["years"])
    i, j = funding["years"].index("2009/10"), funding["years"].index("2010/11")
    rows = {label: (amounts, total) for label, amounts, total in funding["rows"]}
    prg, prg_total = rows["Performance Reward Grant (PRG)"]
    assert (prg[i], prg[j], prg_total) == (Decimal("157540"), Decimal("0.10"), Decimal("157540.10"))
    assert rows["Area Based Grant (ABG)"][1] == Decimal("45000.45")
    assert funding["totals"][i] == Decimal("202540.45")
    assert funding["totals"][j] == Decimal("999.65")
    assert funding["total"] == Decimal("203540.10")
    assert all(isinstance(amount, Decimal) for amount in funding["totals"])
    assert "£203,540" in response.text
    assert "1.2 Fund the IDVA service" in response.text  # the line's action


# Updates due 7 days before the next meeting ---------------------------------------------------


def stale(plan: DeliveryPlan, days: int = 40) -> None:
    DeliveryPlan.objects.filter(pk=plan.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=days)
    )


def test_a_meeting_scheduled_in_the_meetings_app_sets_the_update_due_date(world, as_user, pw):
    meeting_on = timezone.localdate() + dt.timedelta(days=10)
    meeting_create(partnership=world.safer, date=meeting_on)
    stale(pw.plan)
    page = as_user(world.lead).get(f"/plans/{pw.plan.pk}/").text
    due = meeting_on - dt.timedelta(days=7)
    assert "Update due" in page
    assert f"Due {due:%-d %b %Y}, for the meeting on {meeting_on:%-d %b %Y}" in page


def test_an_update_after_the_due_date_is_late(world, as_user, pw):
    # Set by hand, three days ahead: the update was due four days ago.
    world.safer.next_meeting_override = timezone.localdate() + dt.timedelta(days=3)
    world.safer.save()
    stale(pw.plan)
    client = as_user(world.lead)
    assert "Update overdue" in client.get(f"/plans/{pw.plan.pk}/").text
    client.post(
        f"/plans/actions/{pw.action.pk}/progress/", with_version(pw.action, PROGRESS_DATA), **HTMX
    )
    assert "Updated late" in client.get(f"/plans/{pw.plan.pk}/").text


def plans_to_update(page: str) -> str:
    start = page.index("Plans to update")
    return page[start : page.index("</section>", start)]


def test_the_home_page_lists_plans_to_update_for_their_editors_only(world, as_user, pw):
    world.safer.next_meeting_override = timezone.localdate() + dt.timedelta(days=12)
    world.safer.save()
    stale(pw.plan)
    cwop_plan = make_plan(world.cwop, "Older people plan")
    world.cwop.next_meeting_override = timezone.localdate() + dt.timedelta(days=12)
    world.cwop.save()
    stale(cwop_plan)
    deputy, _ = make_member_with_login(
        world.safer, Membership.Role.DEPUTY_LEAD, "deputy@example.test"
    )
    for user in (world.lead, deputy):
        panel = plans_to_update(as_user(user).get("/").text)
        assert "Domestic abuse plan" in panel and "Update due" in panel
        assert "Older people plan" not in panel
    panel = plans_to_update(as_user(world.secretariat).get("/").text)
    assert "Domestic abuse plan" in panel and "Older people plan" in panel
    panel = plans_to_update(as_user(world.other_lead).get("/").text)
    assert "Older people plan" in panel and "Domestic abuse plan" not in panel
    assert "Plans to update" not in as_user(pw.action_lead).get("/").text  # edits no plan

    as_user(world.lead).post(
        f"/plans/actions/{pw.action.pk}/progress/", with_version(pw.action, PROGRESS_DATA), **HTMX
    )
    panel = plans_to_update(as_user(world.lead).get("/").text)
    assert "Every plan you look after is up to date for its next meeting." in panel


def test_my_actions_are_the_open_ones_i_lead_soonest_first(world, as_user, pw):
    today = timezone.localdate()
    samantha = pw.samantha
    make_action(pw.plan, "Later action", lead=samantha, due_on=today + dt.timedelta(days=90))
    make_action(pw.plan, "Sooner action", lead=samantha, due_on=today + dt.timedelta(days=5))
    make_action(pw.plan, "Finished action", lead=samantha, status=Action.Status.COMPLETE)
    make_action(pw.plan, "Dropped action", lead=samantha, status=Action.Status.DROPPED)
    page = as_user(pw.action_lead).get("/").text
    start = page.index("My actions")
    mine = page[start : page.index("</section>", start)]
    order = ["Sooner action", "Fund the IDVA service", "Later action"]
    assert [mine.index(title) for title in order] == sorted(mine.index(t) for t in order)
    assert "Finished action" not in mine and "Dropped action" not in mine
    assert "Form the domestic abuse forum" not in mine  # Alan Dawkes leads it
    assert f"/plans/{pw.plan.pk}/?edit={pw.action.pk}#action-{pw.action.pk}" in mine


# Query bounds -----------------------------------------------------------------------------


def test_history_and_home_have_query_bounds(world, as_user, pw, django_assert_max_num_queries):
    world.safer.next_meeting_override = timezone.localdate() + dt.timedelta(days=12)
    world.safer.save()
    client = as_user(world.lead)
    for n in range(12):
        action = make_action(
            pw.plan, f"Extra {n}", lead=world.person(world.lead), due_on=timezone.localdate()
        )
        make_risk(pw.plan, description=f"Risk {n}")
        make_funding_line(pw.plan, "10", action=action)
        make_plan(world.safer, f"Plan {n}")
        response = client.post(
            f"/plans/actions/{action.pk}/progress/", with_version(action, PROGRESS_DATA)
        )
        assert response.status_code == 302  # saved: the history has a change to show
    client.get("/")  # warm the session
    # Fixed counts, whatever the number of actions, risks, lines and changes.
    with django_assert_max_num_queries(20):
        assert client.get(f"/plans/{pw.plan.pk}/history/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/plans/{pw.plan.pk}/export/").status_code == 200
    with django_assert_max_num_queries(40):
        page = client.get("/").text
    assert "Extra 11" in page or "more, on their plans' pages" in page
