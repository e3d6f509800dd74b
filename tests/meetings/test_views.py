"""Meeting pages at work: ticking attendance and updating actions with and without
htmx, forms that refuse bad input with a specific message, and query counts that do not
grow with the data."""

import datetime as dt

import pytest

from meetings.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    ForwardPlanItem,
    Meeting,
)
from partnerships.models import Membership, Person
from tests.factories import make_membership, make_person, with_version
from tests.meetings.factories import (
    make_action,
    make_attendance,
    make_decision,
    make_item,
    make_meeting,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting(world):
    return make_meeting(world.safer, dt.date(2008, 10, 2), status="held")


# --- attendance -------------------------------------------------------------------------


def test_members_are_listed_for_ticking_with_quorum(world, meeting, as_user):
    world.safer.quorum = 2
    world.safer.save()
    page = as_user(world.secretariat).get(f"/meetings/{meeting.pk}/").text
    assert "Alan Dawkes" in page and "Not recorded" in page
    assert "Quorum not met" in page


def test_ticking_attendance_with_htmx_returns_the_attendance_section(world, meeting, as_user):
    world.safer.quorum = 1
    world.safer.save()
    alan = world.person(world.lead)
    response = as_user(world.secretariat).post(
        f"/meetings/{meeting.pk}/attendance/", {"person": alan.pk, "status": "present"}, **HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="attendance-section">')
    assert "<html" not in response.text
    assert "Quorum met" in response.text
    attendance = Attendance.objects.get(meeting=meeting, person=alan)
    assert attendance.status == "present"
    assert attendance.role == "Lead"  # copied from the membership on the day


def test_ticking_attendance_without_javascript_is_a_plain_post(world, meeting, as_user):
    alan = world.person(world.lead)
    client = as_user(world.secretariat)
    response = client.post(
        f"/meetings/{meeting.pk}/attendance/", {"person": alan.pk, "status": "apologies"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/#attendance"
    assert Attendance.objects.get(meeting=meeting, person=alan).status == "apologies"
    # one more click clears the line
    client.post(f"/meetings/{meeting.pk}/attendance/", {"person": alan.pk, "status": ""})
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_attendance_refuses_someone_from_another_agreement(world, meeting, as_user):
    stranger = world.person(world.outsider)
    response = as_user(world.secretariat).post(
        f"/meetings/{meeting.pk}/attendance/",
        {"person": stranger.pk, "status": "present"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Attendance.objects.exists()


def test_adding_a_substitute_records_the_member_as_sending_apologies(world, meeting, as_user):
    gwyn = make_person(world.essex, "Gwyn Owen")
    make_membership(gwyn, world.safer)
    jan = make_person(world.essex, "Jan Plummer")
    response = as_user(world.lead).post(
        f"/meetings/{meeting.pk}/attendance/add/",
        {"person": jan.pk, "status": "substitute", "substitute_for": gwyn.pk},
    )
    assert response.status_code == 302
    jan_line = Attendance.objects.get(person=jan)
    assert jan_line.description == "substitute for Gwyn Owen"
    assert Attendance.objects.get(person=gwyn).status == "apologies"
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/").text
    assert "substitute for Gwyn Owen" in page and "not a member" in page


def test_adding_someone_new_by_name_creates_the_person(world, meeting, as_user):
    response = as_user(world.secretariat).post(
        f"/meetings/{meeting.pk}/attendance/add/",
        {"new_name": "Win Bernard", "status": "in_attendance", "role": "Review author"},
    )
    assert response.status_code == 302
    line = Attendance.objects.get(person__name="Win Bernard")
    assert line.person.agreement == world.essex and line.role == "Review author"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "present"}, "Choose who attended, or type the name of someone new."),
        ({"new_name": "X", "status": "substitute"}, "Choose whom they substituted for."),
        ({"new_name": "X"}, "This field is required."),
    ],
)
def test_adding_attendance_refuses_incomplete_forms(world, meeting, as_user, data, message):
    response = as_user(world.secretariat).post(f"/meetings/{meeting.pk}/attendance/add/", data)
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    assert not Attendance.objects.exists()
    assert not Person.objects.filter(name="X").exists()


# --- action points ----------------------------------------------------------------------


@pytest.fixture
def action(world, meeting):
    item = make_item(meeting, "5", "Performance report")
    return make_action(item, "Letter to Health on MARACs", owners=[world.person(world.lead)])


def test_updating_an_action_with_htmx_returns_its_row(world, action, as_user):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(
            action, {"status": "done", "text": "Letter sent", "next": "/meetings/actions/"}
        ),
        **HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith(
        f'<tr class="govuk-table__row" id="action-{action.pk}">'
    )
    assert "Saved." in response.text and "Letter sent" in response.text
    action.refresh_from_db()
    assert action.status == "done" and action.closed_on == dt.date.today()
    update = action.updates.get()
    assert update.by == world.person(world.lead) and update.status == "done"


def test_updating_an_action_without_javascript_returns_to_the_page(world, action, as_user):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(
            action, {"status": "open", "text": "Drafted", "next": "/meetings/actions/?owner=me"}
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == "/meetings/actions/?owner=me"
    assert action.updates.get().text == "Drafted"


def test_an_update_going_elsewhere_is_refused_a_foreign_next(world, action, as_user):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(
            action, {"status": "open", "text": "Drafted", "next": "https://evil.example/"}
        ),
    )
    assert response["Location"] == f"/meetings/actions/{action.pk}/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "open", "text": ""}, "Say what has happened, or change the status."),
        ({"status": "done", "on": "2999-01-01"}, "An update cannot be dated in the future."),
        ({"status": "done", "on": "2008-01-01"}, "before the meeting that set the action"),
        ({"status": "done", "on": "2009-02-30"}, "Enter the date of the update as a real date."),
        ({"status": "finished"}, "Select a valid choice."),
    ],
)
def test_bad_action_updates_are_refused_in_the_row_and_nothing_is_written(
    world, action, as_user, data, message
):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/", with_version(action, data), **HTMX
    )
    assert response.status_code == 200
    assert message in response.text and 'role="alert"' in response.text
    action.refresh_from_db()
    assert action.status == "open" and not ActionUpdate.objects.exists()


