"""The Django admin: every model is there for a superuser, nobody else gets in, evidence is
read only, and an admin save moves an edited row's version on."""

import datetime as dt

import pytest
from django.contrib import admin
from django.test import RequestFactory

from indicators.models import FrozenRating
from partnerships.models import User
from plans.models import Action, DeliveryPlan
from tests.conftest import client_for
from tests.plans.factories import make_action, make_plan

pytestmark = pytest.mark.django_db

APPS = ("partnerships", "evidence", "indicators", "plans", "meetings", "funding")
REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in APPS
)


def _searchable(app: str, model: str) -> bool:
    from django.apps import apps

    return bool(admin.site._registry[apps.get_model(app, model)].search_fields)


# Evidence of what was approved or sent: looked at in the admin, never added or changed; and
# documents the worker built (deleted at most, to build again).
READ_ONLY = {
    "document",
    "importrun",
    "evidence",
    "frozenrating",
    "actualrevision",
    "sentreminder",
    "signinevent",
    "signedinsession",
}


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin@example.test", "a-long-admin-password")


def test_every_model_of_the_apps_is_in_the_admin():
    from django.apps import apps

    missing = [
        model._meta.label
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if model not in admin.site._registry
        and not model._meta.auto_created
        and not model.__name__.startswith("Historical")
    ]
    assert missing == []


@pytest.mark.parametrize(("app", "model"), REGISTERED)
def test_a_superuser_opens_each_list_and_add_page(superuser, app, model):
    client = client_for(superuser)
    assert client.get(f"/admin/{app}/{model}/").status_code == 200
    add = client.get(f"/admin/{app}/{model}/add/").status_code
    assert add == (403 if model in READ_ONLY else 200)


@pytest.mark.parametrize(
    ("app", "model"),
    [(app, model) for app, model in REGISTERED if _searchable(app, model)],
)
def test_a_superuser_searches_each_list_that_has_a_search_box(superuser, app, model):
    response = client_for(superuser).get(f"/admin/{app}/{model}/", {"q": "Essex"})
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["secretariat", "lead", "observer"])
def test_people_of_the_agreement_are_not_let_into_the_admin(world, persona):
    response = client_for(getattr(world, persona)).get("/admin/partnerships/action/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_sign_off_evidence_cannot_be_changed_in_the_admin(superuser):
    evidence = admin.site._registry[FrozenRating]
    request = RequestFactory().get("/admin/")
    request.user = superuser
    assert not evidence.has_change_permission(request)
    assert not evidence.has_delete_permission(request)


def test_an_admin_save_moves_the_version_on_so_an_open_form_gets_the_conflict(
    world, superuser, as_user
):
    plan = make_plan(world.safer, owner=world.person(world.lead))
    action = make_action(plan, "Fund the IDVA service", due_on=dt.date(2010, 3, 31))
    opened_at = action.version
    request = RequestFactory().post("/admin/")
    request.user = superuser
    action.title = "Fund two IDVA posts"
    admin.site._registry[Action].save_model(request, action, form=None, change=True)
    assert Action.objects.get(pk=action.pk).version == opened_at + 1

    stale = as_user(world.lead).post(
        f"/plans/actions/{action.pk}/progress/",
        {"version": opened_at, "status": "on_track", "percent_complete": 60, "progress_note": "x"},
    )
    assert "while you were editing it" in stale.content.decode()
    assert Action.objects.get(pk=action.pk).title == "Fund two IDVA posts"


def test_a_plans_document_version_is_not_moved_by_an_admin_save(world, superuser):
    plan = make_plan(world.safer)
    request = RequestFactory().post("/admin/")
    request.user = superuser
    admin.site._registry[DeliveryPlan].save_model(request, plan, form=None, change=True)
    assert DeliveryPlan.objects.get(pk=plan.pk).version == 1
