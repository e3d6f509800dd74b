"""What a file is, from its bytes: evidence/files.py (no database)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evidence import files
from partnerships.uploads import UploadRejected
from tests.evidence.conftest import DOCX, EXE, PDF, PNG, XLSM, office


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, files.PDF),
        (PNG, files.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, files.JPEG),
        (b"GIF89a" + b"\x00" * 10, files.GIF),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", files.WEBP),
        (DOCX, files.DOCX),
        (office({"xl/workbook.xml": b"<w/>"}), files.XLSX),
        (office({"ppt/presentation.xml": b"<p/>"}), files.PPTX),
        ("District,Spend £\nBasildon,27\n".encode(), files.CSV),
        ("Area,£\nColchester,12\n".encode("cp1252"), files.CSV),
    ],
)
def test_a_file_is_known_by_its_content(content, kind):
    assert files.detect(io.BytesIO(content)) == kind


def _bare_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("setup.exe", EXE)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (EXE, "not a type that can be attached"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "older Office file"),
        (XLSM, "contains macros"),
        (_bare_zip(), "zip archive"),
        (b"PK\x03\x04 not really a zip", "damaged"),
    ],
)
def test_other_files_are_refused_saying_why(content, message):
    with pytest.raises(UploadRejected, match=message):
        files.detect(io.BytesIO(content))


def test_the_name_is_made_safe_and_ends_as_the_file_is():
    assert files.safe_name("../../etc/Q2 figures.pdf", files.PDF) == "Q2_figures.pdf"
    assert files.safe_name("C:\\Users\\me\\report.exe", files.PDF) == "report_exe.pdf"
    assert files.safe_name("photo.JPEG", files.JPEG) == "photo.jpeg"
    assert files.safe_name("...", files.PNG) == "evidence.png"
    assert len(files.safe_name("x" * 500 + ".csv", files.CSV)) == files.NAME_MAX


def test_an_empty_or_oversized_file_is_refused_before_it_is_read(settings):
    with pytest.raises(UploadRejected, match="empty"):
        files.check_evidence_file(SimpleUploadedFile("a.pdf", b""))
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(UploadRejected, match=r"too large: it is 77 bytes\. The limit is 10 bytes"):
        files.check_evidence_file(SimpleUploadedFile("a.pdf", PDF))
