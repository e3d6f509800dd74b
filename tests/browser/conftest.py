"""Browser fixtures: Debian's Chromium, driven by Playwright, against pytest-django's live_server.

- The browser is the system's `/usr/bin/chromium` (or `$CHROMIUM`), never one Playwright
  downloads. Where it is missing or cannot start, the browser tests are skipped and the
  run says so plainly at the end; with `REQUIRE_BROWSER=1` (CI) they fail instead.
- Each test runs on a transactional database (live_server implies it), so what the test
  writes is what the server thread reads. Playwright's sync API keeps an event loop on the
  main thread, which Django's async-safety check mistakes for async code:
  DJANGO_ALLOW_ASYNC_UNSAFE is set for the duration of the browser tests only.
- Journeys run with the Content-Security-Policy enforced: a CSP violation or a JavaScript
  error on any page fails the test. Only the axe context bypasses the CSP, to inject axe.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from demo.timeline import DEMO_AS_AT

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}
PASSWORD = "pass-word-1"  # tests/factories.make_user's default
DEMO_PASSWORD = "demo"


def _unavailable(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """The shared headless Chromium (a Playwright Browser)."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        _unavailable(f"Playwright is not installed ({error}); run make install")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=60_000
        )
    except Exception as error:
        playwright.stop()
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        _unavailable(f"Chromium at {CHROMIUM} did not start: {first_line}")
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests on the shared demo run last: the demo stays loaded until the session ends, and
    every other test expects an empty database."""
    on_demo = [item for item in items if "demo_site" in getattr(item, "fixturenames", ())]
    if on_demo:
        items[:] = [item for item in items if item not in on_demo] + on_demo


# --- pages --------------------------------------------------------------------------------


@dataclass
class Problems:
    """What a page complained about: CSP refusals and uncaught JavaScript errors."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page: object) -> None:
        page.on("console", self._console)  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: self.messages.append(f"JavaScript error: {error}"))  # type: ignore[attr-defined]

    def _console(self, message: object) -> None:
        text = message.text  # type: ignore[attr-defined]
        # A 403/404 page is expected in some journeys; its "Failed to load resource" is not
        # a defect. Anything the CSP refused, or any other script error, is.
        if message.type == "error" and "Failed to load resource" not in text:  # type: ignore[attr-defined]
            self.messages.append(text)


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[object]:
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


def _page_factory(
    chromium: object, base_url: str, request: pytest.FixtureRequest
) -> tuple[Callable[..., object], Callable]:
    contexts: list[tuple[object, Problems]] = []

    def _open(*, js: bool = True, bypass_csp: bool = False) -> object:
        context = chromium.new_context(  # type: ignore[attr-defined]
            base_url=base_url,
            java_script_enabled=js,
            bypass_csp=bypass_csp,
            viewport={"width": 1280, "height": 900},
            locale="en-GB",
            timezone_id="Europe/London",
        )
        context.set_default_timeout(30_000)  # generous: CI machines are shared and busy
        problems = Problems()
        contexts.append((context, problems))
        page = context.new_page()
        problems.watch(page)
        return page

    def _close() -> None:
        found = [message for _, problems in contexts for message in problems.messages]
        failed = request.node.stash.get(FAILED, False)
        for number, (context, _) in enumerate(contexts, 1):
            if failed:  # what the browser showed when the test failed, if it still can
                for page in context.pages:  # type: ignore[attr-defined]
                    try:
                        screenshot(page, f"FAILED-{request.node.name}-{number}")
                    except Exception as error:
                        print(f"no screenshot of the failed page: {error}")
            context.close()  # type: ignore[attr-defined]
        assert not found, "The browser reported problems:\n" + "\n".join(found)

    return _open, _close


@pytest.fixture
def open_page(
    chromium: object, live_server: object, request: pytest.FixtureRequest
) -> Iterator[Callable[..., object]]:
    """open_page(js=True, bypass_csp=False) -> a Playwright Page in a fresh context (its own
    cookies) on pytest-django's live_server, for tests with their own data (transactional).

    The CSP stays on unless bypass_csp (only for injecting axe); when the test ends any CSP
    violation or JavaScript error seen on any page fails it."""
    _open, _close = _page_factory(chromium, live_server.url, request)  # type: ignore[attr-defined]
    yield _open
    _close()


