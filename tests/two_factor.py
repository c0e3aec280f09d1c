"""
Helpers for staff sign-in in tests: an authenticator device, its current code,
and a test client session that has passed the second factor.

tests/conftest.py makes `client.force_login(staff_user)` use `pass_second_factor`,
so tests about other things can sign staff in as before; tests of the sign-in
rules themselves call `force_login(user, second_factor=False)`.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user):
    """The user's confirmed TOTP device, made if missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def current_code(device, *, at=None):
    """The six digits the authenticator app shows now (or at the Unix time `at`)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def pass_second_factor(client, user):
    """Mark the test client's signed-in session as verified with the user's authenticator."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()
