"""Report pages and downloads: who reads them, the four formats agree, overrides."""

import csv
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pdfplumber
import pytest
from openpyxl import load_workbook

from indicators.models import HighlightOverride
from partnerships.models import Membership
from tests.factories import (
    make_member_with_login,
    make_outcome,
    make_theme,
    make_user,
    with_version,
)
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

URLS = ["/indicators/scorecard/", "/indicators/exceptions/", "/indicators/highlight/"]
CSV_HEADER = "code,title,partnership,lead,period,baseline,target,actual,rating,direction,forecast"
READERS = ["secretariat", "lead", "other_lead", "chair", "observer"]


def rated(partnership, code, actual, previous, **extra):
    indicator = make_indicator(
        partnership.agreement, code, title=f"Indicator {code}", polarity="higher", unit="%"
    )
    target = make_target(partnership, indicator, tolerance=Decimal(5), **extra)
    set_values(target, **{"2009/10": "55", "2009/10 Q2": "50"})
    add_actual(target, "2009/10 Q1", previous)
    add_actual(target, "2009/10 Q2", actual, commentary=f"Why {code} moved, in words.")
    return target


@pytest.fixture
def theme(world):
    return make_theme(world.essex, "Safer communities", partnership=world.safer)


@pytest.fixture
def targets(world, theme):
    outcome = make_outcome(theme)
    lead = world.person(world.lead)
    return [
        rated(world.safer, "NI 32", "40", "45", priority=1, lead=lead, outcome=outcome),
        rated(world.safer, "NI 16", "52", "50", outcome=outcome),
        rated(world.safer, "NI 21", "48.5", "49", baseline=None, outcome=outcome),
        rated(world.safer, "NI 26", None, "49", outcome=outcome),
        rated(world.cwop, "NI 135", "49", "45", designation="statutory"),
        rated(world.cwop, "NI 139", "60", "55"),
    ]


