"""Invitations by e-mail (partnerships/invitations.py): the link, its life and who may send one."""

import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from partnerships.models import Invitation, Membership, Person, User
from tests.factories import make_member_with_login, make_user

pytestmark = pytest.mark.django_db

Role = Membership.Role
PASSWORD = "a-long-and-unusual-passphrase"


def invite(client: Client, world, follow: bool = False, **data: object):
    post = {
        "name": "Priya Shah",
        "email": "priya@example.test",
        "partnership": world.safer.pk,
        "role": Role.MEMBER,
        **data,
    }
    return client.post("/invitations/new/", post, follow=follow)


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def sent_link(client: Client, world, **data: object) -> str:
    response = invite(client, world, **data)
    assert response.status_code == 302, response.content
    return link_in(mail.outbox[-1])


def accept_with_password(link: str) -> Client:
    visitor = Client()
    response = visitor.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302, response.content
    return visitor


def test_invited_person_sets_a_password_and_sees_the_agreement(world, as_user):
    response = invite(as_user(world.secretariat), world)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["priya@example.test"]
    assert "Essex LAA" in message.subject
    link = link_in(message)

    page = Client().get(link)
    assert page.status_code == 200
    assert "Join Essex LAA" in page.text

    visitor = accept_with_password(link)
    home = visitor.get("/")
    assert home.status_code == 200
    assert "Essex LAA" in home.text
    assert visitor.get(f"/partnerships/{world.safer.pk}/").status_code == 200
    priya = Person.objects.get(agreement=world.essex, email="priya@example.test")
    assert priya.user.check_password(PASSWORD)
    assert priya.memberships.current().filter(partnership=world.safer, role=Role.MEMBER).exists()


def test_only_a_hash_of_the_token_is_kept(world, as_user):
    link = sent_link(as_user(world.secretariat), world)
    token = link.split("/")[2]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())


def test_an_expired_link_no_longer_works(world, as_user):
    link = sent_link(as_user(world.secretariat), world)
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    visitor = Client()
    response = visitor.get(link)
    assert response.status_code == 404
    assert "This link no longer works" in response.text
    response = visitor.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 404
    assert not User.objects.filter(email="priya@example.test").exists()


def test_a_link_works_only_once(world, as_user):
    link = sent_link(as_user(world.secretariat), world)
    accept_with_password(link)
    other = Client()
    assert other.get(link).status_code == 404
    response = other.post(
        link, {"new_password1": "x-other-pass-99", "new_password2": "x-other-pass-99"}
    )
    assert response.status_code == 404
    assert User.objects.get(email="priya@example.test").check_password(PASSWORD)


def test_resending_sends_a_new_link_and_the_old_one_stops_working(world, as_user):
    secretariat = as_user(world.secretariat)
    old = sent_link(secretariat, world)
    invitation = Invitation.objects.get()
    response = secretariat.post(f"/invitations/{invitation.pk}/resend/")
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    new = link_in(mail.outbox[1])
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    accept_with_password(new)


def test_a_withdrawn_invitation_no_longer_works_and_its_role_is_removed(world, as_user):
    secretariat = as_user(world.secretariat)
    link = sent_link(secretariat, world)
    invitation = Invitation.objects.get()
    assert secretariat.post(f"/invitations/{invitation.pk}/withdraw/").status_code == 302
    assert Client().get(link).status_code == 404
    assert not invitation.person.memberships.exists()
    # Nothing pending is left to resend or withdraw again.
    assert secretariat.post(f"/invitations/{invitation.pk}/resend/").status_code == 404


