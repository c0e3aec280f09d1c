import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# What a person typed into the public forms, shown back to them by name.
TYPED_FIELDS = {
    "name": _("Name"),
    "email": _("E-mail"),
    "url": _("Website"),
    "text": _("Comment"),
    "city": _("City"),
    "organisation": _("Organisation"),
    "message": _("Message"),
}
RETRY_SECONDS = 10


class DatabaseOutageMiddleware:
    """While the database cannot be reached, answer 503 and hand back what was sent.

    The page needs no database: it shows the person's own text and a button that sends
    exactly the same form again, with the same key, so a retry never stores it twice.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # The exception's text can quote SQL parameters: log only its kind, never the request.
        logger.error("database unavailable (%s); answered 503", type(exception).__name__)
        sent = list(request.POST.lists()) if request.method == "POST" else []
        typed = [
            (TYPED_FIELDS[name], values[0])
            for name, values in sent
            if name in TYPED_FIELDS and values and values[0].strip()
        ]
        hidden = [(name, value) for name, values in sent for value in values]
        html = render_to_string(
            "503.html",
            {"typed": typed, "hidden": hidden, "action": request.get_full_path(),
             "retry_seconds": RETRY_SECONDS},
        )  # fmt: skip
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_SECONDS)
        add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` from settings.PERMISSIONS_POLICY, which Django has no setting for.

    The setting maps a feature to the origins allowed to use it; an empty list turns the
    feature off for every page and frame: {"camera": []} gives `camera=()`.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
