"""
Receivers for Django's authentication signals: the session's sign-in time for the
time limits, and one log line per event. Log lines name the account (or "an
unknown account"), never an address or what was typed as a password.
"""

import logging
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from inpud_site.abuse import client_address
from inpud_site.accounts import throttle

log = logging.getLogger("inpud_site.accounts")

SIGNED_IN_AT = "inpud_signed_in_at"
SEEN_AT = "inpud_seen_at"


@receiver(user_logged_in, dispatch_uid="inpud_accounts_logged_in")
def stamp_session(sender, request, user, **kwargs):
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    log.info("Password accepted for %s.", user.get_username())


@receiver(user_logged_out, dispatch_uid="inpud_accounts_logged_out")
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        log.info("%s signed out.", user.get_username())


@receiver(user_login_failed, dispatch_uid="inpud_accounts_login_failed")
def log_failure(sender, credentials, request=None, **kwargs):
    User = get_user_model()
    username = credentials.get("username") or credentials.get(User.USERNAME_FIELD) or ""
    known = User._default_manager.filter(**{User.USERNAME_FIELD: username}).exists()
    who = username if known else "an unknown account"
    reason = username and throttle.paused(username, client_address(request) if request else "")
    if reason:
        log.warning("Failed sign-in for %s; sign-in is paused (%s limit reached).", who, reason)
    else:
        log.warning("Wrong password for %s.", who)
