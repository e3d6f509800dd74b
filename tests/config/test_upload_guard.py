"""Every upload passes one guard before anything parses it (issue 14):
partnerships/uploads.py refuses a file too large as it is or once unzipped, a zip of too
many parts, a part that lies about its size, and a check that runs too long.

UPLOADS lists every upload form; a test fails when a module gains a FileField that does
not use the guard or is not listed here.
"""

from __future__ import annotations

import io
import itertools
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from partnerships.uploads import UploadRejected, upload_check
from tests.plans.factories import make_plan

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MB = 1024 * 1024


def workbook_bytes() -> bytes:
    book = Workbook()
    book.active.title = "Actions"
    book.active.append(["Ref", "Action"])
    book.active.append(["1", "Fund the IDVA service"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezipped(extra: dict[str, bytes] | None = None, *, zeros_in: str = "", zeros: int = 0):
    """A real workbook, with `zeros` bytes of zeros as part `zeros_in` (streamed in, so
    the test never holds them) and any `extra` parts."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook_bytes())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == zeros_in:
                with target.open(info.filename, "w") as part:
                    for _ in range(zeros // MB):
                        part.write(bytes(MB))
            else:
                target.writestr(info.filename, source.read(info))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A valid-looking .xlsx whose sheet is 100 MB of zeros, packed into about 100 KB."""
    data = rezipped(zeros_in="xl/worksheets/sheet1.xml", zeros=100 * MB)
    assert len(data) < 200 * 1024
    return data


def many_parts(count: int) -> bytes:
    return rezipped({f"xl/media/image{n}.png": b"" for n in range(count)})


def lying_part(declared: int = 1_000) -> bytes:
    """A workbook whose sheet says it unzips to `declared` bytes but unzips to 20 MB."""
    data = bytearray(rezipped(zeros_in="xl/worksheets/sheet1.xml", zeros=20 * MB))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, declared)  # local header
    central = data.index(b"PK\x01\x02")
    while struct.unpack_from("<I", data, central + 42)[0] != info.header_offset:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, declared)  # central directory
    return bytes(data)


@pytest.fixture
def inflated(monkeypatch) -> list[int]:
    """How many bytes were unzipped, by anything reading a zip through zipfile."""
    counted = [0]
    read = zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = read(self, n)
        counted[0] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return counted


def refusal(data: bytes) -> str:
    with pytest.raises(UploadRejected) as caught:
        upload_check(SimpleUploadedFile("upload.xlsx", data, content_type=XLSX))
    return caught.value.message


# --- the guard -----------------------------------------------------------------------------


def test_a_real_workbook_passes_and_is_left_at_its_start(settings):
    upload = SimpleUploadedFile("plan.xlsx", workbook_bytes())
    upload.read(10)
    upload_check(upload)
    assert upload.read(2) == b"PK"


def test_a_csv_is_only_checked_for_size(settings):
    upload_check(SimpleUploadedFile("co2.csv", b"Code,Year,Value\nE10000012,2008,7.1\n"))
    settings.MAX_UPLOAD_BYTES = 20
    message = refusal(b"Code,Year,Value\nE10000012,2008,7.1\n")
    assert message == "This file is too large: it is 35 bytes. The limit is 20 bytes."


def test_a_file_over_the_size_limit_is_refused_unread(settings, monkeypatch):
    settings.MAX_UPLOAD_BYTES = MB
    monkeypatch.setattr(zipfile, "is_zipfile", lambda handle: pytest.fail("it was read"))
    message = refusal(b"\0" * (3 * MB))
    assert message == "This file is too large: it is 3.0 MB. The limit is 1.0 MB."


def test_a_decompression_bomb_is_refused_without_unzipping_it(bomb, inflated):
    message = refusal(bomb)
    assert message.startswith("This file is too large once unzipped: one part of ")
    assert message.endswith("unzips to 100.0 MB. The limit is 100 times a part's zipped size.")
    assert inflated[0] == 0


