"""Fixed personas, the same in every test module.

Essex (the agreement under test):
  secretariat – Essex Partnership Secretariat, changes everything in the agreement
  lead        – Safer Essex lead, owns Safer Essex's records
  other_lead  – CWOP lead: another partnership's lead, must not change Safer Essex's
  chair       – chair of the PMG
  observer    – GO East representative: reads everything, changes nothing
Herefordshire:
  outsider    – a member of another agreement: sees nothing of Essex (404)
"""

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from partnerships.models import Agreement, Membership, Partnership, Person, User
from tests.factories import make_agreement, make_member_with_login, make_partnership

Role = Membership.Role

# Shared CI machines are slow and busy: judge properties by their examples, not by time.
hypothesis_settings.register_profile(
    "golden-thread", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("golden-thread")


def pytest_report_header(config: pytest.Config) -> str:
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"Golden Thread test database: {engine} ({settings.DATABASES['default']['NAME']})"


# The browser tests (tests/browser/) may run in pytest-xdist's workers (`make test` runs
# the suite with `-n auto`): whether they ran is read here, in the process that reports,
# from their results.
BROWSER_ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"
_browser: dict[str, str] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    """No stale screenshots from an earlier run, removed once (not by each worker)."""
    runs_browser = any(a.rstrip("/") == "tests" or "browser" in a for a in session.config.args)
    if not hasattr(session.config, "workerinput") and runs_browser:
        shutil.rmtree(BROWSER_ARTIFACTS, ignore_errors=True)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not report.nodeid.startswith("tests/browser/"):
        return
    # A skip's report holds (file, line, "Skipped: browser tests skipped: <why>").
    message = report.longrepr[2] if report.skipped and isinstance(report.longrepr, tuple) else ""
    if "browser tests skipped: " in message:
        _browser.setdefault("skipped", message.split("browser tests skipped: ", 1)[1])
    elif report.when == "call" and report.passed:
        _browser["ran"] = "yes"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly whether the browser tests ran."""
    if _browser.get("ran"):
        chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
        line = f"Browser tests: ran on {_chromium_version(chromium)} at {chromium}; "
        terminalreporter.write_line(f"{line}screenshots in {BROWSER_ARTIFACTS}", green=True)
    elif "skipped" in _browser:
        terminalreporter.write_line(
            f"Browser tests: SKIPPED, {_browser['skipped']}. "
            "Set REQUIRE_BROWSER=1 to make this a failure (CI does).",
            yellow=True,
            bold=True,
        )


def _chromium_version(chromium: str) -> str:
    try:
        out = subprocess.run(
            [chromium, "--version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return out.stdout.strip() or out.stderr.strip()


@dataclass
class World:
    essex: Agreement
    hereford: Agreement
    pmg: Partnership
    safer: Partnership
    cwop: Partnership
    hereford_pmg: Partnership
    secretariat: User
    lead: User
    other_lead: User
    chair: User
    observer: User
    outsider: User

    def person(self, user: User) -> Person:
        return user.people.get()


@pytest.fixture
def world(db: None) -> World:
    essex = make_agreement("Essex LAA")
    hereford = make_agreement("Herefordshire LAA", government_office="GO West Midlands")
    pmg = make_partnership(
        essex, "LAA Performance Management Group", Partnership.Kind.MANAGEMENT_GROUP
    )
    safer = make_partnership(essex, "Safer Essex", reports_to=pmg, short_name="Safer Essex")
    cwop = make_partnership(essex, "Community Wellbeing and Older People", reports_to=pmg)
    hereford_pmg = make_partnership(
        hereford, "Herefordshire Partnership Management Group", Partnership.Kind.MANAGEMENT_GROUP
    )
    secretariat, _ = make_member_with_login(pmg, Role.SECRETARIAT, "secretariat@example.test")
    lead, _ = make_member_with_login(safer, Role.LEAD, "lead@example.test", "Alan Dawkes")
    other_lead, _ = make_member_with_login(cwop, Role.LEAD, "cwop@example.test")
    chair, _ = make_member_with_login(pmg, Role.CHAIR, "chair@example.test", "Ewen Wilson")
    observer, _ = make_member_with_login(pmg, Role.OBSERVER, "observer@example.test")
    outsider, _ = make_member_with_login(hereford_pmg, Role.MEMBER, "hereford@example.test")
    return World(
        essex, hereford, pmg, safer, cwop, hereford_pmg,
        secretariat, lead, other_lead, chair, observer, outsider,
    )  # fmt: skip


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_user():
    """as_user(world.lead).get(url): a client signed in as that persona (None: anonymous)."""
    return client_for


@contextmanager
def kept_for_module(django_db_blocker: object) -> Iterator[None]:
    """For a module-scoped fixture: what is written inside stays for the module's tests
    (each runs in a savepoint of this transaction) and is rolled back after the last one.
    Loading the demo takes seconds; a module loads it once, not once a test."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        yield
        transaction.set_rollback(True)


def tasks_with(backend: str) -> dict[str, dict[str, object]]:
    """settings.TASKS with another backend and the app's own queues, for
    override_settings(TASKS=...): the dummy one (tasks wait, as with no worker) or the
    database one (a real `db_worker` runs them)."""
    return {"default": {**settings.TASKS["default"], "BACKEND": backend}}


DUMMY_TASKS = tasks_with("django.tasks.backends.dummy.DummyBackend")
DATABASE_TASKS = tasks_with("django_tasks_db.DatabaseBackend")