def test_bad_action_update_without_javascript_shows_the_message(world, action, as_user):
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(action, {"status": "open"}),
        follow=True,
    )
    assert "Say what has happened, or change the status." in response.text
    assert not ActionUpdate.objects.exists()


def test_action_log_filters_by_owner_partnership_and_overdue(world, meeting, as_user):
    item = make_item(meeting, "5", "Performance report")
    alan = world.person(world.lead)
    mine = make_action(item, "Alan's overdue letter", owners=[alan], due_on=dt.date(2008, 11, 1))
    make_action(item, "Someone else's task", due_on=dt.date(2999, 1, 1))
    pmg_item = make_item(make_meeting(world.pmg, dt.date(2009, 3, 27)), "1", "Minutes")
    make_action(pmg_item, "A PMG task", owners=[alan])
    done = make_action(
        item, "Already done", owners=[alan], status="done", closed_on=dt.date(2008, 10, 9)
    )
    client = as_user(world.lead)
    page = client.get("/meetings/actions/?owner=me").text
    assert "Alan&#x27;s overdue letter" in page and "A PMG task" in page
    assert "Someone else" not in page and done.text not in page
    page = client.get(f"/meetings/actions/?partnership={world.pmg.pk}").text
    assert "A PMG task" in page and "overdue letter" not in page
    page = client.get("/meetings/actions/?overdue=1").text
    assert "overdue letter" in page and "Someone else" not in page and "A PMG task" not in page
    assert "Overdue" in page
    page = client.get("/meetings/actions/?status=closed").text
    assert "Already done" in page and mine.text not in page


def test_action_log_counts_an_action_due_at_a_past_meeting_as_overdue_and_lists_soonest_first(
    world, meeting, as_user
):
    item = make_item(meeting, "5", "Performance report")
    january = make_meeting(world.safer, dt.date(2009, 1, 22))
    make_action(item, "Undated task")
    make_action(item, "Report at the January meeting", due_meeting=january)
    make_action(item, "Letter by November", due_on=dt.date(2008, 11, 1))
    make_action(item, "Far off", due_on=dt.date(2999, 1, 1))
    page = as_user(world.observer).get("/meetings/actions/").text
    order = [page.index(t) for t in ("Letter by November", "Report at the January", "Far off")]
    assert order == sorted(order) and page.index("Far off") < page.index("Undated task")
    page = as_user(world.observer).get("/meetings/actions/?overdue=1").text
    assert "Report at the January meeting" in page and "Letter by November" in page
    assert "Undated task" not in page and "Far off" not in page


