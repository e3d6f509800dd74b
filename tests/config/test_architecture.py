"""The layout docs/architecture.md describes, held by tests where import-linter cannot."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_project_package_is_wiring_only():
    """config/ holds settings, root URLs and the WSGI/ASGI entry points; anything else
    belongs to an app (import-linter's contracts in pyproject.toml hold the imports)."""
    found = {p.name for p in (ROOT / "config").iterdir() if p.name != "__pycache__"}
    assert found <= {"__init__.py", "settings.py", "urls.py", "wsgi.py", "asgi.py"}


def test_each_app_has_one_urls_module():
    for app in (
        "partnerships",
        "evidence",
        "indicators",
        "plans",
        "meetings",
        "funding",
        "work",
        "api",
    ):
        extra = sorted(p.name for p in (ROOT / app).glob("*urls.py") if p.name != "urls.py")
        assert not extra, f"{app} has URL modules besides urls.py: {extra}"


LAYERS = [
    "partnerships",
    "evidence",
    "indicators",
    "plans",
    "meetings",
    "funding",
    "work",
    "api",
    "demo",
]
TEMPLATE_REFERENCE = re.compile(
    r"""\{%\s*(?:"""
    r"""url\s+['"](?P<url>[a-z]+):"""
    r"""|include\s+['"](?P<include>[a-z]+)/"""
    r"""|load\s+(?P<load>[a-z ]+?)\s*%\})"""
)
# Template tag libraries and the app each belongs to.
TAG_LIBRARIES = {"plans": "plans", "meetings": "meetings", "money": "funding"}


def test_an_apps_templates_never_reach_a_higher_app():
    """A lower app's templates name no URL, include no template and load no tag library of
    an app above it (docs/architecture.md): the higher app composes the page instead."""
    found = []
    for app in LAYERS:
        higher = set(LAYERS[LAYERS.index(app) + 1 :])
        for path in (ROOT / "templates" / app).rglob("*.html"):
            for match in TEMPLATE_REFERENCE.finditer(path.read_text()):
                names = [match["url"], match["include"]]
                names += [TAG_LIBRARIES.get(lib) for lib in (match["load"] or "").split()]
                found += [f"{path.relative_to(ROOT)}: {n}" for n in names if n in higher]
    assert not found, found
