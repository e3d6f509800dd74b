"""Running "as at" a date (partnerships/clock.py): the demo's 2009 agreement seen as it was
then. Every "today" in the app comes from the clock; records and their history are stamped
on the as-at date; production refuses the setting."""

import ast
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from meetings.models import Meeting
from partnerships import clock
from partnerships.models import Partnership
from tests.factories import make_agreement, make_partnership

ROOT = Path(__file__).resolve().parents[2]
APPS = ("partnerships", "indicators", "plans", "meetings", "funding", "work", "demo", "config")
AS_AT = dt.date(2009, 11, 20)


def test_today_is_the_real_date_unless_the_app_runs_as_at_one(settings):
    settings.GOLDEN_THREAD_TODAY = None
    assert clock.today() == timezone.localdate()
    settings.GOLDEN_THREAD_TODAY = AS_AT
    assert clock.today() == AS_AT
    assert clock.now().date() == AS_AT
    assert abs(clock.now().time().hour - timezone.localtime().hour) <= 1  # the real hour


@pytest.mark.django_db
def test_a_record_made_as_at_a_date_is_stamped_and_kept_in_history_on_it(settings):
    settings.GOLDEN_THREAD_TODAY = AS_AT
    agreement = make_agreement()
    safer = make_partnership(agreement, "Safer Essex")
    meeting = Meeting.objects.create(partnership=safer, date=dt.date(2009, 12, 10))

    assert safer.history.get().history_date.date() == AS_AT
    # The meeting in December is still ahead as at 20 November 2009 (it would be long gone
    # on the real date).
    assert list(Meeting.objects.ahead(clock.today())) == [meeting]


@pytest.mark.django_db
def test_a_history_date_set_on_purpose_is_kept(settings):
    settings.GOLDEN_THREAD_TODAY = AS_AT
    agreement = make_agreement()
    safer = make_partnership(agreement, "Safer Essex")
    safer._history_date = timezone.make_aware(dt.datetime(2008, 10, 2, 10))
    safer.description = "Met on 2 October 2008."
    safer.save()
    latest = Partnership.history.filter(id=safer.pk).latest("history_id")
    assert latest.history_date.date() == dt.date(2008, 10, 2)


def test_the_setting_is_refused_when_debug_is_off_and_must_be_a_date():
    def settings_error(**env: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()"],
            cwd=ROOT,
            env={
                "PATH": os.environ["PATH"],
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "SECRET_KEY": "k" * 30 + "abcdefghijklmnopqrstuvwxyz",
                **env,
            },
            capture_output=True,
            text=True,
        )
        return result.stderr

    assert "unset it when DEBUG is off" in settings_error(GOLDEN_THREAD_TODAY="2009-11-20")
    assert "must be a date written 2009-11-20" in settings_error(
        DEBUG="1", GOLDEN_THREAD_TODAY="20/11/2009"
    )
    assert settings_error(DEBUG="1", GOLDEN_THREAD_TODAY="2009-11-20") == ""


def test_nothing_but_the_clock_reads_the_real_date():
    """A `date.today()` or `timezone.now()` elsewhere would show the real date in the
    demo's 2009 (and a test would not notice)."""
    banned = {("date", "today"), ("timezone", "now"), ("timezone", "localdate"),
              ("datetime", "now"), ("datetime", "today")}  # fmt: skip
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path == ROOT / "partnerships" / "clock.py":
                continue
            tree = ast.parse(path.read_text())
            converting = {  # timezone.localdate(moment) converts a given time: allowed
                id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and id(node) not in converting:
                    owner = getattr(node.value, "attr", getattr(node.value, "id", None))
                    if (owner, node.attr) in banned:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
