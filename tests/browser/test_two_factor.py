"""
A new staff member's first sign-in in a real browser: password, then setting up an
authenticator app from the QR code page (drawn by the site, no request elsewhere),
the recovery codes, the admin; and a later sign-in with a recovery code.
"""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.factories import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in_with_password(page):
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_first_sign_in_sets_up_an_authenticator_and_recovery_codes(visit):
    make_user("editor", groups=["Editors"])
    editor = visit()
    editor.open("/admin/posts/post/")
    page = editor.page
    sign_in_with_password(page)

    assert "/admin/two-factor/setup/" in page.url
    assert page.locator(".two-factor-qr svg").is_visible()
    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    editor.screenshot("two-factor-setup")
    page.get_by_label("Code").fill(f"{TOTP(b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    codes = page.locator(".two-factor-codes li").all_inner_texts()
    assert len(codes) == 10
    editor.screenshot("two-factor-recovery-codes")
    page.get_by_role("link", name="Continue to the back office").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/posts/post/")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    editor.open("/admin/")
    sign_in_with_password(page)
    assert "/admin/two-factor/" in page.url
    editor.screenshot("two-factor-verify")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()
    assert "9 codes are left" in page.inner_text("body")
    page.get_by_role("link", name="Keep my current authenticator and continue").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Log out").is_visible()