def sign_in(page: object, email: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, as a person would."""
    page.goto("/accounts/login/")  # type: ignore[attr-defined]
    page.get_by_label("Email address").fill(email)  # type: ignore[attr-defined]
    page.get_by_label("Password").fill(password)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    page.wait_for_url(lambda url: "/accounts/login/" not in url)  # type: ignore[attr-defined]


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot as a test artefact (test-artifacts/browser/NAME.png)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") + ".png")
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def require_feature(page: object, path: str) -> None:
    """Skip a journey whose page is not built yet (its URL answers 404); run it otherwise."""
    response = page.request.get(path)  # type: ignore[attr-defined]
    if response.status == 404:
        pytest.skip(f"feature not built yet: {path} answers 404")


# --- the demo agreements -----------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    """Primary keys of demo records that page paths refer to as {name}."""

    ids: dict[str, int]

    def path(self, template: str) -> str:
        return template.format(**self.ids)


def demo_ids() -> dict[str, int]:
    """One line per record a page path needs; add a line when a new page needs one."""
    from demo.partnerships import ESSEX, SAFER_ESSEX
    from partnerships.models import Organisation, Partnership, Person

    safer = Partnership.objects.get(agreement__slug=ESSEX, slug=SAFER_ESSEX)
    return {
        "safer": safer.pk,
        "lead_person": Person.objects.get(user__email="lead@demo.test").pk,
        "organisation": Organisation.objects.get(agreement__slug=ESSEX, name="Essex Police").pk,
    }


@dataclass(frozen=True)
class DemoSite:
    url: str
    demo: Demo


@pytest.fixture(scope="session")
def demo_site(
    chromium: object, django_db_setup: None, django_db_blocker: object
) -> Iterator[DemoSite]:
    """The demo agreements (Essex and Herefordshire, with every app's demo that exists) and
    their sign-ins (password "demo"), loaded once into the test database and served by a
    live server of their own, as at the demo's date (demo/timeline.py).

    Loading the whole demo takes tens of seconds, too long to repeat for each test, so it
    is shared: tests on it never ask for `transactional_db`/`live_server` (whose flush after
    each test would wipe it), add what they need rather than change what is there, and run
    after every other test (see pytest_collection_modifyitems), so no other test sees it.
    The database is emptied again at the end."""
    from django.db import connection, connections
    from pytest_django.live_server_helper import LiveServer

    name = str(connection.settings_dict["NAME"])
    if not ("memorydb" in name or Path(name).name.startswith("test")):
        pytest.fail(f"refusing to load the demo into {name}: not a test database")
    # Served as `make run` serves it: as at the demo's date.
    as_at = override_settings(GOLDEN_THREAD_TODAY=DEMO_AS_AT)
    as_at.enable()
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        with override_settings(DEBUG=True):  # demo sign-ins are only made with DEBUG on
            call_command("seed_demo", verbosity=0)
        demo = Demo(demo_ids())
        server = LiveServer("localhost")
        try:
            yield DemoSite(server.url, demo)
        finally:
            server.stop()
            as_at.disable()
            call_command("flush", interactive=False, verbosity=0)
            # Close this fixture's own connection: under Playwright's greenlets it can be
            # a different one from the connection the test database's teardown closes, and
            # left open it stops PostgreSQL dropping the test database.
            connections.close_all()


@pytest.fixture
def demo(demo_site: DemoSite, db: None) -> Demo:
    """The shared demo. (`db` makes pytest-django set up the test database and lets the
    test read it; each test's own writes are rolled back.)"""
    return demo_site.demo


@pytest.fixture
def open_demo_page(
    chromium: object, demo_site: DemoSite, demo: Demo, request: pytest.FixtureRequest
) -> Iterator[Callable[..., object]]:
    """open_demo_page(js=True, bypass_csp=False): like open_page, on the shared demo."""
    _open, _close = _page_factory(chromium, demo_site.url, request)
    yield _open
    _close()
