"""What an uploaded file really is, from its bytes, never from its name.

Evidence is downloaded by other people and opened on their computers, so only documents
people attach as evidence are kept: PDF, Word, Excel and PowerPoint (the zipped formats
from 2007 on, without macros), OpenDocument, pictures (PNG, JPEG, GIF, WebP) and CSV. An
.exe renamed .pdf, a macro-enabled workbook renamed .xlsx, a bare zip or an old-style
binary .doc/.xls (whose container an installer shares) are refused with a message saying
what to do instead. The stored name keeps the user's words but always ends with the
extension of what the file is, so the download opens in the right program.

`check_evidence_file` runs after partnerships/uploads.py's `upload_check`, which refuses
files too large (as they are, or once unzipped) before any zip here is opened.
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.utils.text import get_valid_filename

from partnerships.uploads import UploadRejected, file_size_text, upload_check

__all__ = ["Kind", "check_evidence_file", "detect", "safe_name"]

NAME_MAX = 120  # characters of the stored file name, extension included
_SNIFF = 64 * 1024  # bytes read to tell text from binary


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of file evidence may be: its media type, the extension it is saved with
    (and the others that mean the same), and what people call it."""

    media_type: str
    extension: str
    label: str
    also: tuple[str, ...] = ()


PDF = Kind("application/pdf", ".pdf", "PDF")
PNG = Kind("image/png", ".png", "PNG image")
JPEG = Kind("image/jpeg", ".jpg", "JPEG image", (".jpeg",))
GIF = Kind("image/gif", ".gif", "GIF image")
WEBP = Kind("image/webp", ".webp", "WebP image")
CSV = Kind("text/csv", ".csv", "CSV file", (".txt",))
_OOXML = "application/vnd.openxmlformats-officedocument."
DOCX = Kind(_OOXML + "wordprocessingml.document", ".docx", "Word document")
XLSX = Kind(_OOXML + "spreadsheetml.sheet", ".xlsx", "Excel workbook")
PPTX = Kind(_OOXML + "presentationml.presentation", ".pptx", "PowerPoint presentation")
ODT = Kind("application/vnd.oasis.opendocument.text", ".odt", "OpenDocument text")
ODS = Kind("application/vnd.oasis.opendocument.spreadsheet", ".ods", "OpenDocument spreadsheet")
ODP = Kind("application/vnd.oasis.opendocument.presentation", ".odp", "OpenDocument presentation")
KINDS = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG, GIF, WEBP, CSV)
BY_MEDIA_TYPE = {kind.media_type: kind for kind in KINDS}

ACCEPTED = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP or CSV"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls/.ppt, and .msi installers
_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF = {ODT.media_type: ODT, ODS.media_type: ODS, ODP.media_type: ODP}


def _refused(message: str, code: str) -> UploadRejected:
    return UploadRejected(message, code=code)


def detect(handle: IO[bytes]) -> Kind:
    """The kind of file `handle` holds, by its first bytes (and a zip's parts); raises
    UploadRejected, saying why, for anything else."""
    handle.seek(0)
    head = handle.read(_SNIFF)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(_OLE2):
        raise _refused(
            "This is an older Office file (.doc, .xls or .ppt), which can hide programs. "
            "Open it and save it as .docx, .xlsx, .pptx or PDF, then attach that.",
            "old_office",
        )
    if head.startswith(b"PK\x03\x04"):
        handle.seek(0)
        return _zipped(handle)
    if _is_text(head):
        return CSV
    raise _refused(
        f"This file is not a type that can be attached. Attach a {ACCEPTED} file.",
        "wrong_type",
    )


def _zipped(handle: IO[bytes]) -> Kind:
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                odf = _ODF.get(archive.read("mimetype").decode("ascii", "replace").strip())
                if odf is not None:
                    return odf
            if "[Content_Types].xml" in names:
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    raise _refused(
                        "This Office file contains macros (small programs), which are not "
                        "allowed. Save it without macros (as .docx, .xlsx or .pptx) or as PDF.",
                        "macros",
                    )
                for part, kind in _OOXML_PARTS.items():
                    if part in names:
                        return kind
    except zipfile.BadZipFile as error:
        raise _refused(
            "This file is damaged, so it cannot be opened. Save it again and attach it.",
            "damaged",
        ) from error
    raise _refused(
        f"This is a zip archive, not a document. Attach the documents in it one by one: "
        f"each a {ACCEPTED} file.",
        "zip",
    )


def _is_text(head: bytes) -> bool:
    """Plain text as spreadsheets save CSV: UTF-8 or Windows-1252, no control characters
    but tabs and line ends."""
    if b"\x00" in head:
        return False
    whole = len(head) < _SNIFF  # else the block may end inside a UTF-8 character
    for decoder in (
        codecs.getincrementaldecoder("utf-8-sig")(),
        codecs.getincrementaldecoder("cp1252")(),
    ):
        try:
            text = decoder.decode(head, final=whole)
        except UnicodeDecodeError:
            continue
        return all(ch >= " " or ch in "\t\r\n\f" for ch in text)
    return False


def safe_name(original: str, kind: Kind) -> str:
    """The user's file name made safe to store and to send back: no folders, only letters,
    digits, dashes, underscores and dots, not too long, ending as the file really is."""
    path = PurePath(original.replace("\\", "/"))
    stem = path.stem if path.suffix.lower() in (kind.extension, *kind.also) else path.name
    stem = get_valid_filename(stem.replace(".", "_")) if stem.strip(" ._") else ""
    stem = stem.strip("._-")[: NAME_MAX - len(kind.extension)] or "evidence"
    suffix = path.suffix.lower() if path.suffix.lower() in kind.also else kind.extension
    return stem + suffix


def check_evidence_file(upload: Any) -> Kind:
    """Refuse `upload` (an UploadedFile) if it is empty, over EVIDENCE_MAX_BYTES, a zip
    bomb (partnerships/uploads.py) or not a kind of file evidence may be; its kind if not.
    Leaves the file at its start."""
    size = upload.size
    if not size:
        raise _refused("The selected file is empty. Choose the file with the evidence in it.",
                       "empty")  # fmt: skip
    limit = settings.EVIDENCE_MAX_BYTES
    if size > limit:
        raise _refused(
            f"This file is too large: it is {file_size_text(size)}. "
            f"The limit is {file_size_text(limit)}.",
            "too_large",
        )
    upload_check(upload)
    try:
        return detect(upload)
    finally:
        upload.seek(0)
