"""The Leicestershire demo (seed 004, GOEM's highlight report on the Leicestershire LAA,
April to September 2006): its words are the seed's, its area the reference data's, its
targets rated as the report words them, its sign-in sees its own agreement only, and its
highlight PDF has the seed's sections."""

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from django.test import Client
from docx import Document

from demo.leicestershire import leicestershire_data, leicestershire_load
from demo.timeline import DEMO_AS_AT
from indicators.models import AgreementHighlight
from indicators.rating import Rating
from indicators.reports.highlight import build_highlight
from partnerships.models import Agreement, Area, Membership, Theme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

SEED = Path("/work/shared/seeds")
REPORT = "/indicators/highlight/"


def flat(text: str) -> str:
    return " ".join(text.replace("**", "").split())


@pytest.fixture
def leicestershire(settings):
    settings.GOLDEN_THREAD_TODAY = DEMO_AS_AT
    settings.DEBUG = True
    return leicestershire_load(with_logins=True)


@pytest.fixture
def reader(leicestershire):
    user = leicestershire.people.get(user__isnull=False).user
    assert user.email == "leicestershire@demo.test" and user.check_password("demo")
    return client_for(user)


def test_every_text_is_the_seeds_own():
    seed = flat(next(SEED.glob("004*.txt")).read_text(encoding="utf-8"))
    data = leicestershire_data()
    hl = data.highlight
    texts = [*hl.overall_reason, *hl.direction_reason, *hl.impact, *hl.missing_information]
    texts += [*hl.key_issues, *(t.quote for t in data.targets)]
    for block in hl.blocks.values():
        texts += [*block.mandatory_risks, *block.other_risks, *block.impact]
        texts += [*block.missing_information]
    assert len(texts) > 30
    for text in texts:
        assert flat(text) in seed, text
    for target in data.targets:
        named = flat(target.title).casefold() in seed.casefold()
        assert named or target.title.startswith("Adult tobacco"), target


def test_the_area_is_the_reference_datas_and_a_second_load_changes_nothing(leicestershire):
    area = leicestershire.area
    assert (area.code, area.name, area.kind) == ("31", "Leicestershire", Area.Kind.COUNTY)
    districts = set(Area.objects.filter(parent=area).values_list("name", flat=True))
    assert {"Blaby", "Charnwood", "Melton", "North West Leicestershire"} <= districts
    counts = (Agreement.objects.count(), Area.objects.count(), AgreementHighlight.objects.count())
    assert leicestershire_load(with_logins=True) == leicestershire
    assert (
        Agreement.objects.count(),
        Area.objects.count(),
        AgreementHighlight.objects.count(),
    ) == counts


def test_leicestershire_together_and_its_four_blocks(leicestershire):
    themes = Theme.objects.filter(agreement=leicestershire).order_by("order")
    assert [t.name for t in themes] == [
        "CYP Block",
        "HCOP Block",
        "Safer and Stronger Block",
        "Economic Development Block",
    ]
    assert {t.partnership.reports_to.name for t in themes} == {"Leicestershire Together"}
    member = Membership.objects.get(partnership__agreement=leicestershire)
    assert member.role == Membership.Role.SECRETARIAT
    assert member.partnership.name == "Leicestershire Together"


def test_targets_are_rated_as_the_report_words_them(leicestershire):
    report = build_highlight(agreement=leicestershire, today=DEMO_AS_AT)
    assert report.period.label == "2006/07 Q2"
    ratings = {row.title: row.rating for row in report.rows}
    assert ratings["Non attendance"] is Rating.AMBER
    assert ratings["Young people in drug and alcohol treatment programmes"] is Rating.GREEN
    assert ratings["Crime Reduction target"] is Rating.RED
    assert ratings["Increase the number of seizures for Class A drugs"] is Rating.NO_DATA
    assert ratings["Business Support reward target"] is Rating.GREEN
    awaited = {row.title for row in report.rows if row.is_baseline_awaited}
    assert "School's based smoking target" in awaited
    # The targets suggest what GOEM said: amber overall, moving forward (green).
    assert report.overall.overall_suggestion.colour == "amber"
    assert report.overall.direction_suggestion.colour == "green"
    assert report.overall.overall == "amber" and report.overall.direction == "green"


def test_the_sign_in_reads_its_own_agreement_only(leicestershire, reader, world):
    page = reader.get(REPORT)
    assert page.status_code == 200
    assert "Leicestershire Local Area Agreement" in page.text and "Essex" not in page.text
    essex_edit = f"/indicators/highlight/agreements/{world.essex.pk}/edit/?period=2009/10+Q2"
    assert reader.get(essex_edit).status_code == 404
    own = f"/indicators/highlight/agreements/{leicestershire.pk}/edit/?period=2006/07+Q2"
    form = reader.get(own)
    assert form.status_code == 200 and "Rutland County Council" in form.text


def test_the_highlight_pdf_reproduces_the_seeds_sections(leicestershire, reader):
    pdf = reader.get(f"{REPORT}?format=pdf")
    assert pdf.status_code == 200
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = flat("\n".join(p.extract_text() for p in document.pages))
    text = re.sub("[\u25b2\u25cf\u25a0] ?", "", text)  # the colours' shapes (for print)
    in_order = [
        "1) Overall progress Amber",
        "From the outset overall progress of the LAA has been positive",
        "2) Direction of travel Green",
        "Overall there is confidence that the LAA is moving forward positively.",
        "3) Risks to the achievement of mandatory outcomes",
        "CYP Block",
        "Non attendance: Area of significant challenge",
        "Safer and Stronger Block",
        "Crime Reduction target: Off trajectory due to poor performance in a few districts.",
        "Risks to the achievement of other outcomes of key importance to the local partnership",
        "HCOP Block",
        "a major smoking reduction target might not be achieved",
        "4) The impact of the LAA and strong performance",
        "Partnership working has clearly been strengthened",
        "Economic Development Block",
        "eleven of the twelve targets are on track",
        "5) Missing information",
        "After a focussed meeting in December",
        "Problems with DWP data on attendance allowance continue.",
        "6) Other key issues for government",
        "long standing freedoms and flexibilities request relating to direct payments",
        "100 percent STP coverage by March 2010",
        "Theme by theme: the targets",
    ]
    at = 0
    for words in in_order:  # each after the one before
        at = text.find(words, at)
        assert at >= 0, f"{words!r} is not where the seed has it"
    assert re.search(r"The targets' ratings suggest Amber", text)


def test_the_word_document_has_the_same_sections(leicestershire, reader):
    word = reader.get(f"{REPORT}?format=docx")
    paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
    assert "1) Overall progress" in paragraphs and "Amber" in paragraphs
    assert "6) Other key issues for government" in paragraphs
    assert any(p.startswith("An offer of help from the Partnership") for p in paragraphs)


def test_the_sign_in_lands_on_its_own_home_page(leicestershire, world):
    response = Client().post(
        "/accounts/login/",
        {"username": "leicestershire@demo.test", "password": "demo"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    page = response.content.decode()
    assert "Leicestershire Together" in page and "Essex" not in page
