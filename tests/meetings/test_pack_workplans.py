"""The workplans in the agenda pack: under an agenda item that asks for them, each plan's
actions counted by rating, those overdue and those changed since the last meeting."""

import datetime as dt
import io
import re

import pdfplumber
import pytest
from django.template.loader import render_to_string

from meetings.models import AgendaItem
from meetings.pack import meeting_plans, pack_context
from plans.models import Action
from plans.summary import plan_summaries
from tests.factories import make_person, with_version
from tests.meetings.factories import make_item, make_meeting
from tests.meetings.test_documents import pdf_text, squash
from tests.plans.factories import make_action, make_plan

pytestmark = pytest.mark.django_db

SEPTEMBER = dt.date(2009, 9, 10)  # Safer Essex's last meeting
OCTOBER = dt.date(2009, 10, 8)  # the meeting the pack is for


def on(settings, day: dt.date) -> None:
    """Run the app as at ``day``: what is saved now is dated then."""
    settings.GOLDEN_THREAD_TODAY = day


@pytest.fixture
def safer_plan(world, settings):
    """Safer Essex's plan, made in August: one action overdue, one green, one complete, and
    one whose lead wrote progress after the September meeting."""
    on(settings, dt.date(2009, 8, 3))
    alan = world.person(world.lead)
    mary = make_person(world.essex, "Mary Hurst")
    plan = make_plan(world.safer, "Domestic abuse plan")
    make_action(plan, "Train IDVA staff", ref="1.1", lead=alan, starts_on=dt.date(2009, 4, 1),
                due_on=dt.date(2009, 9, 30), status="on_track", percent_complete=60)  # fmt: skip
    make_action(plan, "Open the one-stop shop", ref="1.2", lead=mary,
                starts_on=dt.date(2009, 4, 1), due_on=dt.date(2010, 3, 31),
                status="on_track", percent_complete=60)  # fmt: skip
    make_action(plan, "Publish the strategy", ref="1.3", lead=alan, status="complete",
                percent_complete=100, due_on=dt.date(2009, 7, 1))  # fmt: skip
    refuge = make_action(plan, "Agree refuge places", ref="1.4", lead=mary,
                         starts_on=dt.date(2009, 4, 1), due_on=dt.date(2009, 12, 31),
                         percent_complete=10)  # fmt: skip
    on(settings, dt.date(2009, 9, 21))
    refuge.status, refuge.percent_complete = Action.Status.AT_RISK, 50
    refuge.progress_note = "Two refuge places agreed with Chelmsford."
    refuge.save()
    return plan


@pytest.fixture
def october(world, safer_plan, settings):
    """The October meeting, after September's, with its progress updates item marked."""
    september = make_meeting(world.safer, SEPTEMBER)
    meeting = make_meeting(world.safer, OCTOBER, previous=september)
    make_item(meeting, "1", "Minutes and matters arising", kind="matters_arising")
    make_item(meeting, "4", "Progress updates", kind="standing", has_workplan_summaries=True)
    on(settings, dt.date(2009, 10, 1))
    return meeting


def pack_text(client, meeting) -> str:
    response = client.get(f"/meetings/{meeting.pk}/pack.pdf")
    assert response.status_code == 200
    return squash(pdf_text(response.content))


def test_the_pack_prints_the_workplans_under_the_item_that_asks(world, october, as_user):
    text = pack_text(as_user(world.secretariat), october)
    contents, _, body = text.partition("Forward plan")
    assert "Workplans: item 4, Progress updates" in contents
    section = body.split("Workplans: item 4, Progress updates", 1)[1]
    assert "as they stood on 1 October 2009" in section
    assert "changed since 10 September 2009, the last meeting" in section
    # counted by rating: 1.1 red (overdue), 1.2 and 1.3 green, 1.4 amber (at risk)
    assert "4 actions: Green 2, Amber 1, Red 1, Not rated 0" in section
    overdue = section.split("Overdue (1)", 1)[1].split("Changed since")[0]
    assert "1.1 Train IDVA staff Alan Dawkes 30 Sep 2009 1 On track, 60% complete" in overdue
    changed = section.split("Changed since 10 September 2009 (1)", 1)[1]
    assert "1.4 Agree refuge places Mary Hurst 31 Dec 2009 Amber" in changed
    assert "At risk, 50% complete: Two refuge places agreed with Chelmsford." in changed
    assert "Last updated 3 August 2009" in section


def test_the_agenda_and_contents_point_to_the_workplans_page(world, october, as_user):
    response = as_user(world.secretariat).get(f"/meetings/{october.pk}/pack.pdf")
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        pages = [squash(page.extract_text() or "") for page in pdf.pages]
    title = "Workplans: item 4, Progress updates"
    page = next(n for n, text in enumerate(pages, 1) if text.startswith(title))
    assert re.search(rf"{re.escape(title)}\.* {page}\b", pages[0])  # the contents
    agenda = next(text for text in pages if text.startswith("Agenda "))
    assert f"The workplans for this item: {title} (page {page})" in agenda


def test_no_workplans_without_an_item_asking_for_them(world, october, as_user):
    october.items.update(has_workplan_summaries=False)
    text = pack_text(as_user(world.secretariat), october)
    assert "Workplans:" not in text and "Agree refuge places" not in text