def test_a_zip_declaring_more_than_the_limit_once_unzipped_is_refused(bomb, settings, inflated):
    settings.MAX_UPLOAD_PACKING = 1_000_000  # not caught by how tightly it packs
    settings.MAX_UPLOAD_UNZIPPED_BYTES = 50 * MB
    assert refusal(bomb) == (
        "This file is too large once unzipped: it would be 100.0 MB. The limit is 50.0 MB."
    )
    assert inflated[0] == 0


def test_a_part_that_lies_about_its_size_is_refused_having_unzipped_only_what_it_declared(
    inflated,
):
    message = refusal(lying_part(declared=1_000))
    assert message.startswith("This file is damaged or protected with a password")
    assert inflated[0] < MB


def test_what_is_actually_unzipped_is_counted_and_stops_at_the_limit(settings, inflated):
    settings.MAX_UPLOAD_PACKING = 1_000_000
    settings.MAX_UPLOAD_UNZIPPED_BYTES = 4 * MB
    data = rezipped(zeros_in="xl/worksheets/sheet1.xml", zeros=3 * MB)
    upload_check(SimpleUploadedFile("ok.xlsx", data))  # 3 MB: under the limit, all read
    assert inflated[0] >= 3 * MB
    inflated[0] = 0
    settings.MAX_UPLOAD_UNZIPPED_BYTES = 2 * MB
    # The declared sizes are checked first; with them out of the way (as if the headers
    # said nothing), inflating stops one byte past the limit.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("partnerships.uploads._declared_size", lambda infos: 0)
        message = refusal(data)
    assert message == (
        "This file is too large once unzipped: it unzips to more than 2.0 MB. The limit is 2.0 MB."
    )
    assert inflated[0] <= 2 * MB + 1


def test_a_zip_of_too_many_parts_is_refused(settings):
    settings.MAX_UPLOAD_ZIP_ENTRIES = 50
    assert refusal(many_parts(60)).startswith("This file has too many parts once unzipped: 6")
    assert refusal(many_parts(60)).endswith("The limit is 50.")


def test_the_default_limit_on_parts_refuses_thousands(settings):
    assert settings.MAX_UPLOAD_ZIP_ENTRIES == 2000
    assert "too many parts" in refusal(many_parts(2_100))


def test_a_check_that_runs_too_long_is_stopped(settings, monkeypatch):
    settings.UPLOAD_CHECK_SECONDS = 10
    clock = itertools.count(0, 100)  # every look at the clock, 100 seconds later
    monkeypatch.setattr("partnerships.uploads.time.monotonic", lambda: next(clock))
    assert refusal(workbook_bytes()) == (
        "This file takes too long to read: more than 10 seconds. Save it again without "
        "pictures or unused sheets, or split it."
    )


def test_a_damaged_zip_is_refused_plainly():
    data = bytearray(workbook_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start : start + 40] = b"\xff" * 40
    assert refusal(bytes(data)).startswith("This file is damaged")


def test_a_path_is_checked_too(tmp_path, bomb):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    with pytest.raises(UploadRejected, match="too large once unzipped"):
        upload_check(path)


# --- every upload form ---------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    url: str
    field: str
    persona: str = "secretariat"
    data: dict[str, str] = field(default_factory=dict)


UPLOADS = [
    Upload("/indicators/import/", "workbook"),
    Upload("/indicators/comparators/import/", "file", data={"source": "BEIS", "licence": "OGL"}),
    Upload("/plans/{plan}/import/", "workbook", persona="lead"),
]
# The modules that define those forms.
FORM_MODULES = {
    "indicators/views/workbook.py",
    "indicators/views/comparators.py",
    "plans/forms.py",
}


def _snapshot() -> dict[str, int]:
    """Row counts of every table the app owns, to show a refused upload wrote nothing (but
    the sign-in's own log and session rows, made as the test client signs in)."""
    from django.apps import apps

    signing_in = {"partnerships.SignInEvent", "partnerships.SignedInSession"}
    return {
        model._meta.label: model._base_manager.count()
        for label in ("partnerships", "evidence", "indicators", "plans", "meetings", "funding")
        for model in apps.get_app_config(label).get_models()
        if model._meta.label not in signing_in
    }


