"""The agreement's own sections of the highlight report (overall rating, direction of
travel, each block's risks, impact and missing information, key issues for government):
suggested from the targets' ratings, written by the secretariat only, and shown on the
page, in the PDF and in the Word document."""

import io
from decimal import Decimal

import pdfplumber
import pytest
from docx import Document

from indicators.models import AgreementHighlight, BlockHighlight
from indicators.rating import Direction, Rating
from indicators.reports.highlight import suggest_direction, suggest_overall
from indicators.reports.rows import Row
from tests.factories import make_outcome, make_theme, version_in, with_version
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

PERIOD = "2009/10 Q2"
REPORT = "/indicators/highlight/?period=2009/10+Q2"


def edit_url(agreement):
    return f"/indicators/highlight/agreements/{agreement.pk}/edit/?period=2009/10+Q2"


@pytest.fixture
def theme(world):
    return make_theme(world.essex, "Safer communities", partnership=world.safer)


@pytest.fixture
def targets(world, theme):
    outcome = make_outcome(theme)
    made = []
    for code, actual, previous in (
        ("NI 16", "52", "50"),
        ("NI 21", "53", "51"),
        ("NI 32", "40", "45"),
    ):
        indicator = make_indicator(world.essex, code, title=f"Indicator {code}", polarity="higher")
        target = make_target(world.safer, indicator, tolerance=Decimal(5), outcome=outcome)
        set_values(target, **{"2009/10": "55", PERIOD: "50"})
        add_actual(target, "2009/10 Q1", previous)
        add_actual(target, PERIOD, actual)
        made.append(target)
    return made


def post_data(theme, **fields):
    data = {
        "period": PERIOD,
        "overall_rating": "amber",
        "overall_reason": "Partnership working has clearly been strengthened.",
        "direction_rating": "green",
        "direction_reason": "Overall there is confidence that the LAA is moving forward.",
        "impact": "",
        "missing_information": "",
        "key_issues": "Department of Health have still not responded.",
        f"block-{theme.pk}-mandatory_risks": "Crime Reduction target: off trajectory.",
        f"block-{theme.pk}-other_risks": "",
        f"block-{theme.pk}-impact": "",
        f"block-{theme.pk}-missing_information": "",
    }
    return {**data, **fields}


# Suggestions from the targets' ratings ---------------------------------------------------


def row(rating, direction=Direction.UNKNOWN, mandatory=False):
    found = Row.__new__(Row)
    found.rating, found.direction, found.code = rating, direction, "NI 1"
    found.is_mandatory = mandatory  # type: ignore[misc]
    return found


def test_the_overall_suggestion_follows_the_theme_rule_over_every_target():
    assert suggest_overall([row(Rating.GREEN)] * 2 + [row(Rating.AMBER)]).colour == "green"
    amber = suggest_overall([row(Rating.GREEN), row(Rating.AMBER)])
    assert amber.colour == "amber" and "1 green, 1 amber, 0 red" in amber.reason
    assert suggest_overall([row(Rating.RED), row(Rating.GREEN)]).colour == "red"
    nothing = suggest_overall([row(Rating.NO_DATA)])
    assert nothing.colour is None and nothing.reason.startswith("No suggestion")


def test_a_direction_is_suggested_as_a_colour():
    improving = suggest_direction([row(Rating.GREEN, Direction.IMPROVING)])
    assert improving.colour == "green" and "improving" in improving.reason.lower()
    assert suggest_direction([row(Rating.RED, Direction.WORSENING)]).colour == "red"
    assert suggest_direction([row(Rating.RED, Direction.NO_CHANGE)]).colour == "amber"
    assert suggest_direction([row(Rating.RED)]).colour is None


# Who may write it ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "other_lead", "chair", "observer"])
def test_only_the_secretariat_writes_the_agreements_sections(
    world, as_user, theme, targets, persona
):
    client = as_user(getattr(world, persona))
    assert client.get(edit_url(world.essex)).status_code == 403
    assert client.post(edit_url(world.essex), post_data(theme)).status_code == 403
    assert not AgreementHighlight.objects.exists()


def test_anonymous_signs_in_and_another_agreement_is_not_found(world, as_user, theme):
    assert as_user(None).get(edit_url(world.essex)).status_code == 302
    assert as_user(world.outsider).get(edit_url(world.essex)).status_code == 404
    # Nor does Essex's secretariat reach Herefordshire's by its number.
    assert as_user(world.secretariat).get(edit_url(world.hereford)).status_code == 404


def test_a_period_outside_the_agreement_is_not_found(world, as_user):
    url = f"/indicators/highlight/agreements/{world.essex.pk}/edit/?period=2019/20+Q2"
    assert as_user(world.secretariat).get(url).status_code == 404


