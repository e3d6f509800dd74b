"""Every meetings page, for every persona: who reads, who changes, who is refused, and
that a refusal writes nothing."""

import datetime as dt
from dataclasses import dataclass

import pytest

from meetings.models import (
    ActionPoint,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    ForwardPlanItem,
    Meeting,
)
from partnerships.models import Person
from tests.factories import with_version
from tests.meetings.factories import (
    make_action,
    make_attendance,
    make_decision,
    make_item,
    make_meeting,
)

pytestmark = pytest.mark.django_db


@dataclass
class Records:
    before: Meeting  # Safer Essex, 1 July 2008, held
    meeting: Meeting  # Safer Essex, 2 October 2008, minutes in draft
    later: Meeting  # Safer Essex, 22 January 2009, planned
    item: AgendaItem
    decision: Decision
    action: ActionPoint
    visitor: Person


@pytest.fixture
def records(world) -> Records:
    before = make_meeting(world.safer, dt.date(2008, 7, 1), status="minutes_draft")
    meeting = make_meeting(
        world.safer, dt.date(2008, 10, 2), status="minutes_draft", previous=before
    )
    later = make_meeting(world.safer, dt.date(2009, 1, 22), previous=meeting)
    item = make_item(meeting, "4", "Terms of reference")
    decision = make_decision(item, "The review of the TOR was agreed")
    action = make_action(item, "Letter to Health on MARACs", owners=[world.person(world.lead)])
    visitor = Person.objects.create(agreement=world.essex, name="Simon Harniess")
    make_attendance(meeting, world.person(world.lead))
    return Records(before, meeting, later, item, decision, action, visitor)


def snapshot() -> tuple:
    """Everything a refused request might have written."""
    models = [Meeting, Attendance, AgendaItem, Decision, ActionPoint, ActionUpdate]
    models += [ForwardPlanItem, Declaration, Person]
    counts = tuple(model.objects.count() for model in models)
    histories = tuple(model.history.count() for model in models if hasattr(model, "history"))
    states = tuple(Meeting.objects.order_by("pk").values_list("status", "date", "venue"))
    actions = tuple(ActionPoint.objects.order_by("pk").values_list("status", "text"))
    return counts, histories, states, actions


READS = [
    "/meetings/",
    "/meetings/{meeting}/",
    "/meetings/{meeting}/history/",
    "/meetings/actions/",
    "/meetings/actions/{action}/",
    "/meetings/forward-plan/{safer}/",
    "/meetings/calendar/",
]
# Files: rendering them is slow, so each is read by one persona here; test_documents.py
# reads their contents.
FILES = [
    "/meetings/{meeting}/minutes.pdf",
    "/meetings/{meeting}/minutes.docx",
    "/meetings/{meeting}/pack.pdf",
]


