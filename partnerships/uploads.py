"""The guard every uploaded file passes before anything parses it.

An .xlsx or .docx is a zip. A "zip bomb" is a small upload that unzips to hundreds of
megabytes or more, made to tie a server up inflating and parsing it; a zip of a million
empty parts does the same to the zip reader. `upload_check` refuses, in this order and
each with its own message:

- a file over MAX_UPLOAD_BYTES;
- a zip of more than MAX_UPLOAD_ZIP_ENTRIES parts;
- a zip whose parts declare, together, more than MAX_UPLOAD_UNZIPPED_BYTES, or one whose
  part (over 1 MB) declares more than MAX_UPLOAD_PACKING times its packed size (real
  documents pack 5 to 30 times; a bomb thousands of times);
- a zip whose parts, actually inflated, come to more than MAX_UPLOAD_UNZIPPED_BYTES, or
  inflate to more than they declare (the headers are not trusted: every part is inflated
  and counted, stopping at the limit, and its checksum must match);
- a check that takes longer than UPLOAD_CHECK_SECONDS.

Files that are not zips (CSV) are only checked for size. Forms use `upload_check` as a
validator of their FileField (the message shows on the field, the form is shown again
and nothing is saved); importers that read a file from disk call it too.
"""

from __future__ import annotations

import time
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError

__all__ = ["TimeLimit", "UploadRejected", "file_size_text", "upload_check"]

PACKING_CHECKED_FROM = 1024 * 1024  # small parts (empty styles and the like) pack tighter
_CHUNK = 1024 * 1024


class UploadRejected(ValidationError):
    """The file is refused before it is parsed; the message is for the user."""


def file_size_text(n: int) -> str:
    """36 → "36 bytes", 1536 → "2 KB", 10485760 → "10.0 MB"."""
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{round(n / 1024)} KB"


class TimeLimit:
    """A deadline for reading an upload: `check()` refuses the file once it has passed."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = settings.UPLOAD_CHECK_SECONDS if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise UploadRejected(
                f"This file takes too long to read: more than {self.seconds:g} seconds. "
                "Save it again without pictures or unused sheets, or split it.",
                code="too_slow",
            )


def upload_check(upload: Any) -> None:
    """Refuse `upload` (an UploadedFile, an open binary file or a Path) if it is too large,
    as it is or once unzipped. Leaves an open file at its start."""
    if isinstance(upload, Path):
        with upload.open("rb") as handle:
            _check(handle, upload.stat().st_size)
        return
    size = getattr(upload, "size", None)
    if size is None:
        size = upload.seek(0, 2)
    try:
        _check(upload, size)
    finally:
        upload.seek(0)


def _check(handle: IO[bytes], size: int) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        raise UploadRejected(
            f"This file is too large: it is {file_size_text(size)}. "
            f"The limit is {file_size_text(limit)}.",
            code="too_large",
        )
    handle.seek(0)
    if not zipfile.is_zipfile(handle):
        return
    handle.seek(0)
    deadline = TimeLimit()
    try:
        with zipfile.ZipFile(handle) as archive:
            _check_zip(archive, deadline)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        # A bad checksum (zipfile stops a part at the size it declares, so one that would
        # inflate further fails it), a method zipfile cannot inflate, or a password.
        raise UploadRejected(
            "This file is damaged or protected with a password, so it cannot be opened. "
            "Open it on your computer and save it again without a password.",
            code="damaged",
        ) from error


def _check_zip(archive: zipfile.ZipFile, deadline: TimeLimit) -> None:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    most_parts = settings.MAX_UPLOAD_ZIP_ENTRIES
    if len(infos) > most_parts:
        raise UploadRejected(
            f"This file has too many parts once unzipped: {len(infos):,}. "
            f"The limit is {most_parts:,}.",
            code="too_many_parts",
        )
    limit = settings.MAX_UPLOAD_UNZIPPED_BYTES
    declared = _declared_size(infos)
    if declared > limit:
        raise _too_large_unzipped(f"it would be {file_size_text(declared)}", limit)
    packing = settings.MAX_UPLOAD_PACKING
    for info in infos:
        if info.file_size > PACKING_CHECKED_FROM and info.file_size > packing * max(
            info.compress_size, 1
        ):
            raise UploadRejected(
                f"This file is too large once unzipped: one part of "
                f"{file_size_text(info.compress_size)} unzips to "
                f"{file_size_text(info.file_size)}. The limit is {packing} times a part's "
                "zipped size.",
                code="too_large_unzipped",
            )
    inflated = 0
    for info in infos:
        with archive.open(info) as member:
            # Never more than is left under the limit (plus one byte to know it is over).
            while chunk := member.read(min(_CHUNK, limit - inflated + 1)):
                inflated += len(chunk)
                if inflated > limit:
                    found = f"it unzips to more than {file_size_text(limit)}"
                    raise _too_large_unzipped(found, limit)
                deadline.check()


def _declared_size(infos: list[zipfile.ZipInfo]) -> int:
    return sum(info.file_size for info in infos)


def _too_large_unzipped(found: str, limit: int) -> UploadRejected:
    return UploadRejected(
        f"This file is too large once unzipped: {found}. The limit is {file_size_text(limit)}.",
        code="too_large_unzipped",
    )
