"""Marking what is illustrative (made up, not from the source documents): a target's figures
and an indicator's title carry a note, shown with an "Illustrative" tag wherever they are
read; only the secretariat sets it; the demo marks what the seeds do not give."""

from collections.abc import Iterator
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils.html import escape

from demo.timeline import DEMO_AS_AT
from indicators.illustrative import any_illustrative, illustrative_html
from indicators.models import Indicator, Target
from indicators.periods import Period
from indicators.scoring import TargetData
from indicators.views.targets import _history
from partnerships.models import Membership
from tests.conftest import kept_for_module
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db

NOTE = "The £315,000 reward grant is the demo's own."
SHOWN = escape(NOTE)  # as a page prints it
TAG = '<strong class="govuk-tag govuk-tag--grey">Illustrative'


@pytest.fixture
def target(world):
    t = make_target(world.safer, reward_grant=Decimal("315000"), illustrative=NOTE)
    set_values(t, **{"2009/10": "25", "2009/10 Q1": "26"})
    add_actual(t, "2009/10 Q1", "25.5")
    return t


@pytest.fixture
def unmarked(world):
    indicator = make_indicator(world.essex, "NI 134", title="Emergency bed days")
    return make_target(world.cwop, indicator)


def edit_form(target, **changes):
    form = {
        "designation": target.designation,
        "priority": target.priority,
        "baseline": "28",
        "baseline_period": "2007/08",
        "tolerance_kind": "percent",
        "tolerance": "5",
        "status": "active",
        "version": target.version,
    }
    return form | changes


# Shown wherever the records are read ------------------------------------------------------


def test_a_marked_target_shows_the_tag_and_note_on_its_page(world, as_user, target):
    text = as_user(world.observer).get(f"/indicators/targets/{target.pk}/").text
    assert TAG in text and SHOWN in text
    # Not colour alone: the tag says what it is about to a screen reader too.
    assert '<span class="govuk-visually-hidden"> figures:</span>' in text


def test_a_marked_target_shows_the_tag_and_note_in_the_targets_list(world, as_user, target):
    text = as_user(world.observer).get("/indicators/").text
    assert TAG in text and SHOWN in text


def test_an_unmarked_target_shows_no_tag(world, as_user, unmarked):
    for url in (f"/indicators/targets/{unmarked.pk}/", "/indicators/"):
        text = as_user(world.observer).get(url).text
        assert "Illustrative" not in text, url


def test_an_illustrative_title_is_tagged_on_the_indicator_pages(world, as_user, target):
    Indicator.objects.filter(pk=target.indicator_id).update(illustrative="Title invented.")
    client = as_user(world.lead)
    for url in (
        f"/indicators/{target.indicator_id}/",
        "/indicators/",
        f"/indicators/targets/{target.pk}/",
    ):
        text = client.get(url).text
        assert TAG in text and "Title invented." in text, url
    # The indicator page lists its targets, each with its own mark.
    assert SHOWN in client.get(f"/indicators/{target.indicator_id}/").text


def test_the_targets_list_still_runs_a_bounded_number_of_queries(
    world, as_user, django_assert_max_num_queries
):
    for n in range(30):
        t = make_target(world.safer, make_indicator(world.essex, f"LI {n}"), illustrative="Made up")
        set_values(t, **{"2009/10 Q1": "10"})
        add_actual(t, "2009/10 Q1", "9")
    client = as_user(world.lead)
    with django_assert_max_num_queries(13):  # the catalogue's bound (12), and one for the notes
        assert client.get("/indicators/").text.count(TAG) == 30


def test_a_report_knows_whether_it_shows_anything_illustrative(target, unmarked):
    """`rows|any_illustrative` decides the PDFs' footnote: it reads a Target, or a report
    row's score's target (indicators/reports/rows.py) once that carries the notes."""
    assert any_illustrative([unmarked, target]) and not any_illustrative([unmarked])
    row = SimpleNamespace(
        target=Decimal("25"),  # a report row's `target` is the target's value
        score=SimpleNamespace(target=SimpleNamespace(illustrative="", title_illustrative="x")),
    )
    assert any_illustrative([row]) and not any_illustrative([SimpleNamespace(target=None)])


