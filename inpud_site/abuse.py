"""
Protection for the public forms (comments, pledges) that stores nothing about
the person: a honeypot, a signed timestamp, and rate limits keyed by a keyed
hash of the address that lives only in the cache and expires.
"""

import contextlib
import hashlib
import hmac
import time
import uuid

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SIGNING_SALT = "inpud.abuse.form-timestamp"
MIN_FORM_SECONDS = 3
MAX_FORM_SECONDS = 2 * 60 * 60


class ProtectedFormMixin(forms.Form):
    """Adds a honeypot and a signed timestamp to a form; refusals keep what was typed."""

    homepage_url = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    # One key per rendered form: sending it twice (a double click, a retry after an error)
    # finds the first submission instead of storing a second.
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    min_seconds = MIN_FORM_SECONDS
    max_seconds = MAX_FORM_SECONDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["started"] = signing.dumps(time.time(), salt=SIGNING_SALT)
        self.initial.setdefault("submission", uuid.uuid4())
        if self.is_bound:
            name = self.add_prefix("started")
            self._started_sent = self.data.get(name, "")
            # A re-shown form carries a fresh timestamp, so sending it again works.
            self.data = self.data.copy()
            self.data[name] = self.initial["started"]

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("homepage_url"):
            raise forms.ValidationError(
                _(
                    "This looks like an automated submission, so it was not sent. If you are a "
                    "person, leave the last field empty and send again."
                ),
                code="honeypot",
            )
        try:
            age = time.time() - float(signing.loads(self._started_sent, salt=SIGNING_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("The form could not be checked. Your text is kept below: please send it again."),
                code="bad_timestamp",
            ) from None
        if age > self.max_seconds:
            raise forms.ValidationError(
                _(
                    "This form was open for too long. Your text is kept below: "
                    "please send it again."
                ),
                code="expired",
            )
        if age < self.min_seconds:
            raise forms.ValidationError(
                _("That was faster than a person can type. Please wait a moment and send again."),
                code="too_fast",
            )
        return cleaned


def client_address(request):
    """The visitor's address as the server sees it, trusting a proxy only when told to."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def visitor_key(request, scope):
    """A cache key for this visitor: an HMAC of the address, never the address itself."""
    secret = hashlib.sha256(f"{settings.SECRET_KEY}:abuse".encode()).digest()
    digest = hmac.new(secret, client_address(request).encode(), hashlib.sha256).hexdigest()
    return f"abuse:{scope}:{digest[:40]}"


def check_rate(request, scope, *, limit, window, flood_seconds):
    """Count one submission; return a message if this visitor must wait, else None.

    `flood_seconds` is the minimum gap between two submissions; `limit` submissions
    are allowed per `window` seconds. Both counters expire on their own.
    """
    key = visitor_key(request, scope)
    now = time.time()
    last = cache.get(f"{key}:last")
    if last is not None and now - last < flood_seconds:
        wait = max(1, int(flood_seconds - (now - last)))
        return ngettext(
            "You are sending too quickly. Please wait %(seconds)d second and send again.",
            "You are sending too quickly. Please wait %(seconds)d seconds and send again.",
            wait,
        ) % {"seconds": wait}
    count_key = f"{key}:count"
    cache.add(count_key, 0, timeout=window)
    try:
        count = cache.incr(count_key)
    except ValueError:  # expired between add and incr
        cache.set(count_key, 1, timeout=window)
        count = 1
    if count > limit:
        minutes = max(1, window // 60)
        return ngettext(
            "You have sent a lot in a short time. Please try again in %(minutes)d minute.",
            "You have sent a lot in a short time. Please try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
    cache.set(f"{key}:last", now, timeout=flood_seconds)
    return None


def release_rate(request, scope):
    """Take back the submission just counted by check_rate, when it could not be saved, so
    that sending it again is not refused as flooding."""
    key = visitor_key(request, scope)
    cache.delete(f"{key}:last")
    with contextlib.suppress(ValueError):  # the counter expired meanwhile
        cache.decr(f"{key}:count")


def received_before(model, form):
    """The object this very form was already saved as, if it was (see `submission`)."""
    key = form.cleaned_data.get("submission")
    return model.objects.filter(submission_key=key).first() if key else None
