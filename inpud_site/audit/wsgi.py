"""The site as the audit serves it: Django, with /media/ in front as the web server would do.

In production nginx serves `media/`; here WhiteNoise does, with the same `nosniff` header, so
that pages show their images as readers see them.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inpud_site.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from whitenoise import WhiteNoise  # noqa: E402


def _media_headers(headers, path, url):
    headers["X-Content-Type-Options"] = "nosniff"


application = WhiteNoise(get_wsgi_application(), add_headers_function=_media_headers)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
