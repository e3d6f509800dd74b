"""Minutes PDF and Word document, the agenda pack and the calendar feeds, read back."""

import datetime as dt
import io
import re

import pdfplumber
import pytest
from docx import Document
from icalendar import Calendar

from meetings.actions import calendar_feed_for, calendar_feed_reset
from tests.meetings.factories import make_attendance, make_meeting

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_minutes_pdf_reads_like_the_seed_minutes(seeded_files):
    assert seeded_files["pmg_minutes_pdf:type"] == b"application/pdf"
    text = squash(pdf_text(seeded_files["pmg_minutes_pdf"]))
    assert "LAA Performance Management Group" in text
    assert "Friday 27 March 2009, 10:00 – 12:00" in text
    # present, substitute, in attendance, apologies
    assert "Ewen Wilson – Essex Police (Chair)" in text
    assert "Jan Plummer – substitute for Gwyn Owen" in text
    assert "In attendance Duncan Wood – Head of Public Engagement" in text
    apologies = text.split("Apologies", 1)[1].split("1. Minutes of last meeting")[0]
    assert "Gwyn Owen – Sustainable Essex Lead" in apologies
    assert "Louise Aiken" in apologies and "Ewen Wilson" not in apologies
    # numbered items, decisions and action points with owners
    assert "5.6. Domestic Violence (LI7.1/LI36)" in text
    assert "Agreed: Minutes of the February meeting were approved." in text
    # a decision that is also a sentence of the minutes is printed once, where it stands
    assert text.count("Minutes of the February meeting were approved.") == 1
    assert text.index("Agreed: Minutes of the February") < text.index("Sam Grant was confirmed")
    assert text.count("Agreed as on track.") == 1
    assert "Action: Ewen and Gill to review where proxy or interim indicators" in text
    assert "Owners: Ewen Wilson, Gill Butterworth" in text
    assert "Date of next meeting Monday 20 April 2009" in text
    assert "Draft: these minutes are to be approved" in text


def test_action_owners_are_printed_in_bold(seeded_files):
    content = seeded_files["pmg_minutes_pdf"]
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        bold = "".join(
            c["text"] for page in pdf.pages for c in page.chars if "Bold" in c["fontname"]
        )
    assert "EwenWilson,GillButterworth" in bold.replace(" ", "")


def test_safer_essex_minutes_list_its_twelve_numbered_action_points(seeded_files):
    text = squash(pdf_text(seeded_files["safer_minutes_pdf"]))
    for number in range(1, 13):
        assert f"Action point {number}:" in text
    assert "Owner: Peter Lowton" in text
    assert "There were no declarations." in text
    assert "Draft: these minutes are to be approved at the next meeting." in text


def test_minutes_pdf_annex_prints_the_forward_plan(seeded_files):
    plain = squash(pdf_text(seeded_files["pmg_minutes_pdf"]))
    annexed = squash(pdf_text(seeded_files["pmg_minutes_annex_pdf"]))
    assert "Annex: forward plan" not in plain
    assert "Annex: forward plan of LAA Performance Management Group" in annexed
    assert "Sustainable Essex Annual Report Gwyn Owen" in annexed
    assert "Public engagement feedback" in annexed  # to be scheduled