def writes(r: Records, world) -> list[tuple[str, str, dict]]:
    """(method, url, data) for every change a person might make to Safer Essex's meetings."""
    person = world.person(world.lead)
    return [
        ("get", "/meetings/new/", {}),
        (
            "post",
            "/meetings/new/",
            {"partnership": world.safer.pk, "date": "2009-03-05", "starts_at": "14:00"},
        ),
        ("get", f"/meetings/{r.meeting.pk}/edit/", {}),
        ("post", f"/meetings/{r.meeting.pk}/edit/", {"date": "2008-10-02", "venue": "County Hall"}),
        ("post", f"/meetings/{r.later.pk}/status/", {"status": "agenda_published"}),
        ("post", f"/meetings/{r.later.pk}/agenda/set-up/", {}),
        (
            "post",
            f"/meetings/{r.meeting.pk}/attendance/",
            {"person": person.pk, "status": "apologies"},
        ),
        ("get", f"/meetings/{r.meeting.pk}/attendance/add/", {}),
        (
            "post",
            f"/meetings/{r.meeting.pk}/attendance/add/",
            {"person": r.visitor.pk, "status": "in_attendance"},
        ),
        (
            "post",
            f"/meetings/{r.meeting.pk}/declarations/add/",
            {"person": person.pk, "interest": "Trustee of a refuge"},
        ),
        ("get", f"/meetings/{r.meeting.pk}/items/add/", {}),
        (
            "post",
            f"/meetings/{r.meeting.pk}/items/add/",
            {"number": "5", "title": "Scorecard", "kind": "standing"},
        ),
        ("get", f"/meetings/items/{r.item.pk}/edit/", {}),
        (
            "post",
            f"/meetings/items/{r.item.pk}/edit/",
            with_version(r.item, {"number": "4", "title": "Hijacked", "kind": "proposed"}),
        ),
        ("post", f"/meetings/items/{r.item.pk}/delete/", {}),
        ("post", f"/meetings/items/{r.item.pk}/decisions/add/", {"text": "It was agreed"}),
        ("post", f"/meetings/decisions/{r.decision.pk}/delete/", {}),
        ("get", f"/meetings/items/{r.item.pk}/actions/add/", {}),
        ("post", f"/meetings/items/{r.item.pk}/actions/add/", {"text": "Write to Health"}),
        ("get", f"/meetings/actions/{r.action.pk}/edit/", {}),
        (
            "post",
            f"/meetings/actions/{r.action.pk}/edit/",
            with_version(r.action, {"text": "Hijacked"}),
        ),
        (
            "post",
            f"/meetings/actions/{r.action.pk}/update/",
            with_version(r.action, {"status": "done", "text": "Sent"}),
        ),
        ("post", f"/meetings/{r.later.pk}/approve-previous/", {"amendments": ""}),
        ("get", f"/meetings/forward-plan/{world.safer.pk}/add/", {}),
        ("post", f"/meetings/forward-plan/{world.safer.pk}/add/", {"title": "Annual report"}),
    ]


def fill(url: str, world, r: Records) -> str:
    return url.format(meeting=r.meeting.pk, action=r.action.pk, safer=world.safer.pk)


@pytest.mark.parametrize("url", READS + FILES)
def test_anonymous_is_sent_to_sign_in(world, records, as_user, url):
    response = as_user(None).get(fill(url, world, records))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_writes_are_sent_to_sign_in_and_write_nothing(world, records, as_user):
    before = snapshot()
    for method, url, data in writes(records, world):
        response = getattr(as_user(None), method)(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    assert snapshot() == before


@pytest.mark.parametrize("url", READS)
@pytest.mark.parametrize("persona", ["secretariat", "lead", "other_lead", "chair", "observer"])
def test_everyone_in_the_agreement_reads_meetings(world, records, as_user, url, persona):
    response = as_user(getattr(world, persona)).get(fill(url, world, records))
    assert response.status_code == 200


@pytest.mark.parametrize("url", FILES)
def test_the_observer_downloads_minutes_and_pack(world, records, as_user, url):
    response = as_user(world.observer).get(fill(url, world, records))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(('.pdf"', '.docx"'))


@pytest.mark.parametrize("url", READS[1:] + FILES)
def test_outsider_gets_404_for_every_essex_meeting_page(world, records, as_user, url):
    if url in ("/meetings/actions/", "/meetings/calendar/"):
        pytest.skip("lists: the outsider sees their own agreement")
    assert as_user(world.outsider).get(fill(url, world, records)).status_code == 404


def test_outsiders_lists_show_nothing_of_essex(world, records, as_user):
    client = as_user(world.outsider)
    assert "Safer Essex" not in client.get("/meetings/").text
    assert "Letter to Health" not in client.get("/meetings/actions/").text


def test_outsider_gets_404_for_every_write_and_nothing_is_written(world, records, as_user):
    before = snapshot()
    client = as_user(world.outsider)
    for method, url, data in writes(records, world):
        if url == "/meetings/new/":
            continue  # their own agreement's form: they lead nothing there (403, below)
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["observer", "other_lead", "chair"])
def test_read_only_people_get_403_on_every_write_and_nothing_is_written(
    world, records, as_user, persona
):
    before = snapshot()
    client = as_user(getattr(world, persona))
    for method, url, data in writes(records, world):
        if persona == "other_lead" and url == "/meetings/new/":
            continue  # CWOP's lead sets up CWOP's meetings: checked below
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (persona, method, url)
    assert snapshot() == before