def test_the_management_group_sees_every_partnership_or_the_plans_the_item_names(
    world, safer_plan, settings
):
    on(settings, dt.date(2009, 8, 3))
    make_action(make_plan(world.cwop, "Older people's plan"), "Falls clinics", ref="2.1")
    on(settings, dt.date(2009, 10, 1))
    meeting = make_meeting(world.pmg, OCTOBER)
    item = make_item(meeting, "5", "Thematic updates", has_workplan_summaries=True)
    [section] = pack_context(meeting)["workplan_sections"]
    assert [g.partnership.name for g in section.partnerships] == [
        "Community Wellbeing and Older People",
        "Safer Essex",
    ]
    item.plans.set([safer_plan])
    [section] = pack_context(meeting)["workplan_sections"]
    assert [g.partnership.name for g in section.partnerships] == ["Safer Essex"]


def test_without_an_earlier_meeting_changes_count_from_the_update_cycle(
    world, safer_plan, settings
):
    meeting = make_meeting(world.safer, OCTOBER)
    make_item(meeting, "4", "Progress updates", has_workplan_summaries=True)
    on(settings, dt.date(2009, 10, 1))
    context = pack_context(meeting)
    # due 1 October (7 days before); the cycle is the 28 days before that
    assert context["workplan_window"].since == dt.date(2009, 9, 3)
    [plan] = context["workplan_sections"][0].partnerships[0].plans
    assert [str(row.action) for row in plan.changed] == ["1.4 Agree refuge places"]


def test_a_pack_made_after_the_meeting_shows_the_plans_as_they_stood(world, october, settings):
    on(settings, dt.date(2009, 11, 20))
    refuge = Action.objects.get(ref="1.4")
    refuge.status, refuge.progress_note = Action.Status.COMPLETE, "All places open."
    refuge.save()
    make_action(world.safer.plans.get(), "Later", ref="9")
    make_plan(world.safer, "Plan made after the meeting")
    [plan] = pack_context(october)["workplan_sections"][0].partnerships[0].plans
    assert plan.total == 4  # the plan and the action made after the meeting are left out
    [changed] = plan.changed
    assert changed.status == "at_risk" and changed.progress.startswith("Two refuge places")
    assert [str(row.action) for row in plan.overdue] == ["1.1 Train IDVA staff"]
    assert plan.overdue[0].days_late == 8  # due 30 September, judged on 8 October


def _grow(world, settings, partnerships: int, actions: int) -> None:
    from tests.factories import make_partnership

    on(settings, dt.date(2009, 8, 3))
    for p in range(partnerships):
        partnership = make_partnership(
            world.essex, f"Thematic partnership {p}", reports_to=world.pmg
        )
        for n in range(2):
            plan = make_plan(partnership, f"Plan {n}", owner=make_person(world.essex, f"O {p}{n}"))
            for a in range(actions):
                lead = make_person(world.essex, f"L {p}{n}{a}")
                due = dt.date(2009, 9, 1 + a % 28)
                make_action(plan, f"Action {a}", lead=lead, due_on=due, percent_complete=a % 100)
    on(settings, dt.date(2009, 10, 1))


@pytest.mark.parametrize("partnerships,actions", [(1, 2), (6, 12)])
def test_the_workplans_take_a_bounded_number_of_queries(
    world, settings, django_assert_max_num_queries, django_assert_num_queries, partnerships, actions
):
    _grow(world, settings, partnerships, actions)
    previous = make_meeting(world.pmg, SEPTEMBER)
    meeting = make_meeting(world.pmg, OCTOBER, previous=previous)
    make_item(meeting, "4", "Progress updates", has_workplan_summaries=True)
    # the whole pack, rendered: about 25 queries for the rest, 3 for the workplans
    with django_assert_max_num_queries(34):  # with the sign-in itself (4)
        html = render_to_string("meetings/pack_pdf.html", pack_context(meeting))
    assert html.count('data-label="Plan"') == partnerships * 2
    with django_assert_num_queries(3):
        found = plan_summaries(meeting_plans(meeting), on=OCTOBER, since=SEPTEMBER)
    assert sum(s.total for s in found) == partnerships * 2 * actions


def test_the_secretariat_marks_an_item_to_take_the_workplans(world, october, as_user):
    item = october.items.get(number="4")
    response = as_user(world.secretariat).post(
        f"/meetings/items/{item.pk}/edit/",
        with_version(item, {"number": "4", "title": "Progress updates", "kind": "standing"}),
    )
    assert response.status_code == 302
    assert not AgendaItem.objects.get(pk=item.pk).has_workplan_summaries
    form = as_user(world.secretariat).get(f"/meetings/items/{item.pk}/edit/").text
    assert "Print the delivery plan summaries in the agenda pack" in form
    item.refresh_from_db()
    as_user(world.secretariat).post(
        f"/meetings/items/{item.pk}/edit/",
        with_version(
            item,
            {
                "number": "4",
                "title": "Progress updates",
                "kind": "standing",
                "has_workplan_summaries": "on",
            },
        ),
    )
    assert AgendaItem.objects.get(pk=item.pk).has_workplan_summaries


def test_another_agreements_user_cannot_get_the_pack(world, october, as_user):
    assert as_user(world.outsider).get(f"/meetings/{october.pk}/pack.pdf").status_code == 404


def test_a_paper_tabled_under_an_item_is_printed_in_the_pack_and_listed(world, as_user):
    meeting = make_meeting(world.safer, OCTOBER)
    make_item(meeting, "3", "Performance", paper_text="Introduction\n\nThe draft went to GONW.")
    make_item(meeting, "4", "Any other business")

    text = pack_text(as_user(world.secretariat), meeting)

    # In the contents, as its heading and as its pages' running title; printed whole, once.
    assert text.count("Paper for item 3: Performance") == 3
    assert text.index("Paper for item 3: Performance") < text.index("Matters arising")
    assert "The paper for this item: Performance" in text
    assert text.count("The draft went to GONW.") == 1
    assert "Paper for item 4" not in text