class RowParser(HTMLParser):
    """The data-code of every table row, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.codes: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "tr" and "data-code" in values:
            self.codes.append(values["data-code"])


def page_codes(html: str) -> list[str]:
    parser = RowParser()
    parser.feed(html)
    return parser.codes


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


# Who reads -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [*URLS, "/indicators/scorecard/?format=csv"])
def test_anonymous_is_sent_to_sign_in(world, as_user, url):
    response = as_user(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("persona", READERS)
def test_everyone_in_the_agreement_reads_the_reports(world, as_user, targets, url, persona):
    response = as_user(getattr(world, persona)).get(url)
    assert response.status_code == 200
    assert "Essex LAA" in response.text and "NI 32" in response.text


@pytest.mark.parametrize("url", URLS)
def test_outsider_sees_only_their_own_agreement(world, as_user, targets, url):
    response = as_user(world.outsider).get(url)
    assert response.status_code == 200
    assert "Herefordshire LAA" in response.text
    assert "NI 32" not in response.text and "Safer Essex" not in response.text


def test_outsider_cannot_filter_by_another_agreements_partnership(world, as_user, targets):
    client = as_user(world.outsider)
    page = client.get(f"/indicators/scorecard/?partnership={world.safer.pk}")
    assert page.status_code == 200
    assert "Choose a partnership from the list" in page.text and "NI 32" not in page.text
    assert (
        client.get(f"/indicators/scorecard/?partnership={world.safer.pk}&format=csv").status_code
        == 400
    )


@pytest.mark.parametrize("url", URLS)
def test_someone_in_no_agreement_gets_404(world, as_user, url):
    assert as_user(make_user("nobody@example.test")).get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/highlight/?format=csv",
        "/indicators/highlight/?format=xlsx",
        "/indicators/scorecard/?format=doc",
    ],
)
def test_formats_a_report_does_not_come_in_are_not_found(world, as_user, url):
    assert as_user(world.chair).get(url).status_code == 404


# One report, four formats ------------------------------------------------------------------


def test_scorecard_page_shows_ratings_with_words_shapes_and_summary(world, as_user, targets):
    text = as_user(world.chair).get("/indicators/scorecard/?period=2009/10+Q2").text
    assert '<strong class="app-rag app-rag--red">Red</strong>' in text
    assert '<span class="app-dot app-dot--worsening">Worsening</span>' in text
    assert "6 targets:</strong> 2 green, 2 amber, 1 red, 1 no data." in text
    assert "Why NI 32 moved, in words." in text


def test_csv_matches_the_filtered_page_row_for_row(world, as_user, targets):
    client = as_user(world.observer)
    query = f"?period=2009/10+Q2&partnership={world.safer.pk}&priority=2"
    page = client.get(f"/indicators/scorecard/{query}")
    download = client.get(f"/indicators/scorecard/{query}&format=csv")
    assert download["Content-Type"].startswith("text/csv")
    assert download.content.decode().splitlines()[0].startswith(CSV_HEADER)
    rows = csv_rows(download)
    assert [row["code"] for row in rows] == page_codes(page.text) == ["NI 16", "NI 21", "NI 26"]
    by_code = {row["code"]: row for row in rows}
    expected = {
        "title": "Indicator NI 16",
        "partnership": "Safer Essex",
        "period": "2009/10 Q2",
        "baseline": "28.0",
        "target": "50.0",
        "actual": "52.0",
        "rating": "green",
        "direction": "improving",
        "forecast": "red",  # 52 against 55 for the year, 5% tolerance
    }
    assert {key: by_code["NI 16"][key] for key in expected} == expected
    assert by_code["NI 21"]["baseline"] == "" and by_code["NI 21"]["rating"] == "amber"
    assert by_code["NI 26"]["rating"] == "no_data" and by_code["NI 26"]["late"] == "yes"
    assert by_code["NI 26"]["direction"] == "unknown"
    for row in csv_rows(client.get("/indicators/scorecard/?format=csv")):
        assert row["rating"] in {"green", "amber", "red", "no_data", "not_rated"}
        assert row["direction"] in {"improving", "no_change", "worsening", "unknown"}


def test_excel_has_the_same_rows_formatted_for_people(world, as_user, targets):
    client = as_user(world.lead)
    query = "?period=2009/10+Q2&rating=amber"
    page = client.get(f"/indicators/scorecard/{query}")
    download = client.get(f"/indicators/scorecard/{query}&format=xlsx")
    assert download["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(download.content))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    assert [row["Code"] for row in rows] == page_codes(page.text) == ["NI 135", "NI 21"]
    assert [row["Rating"] for row in rows] == ["Amber", "Amber"]
    assert rows[0]["Actual"] == Decimal("49.0") or rows[0]["Actual"] == 49
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}3"
    rating_cell = sheet.cell(2, header.index("Rating") + 1)
    assert rating_cell.fill.fgColor.rgb.endswith("FFE9A8")
    assert sheet.cell(2, header.index("Actual") + 1).number_format == '#,##0.0"%"'
    about = {row[0].value: row[1].value for row in book["About this report"].iter_rows()}
    assert about["Period"] == "2009/10 Q2" and about["Filters"] == "Rating: Amber"


def test_pdf_has_the_same_rows_with_agreement_period_filters_and_pages(world, as_user, targets):
    client = as_user(world.chair)
    query = f"?period=2009/10+Q2&partnership={world.safer.pk}"
    page = client.get(f"/indicators/scorecard/{query}")
    download = client.get(f"/indicators/scorecard/{query}&format=pdf")
    assert download["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(download.content)) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
        assert pdf.pages[0].width > pdf.pages[0].height  # landscape
    assert "Scorecard: Essex LAA, 2009/10 Q2" in text
    assert "Partnership: Safer Essex" in text and "Printed" in text and "Page 1 of" in text
    printed = re.findall(r"^(NI\s\d+)\s", text, re.MULTILINE)
    assert [c.replace("\xa0", " ") for c in printed] == page_codes(page.text)
    assert "Red" in text and "Worsening" in text


def test_exception_report_in_every_format_keeps_the_order(world, as_user, targets):
    client = as_user(world.secretariat)
    page = client.get("/indicators/exceptions/?period=2009/10+Q2")
    expected = ["NI 32", "NI 21", "NI 26"]  # red; amber and worsening; no data
    assert page_codes(page.text) == expected
    rows = csv_rows(client.get("/indicators/exceptions/?period=2009/10+Q2&format=csv"))
    assert [(r["code"], r["section"]) for r in rows] == [
        ("NI 32", "red"),
        ("NI 21", "amber_worsening"),
        ("NI 26", "no_data"),
    ]
    assert rows[1]["other_reasons"] == "baseline still awaited"
    assert (
        rows[0]["lead"] == "Alan Dawkes" and rows[0]["commentary"] == "Why NI 32 moved, in words."
    )
    book = load_workbook(io.BytesIO(client.get("/indicators/exceptions/?format=xlsx").content))
    assert [r[1].value for r in book.worksheets[0].iter_rows(min_row=2)] == expected
    pdf = client.get("/indicators/exceptions/?format=pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() for p in document.pages)
    assert [text.index(code) for code in expected] == sorted(text.index(c) for c in expected)
    assert "1. Red (1)" in text and "Alan Dawkes" in text


def test_highlight_page_and_pdf(world, as_user, targets, theme):
    client = as_user(world.observer)
    page = client.get("/indicators/highlight/?period=2009/10+Q2")
    assert (
        "Safer communities" in page.text
        and "Risks to priority-one and statutory targets" in page.text
    )
    assert "Change the rating" not in page.text  # observers change nothing
    pdf = client.get("/indicators/highlight/?period=2009/10+Q2&format=pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() for p in document.pages)
    assert "Highlight report: Essex LAA, 2009/10 Q2" in text and "Safer communities" in text
    assert "NI 32" in text and "baseline awaited" in text


# Overriding a theme's highlight ------------------------------------------------------------


def edit_url(theme):
    return f"/indicators/highlight/themes/{theme.pk}/edit/?period=2009/10+Q2"


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_only_the_secretariat_overrides_a_highlight(world, as_user, targets, theme, persona):
    client = as_user(getattr(world, persona))
    assert client.get(edit_url(theme)).status_code == 403
    response = client.post(
        edit_url(theme), {"period": "2009/10 Q2", "rating": "green", "reason": "x"}
    )
    assert response.status_code == 403
    assert not HighlightOverride.objects.exists()


def test_outsider_gets_404_and_anonymous_signs_in(world, as_user, theme):
    assert as_user(world.outsider).get(edit_url(theme)).status_code == 404
    assert as_user(None).get(edit_url(theme)).status_code == 302


def test_secretariat_overrides_with_a_reason_and_history_is_kept(world, as_user, targets, theme):
    client = as_user(world.secretariat)
    form = client.get(edit_url(theme))
    assert form.status_code == 200 and "Use the rule: Red" in form.text
    missing_reason = client.post(
        edit_url(theme), {"period": "2009/10 Q2", "rating": "amber", "reason": ""}
    )
    assert missing_reason.status_code == 200 and "Say why the rule" in missing_reason.text
    response = client.post(
        edit_url(theme),
        {"period": "2009/10 Q2", "rating": "amber", "direction": "", "reason": "Q3 is better.",
         "key_issues": "IDVA recruitment."},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].endswith(f"#theme-{theme.pk}")
    client.post(
        edit_url(theme),
        with_version(
            HighlightOverride.objects.get(theme=theme, period="2009/10 Q2"),
            {"period": "2009/10 Q2", "rating": "", "direction": "", "reason": "",
             "key_issues": "IDVA recruitment; refuge funding."},
        ),
    )  # fmt: skip
    saved = HighlightOverride.objects.get(theme=theme, period="2009/10 Q2")
    assert saved.rating == "" and saved.updated_by == world.secretariat
    assert [h.rating for h in saved.history.all()] == ["", "amber"]
    page = client.get("/indicators/highlight/?period=2009/10+Q2").text
    assert "IDVA recruitment; refuge funding." in page
    history = client.get(edit_url(theme)).text
    assert "Q3 is better." in history  # the earlier override is still on record


def test_override_for_a_period_outside_the_agreement_is_not_found(world, as_user, theme):
    url = f"/indicators/highlight/themes/{theme.pk}/edit/?period=2019/20+Q2"
    assert as_user(world.secretariat).get(url).status_code == 404


def test_secretariat_sees_the_change_link(world, as_user, targets, theme):
    page = as_user(world.secretariat).get("/indicators/highlight/?period=2009/10+Q2").text
    assert f"/indicators/highlight/themes/{theme.pk}/edit/?period=2009/10%20Q2" in page


def test_a_deputy_lead_is_refused_too(world, as_user, theme):
    deputy, _ = make_member_with_login(world.safer, Membership.Role.DEPUTY_LEAD, "dep@example.test")
    assert as_user(deputy).get(edit_url(theme)).status_code == 403


def test_codes_are_in_the_order_people_read_them(world, as_user):
    for code in ("NI 110", "NI 8", "LI 2012.1", "NI 16"):
        rated(world.cwop, code, "50", "45")
    page = as_user(world.lead).get("/indicators/scorecard/").content.decode()
    parser = RowParser()
    parser.feed(page)
    assert parser.codes == ["LI 2012.1", "NI 8", "NI 16", "NI 110"]
    listed = as_user(world.lead).get("/indicators/").content.decode()
    positions = [listed.index(f">{code}<") for code in ("NI 8", "NI 16", "NI 110")]
    assert positions == sorted(positions)
