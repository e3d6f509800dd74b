"""Where a person is signed in, ending sessions, access ending with the last role, and the
sign-in log the secretariat sees."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from partnerships.invitations import invitation_send, invitation_withdraw
from partnerships.models import Membership, SignedInSession, SignInEvent
from tests.conftest import client_for
from tests.factories import make_person


def sign_in(user, browser: str = "Firefox on Windows", ip: str = "10.0.0.1") -> Client:
    client = Client(HTTP_USER_AGENT=browser, REMOTE_ADDR=ip)
    response = client.post("/accounts/login/", {"username": user.email, "password": "pass-word-1"})
    assert response.status_code == 302
    return client


def is_signed_in(client: Client) -> bool:
    return client.get("/account/sessions/").status_code == 200


def test_a_person_sees_where_they_are_signed_in(world):
    sign_in(world.lead, "Firefox on Windows", "10.0.0.1")
    phone = sign_in(world.lead, "Safari on iPhone", "10.0.0.2")
    page = phone.get("/account/sessions/").text
    assert "Firefox on Windows" in page and "10.0.0.1" in page
    assert "Safari on iPhone" in page and "10.0.0.2" in page
    assert page.count("This session") == 1
    assert "(password)" in page


def test_ending_other_sessions_signs_them_out_and_keeps_this_one(world):
    laptop = sign_in(world.lead, "Firefox on Windows")
    phone = sign_in(world.lead, "Safari on iPhone")
    someone_else = sign_in(world.chair)
    response = phone.post("/account/sessions/end-others/", follow=True)
    assert "Signed out of 1 other session." in response.text
    assert not is_signed_in(laptop)
    assert is_signed_in(phone)
    assert is_signed_in(someone_else)
    assert SignedInSession.objects.filter(user=world.lead).count() == 1


def test_ending_someones_last_role_deletes_their_sessions(world):
    lead = sign_in(world.lead)
    membership = Membership.objects.get(person__user=world.lead)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client_for(world.secretariat).post(
        f"/memberships/{membership.pk}/end/", {"ends_on": yesterday.isoformat()}
    )
    assert response.status_code == 302
    assert not is_signed_in(lead)
    assert not SignedInSession.objects.filter(user=world.lead).exists()


def test_ending_one_of_several_roles_keeps_them_signed_in(world):
    Membership.objects.create(
        person=world.person(world.lead), partnership=world.pmg, role=Membership.Role.MEMBER
    )
    lead = sign_in(world.lead)
    membership = Membership.objects.get(person__user=world.lead, partnership=world.safer)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    client_for(world.secretariat).post(
        f"/memberships/{membership.pk}/end/", {"ends_on": yesterday.isoformat()}
    )
    assert is_signed_in(lead)


def test_withdrawing_the_invitation_that_was_their_only_role_signs_them_out(world, mailoutbox):
    from tests.factories import make_user

    user = make_user("pat@example.test")
    make_person(world.essex, "Pat", user=user, email="pat@example.test")
    invitation = invitation_send(
        partnership=world.safer,
        role=Membership.Role.MEMBER,
        name="Pat",
        email="pat@example.test",
        organisation=None,
        by=world.secretariat,
    )
    pat = sign_in(user)
    assert is_signed_in(pat)
    invitation_withdraw(invitation=invitation)
    assert not is_signed_in(pat)


def test_sign_ins_and_failures_are_logged(world):
    sign_in(world.lead, "Firefox on Windows", "10.0.0.9")
    Client(REMOTE_ADDR="10.0.0.66").post(
        "/accounts/login/", {"username": "lead@example.test", "password": "wrong"}
    )
    success, failure = (
        SignInEvent.objects.get(is_success=True, user=world.lead),
        SignInEvent.objects.get(is_success=False),
    )
    assert (success.method, success.ip_address, success.user_agent) == (
        "password",
        "10.0.0.9",
        "Firefox on Windows",
    )
    assert (failure.email, failure.ip_address, failure.user) == (
        "lead@example.test",
        "10.0.0.66",
        world.lead,
    )


def test_the_secretariat_sees_its_agreements_sign_ins_only(world, django_assert_max_num_queries):
    sign_in(world.lead, ip="10.0.0.9")
    Client().post("/accounts/login/", {"username": "cwop@example.test", "password": "wrong"})
    sign_in(world.outsider, ip="10.9.9.9")
    secretariat = client_for(world.secretariat)
    with django_assert_max_num_queries(12):
        page = secretariat.get("/agreement/sign-ins/")
    assert page.status_code == 200
    assert "lead@example.test" in page.text and "10.0.0.9" in page.text
    assert "cwop@example.test" in page.text and "Refused" in page.text
    assert "hereford@example.test" not in page.text
    assert "10.9.9.9" not in page.text


def test_others_may_not_see_the_sign_in_log(world):
    assert client_for(world.lead).get("/agreement/sign-ins/").status_code == 403
    assert client_for(world.observer).get("/agreement/sign-ins/").status_code == 403
    assert client_for(world.outsider).get("/agreement/sign-ins/").status_code == 403
    assert Client().get("/agreement/sign-ins/")["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_cannot_list_or_end_sessions(db):
    assert Client().get("/account/sessions/")["Location"].startswith("/accounts/login/")
    assert Client().post("/account/sessions/end-others/")["Location"].startswith("/accounts/login/")


def test_last_seen_is_written_at_most_once_a_minute(world):
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships.sessions import SEEN_KEY

    client = sign_in(world.lead)
    row = SignedInSession.objects.get(user=world.lead)
    with CaptureQueriesContext(connection) as within_the_minute:
        client.get("/account/sessions/")
    assert not [q for q in within_the_minute if 'signedinsession" SET' in q["sql"].lower()]
    session = client.session
    session[SEEN_KEY] = time.time() - 120
    session.save()
    SignedInSession.objects.filter(pk=row.pk).update(last_seen=row.created_at.replace(year=2000))
    client.get("/account/sessions/")
    assert SignedInSession.objects.get(pk=row.pk).last_seen.year != 2000
