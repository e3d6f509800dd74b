"""The report cache every server shares (issue 19, item 2): pages are kept in the database
(or Redis), so a page one server process built is found by every other, and readers asking
for the same page at once build it once.
"""

import importlib.util
import socket
import threading
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import connection

from indicators import report_cache
from tests.indicators.test_report_cache import SCORECARD, ni32  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def keeping(settings):
    settings.REPORT_CACHE_SECONDS = 600
    caches["reports"].clear()
    yield
    caches["reports"].clear()


def test_a_page_kept_by_one_server_process_is_found_by_another(world, as_user, ni32):  # noqa: F811
    assert isinstance(caches["reports"], DatabaseCache)
    client = as_user(world.lead)
    client.get(SCORECARD)
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM golden_thread_report_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert len(keys) == 1
    # Another process has its own cache object, and nothing in memory: it reads the table.
    elsewhere = DatabaseCache("golden_thread_report_cache", {})
    assert elsewhere.get(keys[0].split(":", 2)[-1]) is not None


def test_readers_asking_at_once_build_the_page_once(world):
    built: list[int] = []
    answers: list[str] = []

    def build() -> str:
        built.append(1)
        time.sleep(0.5)  # long enough for the others to ask meanwhile
        return "the page"

    def read() -> None:
        try:
            answers.append(report_cache.kept(("scorecard",), build, agreement=world.essex.pk))
        finally:
            connection.close()

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(10)
    assert answers == ["the page"] * 4
    assert len(built) == 1


def test_a_reader_builds_the_page_itself_if_the_builder_fails(world):
    def fail() -> str:
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        report_cache.kept(("scorecard",), fail, agreement=world.essex.pk)
    # Nothing is left saying the page is being built: the next reader does not wait.
    started = time.perf_counter()
    assert report_cache.kept(("scorecard",), lambda: "built", agreement=world.essex.pk) == "built"
    assert time.perf_counter() - started < report_cache.BUILD_WAIT_SECONDS / 2


def _redis_here() -> bool:
    if importlib.util.find_spec("redis") is None:
        return False
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_here(), reason="needs the redis package and Redis on 6379")
def test_redis_keeps_pages_when_configured(world, settings):
    settings.CACHES = {
        **settings.CACHES,
        "reports": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "golden-thread-test",
        },
    }
    caches["reports"].clear()
    built: list[int] = []

    def build() -> str:
        built.append(1)
        return "the page"

    for _ in range(2):
        assert report_cache.kept(("scorecard",), build, agreement=world.essex.pk) == "the page"
    assert len(built) == 1
    caches["reports"].clear()


def test_without_the_cache_table_pages_are_built_each_time(world, as_user, ni32, caplog):  # noqa: F811
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE golden_thread_report_cache")
    try:
        client = as_user(world.lead)
        for _ in range(2):
            assert "Fewer MARAC referrals" in client.get(SCORECARD).content.decode()
        assert "createcachetable" in caplog.text
    finally:
        call_command("createcachetable", verbosity=0)
