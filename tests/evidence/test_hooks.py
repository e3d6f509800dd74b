"""Indicators, plans and meetings say which of their records take evidence
(evidence/hooks.py); the evidence app itself names none of them."""

from pathlib import Path

from evidence.hooks import holders

ROOT = Path(__file__).resolve().parents[2]


def test_each_app_registers_its_records():
    assert set(holders()) == {
        "indicators.actual",
        "indicators.datareturn",
        "plans.action",
        "plans.risk",
        "meetings.agendaitem",
    }


def test_the_evidence_app_names_no_higher_app():
    higher = ("indicators", "plans", "meetings", "funding", "work", "demo")
    for path in [*(ROOT / "evidence").rglob("*.py"), *(ROOT / "templates/evidence").rglob("*")]:
        text = path.read_text()
        found = [app for app in higher if f"from {app}" in text or f"import {app}" in text]
        found += [app for app in higher if f"'{app}:" in text or f'"{app}/' in text]
        assert not found, (path, found)
