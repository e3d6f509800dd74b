"""Two-factor authentication: an authenticator app (TOTP) and recovery codes (django-otp).

Offered to everyone; required, when settings.TWO_FACTOR_REQUIRED is on, for site
administrators and the secretariat (who can change everything in an agreement). A person
with a confirmed device is asked for a code after signing in with a password; until then
their session is not verified (partnerships/middleware.py: TwoFactorMiddleware).
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import Membership, User

# In the session: the signed-in person has a device and has not yet given a code.
PENDING_KEY = "gt_two_factor_pending"
# In the session: signed in through a provider that asks for a second factor itself.
BY_PROVIDER_KEY = "gt_two_factor_by_provider"
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def has_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required_for(user: User) -> bool:
    """Site administrators and anyone holding a current secretariat role."""
    if user.is_superuser:
        return True
    return (
        Membership.objects.current()
        .filter(person__user=user, role=Membership.Role.SECRETARIAT)
        .exists()
    )


def unconfirmed_device(user: User) -> TOTPDevice:
    """The device being set up: kept until confirmed, so reloading the page keeps the QR."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app wants it typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The QR code as an SVG made here (no third party sees the secret), for an <img>."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


@transaction.atomic
def device_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the device if ``code`` is right; returns the new recovery codes (shown once)
    or None when the code is wrong."""
    if not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    return recovery_codes_replace(user=device.user)


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working. Each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def device_for_code(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts ``code``: the app's six digits, or an unused recovery code
    (used up by this). Each device throttles repeated wrong codes."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        devices: list[TOTPDevice | StaticDevice] = [
            *TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True),
            *StaticDevice.objects.select_for_update().filter(user=user, confirmed=True),
        ]
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_reset(*, user: User) -> int:
    """A lost device: removes the person's devices and recovery codes, so that they set one
    up again at their next sign-in. Returns how many devices went."""
    devices = TOTPDevice.objects.filter(user=user).count()
    devices += StaticDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return devices
