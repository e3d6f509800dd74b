"""Data versions, one per agreement (issue 19, item 3): a write moves its own agreement's
version on and no other's, so another agreement's kept report pages stay kept; what belongs
to no one agreement moves every agreement's. These tests commit (transaction=True): on
PostgreSQL the versions move on at commit.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators.models import Actual, Target
from meetings.models import ActionPoint
from partnerships import data_version
from partnerships.models import Area, User
from tests.factories import make_theme
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values
from tests.meetings.factories import make_action, make_item, make_meeting

pytestmark = pytest.mark.django_db(transaction=True)

SCORECARD = "/indicators/scorecard/?period=2009/10+Q2"
# Rows that belong to no one agreement: a change to them moves every agreement's version.
SHARED = {
    "partnerships_area",
    "partnerships_historicalarea",
    "partnerships_user",
    "indicators_nationalindicator",
    "indicators_historicalnationalindicator",
}


@pytest.fixture
def ni32(world):
    make_theme(world.essex, "Safer communities", partnership=world.safer)
    indicator = make_indicator(world.essex, "NI 32", title="Repeat incidents of domestic violence")
    target = make_target(world.safer, indicator, tolerance=Decimal(5))
    set_values(target, **{"2009/10 Q2": "50"})
    add_actual(target, "2009/10 Q2", "40", commentary="Fewer MARAC referrals in Basildon.")
    return target


@pytest.fixture
def ni8(world):
    indicator = make_indicator(world.hereford, "NI 8", title="Adult participation in sport")
    return make_target(world.hereford_pmg, indicator)


def versions(world) -> tuple[str, str]:
    return data_version.current(world.essex.pk), data_version.current(world.hereford.pk)


def test_a_write_moves_its_own_agreements_version_only(world, ni32, ni8):
    essex, hereford = versions(world)
    Actual.objects.filter(target=ni32).update(commentary="Changed in bulk.")
    assert versions(world)[0] != essex
    assert versions(world)[1] == hereford
    essex = versions(world)[0]
    Target.objects.filter(pk=ni8.pk).update(tolerance=Decimal(2))
    assert versions(world)[0] == essex and versions(world)[1] != hereford


def test_a_row_found_through_several_steps_moves_its_agreement(world, ni8):
    meeting = make_meeting(world.hereford_pmg, dt.date(2009, 5, 6))
    action = make_action(make_item(meeting))
    essex, hereford = versions(world)
    ActionPoint.objects.filter(pk=action.pk).update(text="Tim to send the figures")
    assert versions(world) == (essex, versions(world)[1]) and versions(world)[1] != hereford
    with connection.cursor() as cursor:  # raw SQL counts too
        cursor.execute("UPDATE meetings_actionpoint SET text = 'x' WHERE id = %s", [action.pk])
    assert versions(world)[0] == essex


def test_deleting_a_target_with_its_figures_moves_its_agreement(world, ni32, ni8):
    essex, hereford = versions(world)
    ni32.delete()
    assert versions(world)[0] != essex and versions(world)[1] == hereford


def test_what_belongs_to_no_one_agreement_moves_every_one(world, ni32, ni8):
    essex, hereford = versions(world)
    User.objects.filter(pk=world.lead.pk).update(last_name="Dawkes-Smith")
    assert versions(world)[0] != essex and versions(world)[1] != hereford
    essex, hereford = versions(world)
    Area.objects.create(code="22UB", name="Basildon", kind=Area.Kind.DISTRICT)
    assert versions(world)[0] != essex and versions(world)[1] != hereford


def test_every_table_finds_its_agreement_but_the_shared_ones():
    paths = data_version.agreement_paths()
    assert {table for table, path in paths.items() if path is None} == SHARED
    assert [field.name for field in paths["indicators_actual"]] == ["target", "agreement"]
    steps = [field.name for field in paths["meetings_actionpoint"]]
    assert steps == ["item", "meeting", "partnership", "agreement"]
    assert paths["partnerships_agreement"] == paths["partnerships_historicalagreement"] == []
    assert set(paths) == set(data_version.tracked_tables())
    with connection.cursor() as cursor:  # each way to an agreement is SQL the database takes
        for table, path in paths.items():
            cursor.execute(f"SELECT {data_version.agreement_of(path, 'row')} FROM {table} row")


def test_a_rolled_back_write_moves_nothing(world, ni32):
    before = versions(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        Actual.objects.filter(target=ni32).update(commentary="Never committed.")
        raise RuntimeError
    assert versions(world) == before


def test_a_version_never_comes_back_after_a_restore(world, ni32):
    """Restoring a backup takes the versions back; the next write must not meet a version
    the lost writes had, or a shared cache would serve their pages."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT agreement_id, token, n FROM {data_version.TABLE}")
        backup = cursor.fetchall()
        Actual.objects.filter(target=ni32).update(commentary="Lost with the restore.")
        lost = versions(world)[0]
        cursor.execute(f"DELETE FROM {data_version.TABLE}")
        for row in backup:
            cursor.execute(f"INSERT INTO {data_version.TABLE} VALUES (%s, %s, %s)", list(row))
    Actual.objects.filter(target=ni32).update(commentary="Written after the restore.")
    assert versions(world)[0] != lost


def test_another_agreements_write_leaves_a_kept_page_kept(world, as_user, ni32, ni8, settings):
    settings.REPORT_CACHE_SECONDS = 600
    caches["reports"].clear()
    client = as_user(world.lead)
    client.get(SCORECARD)
    Target.objects.filter(pk=ni8.pk).update(tolerance=Decimal(2))  # Herefordshire
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SCORECARD).status_code == 200
    assert len(queries) <= 6  # kept: session, user, standing, version, the cache's read
    Actual.objects.filter(target=ni32).update(commentary="Referrals up.")  # Essex
    assert "Referrals up." in client.get(SCORECARD).content.decode()
    caches["reports"].clear()


def test_the_versions_are_made_again_with_the_triggers(world, ni32):
    before = versions(world)
    data_version.install()
    assert versions(world)[0] != before[0]  # the shared version moves: writes meanwhile
    Actual.objects.filter(target=ni32).update(commentary="After installing again.")
    assert versions(world)[0] != before[0]