def test_minutes_docx_holds_the_same_as_the_pdf(seeded_files):
    assert seeded_files["pmg_minutes_docx:type"].startswith(b"application/vnd.openxmlformats")
    document = Document(io.BytesIO(seeded_files["pmg_minutes_docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ewen Wilson – Essex Police (Chair)" in text
    assert "Jan Plummer – substitute for Gwyn Owen" in text
    assert "Louise Aiken – Greater Essex Prosperity Forum (GEPF) Lead" in text
    assert "Minutes of the February meeting were approved." in text
    assert "Ewen and Gill to review where proxy or interim indicators" in text
    owners = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.bold and "Gill Butterworth" in run.text
    ]
    assert "Ewen Wilson, Gill Butterworth" in owners
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Present", "In attendance", "Apologies"]
    assert "5.6. Domestic Violence (LI7.1/LI36)" in headings


def test_agenda_pack_has_contents_with_page_numbers_and_every_section(seeded_files):
    with pdfplumber.open(io.BytesIO(seeded_files["april_pack_pdf"])) as pdf:
        pages = [squash(page.extract_text() or "") for page in pdf.pages]
    cover = pages[0]
    assert "Agenda pack" in cover and "Monday 20 April 2009" in cover
    sections = ["Agenda", "Minutes of the last meeting", "Matters arising", "Forward plan"]
    starts = {
        title: next(number for number, text in enumerate(pages, 1) if text.startswith(title))
        for title in sections
    }
    assert list(starts.values()) == sorted(starts.values())
    contents = cover.split("Contents", 1)[1].replace(".", "")
    for title, page in starts.items():
        # "Agenda ........ 2": the dots are a leader, the number is the section's page
        assert re.search(rf"{re.escape(title)}(?: \([^)]*\))? {page}\b", contents), (title, page)
    arising = pages[starts["Matters arising"] - 1]
    assert "Ewen and Gill to review where proxy" in arising
    assert "Ewen Wilson" in arising and "Thematic Leads" in arising
    plan = " ".join(pages[starts["Forward plan"] - 1 :])
    assert "CWOP Annual Report" in plan and "18 May 2009" in plan
    last = " ".join(
        pages[starts["Minutes of the last meeting"] - 1 : starts["Matters arising"] - 1]
    )
    assert "Friday 27 March 2009" in last and "Jan Plummer – substitute for Gwyn Owen" in last
    agenda = pages[starts["Agenda"] - 1]
    assert "Support to carers (NI135)" in agenda and "Loretta Sollars" in agenda


def test_pack_sections_hook_adds_other_apps_sections(world, as_user, monkeypatch):
    from meetings import pack

    meeting = make_meeting(world.safer, dt.date(2009, 1, 22))
    monkeypatch.setattr(
        pack,
        "pack_sections",
        lambda meeting: [pack.PackSection("Scorecard", "<p>NI 32 is red</p>", "scorecard")],
    )
    response = as_user(world.observer).get(f"/meetings/{meeting.pk}/pack.pdf")
    text = squash(pdf_text(response.content))
    assert "Scorecard" in text.split("Forward plan")[0]  # in the contents
    assert "NI 32 is red" in text


def test_pack_sections_are_printed_from_each_source_in_order(world, monkeypatch):
    from meetings import pack

    def bids(meeting):
        return [{"title": "Bids decided", "html": f"<p>{meeting.partnership.name}</p>"}]

    monkeypatch.setattr(pack, "SECTION_SOURCES", [("funding", bids)])
    sections = pack.pack_sections(make_meeting(world.safer, dt.date(2009, 1, 22)))
    assert [(s.title, s.anchor, str(s.html)) for s in sections] == [
        ("Bids decided", "funding-bids-decided", "<p>Safer Essex</p>")
    ]


def test_personal_calendar_feed_parses_and_lists_the_persons_meetings(client, world):
    ewen = world.person(world.chair)
    pmg = make_meeting(world.pmg, dt.date(2009, 3, 27))  # 10:00–12:00 London (GMT)
    make_meeting(world.pmg, dt.date(2009, 4, 20), starts_at=None, ends_at=None)
    make_meeting(world.cwop, dt.date(2009, 5, 1))  # not Ewen's partnership
    visited = make_meeting(world.safer, dt.date(2009, 6, 1), starts_at=dt.time(14), ends_at=None)
    make_attendance(visited, ewen, "in_attendance")
    feed = calendar_feed_for(person=ewen)
    response = client.get(f"/meetings/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {
        str(e.decoded("DTSTART"))[:10]: e
        for e in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert sorted(events) == ["2009-03-27", "2009-04-20", "2009-06-01"]
    march = events["2009-03-27"]
    assert str(march["SUMMARY"]) == "LAA Performance Management Group"
    assert march.decoded("DTSTART") == dt.datetime(2009, 3, 27, 10, tzinfo=dt.UTC)
    assert march.decoded("DTEND") == dt.datetime(2009, 3, 27, 12, tzinfo=dt.UTC)
    assert str(march["UID"]) == f"meeting-{pmg.pk}@golden-thread"
    assert events["2009-04-20"].decoded("DTSTART") == dt.date(2009, 4, 20)  # all day
    # British Summer Time: 14:00 in London is 13:00 UTC
    assert events["2009-06-01"].decoded("DTSTART") == dt.datetime(2009, 6, 1, 13, tzinfo=dt.UTC)
    assert str(events["2009-06-01"]["STATUS"]) == "TENTATIVE"


def test_partnership_calendar_feed_parses(client, world):
    make_meeting(world.safer, dt.date(2008, 10, 2), venue="County Hall, Chelmsford")
    make_meeting(world.safer, dt.date(2009, 1, 22))
    make_meeting(world.cwop, dt.date(2009, 1, 23))
    feed = calendar_feed_for(person=world.person(world.observer))
    response = client.get(f"/meetings/calendar/{feed.token}/partnerships/{world.safer.pk}.ics")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert sorted(str(e.decoded("DTSTART"))[:10] for e in events) == ["2008-10-02", "2009-01-22"]
    assert {str(e["SUMMARY"]) for e in events} == {"Safer Essex"}
    assert "County Hall, Chelmsford" in {str(e.get("LOCATION")) for e in events}


def test_calendar_feeds_refuse_a_wrong_or_replaced_token(client, world):
    person = world.person(world.secretariat)
    old = calendar_feed_for(person=person).token
    assert client.get("/meetings/calendar/not-a-token.ics").status_code == 404
    new = calendar_feed_reset(person=person).token
    assert client.get(f"/meetings/calendar/{old}.ics").status_code == 404
    assert client.get(f"/meetings/calendar/{new}.ics").status_code == 200
    # a partnership of another agreement is not in this person's feeds
    other = world.hereford_pmg
    assert client.get(f"/meetings/calendar/{new}/partnerships/{other.pk}.ics").status_code == 404


def test_calendar_page_makes_and_replaces_the_secret_address(world, as_user):
    client = as_user(world.lead)
    assert "Make my calendar addresses" in client.get("/meetings/calendar/").text
    client.post("/meetings/calendar/")
    first = calendar_feed_for(person=world.person(world.lead)).token
    assert first in client.get("/meetings/calendar/").text
    client.post("/meetings/calendar/")
    assert calendar_feed_for(person=world.person(world.lead)).token != first


def test_herefordshire_minutes_print_the_substitute_and_the_amended_approval(db, as_user):
    from demo.meetings import agreement_meetings_load
    from demo.partnerships import agreement_load
    from meetings.models import Meeting
    from partnerships.models import Agreement, Membership, Person, User

    agreement = Agreement.objects.create(
        slug="herefordshire-laa-2008-11", name="Herefordshire", starts_on=dt.date(2008, 4, 1),
        ends_on=dt.date(2011, 3, 31),
    )  # fmt: skip
    agreement_load(agreement)
    agreement_meetings_load(agreement=agreement)
    user = User.objects.create_user("reader@example.test", "pw-12345678")
    kevin = Person.objects.get(agreement=agreement, name="Kevin Lloyd")
    kevin.user = user
    kevin.save()
    may = Meeting.objects.get(partnership__slug="herefordshire-pmg", date=dt.date(2009, 5, 6))
    # A reader needs a current role in the agreement (docs/permissions.md).
    Membership.objects.get_or_create(person=kevin, partnership=may.partnership, role="member")
    client = as_user(user)
    text = squash(pdf_text(client.get(f"/meetings/{may.pk}/minutes.pdf").content))
    assert "Richard Lawrence – substitute for Lucy Phillips, Fire and Rescue Service" in text
    apologies = text.split("Apologies", 1)[1].split("Declarations")[0].split(" 1. ")[0]
    assert "Lucy Phillips" in apologies and "Richard Lawrence" not in apologies.split("(")[0]
    march = squash(pdf_text(client.get(f"/meetings/{may.previous.pk}/minutes.pdf").content))
    assert "These minutes were approved at the meeting of 6 May 2009, with these amendments:" in (
        march
    )
    assert "Item 4 – Area Based Grant" in march