@pytest.fixture
def post(world, as_user, settings, tmp_path):
    """post(upload, data) → the response to sending `data` as the form's file."""
    settings.IMPORT_UPLOAD_DIR = str(tmp_path / "kept")
    plan = make_plan(world.safer)

    def send(upload: Upload, data: bytes):
        client = as_user(getattr(world, upload.persona))
        url = upload.url.format(plan=plan.pk)
        assert client.get(url).status_code == 200, url
        file = SimpleUploadedFile("upload.xlsx", data, content_type=XLSX)
        return client.post(url, {**upload.data, upload.field: file})

    return send


def _refused(response, before: dict[str, int], message: str, tmp_path: Path) -> None:
    page = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert message in page, "the guard's message is not on the page"
    assert "govuk-error-message" in page  # shown on the field, the form shown again
    assert _snapshot() == before
    kept = tmp_path / "kept"  # where the indicator import keeps a file it will import
    assert not kept.exists() or not any(kept.iterdir())


@pytest.mark.django_db
@pytest.mark.parametrize("upload", UPLOADS, ids=[u.url for u in UPLOADS])
def test_a_decompression_bomb_is_refused_by_every_upload_form_without_unzipping_it(
    post, upload, bomb, inflated, tmp_path
):
    before = _snapshot()
    response = post(upload, bomb)
    _refused(response, before, "This file is too large once unzipped: one part of ", tmp_path)
    assert inflated[0] < MB, "the guard unzipped the bomb"


@pytest.mark.django_db
@pytest.mark.parametrize("upload", UPLOADS, ids=[u.url for u in UPLOADS])
def test_a_zip_of_too_many_parts_is_refused_by_every_upload_form(post, upload, tmp_path):
    before = _snapshot()
    response = post(upload, many_parts(2_100))
    _refused(response, before, "This file has too many parts once unzipped: 2,1", tmp_path)


@pytest.mark.django_db
@pytest.mark.parametrize("upload", UPLOADS, ids=[u.url for u in UPLOADS])
def test_a_part_lying_about_its_size_is_refused_by_every_upload_form(post, upload, tmp_path):
    before = _snapshot()
    response = post(upload, lying_part())
    _refused(response, before, "This file is damaged or protected with a password", tmp_path)


@pytest.mark.django_db
@pytest.mark.parametrize("upload", UPLOADS, ids=[u.url for u in UPLOADS])
def test_an_oversized_file_is_refused_by_every_upload_form(post, upload, settings, tmp_path):
    settings.MAX_UPLOAD_BYTES = 100_000
    before = _snapshot()
    response = post(upload, workbook_bytes() + b"\0" * 200_000)
    page = response.content.decode()
    if upload.url == "/indicators/import/":
        # That form stops an upload over the limit while it arrives (413), before the
        # guard sees it.
        assert response.status_code == 413
        assert "The selected file must be smaller than" in page
        assert _snapshot() == before
    else:
        _refused(response, before, "This file is too large: it is 2", tmp_path)
        assert "The limit is 98 KB." in page


def _app_modules() -> list[Path]:
    return [
        path
        for app in ("work", "partnerships", "indicators", "plans", "funding", "meetings")
        for path in (ROOT / app).rglob("*.py")
    ]


def test_every_upload_form_uses_the_guard_and_is_tried_here():
    forms = {  # a form's file field: a model's (a file the app built) is not an upload
        str(path.relative_to(ROOT))
        for path in _app_modules()
        if "migrations" not in path.parts
        and "FileField(" in path.read_text().replace("models.FileField(", "")
    }
    assert forms == FORM_MODULES, "add the new upload form to UPLOADS and FORM_MODULES"
    for name in forms:
        assert "validators=[upload_check]" in (ROOT / name).read_text(), name