def test_nobody_but_editors_may_set_up_meetings(world, as_user):
    for persona in ("observer", "chair", "outsider"):
        assert as_user(getattr(world, persona)).get("/meetings/new/").status_code == 403


def test_a_lead_may_only_set_up_meetings_of_their_own_partnership(world, as_user):
    response = as_user(world.other_lead).post(
        "/meetings/new/", {"partnership": world.safer.pk, "date": "2009-03-05"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("persona", ["secretariat", "lead"])
def test_secretariat_and_the_partnerships_lead_may_make_every_change(
    world, records, as_user, persona
):
    client = as_user(getattr(world, persona))
    for method, url, data in writes(records, world):
        if "approve-previous" in url and persona == "lead":
            continue  # approving minutes is the chair's (or secretariat's)
        if url.endswith("/delete/"):
            continue  # checked on their own below, they remove the fixture's records
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 302), (persona, method, url, response.status_code)


def test_lead_is_refused_approving_minutes(world, records, as_user):
    response = as_user(world.lead).post(f"/meetings/{records.later.pk}/approve-previous/", {})
    assert response.status_code == 403
    records.meeting.refresh_from_db()
    assert records.meeting.status == Meeting.Status.MINUTES_DRAFT


def test_chair_approves_their_partnerships_minutes_but_cannot_edit_them(world, as_user):
    march = make_meeting(world.pmg, dt.date(2009, 3, 27), status="minutes_draft")
    april = make_meeting(world.pmg, dt.date(2009, 4, 20), previous=march)
    client = as_user(world.chair)
    assert client.get(f"/meetings/{march.pk}/edit/").status_code == 403
    response = client.post(f"/meetings/{april.pk}/approve-previous/", {"amendments": ""})
    assert response.status_code == 302
    march.refresh_from_db()
    assert march.status == Meeting.Status.MINUTES_APPROVED
    assert march.minutes_approved_by == world.chair
    assert march.minutes_approved_at == april
    assert april.items.get().decisions.get().text == (
        "The minutes of the meeting of 27 March 2009 were approved as a true record."
    )


def test_chair_records_decisions_of_their_partnership(world, as_user):
    meeting = make_meeting(world.pmg, dt.date(2009, 3, 27))
    item = make_item(meeting, "5", "Performance issues")
    response = as_user(world.chair).post(
        f"/meetings/items/{item.pk}/decisions/add/", {"text": "Agreed as on track."}
    )
    assert response.status_code == 302
    assert item.decisions.get().text == "Agreed as on track."


def test_removing_records_is_for_editors(world, records, as_user):
    client = as_user(world.lead)
    assert client.post(f"/meetings/decisions/{records.decision.pk}/delete/").status_code == 302
    assert not Decision.objects.filter(pk=records.decision.pk).exists()
    # an item with action points is kept, with a message saying why
    response = client.post(f"/meetings/items/{records.item.pk}/delete/", follow=True)
    assert "has decisions or action points" in response.text
    assert AgendaItem.objects.filter(pk=records.item.pk).exists()
    records.action.delete()
    assert client.post(f"/meetings/items/{records.item.pk}/delete/").status_code == 302
    assert not AgendaItem.objects.filter(pk=records.item.pk).exists()


def test_an_action_owner_reports_progress_on_another_partnerships_action(world, as_user):
    """Alan Dawkes leads Safer Essex, not the PMG, but owns a PMG action point."""
    item = make_item(make_meeting(world.pmg, dt.date(2009, 3, 27)), "4.1", "Safer Essex")
    action = make_action(
        item, "Bring a draft annual report in May", owners=[world.person(world.lead)]
    )
    response = as_user(world.lead).post(
        f"/meetings/actions/{action.pk}/update/",
        with_version(action, {"status": "done", "text": "Brought to PMG"}),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionPoint.Status.DONE
    assert as_user(world.lead).get(f"/meetings/actions/{action.pk}/edit/").status_code == 403
    assert (
        as_user(world.other_lead)
        .post(
            f"/meetings/actions/{action.pk}/update/",
            with_version(action, {"status": "open", "text": "x"}),
        )
        .status_code
        == 403
    )