# --- minutes approval at the next meeting ----------------------------------------------


def test_the_next_meeting_approves_the_last_minutes_with_amendments(world, meeting, as_user):
    meeting.status = "minutes_draft"
    meeting.save()
    later = make_meeting(world.safer, dt.date(2009, 1, 22), previous=meeting)
    page = as_user(world.secretariat).get(f"/meetings/{later.pk}/").text
    assert "Approve the minutes of 2 October 2008" in page
    response = as_user(world.secretariat).post(
        f"/meetings/{later.pk}/approve-previous/",
        {"amendments": "Item 4: for 'January 2008' read 'January 2009'."},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "minutes_approved" and meeting.minutes_approved_at == later
    assert "January 2009" in meeting.minutes_amendments
    page = as_user(world.observer).get(f"/meetings/{later.pk}/").text
    assert "Amendments agreed" in page and "at this meeting" in page
    assert "Approve the minutes" not in page


def test_minutes_of_a_meeting_not_held_cannot_be_approved(world, as_user):
    planned = make_meeting(world.safer, dt.date(2008, 10, 2))
    later = make_meeting(world.safer, dt.date(2009, 1, 22), previous=planned)
    response = as_user(world.secretariat).post(
        f"/meetings/{later.pk}/approve-previous/", {}, follow=True
    )
    assert "A meeting that has not been held has no minutes to approve." in response.text
    planned.refresh_from_db()
    assert planned.status == "planned" and not later.items.exists()


# --- setting meetings up, with specific messages ----------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": ""}, "Enter the date of the meeting."),
        ({"date": "2009-02-30"}, "Enter the date of the meeting as a real date"),
        (
            {"date": "2009-03-05", "starts_at": "14:00", "ends_at": "11:40"},
            "The end time must be after the start time.",
        ),
        ({"date": "2009-03-05", "starts_at": "2pm-ish"}, "Enter the start time like 10:00."),
        ({"date": "1809-03-05"}, "Enter a date between the years 2000 and 2100."),
    ],
)
def test_setting_up_a_meeting_refuses_bad_input(world, as_user, data, message):
    response = as_user(world.lead).post("/meetings/new/", {"partnership": world.safer.pk, **data})
    assert response.status_code == 200
    assert "There is a problem" in response.text and message in response.text
    assert not Meeting.objects.exists()


def test_setting_up_a_meeting_links_it_to_the_one_before(world, meeting, as_user):
    response = as_user(world.lead).post(
        "/meetings/new/",
        {
            "partnership": world.safer.pk,
            "date": "2009-01-22",
            "starts_at": "14:00",
            "venue": "County Hall",
        },
    )
    assert response.status_code == 302
    new = Meeting.objects.get(date=dt.date(2009, 1, 22))
    assert new.previous == meeting and new.status == "planned"
    assert new.history.first().history_user == world.lead


def test_a_second_meeting_on_the_same_day_is_refused(world, meeting, as_user):
    response = as_user(world.lead).post(
        "/meetings/new/", {"partnership": world.safer.pk, "date": "2008-10-02"}
    )
    assert "Safer Essex already has a meeting on 2 October 2008." in response.text
    assert Meeting.objects.count() == 1


def test_status_moves_forward_only(world, as_user):
    planned = make_meeting(world.safer, dt.date(2009, 1, 22))
    client = as_user(world.lead)
    response = client.post(
        f"/meetings/{planned.pk}/status/", {"status": "minutes_draft"}, follow=True
    )
    assert "cannot become “Minutes in draft”" in response.text
    client.post(f"/meetings/{planned.pk}/status/", {"status": "agenda_published"})
    planned.refresh_from_db()
    assert planned.status == "agenda_published"
    response = client.post(
        f"/meetings/{planned.pk}/status/", {"status": "minutes_approved"}, follow=True
    )
    assert "approved at the next meeting" in response.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"number": "4", "title": "Again", "kind": "proposed"}, "Item 4 is already on the agenda."),
        ({"number": "four", "title": "X", "kind": "proposed"}, "Enter the item number as printed"),
        ({"number": "5", "title": "", "kind": "proposed"}, "Enter the item&#x27;s title."),
    ],
)
def test_agenda_items_refuse_bad_numbers_and_missing_titles(world, meeting, as_user, data, message):
    make_item(meeting, "4", "Terms of reference")
    response = as_user(world.lead).post(f"/meetings/{meeting.pk}/items/add/", data)
    assert response.status_code == 200
    assert message in response.text
    assert AgendaItem.objects.count() == 1


