"""Indicator catalogue and target pages: reading, entering actuals in place, permissions."""

from decimal import Decimal

import pytest

from indicators.models import Actual, Target
from partnerships.models import Membership
from tests.factories import make_member_with_login
from tests.indicators.factories import add_actual, make_indicator, make_target, set_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(world):
    owner_user, owner = make_member_with_login(
        world.safer, Membership.Role.MEMBER, "owner@example.test", "Duncan Wood"
    )
    world.data_owner = owner_user
    t = make_target(world.safer, lead=None, data_owner=owner)
    set_values(t, **{"2009/10": "25", "2009/10 Q1": "26", "2009/10 Q2": "25.5"})
    add_actual(t, "2009/10 Q1", "27.5", commentary="More people feel confident to report.")
    return t


def post_actual(client, target, **data):
    payload = {"period": "2009/10 Q2", "value": "26.0", "status": "provisional", "quality": "",
               "commentary": "", "missing_reason": "", "version": ""}  # fmt: skip
    payload.update(data)
    return client.post(f"/indicators/targets/{target.pk}/actuals/", payload)


def test_target_page_shows_rating_explanation_chart_and_history(world, as_user, target):
    response = as_user(world.observer).get(f"/indicators/targets/{target.pk}/")
    assert response.status_code == 200
    text = response.text
    assert "Why red?" in text  # 27.5 vs 26 with 5% tolerance (1.3) is red for lower-is-better
    assert "actual 27.5 is above the target 26.0" in text
    assert "<svg" in text and "Actuals and profiled targets by period" in text
    assert "More people feel confident to report." in text
    assert "History of changes" in text and "2009/10 Q1 actual entered" in text


@pytest.mark.parametrize("persona", ["lead", "secretariat", "data_owner"])
def test_lead_secretariat_and_data_owner_enter_an_actual(world, as_user, target, persona):
    response = post_actual(as_user(getattr(world, persona)), target, value="25.4")
    assert response.status_code == 302
    actual = Actual.objects.get(target=target, period="2009/10 Q2")
    assert actual.value == Decimal("25.4")
    assert actual.entered_by == getattr(world, persona)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("observer", 403), ("other_lead", 403), ("chair", 403), ("outsider", 404)],
)
def test_others_cannot_enter_actuals_and_nothing_is_written(
    world, as_user, target, persona, status
):
    response = post_actual(as_user(getattr(world, persona)), target)
    assert response.status_code == status
    assert not Actual.objects.filter(target=target, period="2009/10 Q2").exists()


def test_anonymous_is_sent_to_sign_in(world, client, target):
    assert client.get(f"/indicators/targets/{target.pk}/")["Location"].startswith(
        "/accounts/login/"
    )
    assert post_actual(client, target).status_code == 302
    assert not Actual.objects.filter(period="2009/10 Q2").exists()


def test_observer_sees_no_entry_form(world, as_user, target):
    text = as_user(world.observer).get(f"/indicators/targets/{target.pk}/").text
    assert "Enter or correct an actual" not in text
    assert "Save actual" not in text


def test_htmx_entry_returns_the_updated_fragment_only(world, as_user, target):
    response = as_user(world.lead).post(
        f"/indicators/targets/{target.pk}/actuals/",
        {
            "period": "2009/10 Q2",
            "value": "25.0",
            "status": "final",
            "quality": "",
            "commentary": "On track",
            "missing_reason": "",
            "version": "",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="target-data"' in response.text
    assert 'data-period="2009/10 Q2"' in response.text
    assert "Green" in response.text


def test_a_value_that_is_not_a_number_is_refused_clearly(world, as_user, target):
    response = post_actual(as_user(world.lead), target, value="n/a")
    assert response.status_code == 200
    assert "Enter a number." in response.text
    assert not Actual.objects.filter(target=target, period="2009/10 Q2").exists()


def test_no_value_needs_a_reason(world, as_user, target):
    response = post_actual(as_user(world.lead), target, value="")
    assert "Enter a value, or say why there is none." in response.text
    response = post_actual(
        as_user(world.lead), target, value="", missing_reason="Police data delayed"
    )
    assert response.status_code == 302
    assert (
        Actual.objects.get(target=target, period="2009/10 Q2").missing_reason
        == "Police data delayed"
    )


def test_a_period_outside_the_agreement_is_refused(world, as_user, target):
    response = post_actual(as_user(world.lead), target, period="2015/16 Q1")
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_stale_edit_gets_a_conflict_message_and_nothing_is_lost(world, as_user, target):
    first = Actual.objects.get(target=target, period="2009/10 Q1")
    seen_version = first.version
    post_actual(
        as_user(world.secretariat), target, period="2009/10 Q1", value="27.0", version=seen_version
    )
    response = post_actual(
        as_user(world.lead), target, period="2009/10 Q1", value="26.9", version=seen_version
    )
    assert response.status_code == 200
    assert "Someone else changed this actual" in response.text
    assert "27.0" in response.text  # the other person's figure is shown
    assert 'value="26.9"' in response.text  # and ours is kept in the form
    assert Actual.objects.get(target=target, period="2009/10 Q1").value == Decimal("27.0")
    # Having seen their figure, saving again replaces it: the form now carries its version.
    current = Actual.objects.get(target=target, period="2009/10 Q1").version
    assert f'name="version" value="{current}"' in response.text
    post_actual(as_user(world.lead), target, period="2009/10 Q1", value="26.9", version=current)
    assert Actual.objects.get(target=target, period="2009/10 Q1").value == Decimal("26.9")


def test_entering_an_actual_is_kept_in_history(world, as_user, target):
    post_actual(as_user(world.lead), target, value="25.4")
    post_actual(as_user(world.lead), target, value="25.2", version=1)
    history = Actual.history.filter(target_id=target.pk, period="2009/10 Q2").order_by(
        "history_date"
    )
    assert [h.value for h in history] == [Decimal("25.4"), Decimal("25.2")]
    assert all(h.history_user == world.lead for h in history)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("lead", 200),
        ("observer", 403),
        ("other_lead", 403),
        ("outsider", 404),
    ],
)
def test_changing_a_target_is_for_its_leads_and_the_secretariat(
    world, as_user, target, persona, status
):
    assert (
        as_user(getattr(world, persona)).get(f"/indicators/targets/{target.pk}/edit/").status_code
        == status
    )
    assert (
        as_user(getattr(world, persona))
        .get(f"/indicators/targets/{target.pk}/profile/")
        .status_code
        == status
    )


