"""Commentary belongs to a target and a period (issue 18): a report shows the period's own,
or says there is none and shows the latest earlier one, marked as earlier."""

import datetime as dt
import io
from decimal import Decimal

import pdfplumber
import pytest
from openpyxl import load_workbook

from indicators.models import Target
from indicators.periods import Period
from indicators.reports import build_exceptions, build_scorecard
from indicators.scoring import EarlierCommentary, TargetData
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

TODAY = dt.date(2009, 11, 20)
Q1, Q2 = Period.parse("2009/10 Q1"), Period.parse("2009/10 Q2")
APRIL_PMG = "Position to be discussed at the April PMG meeting."


@pytest.fixture
def carers(world) -> Target:
    """NI 135 in the red, commented on in Q1 and not (yet) in Q2."""
    indicator = make_indicator(world.essex, "NI 135", title="Carers assessed", polarity="higher")
    target = make_target(world.cwop, indicator, tolerance=Decimal(5))
    set_values(target, **{"2009/10 Q1": "20", "2009/10 Q2": "22"})
    add_actual(target, "2009/10 Q1", "15", commentary=APRIL_PMG)
    add_actual(target, "2009/10 Q2", "16")
    return target


def score(target: Target, period: Period):
    data = TargetData(Target.objects.filter(pk=target.pk))
    return data.score(data.infos[target.pk], period, TODAY)


def test_a_period_without_commentary_shows_none_of_its_own_and_the_earlier_one(carers):
    q2 = score(carers, Q2)
    assert q2.commentary == ""
    assert q2.earlier_commentary == EarlierCommentary("2009/10 Q1", APRIL_PMG)
    assert q2.commentary_text == f"No commentary for this period. Earlier, 2009/10 Q1: {APRIL_PMG}"


def test_a_period_with_its_own_commentary_shows_only_that(carers):
    q1 = score(carers, Q1)
    assert q1.commentary == APRIL_PMG
    assert q1.earlier_commentary is None
    assert q1.commentary_text == APRIL_PMG


def test_a_later_periods_commentary_is_never_shown_for_an_earlier_one(carers):
    carers.actuals.filter(period="2009/10 Q1").update(commentary="")
    carers.actuals.filter(period="2009/10 Q2").update(commentary="Improving in Q2.")
    q1 = score(carers, Q1)
    assert (q1.commentary, q1.earlier_commentary) == ("", None)
    assert q1.commentary_text == "No commentary for this period."


def test_the_report_rows_carry_the_periods_own_commentary(world, carers):
    for build in (build_scorecard, build_exceptions):
        (row,) = build(agreement=world.essex, period=Q2, today=TODAY).rows
        assert row.commentary == ""
        assert row.score.earlier_commentary.period == "2009/10 Q1"


@pytest.mark.parametrize("url", ["/indicators/scorecard/", "/indicators/exceptions/"])
def test_the_report_pages_say_there_is_none_and_mark_the_earlier_one(client, world, carers, url):
    client.force_login(world.observer)
    page = client.get(f"{url}?period=2009/10+Q2").content.decode()
    assert "No commentary for this period." in page
    assert f"<strong>Earlier, 2009/10 Q1:</strong> {APRIL_PMG}" in page
    page = client.get(f"{url}?period=2009/10+Q1").content.decode()
    assert APRIL_PMG in page
    assert "Earlier," not in page and "No commentary for this period." not in page


@pytest.mark.parametrize("url", ["/indicators/scorecard/", "/indicators/exceptions/"])
def test_the_pdf_and_excel_mark_the_earlier_commentary_too(client, world, carers, url):
    client.force_login(world.observer)
    pdf = client.get(f"{url}?period=2009/10+Q2&format=pdf").content
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = " ".join((page.extract_text() or "") for page in document.pages)
    # Lines of neighbouring cells interleave in the text: compare without spaces.
    text = "".join(text.split())
    assert "Nocommentary" in text
    assert "Earlier,2009/10Q1:Position" in text
    workbook = load_workbook(io.BytesIO(client.get(f"{url}?period=2009/10+Q2&format=xlsx").content))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    commentary = sheet.cell(row=2, column=headers.index("Commentary") + 1).value
    assert commentary == f"No commentary for this period. Earlier, 2009/10 Q1: {APRIL_PMG}"


def test_the_csv_keeps_the_periods_own_commentary_only(client, world, carers):
    client.force_login(world.observer)
    text = client.get("/indicators/scorecard/?period=2009/10+Q2&format=csv").content.decode()
    assert APRIL_PMG not in text
