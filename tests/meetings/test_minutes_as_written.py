"""The printed minutes of the three seeded meetings read as the secretariat wrote them
(issue 17): every paragraph, decision and declaration once, where it stands; item
purposes, matters arising and future meeting dates printed; titles and dates kept."""

import datetime as dt
import html
import io
import re
from collections.abc import Iterator

import pdfplumber
import pytest
from django.db import transaction
from django.template.loader import render_to_string
from docx import Document

from demo.meetings import agreement_meetings_load
from demo.partnerships import agreement_load
from meetings.actions import attendance_set, meeting_create
from meetings.documents import minutes_docx, minutes_pdf
from meetings.minutes import minutes_doc
from meetings.models import Decision, Meeting
from partnerships.models import Agreement, Membership
from tests.factories import make_membership, make_organisation, make_person
from tests.meetings.conftest import load_essex

pytestmark = pytest.mark.django_db

SEEDED = {
    "safer": ("safer-essex", dt.date(2008, 10, 2)),  # seed 002
    "hereford": ("herefordshire-pmg", dt.date(2009, 5, 6)),  # seed 001
    "pmg": ("essex-pmg", dt.date(2009, 3, 27)),  # seed 000
}


def squash(text: str) -> str:
    return " ".join(text.split())


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return squash("\n".join(page.extract_text() or "" for page in pdf.pages))


def html_text(markup: str) -> str:
    """The words a reader sees, each element apart (list items run together otherwise)."""
    body = markup.split("<body>", 1)[-1]
    return squash(html.unescape(re.sub(r"<[^>]*>", " ", body)))


