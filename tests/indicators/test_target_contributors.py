"""Target contributors on the target edit page (issue 16): the secretariat and the
responsible partnership's lead or deputy set them, within the target's agreement, with
history and the edit page's version rule."""

from __future__ import annotations

import pytest

from indicators.models import Target
from indicators.views.targets import _history
from tests.factories import make_organisation, make_partnership, with_version
from tests.indicators.factories import make_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(world):
    return make_target(world.safer)


def _url(target: Target) -> str:
    return f"/indicators/targets/{target.pk}/edit/"


def _form(target: Target, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "designation": "improvement",
        "priority": 2,
        "baseline": "28",
        "baseline_period": "2007/08",
        "tolerance_kind": "percent",
        "tolerance": "5",
        "status": "active",
        **extra,
    }
    return with_version(target, data)


@pytest.mark.parametrize("persona", ["secretariat", "lead"])
def test_secretariat_and_partnership_lead_set_contributors(world, as_user, target, persona):
    organisation = make_organisation(world.essex, "Essex Police")
    client = as_user(getattr(world, persona))
    page = client.get(_url(target)).text
    assert "Contributing partnerships" in page and "Essex Police" in page
    response = client.post(
        _url(target),
        _form(
            target,
            contributing_partnerships=[world.cwop.pk],
            contributing_organisations=[organisation.pk],
        ),
    )
    assert response.status_code == 302
    assert list(target.contributing_partnerships.all()) == [world.cwop]
    assert list(target.contributing_organisations.all()) == [organisation]
    target.refresh_from_db()
    assert target.version == 2
    # History: the change is recorded, and the target page names it.
    assert target.history.first().contributing_partnerships.filter(partnership=world.cwop).exists()
    detail = client.get(f"/indicators/targets/{target.pk}/").text
    assert "Essex Police" in detail and world.cwop.name in detail
    changes = {e["what"]: (e["old"], e["new"]) for e in _history(target)}
    assert changes["contributing partnerships"] == ("–", world.cwop.name)
    assert changes["contributing organisations"] == ("–", "Essex Police")


def test_another_agreements_partnership_or_organisation_is_refused(world, as_user, target):
    elsewhere = make_organisation(world.hereford, "Herefordshire Council")
    client = as_user(world.secretariat)
    for field, pk in (
        ("contributing_partnerships", world.hereford_pmg.pk),
        ("contributing_organisations", elsewhere.pk),
    ):
        response = client.post(_url(target), _form(target, **{field: [pk]}))
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
    assert not target.contributing_partnerships.exists()
    assert not target.contributing_organisations.exists()


def test_a_stale_save_of_contributors_is_refused(world, as_user, target):
    organisation = make_organisation(world.essex, "Essex Police")
    stale = _form(target, contributing_organisations=[organisation.pk])
    assert (
        as_user(world.lead)
        .post(_url(target), _form(target, contributing_partnerships=[world.cwop.pk]))
        .status_code
        == 302
    )
    response = as_user(world.secretariat).post(_url(target), stale)
    assert response.status_code == 200
    assert "while you were editing it" in response.text
    assert not target.contributing_organisations.exists()
    assert list(target.contributing_partnerships.all()) == [world.cwop]


def test_without_a_version_nothing_is_saved(world, as_user, target):
    data = _form(target, contributing_partnerships=[world.cwop.pk])
    del data["version"]
    response = as_user(world.secretariat).post(_url(target), data)
    assert "reload the page" in response.text
    assert not target.contributing_partnerships.exists()


def test_a_target_lead_alone_cannot_set_them(world, as_user, target):
    from tests.factories import make_member_with_login

    user, person = make_member_with_login(world.cwop, "member", "member@example.test")
    Target.objects.filter(pk=target.pk).update(lead=person)
    client = as_user(user)
    assert "Contributing partnerships" not in client.get(_url(target)).text
    response = client.post(
        _url(target), _form(target, lead=person.pk, contributing_partnerships=[world.cwop.pk])
    )
    assert response.status_code == 302
    assert not target.contributing_partnerships.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("observer", 403), ("other_lead", 403), ("outsider", 404)]
)
def test_others_may_not(world, as_user, target, persona, status):
    client = as_user(getattr(world, persona))
    assert client.get(_url(target)).status_code == status
    data = _form(target, contributing_partnerships=[world.cwop.pk])
    assert client.post(_url(target), data).status_code == status
    assert not target.contributing_partnerships.exists()


def test_anonymous_is_sent_to_sign_in(world, as_user, target):
    client = as_user(None)
    response = client.post(_url(target), _form(target, contributing_partnerships=[world.cwop.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not target.contributing_partnerships.exists()


def test_a_new_partnership_of_the_agreement_is_offered(world, as_user, target):
    extra = make_partnership(world.essex, "Children's Trust")
    page = as_user(world.lead).get(_url(target)).text
    assert "Children&#x27;s Trust" in page or "Children's Trust" in page
    assert extra.pk