def test_rows_built_in_python_get_the_same_escaped_tag(world):
    html = illustrative_html("Made up <b>here</b>", "figures")
    assert TAG in html and "Made up &lt;b&gt;here&lt;/b&gt;" in html
    assert illustrative_html("", "figures") == ""


# Only the secretariat sets it ---------------------------------------------------------------


def test_the_secretariat_marks_a_target_on_its_edit_page_and_history_shows_it(
    world, as_user, unmarked
):
    client = as_user(world.secretariat)
    assert "Illustrative note" in client.get(f"/indicators/targets/{unmarked.pk}/edit/").text
    response = client.post(
        f"/indicators/targets/{unmarked.pk}/edit/",
        edit_form(unmarked, illustrative="Baseline invented for the demo."),
    )
    assert response.status_code == 302
    unmarked.refresh_from_db()
    assert unmarked.illustrative == "Baseline invented for the demo."
    assert [e["what"] for e in _history(unmarked)] == ["illustrative note"]
    assert (
        "Baseline invented for the demo." in client.get(f"/indicators/targets/{unmarked.pk}/").text
    )


def test_a_target_lead_may_change_the_target_but_not_its_illustrative_note(world, as_user, target):
    client = as_user(world.lead)  # lead of Safer Essex, the responsible partnership
    assert "Illustrative note" not in client.get(f"/indicators/targets/{target.pk}/edit/").text
    response = client.post(
        f"/indicators/targets/{target.pk}/edit/",
        edit_form(target, baseline="27", illustrative=""),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.baseline == Decimal("27") and target.illustrative == NOTE


@pytest.mark.parametrize(("persona", "status"), [("other_lead", 403), ("observer", 403)])
def test_others_cannot_mark_a_target_and_nothing_is_written(
    world, as_user, target, persona, status
):
    response = as_user(getattr(world, persona)).post(
        f"/indicators/targets/{target.pk}/edit/", edit_form(target, illustrative="")
    )
    assert response.status_code == status
    target.refresh_from_db()
    assert target.illustrative == NOTE


def test_anonymous_visitors_are_sent_to_sign_in(world, as_user, target):
    for url in (
        f"/indicators/targets/{target.pk}/edit/",
        f"/indicators/{target.indicator_id}/illustrative/",
    ):
        response = as_user(None).post(url, {"illustrative": ""})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    target.refresh_from_db()
    assert target.illustrative == NOTE


def test_the_secretariat_marks_and_clears_an_indicator_title(world, as_user, target):
    url = f"/indicators/{target.indicator_id}/illustrative/"
    client = as_user(world.secretariat)
    assert 'name="was"' in client.get(url).text
    response = client.post(url, {"illustrative": "Title invented.", "was": ""})
    assert response.status_code == 302
    page = client.get(url).text
    assert "illustrative – “Title invented.”" in page  # the history of the note
    client.post(url, {"illustrative": "", "was": "Title invented."})
    assert Indicator.objects.get(pk=target.indicator_id).illustrative == ""
    assert (
        "Mark the title or definition as illustrative"
        in client.get(f"/indicators/{target.indicator_id}/").text
    )


def test_two_people_marking_a_title_at_once_are_told_and_nothing_is_lost(world, as_user, target):
    url = f"/indicators/{target.indicator_id}/illustrative/"
    second, _ = make_member_with_login(world.pmg, Membership.Role.SECRETARIAT, "s2@example.test")
    as_user(second).post(url, {"illustrative": "Title from memory.", "was": ""})
    response = as_user(world.secretariat).post(url, {"illustrative": "Made up.", "was": ""})
    assert response.status_code == 200
    assert (
        "Someone else changed this note" in response.text and "Title from memory." in response.text
    )
    assert Indicator.objects.get(pk=target.indicator_id).illustrative == "Title from memory."
    # Having seen it, saving again replaces it.
    again = as_user(world.secretariat).post(
        url, {"illustrative": "Made up.", "was": "Title from memory."}
    )
    assert again.status_code == 302
    assert Indicator.objects.get(pk=target.indicator_id).illustrative == "Made up."


@pytest.mark.parametrize(
    ("persona", "status"),
    [("lead", 403), ("other_lead", 403), ("observer", 403), ("outsider", 404)],
)
def test_only_the_secretariat_marks_an_indicator(world, as_user, target, persona, status):
    url = f"/indicators/{target.indicator_id}/illustrative/"
    client = as_user(getattr(world, persona))
    assert client.get(url).status_code == status
    assert client.post(url, {"illustrative": "Made up.", "was": ""}).status_code == status
    assert Indicator.objects.get(pk=target.indicator_id).illustrative == ""
    if status == 403:
        detail = client.get(f"/indicators/{target.indicator_id}/").text
        assert "Mark the title or definition as illustrative" not in detail


# The demo --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker) -> Iterator[None]:
    """The demo, loaded once for the module's tests."""
    with kept_for_module(django_db_blocker), override_settings(DEBUG=True):
        call_command("seed_demo", verbosity=0)
        yield


@pytest.fixture
def demo(seeded: None, settings):
    settings.GOLDEN_THREAD_TODAY = DEMO_AS_AT
    essex = Target.objects.filter(agreement__slug="essex-laa-2008-11").select_related("indicator")
    return {t.indicator.code: t for t in essex}


def test_the_demo_marks_what_the_seeds_do_not_give(demo):
    # NI 32's reward grant: the seeds' £315,000 is a bid to spend, not a grant claimable.
    ni32 = demo["NI 32"]
    assert ni32.reward_grant == Decimal("315000")
    assert "£315,000 reward grant is the demo's own" in ni32.illustrative
    # LI 7.1 and LI 36: the minutes name the codes, not the titles.
    for code in ("LI 7.1", "LI 36"):
        assert "demo's own" in demo[code].indicator.illustrative, code
    # Every figure the demo invents is marked (the seeds give no baseline, target or actual).
    invented = [
        t
        for t in demo.values()
        if t.baseline is not None or t.actuals.filter(value__isnull=False).exists()
    ]
    assert invented and all(t.illustrative for t in invented)


def test_the_demo_leaves_what_the_sources_give_unmarked(demo):
    # NI 4's target: baseline awaited from the Place Survey, as the PMG heard on 27 March
    # 2009 (seed 000): the demo adds no figure to it, so nothing on it is marked.
    ni4 = demo["NI 4"]
    assert ni4.baseline is None and "Place Survey" in ni4.baseline_awaited_reason
    assert not ni4.actuals.filter(value__isnull=False).exists() and not ni4.values.exists()
    # Its return is accounted for as awaited, so it is not chased as late.
    assert all("Place Survey" in a.missing_reason for a in ni4.actuals.all())
    assert ni4.illustrative == ""
    # Titles: NI 32's as the National Indicator Set file has it; NI 134's as the minutes.
    assert demo["NI 32"].indicator.illustrative == ""
    assert demo["NI 134"].indicator.title == "Emergency bed days"
    assert demo["NI 134"].indicator.illustrative == ""


def test_the_demo_holds_the_seeds_code_for_affordable_housing(demo):
    housing = demo["LI 2.2 LI 39"]
    assert housing.indicator.title == "Affordable housing"
    assert housing.indicator.illustrative == "" and housing.illustrative
    assert "NI 155" not in demo


@pytest.mark.parametrize("period", ["2008/09 Q3", "2009/10 Q2"])
def test_the_demo_has_gepf_on_track_as_the_pmg_agreed(demo, period):
    """The PMG (27 March 2009) agreed GEPF as on track: green at the quarter it discussed
    (2008/09 Q3, the latest reported by then) and as at 2009/10 Q2."""
    gepf = Target.objects.filter(
        agreement__slug="essex-laa-2008-11", partnership__slug="gepf", status="active"
    )
    data = TargetData(gepf)
    assert len(data.infos) == 4
    for info in data.infos.values():
        label = period if info.frequency == "quarterly" else "2008/09"
        score = data.score(info, Period.parse(label, info.frequency), DEMO_AS_AT)
        assert score.rating == "green", (info.code, label, score.rating)
        assert score.forecast_rating in ("green", "not_rated"), info.code