def docx_text(content: bytes) -> str:
    return squash("\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs))


@pytest.fixture(scope="module")
def printed(django_db_setup: None, django_db_blocker) -> Iterator[dict[str, dict[str, object]]]:
    """Each seeded meeting's minutes as HTML, PDF and Word text, with its decisions;
    printed once for the module (WeasyPrint is slow), in a transaction rolled back."""
    out: dict[str, dict[str, object]] = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_essex()
        hereford = Agreement.objects.create(
            slug="herefordshire-laa-2008-11",
            name="Herefordshire",
            starts_on=dt.date(2008, 4, 1),
            ends_on=dt.date(2011, 3, 31),
        )
        agreement_load(hereford)
        agreement_meetings_load(agreement=hereford)
        for key, (slug, date) in SEEDED.items():
            meeting = Meeting.objects.get(partnership__slug=slug, date=date)
            doc = minutes_doc(meeting)
            out[key] = {
                "html": html_text(render_to_string("meetings/minutes_pdf.html", {"doc": doc})),
                "pdf": pdf_text(minutes_pdf(doc)),
                "docx": docx_text(minutes_docx(minutes_doc(meeting))),
                "decisions": list(
                    Decision.objects.filter(item__meeting=meeting).values_list("text", flat=True)
                ),
            }
        transaction.set_rollback(True)
    yield out


FORMATS = ["html", "pdf", "docx"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("meeting", list(SEEDED))
def test_every_decision_is_printed_once(printed, meeting, fmt):
    text = str(printed[meeting][fmt]).casefold()
    decisions = printed[meeting]["decisions"]
    assert decisions
    for decision in decisions:  # type: ignore[attr-defined]
        assert text.count(squash(decision).casefold()) == 1, decision


# Distinctive phrases of seed 002 that the old print repeated: the terms-of-reference
# points, item 8's recommendations i–v, action point 6, the declarations.
SAFER_ONCE = [
    "There were no declarations.",
    "The review of the TOR was agreed",
    "shall be reviewed annually and the nominated person shall be selected",
    "Essex Fire and Rescue Authority be formally invited",
    '"Purpose and Key Activities be amended with a new point 9',
    "Trading Standards be invited to become members of Safer Essex",
    "ACC Peter Lowton should be the Vice Chair of Safer Essex",
    "The recommendations were accepted as set out below:",
    "i. To agree that a detailed system specification/requirement be developed",
    "ii. To consider own organisation's current staff capacity",
    "iii. To agree in the event that an existing project management resource",
    "iv. To agree that a proposal for £130,000 be submitted",
    "v. To agree that as part of the tender process it be established",
    "this view should be fed into the consideration of the new arrangements",
    "be endorsed subject to the points below",
    "The Alcohol Strategy was endorsed by Safer Essex",
    "strong support for the Performance Reward Grant bid for £315,000",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_safer_essex_prints_each_declaration_decision_and_recommendation_once(printed, fmt):
    text = str(printed["safer"][fmt])
    for phrase in SAFER_ONCE:
        assert text.count(phrase) == 1, phrase
    # The declarations stand under their own item 2, not again in a section of their own.
    assert "Declarations of interest" not in text
    assert text.index("Declarations of Pecuniary or other Interests") < text.index(
        "There were no declarations."
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_safer_essex_lists_the_dates_of_future_meetings(printed, fmt):
    text = str(printed["safer"][fmt])
    dates = text.split("Dates of future meetings", 1)[1]
    for line in [
        "22nd January 2009 at 2pm",
        "5th March 2009 at 2pm",
        "Dates for 2009/10:",
        "2nd July 2009",
        "8th October 2009",
        "28th Jan 2010",
        "11th March 2010",
        "All meetings for 2009/10 to commence at 9.30 am",
    ]:
        assert line in dates
    # The minutes' own list replaces the calendar's "Date of next meeting".
    assert "Date of next meeting" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_safer_essex_keeps_january_2008_as_written_with_a_visible_note(printed, fmt):
    text = str(printed["safer"][fmt])
    assert "There will be a report to the next group in January 2008 on the decisions" in text
    assert "January 2008 (so the minutes say; the next meeting is 22 January 2009)" in text
    assert "next group in January 2009" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_safer_essex_keeps_the_words_as_written(printed, fmt):
    text = str(printed["safer"][fmt])
    assert "ACC Peter Lowton – Territorial Policing, Essex Police Vice Chair Safer Essex" in text
    assert "Cllr Tracey Chapman – Cabinet Member, Essex County Council" in text
    assert "Cllr Tony Ball – Basildon Council" in text
    assert "Chief Inspector Alan Gooden – Braintree CDRP" in text
    assert "overall monitoring arrangements for the this process." in text
    assert "The areas selected will one rural and one urban." in text


HEREFORD_PURPOSES = [
    "Members to agree the amendments to wording (Item 4 Area Based Grant)",
    "To give members an overview of the new Performance Plus management system",
    "To gain members views as to the reporting processes",
    "To gain members approval to the ABG Commissioning and Procurement process",
    "To update members on the latest position regarding resources available",
]
HEREFORD_MATTERS_ARISING = [
    "Agenda Item 2 - Policy and Delivery Group contacts to pass on the CAA self evaluation",
    "Agenda Item 3 - Check list of missing Delivery Plans",
    "Agenda Item 4 – LPSA funding passed to Third Sector organisations - circulated",
    "Agenda Item 6 - List of Strategies used in the refresh",
    "Agenda Item 6 - Guiding Principles to be circulated to the group – circulated",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_herefordshire_prints_purposes_matters_arising_and_titles(printed, fmt):
    text = str(printed["hereford"][fmt])
    for line in HEREFORD_PURPOSES + HEREFORD_MATTERS_ARISING:
        assert text.count(line) == 1, line
    # The matters arising stand under item 3, before its minutes.
    item_3 = text.split("3. Matters arising not on the agenda", 1)[1]
    assert item_3.index("Agenda Item 6 - Guiding") < item_3.index("Item 2, only one response")
    assert "Councillor Roger Phillips – Leader of Herefordshire Council (Chair)" in text
    assert "Richard Qualington mentioned Sharon Gray's suggestion" in text
    assert "Herefordshire Association Local Councils" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_essex_pmg_prints_each_paragraph_once(printed, fmt):
    text = str(printed["pmg"][fmt])
    for phrase in [
        "Minutes of the February meeting were approved.",
        "Sam Grant was confirmed as the Safer Essex deputy lead.",
        "Matters arising from the last meeting were outlined",
        "Agreed as on track.",
        "content for the April agenda was agreed as per the forward plan",
        "Ewen and Gill to review where proxy or interim indicators",
    ]:
        assert text.count(phrase) == 1, phrase
    assert "Date of next meeting Monday 20 April 2009" in text


def test_meeting_page_prints_each_safer_essex_decision_once(essex_demo, client):
    from partnerships.models import Person, User

    user = User.objects.create_user("reader@example.test", "pw-12345678")
    Person.objects.filter(agreement=essex_demo, name="Gill Butterworth").update(user=user)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    meeting = Meeting.objects.get(partnership__slug="safer-essex", date=dt.date(2008, 10, 2))
    page = html_text(client.get(f"/meetings/{meeting.pk}/").text)
    agenda = page.split("Agenda and minutes", 1)[1]
    for phrase in SAFER_ONCE[1:]:
        assert agenda.count(phrase) == 1, phrase


def test_members_of_a_new_meeting_print_with_their_role(world):
    """Ticked present at a meeting set up in the app, a member without a job title
    prints with their role in the partnership; a job title, when they have one, stands."""
    organisation = make_organisation(world.essex, "Essex Probation")
    member = make_person(world.essex, "Mary Archer", organisation=organisation)
    make_membership(member, world.safer)
    officer = make_person(world.essex, "Ben Hughes", job_title="DAAT officer")
    make_membership(officer, world.safer)
    chair = world.person(world.chair)
    make_membership(chair, world.safer, Membership.Role.CHAIR)
    meeting = meeting_create(partnership=world.safer, date=dt.date(2009, 7, 2))
    for person in (member, officer, chair):
        attendance_set(meeting=meeting, person=person, status="present")
    doc = minutes_doc(meeting)
    text = html_text(render_to_string("meetings/minutes_pdf.html", {"doc": doc}))
    assert "Mary Archer – Member, Essex Probation" in text
    assert "Ben Hughes – DAAT officer" in text
    assert "Ewen Wilson – Chair" in text
    assert "Mary Archer – Member, Essex Probation" in docx_text(minutes_docx(doc))
    # The line itself stays as recorded; only the print fills the gap.
    assert meeting.attendances.get(person=member).role == ""


def test_a_decision_running_over_several_paragraphs_is_printed_once(world):
    from tests.meetings.factories import make_decision, make_item, make_meeting

    meeting = make_meeting(world.safer)
    item = make_item(
        meeting,
        minutes="Noted.\n\n3) The recommendations were accepted:\n\ni. One.\n\nii. Two.",
    )
    make_decision(item, "The recommendations were accepted:\ni. One.\nii. Two.")
    make_decision(item, "Not in the text.")
    blocks = item.minutes_blocks
    assert blocks == [
        ("paragraph", "Noted."),
        ("decided", "3) The recommendations were accepted:"),
        ("decided", "i. One."),
        ("decided", "ii. Two."),
        ("decision", "Not in the text."),
    ]