def test_someone_signed_in_as_the_invited_address_joins_with_their_account(world, as_user):
    priya, _ = make_member_with_login(world.hereford_pmg, Role.MEMBER, "priya@example.test")
    link = sent_link(as_user(world.secretariat), world, email="Priya@Example.test")
    client = as_user(priya)
    page = client.get(link)
    assert page.status_code == 200
    assert client.post(link).status_code == 302
    assert client.get(f"/partnerships/{world.safer.pk}/").status_code == 200
    essex_self = Person.objects.get(agreement=world.essex, user=priya)
    assert essex_self.memberships.filter(partnership=world.safer).exists()
    priya.refresh_from_db()
    assert priya.check_password("pass-word-1")  # no new password, no second sign-in
    assert Invitation.objects.get().accepted_at is not None


def test_someone_with_an_account_is_asked_to_sign_in_and_then_joins(world, as_user):
    priya = make_user("priya@example.test")
    link = sent_link(as_user(world.secretariat), world)
    visitor = Client()
    page = visitor.get(link)
    assert f'href="/accounts/login/?next={link}"' in page.text
    response = visitor.post(
        "/accounts/login/",
        {"username": "priya@example.test", "password": "pass-word-1", "next": link},
    )
    assert response.status_code == 302
    assert response["Location"] == link
    assert visitor.post(link).status_code == 302
    assert Person.objects.get(agreement=world.essex, email="priya@example.test").user == priya
    assert visitor.get(f"/partnerships/{world.safer.pk}/").status_code == 200


def test_someone_else_signed_in_cannot_use_the_link(world, as_user):
    link = sent_link(as_user(world.secretariat), world)
    lead = as_user(world.lead)
    page = lead.get(link)
    assert page.status_code == 403
    assert "Sign out" in page.text
    assert lead.post(link).status_code == 403
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None
    assert invitation.person.user is None
    accept_with_password(link)  # still works for its owner


def _normalised(text: str, *secrets: str) -> str:
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'nonce="[^"]+"', "", text)
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    for n, secret in enumerate(secrets):
        text = text.replace(secret, f"<{n}>")
    return text


