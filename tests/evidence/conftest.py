"""Evidence tests keep their files in a temporary MEDIA_ROOT, one per test."""

import io
import zipfile
from pathlib import Path

import pytest

from tests.indicators.factories import add_actual, make_target, set_values
from tests.meetings.factories import make_item, make_meeting
from tests.plans.factories import make_action, make_plan, make_risk

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def office(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office({"word/document.xml": b"<w:document/>"})
XLSM = office({"xl/workbook.xml": b"<workbook/>", "xl/vbaProject.bin": b"\x00macro"})


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.fixture
def records(world, media):
    """Safer Essex's records of every kind that takes evidence."""
    target = make_target(world.safer, lead=world.person(world.lead))
    set_values(target, **{"2009/10 Q1": "26"})
    actual = add_actual(target, "2009/10 Q1", "27")
    plan = make_plan(world.safer)
    action = make_action(plan, "Roll out MARAC")
    risk = make_risk(plan)
    item = make_item(make_meeting(world.safer), "4", "Performance report")
    return {"target": target, "actual": actual, "action": action, "risk": risk, "item": item}
