"""Evidence shows on its records' own pages: the target (its actuals), the data return and
its sign-off, a plan action, a risk and an agenda item."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence import actions
from evidence.files import PDF as PDF_KIND
from evidence.hooks import holder_for
from indicators.models import DataReturn
from tests.evidence.conftest import PDF
from tests.indicators.factories import add_actual

pytestmark = pytest.mark.django_db


def attach(record, by, title="Q1 extract", url="https://example.org/q1"):
    return actions.evidence_attach(
        record=record, holder=holder_for(type(record)), title=title, by=by, url=url
    )


def test_the_target_page_lists_the_evidence_for_its_actuals(world, records, as_user):
    attach(records["actual"], world.lead, "Police extract, Q1")
    url = records["target"].get_absolute_url()
    page = as_user(world.observer).get(url).content.decode()
    assert "Evidence for the actuals" in page and "Police extract, Q1" in page
    assert "Attach evidence" not in page
    page = as_user(world.lead).get(url).content.decode()
    assert "/evidence/indicators.actual/" in page and "Attach evidence" in page


def test_the_target_pages_queries_do_not_grow_with_its_evidence(world, records, as_user):
    client, url = as_user(world.lead), records["target"].get_absolute_url()
    attach(records["actual"], world.lead)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    q2 = add_actual(records["target"], "2009/10 Q2", "25")
    for n in range(5):
        attach(q2, world.lead, f"Extract {n}")
        attach(records["actual"], world.lead, f"More {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count(">Extract ") == 5
    assert len(many) <= len(one) + 2  # the second period's figures, not its evidence


def test_the_sign_off_page_shows_the_periods_evidence_to_the_approver(world, records, as_user):
    data_return = DataReturn.objects.create(
        target=records["target"], period="2009/10 Q1", status=DataReturn.Status.SUBMITTED
    )
    attach(records["actual"], world.lead, "Police extract, Q1")
    attach(data_return, world.lead, "Covering note")
    page = as_user(world.secretariat).get(data_return.get_absolute_url()).content.decode()
    assert "Sign off" in page and "Evidence for the figures" in page
    assert "Police extract, Q1" in page and "Covering note" in page
    assert page.index("Evidence for the figures") < page.index("Sign off")


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("action", "/plans/actions/{pk}/edit/"),
        ("risk", "/plans/risks/{pk}/edit/"),
        ("item", "/meetings/items/{pk}/edit/"),
    ],
)
def test_the_records_edit_page_lists_its_evidence(world, records, as_user, name, url):
    attach(records[name], world.lead, "Briefing paper")
    page = as_user(world.lead).get(url.format(pk=records[name].pk)).content.decode()
    assert "Briefing paper" in page and "Attach evidence" in page


def test_plan_and_meeting_pages_link_each_record_to_its_evidence(world, records, as_user):
    plan = records["action"].plan
    page = as_user(world.observer).get(plan.get_absolute_url()).content.decode()
    assert f"/evidence/plans.action/{records['action'].pk}/" in page
    assert f"/evidence/plans.risk/{records['risk'].pk}/" in page
    page = as_user(world.observer).get(records["item"].meeting.get_absolute_url()).content.decode()
    assert f"/evidence/meetings.agendaitem/{records['item'].pk}/" in page


def test_a_file_attached_by_the_action_is_listed_with_its_size(world, records, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    actions.evidence_attach(
        record=records["risk"],
        holder=holder_for(type(records["risk"])),
        title="Risk log",
        by=world.lead,
        upload=SimpleUploadedFile("log.pdf", PDF),
        kind=PDF_KIND,
    )
    page = as_user(world.observer).get(f"/evidence/plans.risk/{records['risk'].pk}/")
    assert "PDF, 77 bytes, log.pdf" in page.content.decode()
