"""Inviting someone to an agreement by e-mail: send, resend, withdraw, accept.

The link carries a random token; only its SHA-256 is stored, so a copy of the database
opens nothing. Nothing here tells the sender whether the address already has a sign-in:
the same e-mail goes out and the same pages answer either way. Opening the link proves
the mailbox, as a password reset link does, so accepting it may set that account's
password (someone who is signed in as themselves attaches without one).

The e-mail is sent by a background task (``send_invitation``), tried again if the mail
server fails (partnerships/mail.py). The task makes the link when it sends it, so the token
is never written down, not even in the task queue; sending or resending an invitation kills
any earlier link at once, and the task's new one replaces it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import TaskContext, task
from django.template.loader import render_to_string
from django.urls import reverse

from partnerships import clock
from partnerships.mail import SEND_ERRORS, EmailNotSent, try_again_later
from partnerships.models import (
    Agreement,
    Invitation,
    Membership,
    Organisation,
    Partnership,
    Person,
    User,
)
from partnerships.sessions import sessions_end_if_no_role


class InvitationInvalid(Exception):
    """The link is unknown, used, withdrawn, replaced or expired (one message for all)."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The usable invitation this link opens, or None."""
    return (
        Invitation.objects.usable()
        .select_related("agreement", "person")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.expires_at = clock.now() + dt.timedelta(days=settings.INVITATION_DAYS)
    return token


def _mail(invitation: Invitation, token: str) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("partnerships:invitation-accept", args=[token])
    context = {"invitation": invitation, "link": link, "days": settings.INVITATION_DAYS}
    body = render_to_string("emails/invitation.txt", context)
    subject = f"You are invited to {invitation.agreement} on Golden Thread"
    send_mail(subject, body, None, [invitation.email])


@task(queue_name="email", takes_context=True)
def send_invitation(context: TaskContext, *, invitation_id: int, attempt: int = 1) -> str:
    """E-mail a pending invitation a new link (its expiry counted from now), tried again
    later if the mail server fails (partnerships/mail.py). Nothing is sent for an invitation
    accepted or withdrawn meanwhile."""
    try:
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update()
                .pending()
                .select_related("agreement")
                .filter(pk=invitation_id)
                .first()
            )
            if invitation is None:
                return "no longer pending"
            token = _new_token(invitation)
            invitation.save(update_fields=["token_hash", "expires_at"])
            # Sent inside the transaction: the new link is saved only if it was sent.
            _mail(invitation, token)
    except SEND_ERRORS as error:
        what = f"Invitation {invitation_id}"
        kwargs = {"invitation_id": invitation_id}
        if try_again_later(context, attempt=attempt, error=error, what=what, kwargs=kwargs):
            return "retrying"
        raise EmailNotSent(f"{what}: not sent after {attempt} attempts ({error}).") from error
    return "sent"


def person_with_email(agreement: Agreement, email: str) -> Person | None:
    """The agreement's own record of this address, by its e-mail or its sign-in's (its
    people are visible to its members anyway). Other agreements' people are never looked at."""
    return (
        Person.objects.filter(agreement=agreement, email__iexact=email).first()
        or Person.objects.filter(agreement=agreement, user__email__iexact=email).first()
    )


@transaction.atomic
def invitation_send(
    *,
    partnership: Partnership,
    role: str,
    name: str,
    email: str,
    organisation: Organisation | None,
    by: User,
) -> Invitation:
    """Invite ``email`` to ``partnership`` in ``role`` from today. The role is given now
    (the person shows among the members) and removed again if the invitation is withdrawn."""
    email = email.strip().lower()
    agreement = partnership.agreement
    person = person_with_email(agreement, email) or Person.objects.create(
        agreement=agreement, name=name, email=email, organisation=organisation
    )
    membership = Membership.objects.create(
        person=person, partnership=partnership, role=role, starts_on=clock.today()
    )
    invitation = Invitation(
        agreement=agreement, person=person, membership=membership, email=email, created_by=by
    )
    _new_token(invitation)  # a link never sent: the task makes the one it sends
    invitation.save()
    send_invitation.enqueue(invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """A new link with a new expiry; the old link stops working."""
    invitation = Invitation.objects.select_for_update().pending().get(pk=invitation.pk)
    _new_token(invitation)  # the old link stops working now; the task sends a new one
    invitation.save(update_fields=["token_hash", "expires_at"])
    send_invitation.enqueue(invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation) -> Invitation:
    """The link stops working and the role it was sent for, never taken up, is removed."""
    invitation = Invitation.objects.select_for_update().pending().get(pk=invitation.pk)
    invitation.withdrawn_at = clock.now()
    invitation.save(update_fields=["withdrawn_at"])
    if invitation.membership is not None:
        invitation.membership.delete()
    sessions_end_if_no_role(person=invitation.person)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User | None = None, password: str | None = None) -> User:
    """Link the invited person to a sign-in: ``user`` (signed in as the invited address),
    or, with ``password``, the account of that address, made if there is none."""
    invitation = (
        Invitation.objects.select_for_update().usable().filter(token_hash=token_hash(token)).first()
    )
    if invitation is None:
        raise InvitationInvalid
    if user is None:
        if password is None:
            raise ValueError("Either a signed-in user or a new password is needed.")
        user = User.objects.filter(email__iexact=invitation.email).first()
        if user is None:
            user = User.objects.create_user(invitation.email, password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
    elif user.email.lower() != invitation.email.lower():
        raise InvitationInvalid
    _attach(invitation, user)
    invitation.accepted_at = clock.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def invitation_accept_verified(*, invitation: Invitation, user: User) -> None:
    """Accept for a sign-in whose provider has verified the invited address (single
    sign-on, partnerships/sso.py): no link needed, the address is proven."""
    if user.email.lower() != invitation.email.lower():
        raise InvitationInvalid
    _attach(invitation, user)
    invitation.accepted_at = clock.now()
    invitation.save(update_fields=["accepted_at"])


def _attach(invitation: Invitation, user: User) -> None:
    person = invitation.person
    already = Person.objects.filter(agreement=invitation.agreement, user=user).first()
    if already is not None and already.pk != person.pk:
        # The sign-in is someone else in this agreement already: the role goes to them.
        if invitation.membership is not None:
            invitation.membership.person = already
            invitation.membership.save(update_fields=["person"])
        return
    if person.user_id not in (None, user.pk):
        raise InvitationInvalid
    person.user = user
    person.email = person.email or invitation.email
    person.save(update_fields=["user", "email"])
