"""Writing figures through the API: the web form's rules for one, the import's for many."""

from decimal import Decimal

import pytest

from indicators.models import Actual, DataReturn
from tests.api.conftest import token_client

Q2 = "2009/10 Q2"


def _one(target, **extra):
    return {"target": target.pk, "period": Q2, "value": "24.5", "commentary": "Better.", **extra}


def test_a_lead_enters_one_figure_kept_in_history_as_them_via_api(world, figures):
    target = figures[0]
    response = token_client(world.lead).post("/api/v1/actuals/", _one(target), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["value"] == "24.5000" and response.json()["version"] == 1
    actual = Actual.objects.get(target=target, period=Q2)
    assert actual.entered_by == world.lead
    record = actual.history.get()
    assert record.history_user == world.lead and record.history_change_reason == "via API"


def test_one_figure_is_checked_as_the_form_checks_it(world, figures):
    client = token_client(world.lead)
    response = client.post(
        "/api/v1/actuals/", _one(figures[0], value=None, period="2030/31 Q1"), format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "period" in errors and errors["value"][0]["message"].startswith("Enter a value")
    assert not Actual.objects.filter(period=Q2).exists()


def test_a_stale_version_is_a_conflict_and_writes_nothing(world, figures):
    target = figures[0]
    client = token_client(world.lead)
    body = _one(target, period="2009/10 Q1", version=0)
    response = client.post("/api/v1/actuals/", body, format="json")
    assert response.status_code == 409
    assert response.json()["current_version"] == 1 and "while you were editing" in str(
        response.json()
    )
    assert Actual.objects.get(target=target, period="2009/10 Q1").value == Decimal("27")
    saved = client.post("/api/v1/actuals/", {**body, "version": 1}, format="json")
    assert saved.status_code == 201 and saved.json()["version"] == 2


def test_an_approved_period_is_locked(world, figures):
    target = figures[0]
    DataReturn.objects.create(target=target, period=Q2, status=DataReturn.Status.APPROVED)
    response = token_client(world.lead).post("/api/v1/actuals/", _one(target), format="json")
    assert response.status_code == 409 and "locked" in response.json()["detail"]
    assert not Actual.objects.filter(period=Q2).exists()


@pytest.mark.parametrize("who", ["observer", "other_lead", "chair"])
def test_people_who_may_not_enter_the_figure_are_refused_403(world, figures, who):
    response = token_client(getattr(world, who)).post(
        "/api/v1/actuals/", _one(figures[0]), format="json"
    )
    assert response.status_code == 403
    assert not Actual.objects.filter(period=Q2).exists()


def test_another_agreements_target_answers_404(world, figures):
    response = token_client(world.outsider).post(
        "/api/v1/actuals/", _one(figures[0]), format="json"
    )
    assert response.status_code == 404


def _rows(*extra):
    base = [
        {"indicator_code": "NI 32", "period": Q2, "value": 24},
        {"indicator_code": "NI 32", "period": "2009/10 Q3", "value": "23.5", "commentary": "Good"},
        {"indicator_code": "NI 139", "period": Q2, "value": None, "missing_reason": "Survey late"},
    ]  # fmt: skip
    return base + list(extra)


def test_a_batch_is_written_as_the_import_writes_it(world, figures):
    response = token_client(world.secretariat).post("/api/v1/actuals/", _rows(), format="json")
    assert response.status_code == 201, response.json()
    assert response.json() | {"warnings": []} == {
        "created": 3, "updated": 0, "unchanged": 0, "warnings": [],
    }  # fmt: skip
    actual = Actual.objects.get(target=figures[0], period="2009/10 Q3")
    assert actual.value == Decimal("23.5") and actual.entered_by == world.secretariat
    record = actual.history.get()
    assert record.history_change_reason == "via API" and record.history_user == world.secretariat


def test_a_bad_row_rejects_the_batch_listing_every_problem(world, figures):
    rows = _rows(
        {"indicator_code": "NI 999", "period": Q2, "value": 1},
        {"indicator_code": "NI 32", "period": "2009/10 Q4", "value": "lots"},
        {"indicator_code": "NI 32", "period": Q2, "value": 25},
    )
    response = token_client(world.secretariat).post("/api/v1/actuals/", rows, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Nothing was saved."
    where = {(p["row"], p["field"]) for p in body["problems"]}
    assert {(3, "indicator_code"), (4, "value"), (5, "period")} <= where
    assert "repeats row 0" in str(body["problems"])
    assert Actual.objects.count() == 2  # the fixtures' own


def test_a_lead_may_push_only_their_own_targets_figures(world, figures):
    response = token_client(world.lead).post("/api/v1/actuals/", _rows(), format="json")
    assert response.status_code == 403
    assert response.json()["problems"] == [
        {"row": 2, "field": "indicator_code", "message": "You may not enter figures for NI 139."}
    ]
    assert Actual.objects.count() == 2


def test_an_approved_period_in_a_batch_rejects_it(world, figures):
    DataReturn.objects.create(target=figures[0], period=Q2, status=DataReturn.Status.APPROVED)
    response = token_client(world.secretariat).post("/api/v1/actuals/", _rows(), format="json")
    assert response.status_code == 400 and "approved and locked" in str(response.json())
    assert Actual.objects.count() == 2


def test_an_observer_pushing_a_batch_is_refused(world, figures):
    response = token_client(world.observer).post("/api/v1/actuals/", _rows(), format="json")
    assert response.status_code == 403 and Actual.objects.count() == 2


@pytest.mark.parametrize("batch", [True, False])
def test_a_retry_with_the_same_idempotency_key_adds_nothing(world, figures, batch):
    client = token_client(world.secretariat)
    body = _rows() if batch else _one(figures[0])
    first = client.post("/api/v1/actuals/", body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    count, history = Actual.objects.count(), Actual.history.count()
    again = client.post("/api/v1/actuals/", body, format="json", HTTP_IDEMPOTENCY_KEY="push-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert (Actual.objects.count(), Actual.history.count()) == (count, history)
    other = client.post(
        "/api/v1/actuals/", _one(figures[0], value="1"), format="json",
        HTTP_IDEMPOTENCY_KEY="push-1",
    )  # fmt: skip
    assert other.status_code == 422


def test_the_same_key_from_another_person_is_theirs(world, figures):
    body = _one(figures[0])
    token_client(world.secretariat).post(
        "/api/v1/actuals/", body, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    response = token_client(world.lead).post(
        "/api/v1/actuals/", {**body, "version": 1}, format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 201 and response.json()["version"] == 2


def test_writing_is_rate_limited(world, figures, settings):
    settings.API_RATE = "1/hour"
    client = token_client(world.lead)
    assert client.post("/api/v1/actuals/", _one(figures[0]), format="json").status_code == 201
    assert client.post("/api/v1/actuals/", _one(figures[0]), format="json").status_code == 429
