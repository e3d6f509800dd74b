"""Attaching, listing, downloading and removing evidence, for each persona
(tests/conftest.py): anonymous → sign in, another agreement → 404, another partnership's
lead and the observer → 403 when attaching, everyone in the agreement reads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save

from evidence.models import Evidence
from tests.evidence.conftest import DOCX, EXE, PDF, XLSM, stored_files

pytestmark = pytest.mark.django_db

KINDS = {
    "actual": "indicators.actual",
    "action": "plans.action",
    "risk": "plans.risk",
    "item": "meetings.agendaitem",
}


def add_url(records, name="action"):
    return f"/evidence/{KINDS[name]}/{records[name].pk}/add/"


def upload(name="figures.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def attach(client, records, name="action", **data):
    data.setdefault("title", "Q1 extract")
    return client.post(add_url(records, name), data)


@pytest.mark.parametrize("name", list(KINDS))
def test_the_lead_attaches_a_file_to_each_kind_of_record(world, records, media, as_user, name):
    response = attach(as_user(world.lead), records, name, file=upload("Q1 figures.pdf"))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.record == records[name] and evidence.agreement == world.essex
    assert (evidence.media_type, evidence.size) == ("application/pdf", len(PDF))
    assert evidence.uploaded_by == world.lead and evidence.file_name == "Q1_figures.pdf"
    [stored] = stored_files(media)
    assert stored.read_bytes() == PDF and stored.name == "Q1_figures.pdf"


def test_a_link_is_attached_instead_of_a_file(world, records, as_user):
    url = "https://www.gov.uk/government/statistics/crime-in-england-and-wales"
    attach(as_user(world.secretariat), records, url=url, title="Published statistics")
    evidence = Evidence.objects.get()
    assert evidence.is_link and evidence.url == url and not evidence.file


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("outsider", 404), ("other_lead", 403), ("observer", 403), ("chair", 403)],
)
def test_only_those_who_can_edit_the_record_attach(world, records, media, as_user, persona, status):
    client = as_user(getattr(world, persona) if persona else None)
    assert client.get(add_url(records)).status_code == status
    response = attach(client, records, file=upload())
    assert response.status_code == status
    if persona is None:
        assert response["Location"].startswith("/accounts/login/")
    assert not Evidence.objects.exists() and stored_files(media) == []


def test_the_actions_own_lead_attaches_evidence_of_progress(world, records, as_user):
    records["action"].lead = world.person(world.other_lead)
    records["action"].save()
    assert attach(as_user(world.other_lead), records, file=upload()).status_code == 302


def test_a_locked_figure_takes_evidence_from_the_secretariat_only(world, records, as_user):
    from indicators.models import DataReturn

    DataReturn.objects.create(
        target=records["target"], period="2009/10 Q1", status=DataReturn.Status.APPROVED
    )
    assert attach(as_user(world.lead), records, "actual", file=upload()).status_code == 403
    assert attach(as_user(world.secretariat), records, "actual", file=upload()).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file": lambda: upload("setup.pdf", EXE)}, "not a type that can be attached"),
        ({"file": lambda: upload("budget.xlsx", XLSM)}, "contains macros"),
        ({"file": lambda: upload("empty.pdf", b"")}, "The selected file is empty"),
        ({"file": lambda: upload("big.pdf", PDF + b" " * 2000)}, "This file is too large"),
        ({}, "Choose a file, or give a link"),
        ({"url": "http://example.org/x"}, "Give a link starting https://"),
        ({"file": lambda: upload(), "url": "https://example.org/x"}, "not both"),
        ({"file": lambda: upload(), "title": ""}, "Enter a title"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_kept(
    world, records, media, settings, as_user, data, message
):
    settings.EVIDENCE_MAX_BYTES = 1024
    post = {key: value() if callable(value) else value for key, value in data.items()}
    post.setdefault("title", "Q1 extract")
    response = as_user(world.lead).post(add_url(records), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Evidence.objects.exists() and stored_files(media) == []


def test_no_file_is_left_in_storage_when_the_row_cannot_be_saved(world, records, media, as_user):
    def fail(**kwargs):
        raise RuntimeError("database went away")

    post_save.connect(fail, sender=Evidence, dispatch_uid="fail-evidence")
    try:
        with pytest.raises(RuntimeError):
            attach(as_user(world.lead), records, file=upload())
    finally:
        post_save.disconnect(dispatch_uid="fail-evidence", sender=Evidence)
    assert not Evidence.objects.exists() and stored_files(media) == []


def test_everyone_in_the_agreement_downloads_the_bytes_others_get_404(world, records, as_user):
    attach(as_user(world.lead), records, file=upload("plan.docx", DOCX))
    url = f"/evidence/{Evidence.objects.get().pk}/download/"
    for persona in ("observer", "other_lead", "lead"):
        response = as_user(getattr(world, persona)).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == DOCX
        assert response["Content-Disposition"] == 'attachment; filename="plan.docx"'
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        assert response["Cache-Control"] == "no-store"
    assert as_user(world.outsider).get(url).status_code == 404
    assert as_user(None).get(url).status_code == 302


def test_a_link_has_nothing_to_download(world, records, as_user):
    attach(as_user(world.lead), records, url="https://example.org/report")
    url = f"/evidence/{Evidence.objects.get().pk}/download/"
    assert as_user(world.lead).get(url).status_code == 404


def test_removing_evidence_deletes_the_file_and_keeps_the_history(
    world, records, media, as_user, django_capture_on_commit_callbacks
):
    attach(as_user(world.lead), records, file=upload(), next="/plans/")
    evidence = Evidence.objects.get()
    url = f"/evidence/{evidence.pk}/remove/"
    assert as_user(world.observer).post(url).status_code == 403
    assert as_user(world.outsider).get(url).status_code == 404
    page = as_user(world.lead).get(url)
    assert "Remove “Q1 extract”?" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.lead).post(url, {"next": "/plans/"})
    assert response.status_code == 302 and response["Location"] == "/plans/"
    assert not Evidence.objects.exists() and stored_files(media) == []
    history = Evidence.history.filter(id=evidence.pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "-"]
    assert history[1].history_user == world.lead and history[0].title == "Q1 extract"


def test_after_attaching_the_user_goes_back_to_the_page_they_came_from(world, records, as_user):
    response = attach(as_user(world.lead), records, file=upload(), next="/plans/")
    assert response["Location"] == "/plans/"
    response = attach(as_user(world.lead), records, file=upload(), next="https://evil.test/")
    assert response["Location"] == records["action"].get_absolute_url()


def test_another_agreements_evidence_is_not_found(world, records, as_user):
    attach(as_user(world.lead), records, file=upload())
    pk = Evidence.objects.get().pk
    client = as_user(world.outsider)
    assert client.get(f"/evidence/{KINDS['action']}/{records['action'].pk}/").status_code == 404
    assert client.get(f"/evidence/{pk}/download/").status_code == 404
    assert client.get("/evidence/partnerships.person/1/").status_code == 404  # takes none


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("outsider", 404), ("observer", 200), ("other_lead", 200), ("lead", 200)],
)
def test_a_records_evidence_page_is_for_its_readers(world, records, as_user, persona, status):
    attach(as_user(world.lead), records, file=upload())
    client = as_user(getattr(world, persona) if persona else None)
    response = client.get(f"/evidence/plans.action/{records['action'].pk}/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Evidence for plan action" in page and "Q1 extract" in page
        assert ("Attach evidence" in page) == (persona == "lead")
        assert ("Remove<span" in page) == (persona == "lead")


def test_the_evidence_page_costs_a_bounded_number_of_queries(
    world, records, as_user, django_assert_max_num_queries
):
    client = as_user(world.lead)
    for n in range(5):
        attach(client, records, file=upload(f"f{n}.pdf"), title=f"File {n}")
    with django_assert_max_num_queries(12):
        response = client.get(f"/evidence/plans.action/{records['action'].pk}/")
    assert response.content.decode().count("/download/") == 5


def test_deleting_the_record_removes_its_evidence_and_keeps_the_history(
    world, records, media, as_user, django_capture_on_commit_callbacks
):
    attach(as_user(world.lead), records, file=upload())
    pk = Evidence.objects.get().pk
    with django_capture_on_commit_callbacks(execute=True):
        records["action"].delete()
    assert not Evidence.objects.exists() and stored_files(media) == []
    assert Evidence.history.filter(id=pk, history_type="-").exists()


def test_the_form_labels_each_field_and_says_what_is_accepted(world, records, as_user):
    page = as_user(world.lead).get(add_url(records)).content.decode()
    for label in ('for="id_title">Title<', 'for="id_file">File (optional)<',
                  'for="id_url">Or a link (optional)<'):  # fmt: skip
        assert label in page
    assert "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP or CSV" in page
    assert 'enctype="multipart/form-data"' in page


def test_the_admin_shows_evidence_but_never_adds_or_changes_it(world, records, as_user):
    from partnerships.models import User

    attach(as_user(world.lead), records, file=upload())
    admin = as_user(User.objects.create_superuser("admin@example.test", "a-long-password-1"))
    assert admin.get("/admin/evidence/evidence/").status_code == 200
    assert admin.get("/admin/evidence/evidence/add/").status_code == 403
    pk = Evidence.objects.get().pk
    assert admin.get(f"/admin/evidence/evidence/{pk}/change/").status_code == 200  # view only