def test_editing_an_item_writes_minutes_and_keeps_the_order(world, meeting, as_user):
    ten = make_item(meeting, "10", "EDAAT issues")
    make_item(meeting, "9", "Current development issues")
    response = as_user(world.lead).post(
        f"/meetings/items/{ten.pk}/edit/",
        with_version(
            ten,
            {
                "number": "10",
                "title": "EDAAT issues",
                "kind": "proposed",
                "minutes": "One.\n\nTwo.",
            },
        ),
    )
    assert response.status_code == 302
    ten.refresh_from_db()
    assert ten.paragraphs == ["One.", "Two."]
    assert [i.number for i in meeting.items.all()] == ["9", "10"]
    assert ten.history.count() == 2


def test_adding_an_action_due_before_the_meeting_is_refused(world, meeting, as_user):
    item = make_item(meeting, "7", "Domestic Violence Review")
    response = as_user(world.lead).post(
        f"/meetings/items/{item.pk}/actions/add/",
        {"text": "Report to the next group", "due_on": "2008-01-22"},
    )
    assert response.status_code == 200
    assert (
        "The due date cannot be before the meeting that set it (2 October 2008)." in response.text
    )
    assert not ActionPoint.objects.exists()


def test_adding_an_action_with_owners_and_groups(world, meeting, as_user):
    item = make_item(meeting, "7", "Domestic Violence Review")
    alan = world.person(world.lead)
    later = make_meeting(world.safer, dt.date(2009, 1, 22))
    response = as_user(world.lead).post(
        f"/meetings/items/{item.pk}/actions/add/",
        {
            "text": "Convene a focus group",
            "owners": [alan.pk],
            "owner_groups": "Safer Essex partners\nECC",
            "due_meeting": later.pk,
            "number": "8",
        },
    )
    assert response.status_code == 302
    action = ActionPoint.objects.get()
    assert action.owner_names == ["Alan Dawkes", "Safer Essex partners", "ECC"]
    assert action.due == dt.date(2009, 1, 22)


def test_recording_an_empty_decision_is_refused(world, meeting, as_user):
    item = make_item(meeting, "3", "Minutes")
    response = as_user(world.lead).post(
        f"/meetings/items/{item.pk}/decisions/add/", {"text": " "}, follow=True
    )
    assert "Enter the decision as it should appear in the minutes." in response.text
    assert not item.decisions.exists()


def test_declaring_an_interest_needs_the_interest(world, meeting, as_user):
    response = as_user(world.lead).post(
        f"/meetings/{meeting.pk}/declarations/add/",
        {"person": world.person(world.lead).pk, "interest": ""},
        follow=True,
    )
    assert "Enter the interest as it was declared." in response.text
    assert not meeting.declarations.exists()


def test_forward_plan_refuses_a_standing_item_for_one_meeting(world, as_user):
    planned = make_meeting(world.safer, dt.date(2009, 1, 22))
    response = as_user(world.lead).post(
        f"/meetings/forward-plan/{world.safer.pk}/add/",
        {"title": "Progress updates", "is_standing": "on", "meeting": planned.pk},
    )
    assert "A standing item comes to every meeting: leave the meeting empty." in response.text
    assert not ForwardPlanItem.objects.exists()


