"""The layout docs/architecture.md describes, held by tests where import-linter cannot."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_project_package_is_wiring_only():
    """config/ holds settings, root URLs and the WSGI/ASGI entry points; anything else
    belongs to an app (import-linter's contracts in pyproject.toml hold the imports)."""
    found = {p.name for p in (ROOT / "config").iterdir() if p.name != "__pycache__"}
    assert found <= {"__init__.py", "settings.py", "urls.py", "wsgi.py", "asgi.py"}


def test_each_app_has_one_urls_module():
    for app in ("partnerships", "indicators", "plans", "meetings", "funding", "work"):
        extra = sorted(p.name for p in (ROOT / app).glob("*urls.py") if p.name != "urls.py")
        assert not extra, f"{app} has URL modules besides urls.py: {extra}"