def test_nothing_says_whether_an_address_has_an_account(world, as_user):
    make_user("known@example.test")
    secretariat = as_user(world.secretariat)
    answers, pages, errors, bodies = [], [], [], []
    for email in ["known@example.test", "unknown@example.test"]:
        response = invite(secretariat, world, email=email, name="Sam Lee", follow=True)
        answers.append([_normalised(m.message, email) for m in response.context["messages"]])
        link = link_in(mail.outbox[-1])
        token = link.split("/")[2]
        bodies.append(_normalised(mail.outbox[-1].body, token))
        pages.append(_normalised(Client().get(link).text, token))
        mismatch = {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"}
        errors.append(_normalised(Client().post(link, mismatch).text, token))
        weak = {"new_password1": "12345678", "new_password2": "12345678"}
        errors.append(_normalised(Client().post(link, weak).text, token))
    assert answers[0][0].startswith("An invitation has been sent to <0>.")
    assert answers[0] == answers[1]
    assert bodies[0] == bodies[1]
    assert pages[0] == pages[1]
    assert errors[0] == errors[2] and errors[1] == errors[3]


def test_anonymous_visitors_are_sent_to_sign_in(world, client, as_user):
    for url in ["/invitations/", "/invitations/new/"]:
        assert client.get(url)["Location"].startswith("/accounts/login/")
    invite(as_user(world.secretariat), world)
    pk = Invitation.objects.get().pk
    for url in [f"/invitations/{pk}/resend/", f"/invitations/{pk}/withdraw/"]:
        assert client.post(url)["Location"].startswith("/accounts/login/")


def test_outsider_finds_no_invitation_of_another_agreement(world, as_user):
    invite(as_user(world.secretariat), world)
    pk = Invitation.objects.get().pk
    outsider = as_user(world.outsider)
    assert outsider.post(f"/invitations/{pk}/resend/").status_code == 404
    assert outsider.post(f"/invitations/{pk}/withdraw/").status_code == 404
    assert Invitation.objects.pending().count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("persona", ["observer", "chair"])
def test_observer_and_chair_may_not_invite_or_manage_invitations(world, as_user, persona):
    invite(as_user(world.secretariat), world)
    pk = Invitation.objects.get().pk
    client = as_user(getattr(world, persona))
    assert client.get("/invitations/new/").status_code == 403
    assert invite(client, world, email="x@example.test").status_code == 403
    assert client.get("/invitations/").status_code == 403
    assert client.post(f"/invitations/{pk}/resend/").status_code == 403
    assert client.post(f"/invitations/{pk}/withdraw/").status_code == 403
    assert len(mail.outbox) == 1


def test_a_lead_invites_only_members_and_deputies_of_their_own_partnership(world, as_user):
    lead = as_user(world.lead)
    form = lead.get("/invitations/new/")
    assert form.status_code == 200
    assert f'value="{world.safer.pk}"' in form.text
    assert f'value="{world.cwop.pk}"' not in form.text
    assert 'value="lead"' not in form.text
    assert invite(lead, world, role=Role.LEAD).status_code == 403
    assert invite(lead, world, role=Role.SECRETARIAT).status_code == 403
    assert invite(lead, world, partnership=world.cwop.pk).status_code == 403
    assert invite(lead, world, partnership=world.hereford_pmg.pk).status_code == 404
    assert invite(lead, world, email="lead@example.test").status_code == 403  # themselves
    # …however the partnership is written: the form reads " 4" as 4, and so does the rule.
    for written in (f" {world.safer.pk}", f"{world.safer.pk} "):
        response = invite(lead, world, email="lead@example.test", partnership=written)
        assert response.status_code == 403
    assert Membership.objects.filter(person=world.person(world.lead)).count() == 1
    assert len(mail.outbox) == 0
    assert not Invitation.objects.exists()
    assert invite(lead, world, role=Role.DEPUTY_LEAD).status_code == 302
    assert len(mail.outbox) == 1
    assert lead.get("/invitations/").status_code == 403


def test_the_secretariat_invites_anyone_to_any_role(world, as_user):
    secretariat = as_user(world.secretariat)
    response = invite(secretariat, world, partnership=world.pmg.pk, role=Role.SECRETARIAT)
    assert response.status_code == 302
    assert Membership.objects.filter(partnership=world.pmg, role=Role.SECRETARIAT).count() == 2


def test_the_pending_list_takes_a_bounded_number_of_queries(
    world, as_user, django_assert_max_num_queries
):
    secretariat = as_user(world.secretariat)
    for n in range(12):
        invite(secretariat, world, email=f"person{n}@example.test", name=f"Person {n}")
    Invitation.objects.filter(pk=Invitation.objects.first().pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    with django_assert_max_num_queries(10):
        page = secretariat.get("/invitations/")
    assert page.status_code == 200
    assert page.text.count("Resend<span") == 12
    assert "Expired" in page.text


def test_ending_someones_last_role_ends_their_access(world, as_user):
    lead = as_user(world.lead)
    assert lead.get(f"/partnerships/{world.safer.pk}/").status_code == 200
    membership = Membership.objects.get(person__user=world.lead)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = as_user(world.secretariat).post(
        f"/memberships/{membership.pk}/end/", {"ends_on": yesterday.isoformat()}
    )
    assert response.status_code == 302
    for url in [
        f"/partnerships/{world.safer.pk}/",
        "/partnerships/",
        "/people/",
        f"/people/{membership.person_id}/",
        "/agreement/",
    ]:
        # Signed out at once (issue 22: their sessions are deleted with their last role).
        assert lead.get(url).url.startswith("/accounts/login/"), url


def test_a_role_not_yet_started_gives_no_access_yet(world, as_user):
    Membership.objects.filter(person__user=world.lead).update(
        starts_on=timezone.localdate() + dt.timedelta(days=7)
    )
    assert as_user(world.lead).get(f"/partnerships/{world.safer.pk}/").status_code == 404
