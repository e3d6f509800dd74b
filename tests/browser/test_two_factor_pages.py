"""The two-factor set-up and code pages in a real browser, with the CSP enforced: the QR
code shows, the key can be typed, a code turns it on and the recovery codes show; axe
finds nothing on the set-up and verify pages."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_accessibility import check_page

pytestmark = pytest.mark.browser


def test_setting_up_two_factor_in_the_browser(world, open_page):
    page = open_page()
    sign_in(page, "secretariat@example.test")
    page.goto("/account/two-factor/set-up/")
    qr = page.get_by_role("img", name="QR code for adding Golden Thread to an authenticator app")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the SVG loaded under the CSP
    code = page.get_by_label("Code from the app")
    assert code.get_attribute("autocomplete") == "one-time-code"
    screenshot(page, "secretariat-two-factor-set-up")
    device = TOTPDevice.objects.get(user=world.secretariat, confirmed=False)
    code.fill(str(totp(device.bin_key)).zfill(6))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    assert len(re.findall(r"^[a-z2-7]{8}$", page.inner_text(".app-recovery-codes"), re.M)) == 10
    screenshot(page, "secretariat-two-factor-recovery-codes")


def test_the_two_factor_pages_have_no_accessibility_violations(world, open_page):
    page = open_page(bypass_csp=True)
    sign_in(page, "lead@example.test")
    page.goto("/account/two-factor/set-up/")
    check_page(page, "the two-factor set-up page")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page).to_have_title(re.compile(r"^Error:"))
    check_page(page, "the two-factor set-up page with an error")
    page.goto("/account/two-factor/verify/")
    check_page(page, "the two-factor code page")
    page.goto("/account/sessions/")
    check_page(page, "where you are signed in")