def test_forward_plan_page_shows_dates_proposed_standing_and_unscheduled(world, as_user):
    planned = make_meeting(world.safer, dt.date(2009, 1, 22), starts_at=dt.time(14), ends_at=None)
    alan = world.person(world.lead)
    client = as_user(world.lead)
    client.post(
        f"/meetings/forward-plan/{world.safer.pk}/add/",
        {"title": "LAA Refresh", "meeting": planned.pk, "responsible": [alan.pk]},
    )
    client.post(
        f"/meetings/forward-plan/{world.safer.pk}/add/", {"title": "Scorecard", "is_standing": "on"}
    )
    client.post(
        f"/meetings/forward-plan/{world.safer.pk}/add/",
        {"title": "Public engagement feedback", "responsibility": "Tbc"},
    )
    page = as_user(world.observer).get(f"/meetings/forward-plan/{world.safer.pk}/").text
    assert "Thursday 22 January 2009" in page and "14:00" in page
    assert "LAA Refresh" in page and "Alan Dawkes" in page
    standing = page.split("Standing items", 1)[1].split("Meetings ahead")[0]
    assert "Scorecard" in standing
    assert "Public engagement feedback" in page.split("To be scheduled", 1)[1]


def test_setting_up_the_agenda_from_the_forward_plan(world, meeting, as_user):
    planned = make_meeting(world.safer, dt.date(2009, 1, 22), previous=meeting)
    ForwardPlanItem.objects.create(partnership=world.safer, meeting=planned, title="LAA Refresh")
    ForwardPlanItem.objects.create(partnership=world.safer, is_standing=True, title="Scorecard")
    client = as_user(world.lead)
    response = client.post(f"/meetings/{planned.pk}/agenda/set-up/", follow=True)
    assert "4 items added to the agenda from the forward plan." in response.text
    assert [(i.number, i.title, i.kind) for i in planned.items.all()] == [
        ("1", "Minutes of the last meeting and matters arising", "matters_arising"),
        ("2", "Scorecard", "standing"),
        ("3", "LAA Refresh", "proposed"),
        ("4", "Any other business", "aob"),
    ]
    response = client.post(f"/meetings/{planned.pk}/agenda/set-up/", follow=True)
    assert "already has every item" in response.text
    assert planned.items.count() == 4


def test_history_page_shows_who_changed_what_in_words(world, meeting, as_user):
    item = make_item(meeting, "4", "Terms of reference")
    action = make_action(item, "Letter to Health")
    client = as_user(world.lead)
    client.post(
        f"/meetings/items/{item.pk}/edit/",
        with_version(
            item,
            {
                "number": "4",
                "title": "Terms of reference",
                "kind": "proposed",
                "minutes": "Agreed.",
            },
        ),
    )
    client.post(
        f"/meetings/actions/{action.pk}/edit/",
        with_version(action, {"text": "Letter to Health", "owners": [world.person(world.lead).pk]}),
    )
    client.post(f"/meetings/{meeting.pk}/status/", {"status": "minutes_draft"})
    page = as_user(world.observer).get(f"/meetings/{meeting.pk}/history/").text
    assert "lead@example.test" in page
    assert "Minutes: “” → “Agreed.”" in page
    assert "Owners: “” → “Alan Dawkes”" in page
    assert "Status: “Held” → “Minutes in draft”" in page


# --- query counts at two sizes --------------------------------------------------------


def grow(world, meetings: int) -> Meeting:
    """`meetings` Safer Essex meetings, each with attendance, items, decisions and actions."""
    people = [make_person(world.essex, f"Member {n}") for n in range(meetings)]
    for person in people:
        make_membership(person, world.safer, Membership.Role.MEMBER)
    previous = None
    for n in range(meetings):
        m = make_meeting(
            world.safer,
            dt.date(2008, 1, 1) + dt.timedelta(days=30 * n),
            previous=previous,
            status="held",
        )
        for person in people:
            make_attendance(m, person)
        for i in range(1, 4):
            item = make_item(m, str(i), f"Item {i}")
            make_decision(item)
            action = make_action(item, f"Action {n}.{i}", owners=people[:2], owner_groups="ECC")
            ActionUpdate.objects.create(action=action, on=m.date, text="Progress")
        previous = m
    return previous


@pytest.mark.parametrize("size", [2, 8])
def test_list_pages_and_meeting_page_take_a_fixed_number_of_queries(
    world, as_user, django_assert_max_num_queries, size
):
    last = grow(world, size)
    client = as_user(world.secretariat)
    client.get("/")  # warm the session
    pages = {
        "/meetings/": 9,
        "/meetings/?when=held": 9,
        "/meetings/actions/": 11,
        f"/meetings/{last.pk}/": 29,  # items with targets, plans, bids decided; the quorum
        f"/meetings/forward-plan/{world.safer.pk}/": 8,
    }
    for url, limit in pages.items():
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200
