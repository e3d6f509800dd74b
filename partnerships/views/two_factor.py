"""Two-factor authentication pages: its state, setting up an app, giving a code after
signing in, new recovery codes (partnerships/two_factor.py)."""

from __future__ import annotations

import django_otp
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from partnerships import signins, two_factor
from partnerships.models import User
from partnerships.typing import HtmxHttpRequest


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Enter the code."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args: object, label: str, hint: str, numeric: bool, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["code"].label = label
        self.fields["code"].help_text = hint
        if numeric:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"


def _next_url(request: HtmxHttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url("work:home")


def _setup_form(data: object = None) -> CodeForm:
    return CodeForm(
        data,  # type: ignore[arg-type]
        label="Code from the app",
        hint="The 6 digits your authenticator app shows for Golden Thread.",
        numeric=True,
    )


@login_required
@require_http_methods(["GET"])
def two_factor_status(request: HtmxHttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    context = {
        "has_device": two_factor.has_device(user),
        "is_required": two_factor.is_required_for(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "nav_section": "account",
    }
    return render(request, "partnerships/two_factor_status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HtmxHttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator app. Replacing one asks for a verified session."""
    user: User = request.user  # type: ignore[assignment]
    if two_factor.has_device(user) and not user.is_verified():  # type: ignore[attr-defined]
        return redirect(f"{resolve_url('partnerships:two-factor-verify')}?next={request.path}")
    device = two_factor.unconfirmed_device(user)
    form = _setup_form(request.POST if request.method == "POST" else None)
    if form.is_valid():
        codes = two_factor.device_confirm(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            django_otp.login(request, device)
            request.session.pop(two_factor.PENDING_KEY, None)
            context = {"codes": codes, "next": _next_url(request), "nav_section": "account"}
            return render(request, "partnerships/two_factor_codes.html", context)
        form.add_error("code", "That code is not right: check the app shows Golden Thread.")
    context = {
        "form": form,
        "qr": two_factor.qr_data_uri(device),
        "secret": two_factor.secret_text(device),
        "next": request.GET.get("next", ""),
        "is_required": two_factor.is_required_for(user),
        "nav_section": "account",
    }
    return render(request, "partnerships/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HtmxHttpRequest) -> HttpResponse:
    """After signing in with a password: the app's code, or a recovery code (used up)."""
    user: User = request.user  # type: ignore[assignment]
    form = CodeForm(
        request.POST if request.method == "POST" else None,
        label="Code",
        hint="The 6 digits your authenticator app shows, or one of your recovery codes.",
        numeric=False,
    )
    if form.is_valid():
        device = two_factor.device_for_code(user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            request.session.pop(two_factor.PENDING_KEY, None)
            if device.name == two_factor.RECOVERY_DEVICE_NAME:
                left = two_factor.recovery_codes_left(user)
                messages.warning(request, f"You used a recovery code: {left} left.")
            return redirect(_next_url(request))
        signins.record(
            request,
            method=signins.Method.TWO_FACTOR,
            is_success=False,
            user=user,
            reason="Wrong or used code.",
        )
        form.add_error("code", "That code is not right, or was used already.")
    context = {"form": form, "next": request.GET.get("next", ""), "nav_section": "account"}
    return render(request, "registration/two_factor_verify.html", context)


@login_required
@require_POST
def recovery_codes_new(request: HtmxHttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not (two_factor.has_device(user) and user.is_verified()):  # type: ignore[attr-defined]
        return redirect("partnerships:two-factor")
    codes = two_factor.recovery_codes_replace(user=user)
    context = {
        "codes": codes,
        "next": resolve_url("partnerships:two-factor"),
        "nav_section": "account",
    }
    return render(request, "partnerships/two_factor_codes.html", context)
