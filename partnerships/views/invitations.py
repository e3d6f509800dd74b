"""Inviting people by e-mail: the invite form, the secretariat's list of pending
invitations (resend, withdraw) and the link's own page, where the invited person sets a
password or, signed in as themselves, joins with the account they have.

Whether the address already has an account changes nothing that anyone sees here: the
confirmation, the link's page and its errors read the same either way."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from partnerships import invitations
from partnerships.forms import InvitationForm
from partnerships.models import Invitation, Membership, Partnership, User
from partnerships.permissions import (
    SESSION_AGREEMENT_KEY,
    Standing,
    can_manage_agreement,
    get_invitation_for_user,
    get_manager_standing,
    get_standing,
    grantable_roles,
    role_refusal,
)
from partnerships.typing import HtmxHttpRequest

INVITATIONS_PER_PAGE = 100


@login_required
@require_http_methods(["GET", "POST"])
def invitation_send(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_standing(request)
    partnerships = [
        p
        for p in Partnership.objects.filter(agreement=standing.agreement)
        if grantable_roles(standing, p)
    ]
    if not partnerships:
        raise PermissionDenied("Only the secretariat or a partnership's lead can invite people.")
    roles = frozenset().union(*(grantable_roles(standing, p) for p in partnerships))
    if request.method == "POST":
        _refuse_invitation(standing, request)
    form = InvitationForm(
        request.POST or None,
        agreement=standing.agreement,
        partnerships=partnerships,
        roles=roles,
        initial={"partnership": request.GET.get("partnership")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The rule again on what the form read: the check above sees the raw post, and the
        # form reads " 4" as partnership 4 too.
        invited = invitations.person_with_email(standing.agreement, data["email"])
        if refusal := role_refusal(standing, data["partnership"], data["role"], invited):
            raise PermissionDenied(refusal)
        invitation = invitations.invitation_send(
            partnership=data["partnership"],
            role=data["role"],
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _sent_message(invitation))
        return redirect(data["partnership"])
    return render(
        request,
        "partnerships/invitation_form.html",
        {
            "form": form,
            "agreement": standing.agreement,
            "days": settings.INVITATION_DAYS,
            "can_manage": can_manage_agreement(standing),
            "nav_section": "partnerships",
        },
    )


def _sent_message(invitation: Invitation) -> str:
    return (
        f"An invitation has been sent to {invitation.email}. "
        f"Its link works for {settings.INVITATION_DAYS} days."
    )


def _refuse_invitation(standing: Standing, request: HtmxHttpRequest) -> None:
    """404 for a partnership outside the agreement, 403 for a role this person may not
    grant there, whatever the form offered."""
    partnership_id = request.POST.get("partnership", "").strip()
    role = request.POST.get("role", "").strip()
    if not partnership_id.isdigit():
        return
    partnership = Partnership.objects.filter(
        pk=int(partnership_id), agreement=standing.agreement
    ).first()
    if partnership is None:
        raise Http404("Not found")
    email = request.POST.get("email", "").strip()
    person = invitations.person_with_email(standing.agreement, email) if email else None
    if role in Membership.Role.values and (
        refusal := role_refusal(standing, partnership, role, person)
    ):
        raise PermissionDenied(refusal)


@login_required
@require_http_methods(["GET"])
def invitation_list(request: HtmxHttpRequest) -> HttpResponse:
    standing = get_manager_standing(request)
    pending = (
        Invitation.objects.filter(agreement=standing.agreement)
        .pending()
        .select_related("person", "membership__partnership", "created_by")
        .order_by("-created_at", "-pk")[:INVITATIONS_PER_PAGE]
    )
    return render(
        request,
        "partnerships/invitation_list.html",
        {"invitations": pending, "agreement": standing.agreement, "nav_section": "partnerships"},
    )


@login_required
@require_POST
def invitation_resend(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    invitation = invitations.invitation_resend(invitation=get_invitation_for_user(request, pk))
    messages.success(request, _sent_message(invitation) + " The earlier link no longer works.")
    return redirect("partnerships:invitation-list")


@login_required
@require_POST
def invitation_withdraw(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    invitation = invitations.invitation_withdraw(invitation=get_invitation_for_user(request, pk))
    messages.success(request, f"The invitation to {invitation.email} is withdrawn.")
    return redirect("partnerships:invitation-list")


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Open to everyone: the token in the address is the key."""
    invitation = invitations.invitation_for_token(token)
    if invitation is None:
        return _invalid(request)
    context = {"invitation": invitation, "agreement": invitation.agreement, "token": token}
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            return render(request, "partnerships/invitation_wrong_user.html", context, status=403)
        if request.method == "POST":
            return _accepted(request, invitation, token, user=request.user)
        return render(request, "partnerships/invitation_accept.html", context)
    # Validated against a sign-in of that address as it would be made, never an existing
    # one, so that the answers cannot differ with whether an account exists.
    form = SetPasswordForm(User(email=invitation.email), request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _accepted(request, invitation, token, password=form.cleaned_data["new_password1"])
    return render(request, "partnerships/invitation_accept.html", {**context, "form": form})


def _accepted(
    request: HtmxHttpRequest,
    invitation: Invitation,
    token: str,
    *,
    user: User | None = None,
    password: str | None = None,
) -> HttpResponse:
    agreement = invitation.agreement
    try:
        user = invitations.invitation_accept(token=token, user=user, password=password)
    except invitations.InvitationInvalid:
        return _invalid(request)
    if not request.user.is_authenticated:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_AGREEMENT_KEY] = agreement.pk
    messages.success(request, f"Welcome to {agreement}.")
    return redirect("work:home")


def _invalid(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "partnerships/invitation_invalid.html", status=404)
