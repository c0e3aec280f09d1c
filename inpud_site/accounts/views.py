"""
The admin's two-factor pages. A staff member who has passed the password step
lands on `verify` (or on `setup` if they have no authenticator yet); until one
of them succeeds, these pages and `sign_out` are all the admin shows them.
"""

import logging
from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import qrcode
from django.contrib import auth, messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from inpud_site.accounts.forms import CodeForm

log = logging.getLogger("inpud_site.accounts")

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODES = 10
WRONG_CODE = gettext_lazy(
    "That code is not right. Check the time on your phone and try a new code."
)


def _next_url(request, site):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index", current_app=site.name)


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _context(request, site, **extra):
    """What the admin's base template needs, without each_context's app list and log."""
    return {
        "site_title": site.site_title,
        "site_header": site.site_header,
        "site_url": site.site_url,
        "has_permission": False,
        "is_popup": False,
        "is_nav_sidebar_enabled": False,
        "username": request.user.get_username(),
        **extra,
    }


def _is_staff(user):
    return user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)


def _sign_in(request, device):
    """Mark the session as having passed the second factor, under a new key."""
    django_otp.login(request, device)
    request.session.cycle_key()


def _check(user, form):
    """The device that accepts the code, or an error message."""
    code = form.cleaned_data["code"]
    model = TOTPDevice if form.is_totp else StaticDevice
    devices = list(model.objects.devices_for_user(user, confirmed=True))
    if any(not device.verify_is_allowed()[0] for device in devices):
        return None, _("Too many wrong codes. Wait a little, then try again.")
    for device in devices:
        if django_otp.verify_token(user, device.persistent_id, code):
            return device, None
    return None, WRONG_CODE


def qr_code_svg(data):
    """`data` as a QR code in inline SVG, drawn here: no image request leaves the page.

    The SVG holds only a path computed from `data`, never its text, so it is safe
    to insert unescaped.
    """
    image = qrcode.make(data, image_factory=SvgPathFillImage, box_size=15)
    svg = image.to_string(encoding="unicode")
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


@never_cache
@sensitive_post_parameters("code")
def verify(request, site):
    """Ask a signed-in staff member for a code from their authenticator or a recovery code."""
    if not _is_staff(request.user):
        return redirect("admin:login")
    user = request.user
    next_url = _next_url(request, site)
    if user.is_verified():
        return redirect(next_url)
    if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return redirect(_with_next("admin:two_factor_setup", next_url))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, error = _check(user, form)
        if device is None:
            log.warning("Second factor refused for %s.", user.get_username())
            form.add_error("code", error)
        else:
            _sign_in(request, device)
            log.info("Second factor accepted for %s (%s).", user.get_username(), device.name)
            if isinstance(device, StaticDevice):
                return _after_recovery_code(request, device, next_url)
            return redirect(next_url)
    return TemplateResponse(
        request,
        "admin/two_factor/verify.html",
        _context(request, site, title=_("Two-factor authentication"), form=form, next=next_url),
    )


def _after_recovery_code(request, device, next_url):
    left = device.token_set.count()
    log.warning("%s used a recovery code; %d left.", request.user.get_username(), left)
    messages.warning(
        request,
        ngettext(
            "You signed in with a recovery code; %(count)d code is left. If your phone is "
            "lost, set up your authenticator app again now: that also gives you new codes.",
            "You signed in with a recovery code; %(count)d codes are left. If your phone is "
            "lost, set up your authenticator app again now: that also gives you new codes.",
            left,
        )
        % {"count": left},
    )
    return redirect(_with_next("admin:two_factor_setup", next_url))


@never_cache
@sensitive_post_parameters("code")
def setup(request, site):
    """Enrol an authenticator app: a QR code and the secret as text, then one code to confirm.

    Someone who already has an authenticator must pass it first, so a stolen password
    alone can never replace it.
    """
    if not _is_staff(request.user):
        return redirect("admin:login")
    user = request.user
    next_url = _next_url(request, site)
    if (
        not user.is_verified()
        and TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()
    ):
        return redirect(_with_next("admin:two_factor", next_url))
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if form.is_totp and django_otp.verify_token(user, device.persistent_id, code):
            codes = _confirm(device)
            _sign_in(request, device)
            log.info("%s set up an authenticator app.", user.get_username())
            return TemplateResponse(
                request,
                "admin/two_factor/recovery_codes.html",
                _context(request, site, title=_("Your recovery codes"), codes=codes, next=next_url),
            )
        form.add_error("code", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "admin/two_factor/setup.html",
        _context(
            request,
            site,
            title=_("Set up two-factor authentication"),
            form=form,
            next=next_url,
            qr_code=qr_code_svg(device.config_url),
            secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            verified=user.is_verified(),
        ),
    )


@transaction.atomic
def _confirm(device):
    """Make `device` the user's only authenticator and give them fresh recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=device.user).delete()
    recovery = StaticDevice.objects.create(user=device.user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _number in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


@require_POST
def sign_out(request, site):
    """Sign out from the two-factor pages, where the admin's own logout is not open."""
    auth.logout(request)
    return redirect("admin:login")
