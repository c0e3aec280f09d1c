"""
Rules for signed-in sessions. Readers have no session cookie, so for them these
middlewares touch nothing: no session is read, no cookie set, no `Vary` added.
"""

import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from inpud_site.accounts.admin_site import is_verified
from inpud_site.accounts.signals import SEEN_AT, SIGNED_IN_AT

log = logging.getLogger("inpud_site.accounts")

# The last-seen time is written at most this often, not on every request.
SEEN_RESOLUTION = 60


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _in_admin(request):
    return request.path.startswith(reverse("admin:index"))


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_TIMEOUT seconds without a request, and in any case
    SESSION_COOKIE_AGE seconds after signing in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request) and request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = time.time()
        signed_in = session.get(SIGNED_IN_AT)
        seen = session.get(SEEN_AT, signed_in)
        if signed_in is None:  # a session from before these limits: they start now
            session[SIGNED_IN_AT] = session[SEEN_AT] = now
            return
        if now - signed_in > settings.SESSION_COOKIE_AGE:
            reason = "absolute limit"
            message = _("You were signed out: a session lasts at most 12 hours.")
        elif now - seen > settings.SESSION_IDLE_TIMEOUT:
            reason = "idle"
            message = _("You were signed out after 30 minutes without activity.")
        else:
            if now - seen >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
            return
        log.info("Session of %s ended (%s).", request.user.get_username(), reason)
        auth.logout(request)
        if _in_admin(request):
            messages.info(request, message, fail_silently=True)


class StaffTwoFactorMiddleware:
    """Staff who have given their password but not yet a second factor: the admin shows
    them only the two-factor pages, and elsewhere they count as signed out (no previews,
    no staff badge on comments)."""

    OPEN = ("admin:two_factor", "admin:two_factor_setup", "admin:two_factor_sign_out")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request) and self.needs_second_factor(request.user):
            if _in_admin(request):
                if request.path not in {reverse(name) for name in self.OPEN}:
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse('admin:two_factor')}?{query}")
            else:
                self.sign_out_for_this_request(request)
        return self.get_response(request)

    @staticmethod
    def needs_second_factor(user):
        return (
            user.is_authenticated and (user.is_staff or user.is_superuser) and not is_verified(user)
        )

    @staticmethod
    def sign_out_for_this_request(request):
        anonymous = AnonymousUser()

        async def auser():
            return anonymous

        request.user = anonymous
        request.auser = auser
