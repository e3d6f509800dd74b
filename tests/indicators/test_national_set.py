"""The National Indicator Set: loading the shipped file into the shared catalogue, a site
administrator recording a missing title, and the secretariat adding national indicators
to its agreement."""

import csv
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.models import Indicator, NationalIndicator
from indicators.national_set import NATIONAL_SET_FILE, NationalSetError, national_set_read
from tests.indicators.factories import make_indicator

pytestmark = pytest.mark.django_db

SHARED_FILE = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / ("national_indicator_set.csv")
)


def file_rows(path: Path = NATIONAL_SET_FILE) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load(path: Path | None = None) -> None:
    call_command("load_national_indicators", *(["--file", str(path)] if path else []), stdout=None)


@pytest.fixture
def national_set(db):
    load()


def add_url(world) -> str:
    return f"/indicators/agreements/{world.essex.pk}/add-national/"


def ids(*codes: str) -> dict[str, int]:
    return dict(NationalIndicator.objects.filter(code__in=codes).values_list("code", "pk"))


# --- loading ------------------------------------------------------------------------------


@pytest.mark.skipif(not SHARED_FILE.is_file(), reason="no shared/ beside the repository")
def test_the_shipped_copy_is_the_shared_file():
    assert NATIONAL_SET_FILE.read_bytes() == SHARED_FILE.read_bytes()


def test_every_code_of_the_file_is_in_the_catalogue_with_the_files_title(national_set):
    rows = file_rows()
    catalogue = {n.code: n for n in NationalIndicator.objects.all()}
    assert [row["code"] for row in rows] == [f"NI {n}" for n in range(1, 200)]
    assert set(catalogue) == {row["code"] for row in rows}
    for row in rows:
        national = catalogue[row["code"]]
        assert national.title == row["title"]
        assert (national.theme, national.polarity, national.unit) == (
            row["theme"], row["polarity"], row["unit"],
        )  # fmt: skip
        assert (national.collection, national.source, national.note) == (
            row["collection"], row["source"], row["note"],
        )  # fmt: skip
    # The README counts 57 sourced titles of NI 1-198; NI 199 brings the DCSF wording.
    assert sum(1 for n in catalogue.values() if n.title) == sum(1 for r in rows if r["title"]) == 58


def test_ni_31_is_kept_withdrawn_with_its_note_and_no_title(national_set):
    ni31 = NationalIndicator.objects.get(code="NI 31")
    assert ni31.is_withdrawn and ni31.title == ""
    assert "dropped" in ni31.note
    assert NationalIndicator.objects.filter(is_withdrawn=True).count() == 1
    assert NationalIndicator.objects.offered().count() == 198


def test_ni_199_is_there_with_the_dcsf_wording(national_set):
    ni199 = NationalIndicator.objects.get(code="NI 199")
    assert ni199.title == "Satisfaction with parks and play areas"
    assert not ni199.is_withdrawn and "NI 31 was dropped" in ni199.note


def test_loading_twice_changes_nothing(national_set, capsys):
    before = list(NationalIndicator.objects.values())
    history = NationalIndicator.history.count()
    call_command("load_national_indicators")
    assert list(NationalIndicator.objects.values()) == before
    assert NationalIndicator.history.count() == history
    assert "0 added, 0 changed, 199 unchanged" in capsys.readouterr().out


def test_a_title_recorded_in_the_app_survives_reloading(world, as_user, national_set):
    world.secretariat.is_staff = True
    world.secretariat.save()
    ni8 = NationalIndicator.objects.get(code="NI 8")
    as_user(world.secretariat).post(
        f"/indicators/national/{ni8.pk}/title/", {"title": "Adults in regular sport", "was": ""}
    )
    load()
    ni8.refresh_from_db()
    assert ni8.title == "Adults in regular sport" and ni8.is_title_recorded_in_app


def test_a_file_with_a_title_brings_it_in_and_a_blank_never_blanks_one(tmp_path, national_set):
    rows = file_rows()
    ni2 = next(r for r in rows if r["code"] == "NI 2")
    ni2["title"] = "Percentage of people who feel they belong to their neighbourhood"
    ni1 = next(r for r in rows if r["code"] == "NI 1")
    ni1["title"] = ""
    path = tmp_path / "nis.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    load(path)
    titles = dict(NationalIndicator.objects.values_list("code", "title"))
    assert titles["NI 2"] == ni2["title"]
    assert titles["NI 1"].startswith("% of people who believe")


