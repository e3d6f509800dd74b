"""Report pages are kept until the data change, and never shown older than the data.

These tests commit (transaction=True): on PostgreSQL the data version moves on at commit.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators.models import Actual
from partnerships import data_version
from partnerships.models import Person, User
from tests.factories import make_theme
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db(transaction=True)

SCORECARD = "/indicators/scorecard/?period=2009/10+Q2"


@pytest.fixture(autouse=True)
def keeping(settings):
    settings.REPORT_CACHE_SECONDS = 600
    caches["reports"].clear()
    yield
    caches["reports"].clear()


@pytest.fixture
def ni32(world):
    make_theme(world.essex, "Safer communities", partnership=world.safer)
    indicator = make_indicator(world.essex, "NI 32", title="Repeat incidents of domestic violence")
    target = make_target(world.safer, indicator, tolerance=Decimal(5))
    set_values(target, **{"2009/10 Q2": "50"})
    add_actual(target, "2009/10 Q2", "40", commentary="Fewer MARAC referrals in Basildon.")
    return target


def page(client, url=SCORECARD) -> tuple[str, int]:
    """The page's main content (the rest carries a fresh CSP nonce each time) and the
    number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")], len(queries)


def test_the_second_reading_is_kept_and_costs_a_few_queries(world, as_user, ni32):
    client = as_user(world.lead)
    first, built = page(client)
    again, kept = page(client)
    assert again == first
    assert kept <= 6 < built  # session, user, standing (3), data version


def test_a_figure_saved_through_the_page_shows_at_once(world, as_user, ni32):
    client = as_user(world.lead)
    before, _ = page(client)
    assert "Fewer MARAC referrals in Basildon." in before
    actual = Actual.objects.get(target=ni32)
    saved = client.post(
        f"/indicators/targets/{ni32.pk}/actuals/",
        {
            "period": "2009/10 Q2", "value": "60", "status": "final", "version": actual.version,
            "commentary": "Referrals up after the IDVA posts were filled.",
        },
    )  # fmt: skip
    assert saved.status_code in (200, 302)
    after, _ = page(client)
    assert "Referrals up after the IDVA posts were filled." in after
    assert "Fewer MARAC referrals" not in after


@pytest.mark.parametrize("how", ["update", "raw sql", "delete", "many-to-many"])
def test_any_kind_of_write_shows_at_once(world, as_user, ni32, how):
    client = as_user(world.lead)
    before, _ = page(client)
    if how == "update":
        Actual.objects.filter(target=ni32).update(commentary="Changed in bulk.")
        expected = "Changed in bulk."
    elif how == "raw sql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE indicators_actual SET commentary = %s WHERE target_id = %s",
                ["Changed by an import.", ni32.pk],
            )
        expected = "Changed by an import."
    elif how == "delete":
        Actual.objects.filter(target=ni32).delete()
        expected = "No data"
    else:
        ni32.contributing_partnerships.add(world.cwop)
        expected = world.cwop.name
    after, _ = page(client)
    assert after != before
    assert expected in after


def test_a_write_rolled_back_leaves_the_version_and_the_page(world, as_user, ni32):
    version = data_version.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Actual.objects.filter(target=ni32).update(commentary="Never committed.")
        raise RuntimeError
    assert data_version.current() == version


def test_signing_in_does_not_count_as_a_change_to_the_data_but_a_name_does(world, ni32):
    version = data_version.current()
    User.objects.filter(pk=world.lead.pk).update(last_login=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert data_version.current() == version
    User.objects.filter(pk=world.lead.pk).update(last_name="Dawkes-Smith")  # reports show it
    assert data_version.current() != version
    version = data_version.current()
    Person.objects.filter(pk=world.person(world.lead).pk).update(title="Head of Community Safety")
    assert data_version.current() != version


def test_different_questions_get_their_own_pages(world, as_user, ni32):
    make_target(world.cwop, make_indicator(world.essex, "NI 135", title="Carers"))
    client = as_user(world.lead)
    everything, _ = page(client)
    cwop_only, _ = page(client, f"{SCORECARD}&partnership={world.cwop.pk}")
    assert 'data-code="NI 32"' in everything and 'data-code="NI 32"' not in cwop_only


def test_only_the_secretariat_is_shown_the_highlight_override_links(world, as_user, ni32):
    url = "/indicators/highlight/?period=2009/10+Q2"
    assert "Change the rating" in page(as_user(world.secretariat), url)[0]
    assert "Change the rating" not in page(as_user(world.lead), url)[0]
    assert "Change the rating" in page(as_user(world.secretariat), url)[0]


def test_a_new_day_is_worked_out_afresh(world, as_user, ni32, monkeypatch):
    client = as_user(world.lead)
    page(client)
    _, kept = page(client)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    _, built = page(client)
    assert built > kept


def test_every_table_the_reports_read_moves_the_version_on():
    tables = data_version.tracked_tables()
    assert {"indicators_actual", "indicators_target", "partnerships_person"} <= set(tables)
    assert "indicators_target_contributing_partnerships" in tables
    assert "partnerships_historicalaction" in tables  # escalation reads plan actions' history
    assert "indicators_historicalactual" not in tables  # imports write it in bulk; unread
    assert tables["partnerships_user"] == ("first_name", "last_name", "email")
    assert "partnerships_user_groups" not in tables
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'gt_data_changed'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'gt\\_%' ESCAPE '\\'"
            )
        triggered = {row[0] for row in cursor.fetchall()}
    assert triggered == set(tables)


def test_installing_again_keeps_the_triggers_and_moves_the_version_on():
    version = data_version.current()
    data_version.install()
    assert data_version.current() != version
    test_every_table_the_reports_read_moves_the_version_on()


def test_parameters_the_report_does_not_understand_are_not_kept_apart(world, as_user, ni32):
    client = as_user(world.lead)
    page(client)
    _, kept = page(client, f"{SCORECARD}&utm_source=newsletter&junk=1")
    _, kept_again = page(client, f"{SCORECARD}&junk=2")
    assert kept <= 6 and kept_again <= 6  # the same page, kept once
    assert "junk" not in page(client, f"{SCORECARD}&junk=3")[0]  # nor carried into its links


def test_nothing_is_kept_from_inside_a_transaction(world, as_user, ni32):
    client = as_user(world.lead)
    with transaction.atomic():
        Actual.objects.filter(target=ni32).update(commentary="Soon rolled back.")
        assert "Soon rolled back." in page(client)[0]
        transaction.set_rollback(True)
    assert "Soon rolled back." not in page(client)[0]
    # The next committed write brings the version to where the rolled-back one had it.
    Actual.objects.filter(target=ni32).update(commentary="Committed.")
    after, _ = page(client)
    assert "Committed." in after and "Soon rolled back." not in after