def test_target_edit_requires_a_baseline_or_a_reason(world, as_user, target):
    response = as_user(world.lead).post(
        f"/indicators/targets/{target.pk}/edit/",
        {"designation": "improvement", "priority": 1, "baseline": "", "baseline_awaited_reason": "",
         "tolerance_kind": "percent", "tolerance": "5"},
    )  # fmt: skip
    assert "Give the baseline, or say why it is awaited." in response.text
    target.refresh_from_db()
    assert target.baseline == Decimal("28")


def test_profile_generated_cumulatively_from_annual_targets(world, as_user, target):
    response = as_user(world.lead).post(
        f"/indicators/targets/{target.pk}/profile/", {"method": "cumulative"}
    )
    assert response.status_code == 302
    values = dict(
        target.values.filter(period__startswith="2009/10 Q").values_list("period", "value")
    )
    # Rounded half up to the indicator's one decimal place.
    assert values == {"2009/10 Q1": Decimal("6.3"), "2009/10 Q2": Decimal("12.5"),
                      "2009/10 Q3": Decimal("18.8"), "2009/10 Q4": Decimal("25")}  # fmt: skip


def test_catalogue_filters_and_searches(world, as_user, target):
    make_target(
        world.cwop,
        make_indicator(
            world.essex, "NI 135", title="Carers receiving assessment", polarity="higher"
        ),
    )
    client = as_user(world.lead)
    text = client.get("/indicators/", {"q": "carers"}).text
    assert "NI 135" in text and "NI 32" not in text
    text = client.get("/indicators/", {"partnership": world.safer.pk}).text
    assert "NI 32" in text and "NI 135" not in text


def test_catalogue_and_indicator_pages_are_404_for_outsiders(world, as_user, target):
    assert "NI 32" not in as_user(world.outsider).get("/indicators/").text
    assert as_user(world.outsider).get(f"/indicators/{target.indicator.pk}/").status_code == 404
    assert as_user(world.outsider).get(f"/indicators/targets/{target.pk}/").status_code == 404


def test_catalogue_runs_a_bounded_number_of_queries(world, as_user, django_assert_max_num_queries):
    for n in range(40):
        t = make_target(world.safer, make_indicator(world.essex, f"LI {n}"))
        set_values(t, **{"2009/10 Q1": "10"})
        add_actual(t, "2009/10 Q1", "9")
    client = as_user(world.lead)
    with django_assert_max_num_queries(12):
        assert client.get("/indicators/").status_code == 200


def test_target_page_runs_a_bounded_number_of_queries(
    world, as_user, target, django_assert_max_num_queries
):
    for period in ("2008/09 Q1", "2008/09 Q2", "2008/09 Q3", "2008/09 Q4", "2009/10 Q2"):
        add_actual(target, period, "27")
    client = as_user(world.lead)
    with django_assert_max_num_queries(21):  # with the actuals' evidence (2, evidence/)
        assert client.get(f"/indicators/targets/{target.pk}/").status_code == 200


def test_removed_target_says_so(world, as_user, target):
    Target.objects.filter(pk=target.pk).update(
        status="removed", removed_reason="Dropped at the 2009 refresh"
    )
    assert (
        "Dropped at the 2009 refresh"
        in as_user(world.lead).get(f"/indicators/targets/{target.pk}/").text
    )


def test_removing_a_target_at_refresh_needs_a_reason_and_date(world, as_user, target):
    form = {
        "designation": "improvement",
        "priority": 1,
        "baseline": "28",
        "tolerance_kind": "percent",
        "tolerance": "5",
        "status": "removed",
        "version": target.version,
    }
    response = as_user(world.secretariat).post(f"/indicators/targets/{target.pk}/edit/", form)
    assert "Say why the target was removed at refresh." in response.text
    assert "Give the date the target was removed." in response.text
    target.refresh_from_db()
    assert target.status == "active"
    form |= {"removed_reason": "Replaced by NI 32 at the 2009 refresh", "removed_on": "2009-06-30"}
    assert (
        as_user(world.secretariat).post(f"/indicators/targets/{target.pk}/edit/", form).status_code
        == 302
    )
    target.refresh_from_db()
    assert target.status == "removed"