def test_a_bad_file_is_refused_by_line_and_column_and_nothing_is_loaded(tmp_path):
    path = tmp_path / "bad.csv"
    shutil.copy(NATIONAL_SET_FILE, path)
    text = path.read_text().replace("NI 14,Avoidable", "N14,Avoidable").replace(",lower,", ",down,")
    path.write_text(text)
    with pytest.raises(NationalSetError) as error:
        national_set_read(path)
    assert "Line 15, code: 'N14'" in str(error.value)
    assert "polarity: 'down'" in str(error.value)
    assert not NationalIndicator.objects.exists()


# --- the catalogue page and recording a title --------------------------------------------


def test_the_catalogue_shows_every_code_and_marks_missing_titles(
    world, as_user, national_set, django_assert_max_num_queries
):
    with django_assert_max_num_queries(34):  # the layout ~20, the sign-in itself 4
        response = as_user(world.outsider).get("/indicators/national/")
    assert response.status_code == 200
    assert "NI 199" in response.text and "Satisfaction with parks and play areas" in response.text
    blank = sum(1 for row in file_rows() if not row["title"])
    assert response.text.count("title not yet recorded") == blank == 141
    assert "Record the title" not in response.text


def test_a_site_administrator_records_a_missing_title_with_history(world, as_user, national_set):
    world.outsider.is_staff = True
    world.outsider.save()
    ni8 = NationalIndicator.objects.get(code="NI 8")
    client = as_user(world.outsider)
    page = client.get(f"/indicators/national/{ni8.pk}/title/")
    assert page.status_code == 200 and "title not yet recorded" in page.text
    response = client.post(
        f"/indicators/national/{ni8.pk}/title/", {"title": " Adult sport ", "was": ""}
    )
    assert response.status_code == 302
    ni8.refresh_from_db()
    assert ni8.title == "Adult sport"
    assert ni8.history.first().history_user == world.outsider


def test_a_title_recorded_meanwhile_is_not_replaced(world, as_user, national_set):
    world.chair.is_staff = True
    world.chair.save()
    ni8 = NationalIndicator.objects.get(code="NI 8")
    NationalIndicator.objects.filter(pk=ni8.pk).update(title="Theirs")
    response = as_user(world.chair).post(
        f"/indicators/national/{ni8.pk}/title/", {"title": "Mine", "was": ""}
    )
    assert response.status_code == 200 and "Someone else recorded" in response.text
    ni8.refresh_from_db()
    assert ni8.title == "Theirs"


def test_only_a_site_administrator_records_a_title(world, as_user, national_set):
    ni8 = NationalIndicator.objects.get(code="NI 8")
    for user in (world.secretariat, world.outsider):
        response = as_user(user).post(f"/indicators/national/{ni8.pk}/title/", {"title": "X"})
        assert response.status_code == 403
    ni8.refresh_from_db()
    assert ni8.title == ""


def test_anonymous_visitors_are_sent_to_sign_in(world, as_user, national_set):
    ni8 = NationalIndicator.objects.get(code="NI 8")
    for url in (
        "/indicators/national/",
        f"/indicators/national/{ni8.pk}/title/",
        add_url(world),
        f"/indicators/agreements/{world.essex.pk}/add-local/",
    ):
        assert as_user(None).get(url).status_code == 302


# --- adding national indicators to the agreement -------------------------------------------


def test_the_add_page_offers_the_set_less_the_withdrawn_and_shows_what_is_added(
    world, as_user, national_set, django_assert_max_num_queries
):
    make_indicator(world.essex, "NI 32")
    with django_assert_max_num_queries(34):  # with the sign-in itself (4)
        response = as_user(world.secretariat).get(add_url(world))
    assert response.status_code == 200
    assert 'value="NI 1"' in response.text and 'value="NI 199"' in response.text
    assert 'value="NI 31"' not in response.text and 'value="NI 32"' not in response.text
    assert "Already added" in response.text


def test_the_add_page_filters_by_code_text_and_theme(world, as_user, national_set):
    client = as_user(world.secretariat)
    by_code = client.get(add_url(world), {"q": "NI 19"}).text
    assert 'value="NI 19"' in by_code and 'value="NI 190"' in by_code
    assert 'value="NI 8"' not in by_code
    theme = NationalIndicator.objects.get(code="NI 192").theme
    by_theme = client.get(add_url(world), {"theme": theme}).text
    assert 'value="NI 151"' in by_theme and 'value="NI 150"' not in by_theme