def test_secretariat_sees_the_link_and_others_do_not(world, as_user, theme, targets):
    link = f"/indicators/highlight/agreements/{world.essex.pk}/edit/"
    assert link in as_user(world.secretariat).get(REPORT).text
    assert link not in as_user(world.observer).get(REPORT).text


# Writing it -------------------------------------------------------------------------------


def test_the_form_shows_what_the_targets_suggest(world, as_user, theme, targets):
    page = as_user(world.secretariat).get(edit_url(world.essex))
    assert page.status_code == 200
    # Two of three targets green, one red: a third red makes red.
    assert "The targets&#x27; ratings suggest Red. Red: a third or more are red." in page.text
    assert "ratings suggest Green. Green, as the targets are improving" in page.text
    assert "Safer communities" in page.text  # a block of the agreement, to write about


def test_a_rating_without_a_reason_is_refused_and_nothing_is_saved(world, as_user, theme, targets):
    client = as_user(world.secretariat)
    response = client.post(edit_url(world.essex), post_data(theme, overall_reason=" "))
    assert response.status_code == 200
    assert "Give the reason for the overall progress rating" in response.text
    assert not AgreementHighlight.objects.exists() and not BlockHighlight.objects.exists()
    response = client.post(edit_url(world.essex), post_data(theme, direction_rating=""))
    assert "Choose the direction of travel rating that the reason is for" in response.text
    assert not AgreementHighlight.objects.exists()


def test_the_secretariat_writes_it_and_every_format_shows_it(world, as_user, theme, targets):
    client = as_user(world.secretariat)
    response = client.post(edit_url(world.essex), post_data(theme))
    assert response.status_code == 302 and response["Location"].endswith("#overall")
    saved = AgreementHighlight.objects.get(agreement=world.essex, period=PERIOD)
    assert saved.overall_rating == "amber" and saved.updated_by == world.secretariat
    assert saved.blocks.get().mandatory_risks == "Crime Reduction target: off trajectory."
    page = client.get(REPORT).text
    for words in (
        "1) Overall progress",
        "Partnership working has clearly been strengthened.",
        "2) Direction of travel",
        "3) Risks to the achievement of mandatory outcomes",
        "Crime Reduction target: off trajectory.",
        "6) Other key issues for government",
        'href="#contents">Back to top',
    ):
        assert words in page
    pdf = client.get(f"{REPORT}&format=pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() for p in document.pages)
    assert "1) Overall progress" in text and "Amber" in text
    assert "Department of Health have still not responded." in text
    word = client.get(f"{REPORT}&format=docx")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in word["Cache-Control"]
    paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
    assert "2) Direction of travel" in paragraphs and "Green" in paragraphs
    assert "Crime Reduction target: off trajectory." in paragraphs


def test_a_stale_save_is_refused_with_nothing_of_it_written(world, as_user, theme, targets):
    client = as_user(world.secretariat)
    client.post(edit_url(world.essex), post_data(theme))
    opened = version_in(client.get(edit_url(world.essex)).text)
    saved = AgreementHighlight.objects.get()
    client.post(
        edit_url(world.essex),
        with_version(saved, post_data(theme, key_issues="Survey burden on partners.")),
    )
    stale = client.post(
        edit_url(world.essex),
        {**post_data(theme, **{f"block-{theme.pk}-impact": "Business Support target met."}),
         "version": opened},
    )  # fmt: skip
    assert stale.status_code == 200 and "while you were editing it" in stale.text
    saved.refresh_from_db()
    assert saved.key_issues == "Survey burden on partners."
    assert saved.blocks.get().impact == ""  # the stale block text was not written either
    assert [h.key_issues for h in saved.history.all()][:2] == [
        "Survey burden on partners.",
        "Department of Health have still not responded.",
    ]


def test_a_first_save_after_someone_elses_first_is_a_conflict(world, as_user, theme, targets):
    client = as_user(world.secretariat)
    opened = client.get(edit_url(world.essex)).text
    assert version_in(opened) == "0"
    AgreementHighlight.objects.create(agreement=world.essex, period=PERIOD, key_issues="Theirs")
    stale = client.post(edit_url(world.essex), {**post_data(theme), "version": "0"})
    assert stale.status_code == 200 and "while you were editing it" in stale.text
    assert AgreementHighlight.objects.get().key_issues == "Theirs"


def test_the_report_page_keeps_its_queries_bounded(
    world, as_user, theme, targets, django_assert_max_num_queries
):
    client = as_user(world.secretariat)
    client.post(edit_url(world.essex), post_data(theme))
    with django_assert_max_num_queries(40):
        assert client.get(REPORT).status_code == 200