def test_the_secretariat_adds_indicators_from_the_set(world, as_user, national_set):
    pk = ids("NI 1", "NI 8")
    response = as_user(world.secretariat).post(
        add_url(world),
        {"codes": ["NI 1", "NI 8", "NI 14"], f"title-{pk['NI 8']}": "Adult participation in sport",
         f"polarity-{pk['NI 8']}": "higher", f"polarity-{pk['NI 1']}": "higher"},
    )  # fmt: skip
    assert response.status_code == 302
    added = {i.code: i for i in Indicator.objects.filter(agreement=world.essex)}
    assert set(added) == {"NI 1", "NI 8", "NI 14"}
    assert added["NI 1"].title.startswith("% of people who believe")
    assert added["NI 8"].title == "Adult participation in sport"
    assert added["NI 8"].polarity == "higher" and added["NI 14"].polarity == "lower"
    assert added["NI 1"].polarity == "higher"
    assert added["NI 1"].unit == "%" and added["NI 1"].kind == Indicator.Kind.NATIONAL
    assert added["NI 8"].history.first().history_user == world.secretariat


def test_a_blank_title_must_be_typed_and_nothing_is_added(world, as_user, national_set):
    pk = ids("NI 8")
    response = as_user(world.secretariat).post(
        add_url(world), {"codes": ["NI 7", "NI 8"], f"polarity-{pk['NI 8']}": "lower"}
    )
    assert response.status_code == 200
    assert "Enter the title of NI 8" in response.text
    assert not Indicator.objects.filter(agreement=world.essex).exists()


def test_a_blank_polarity_must_be_chosen_and_nothing_is_added(world, as_user, national_set):
    pk = ids("NI 8", "NI 7")
    response = as_user(world.secretariat).post(
        add_url(world),
        {"codes": ["NI 14", "NI 8"], f"title-{pk['NI 8']}": "Adult sport",
         f"polarity-{pk['NI 7']}": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Choose whether higher or lower is better for NI 8" in response.text
    assert not Indicator.objects.filter(agreement=world.essex).exists()


def test_a_code_added_meanwhile_refuses_the_whole_batch(world, as_user, national_set):
    page = as_user(world.secretariat).get(add_url(world))
    assert 'value="NI 154"' in page.text
    from indicators.actions import AlreadyAdded, NationalPick, national_indicators_add

    ni154, ni192 = NationalIndicator.objects.filter(code__in=["NI 154", "NI 192"]).order_by("pk")
    make_indicator(world.essex, "NI 192")
    with pytest.raises(AlreadyAdded):
        national_indicators_add(
            agreement=world.essex,
            picks=[
                NationalPick(national=ni154, title=ni154.title, polarity="higher"),
                NationalPick(national=ni192, title=ni192.title, polarity="higher"),
            ],
            by=world.secretariat,
        )
    assert not Indicator.objects.filter(agreement=world.essex, code="NI 154").exists()


def test_choosing_nothing_is_refused(world, as_user, national_set):
    response = as_user(world.secretariat).post(add_url(world), {})
    assert response.status_code == 200 and "Choose at least one indicator to add" in response.text


def test_only_the_secretariat_adds_from_the_set(world, as_user, national_set):
    for user in (world.lead, world.observer, world.chair):
        assert as_user(user).get(add_url(world)).status_code == 403
        assert as_user(user).post(add_url(world), {"codes": ["NI 1"]}).status_code == 403
    assert not Indicator.objects.filter(agreement=world.essex).exists()


def test_an_outsider_finds_no_such_page(world, as_user, national_set):
    client = as_user(world.outsider)
    assert client.get(add_url(world)).status_code == 404
    assert client.post(add_url(world), {"codes": ["NI 1"]}).status_code == 404
    local = f"/indicators/agreements/{world.essex.pk}/add-local/"
    assert client.post(local, {"code": "LI 1"}).status_code == 404
    assert not Indicator.objects.filter(agreement=world.essex).exists()


# --- local indicators beside them ------------------------------------------------------------


def test_the_secretariat_adds_a_local_indicator(world, as_user):
    url = f"/indicators/agreements/{world.essex.pk}/add-local/"
    data = {"code": "LI 7", "title": "Residents using libraries", "polarity": "higher",
            "unit": "%", "frequency": "annual", "accumulation": "snapshot",
            "decimal_places": "1", "data_source": "", "definition": ""}  # fmt: skip
    client = as_user(world.secretariat)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    local = Indicator.objects.get(agreement=world.essex, code="LI 7")
    assert local.kind == Indicator.Kind.LOCAL
    again = client.post(url, data)
    assert "already has an indicator LI 7" in again.text
    assert as_user(world.lead).post(url, {**data, "code": "LI 8"}).status_code == 403
