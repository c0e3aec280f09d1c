"""The bare Django view: the stored bytes of one of our pages, and nothing else.

The benchmark fetches each page once and writes its body to BENCH_BARE_DIR as `<name>.body`
(and its content type as `<name>.type`); this view answers with those bytes, read once per
process, so it costs what Django itself costs for a response of that size.
"""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse

_loaded = {}


def store(folder, name, body, content_type):
    """Write a page's bytes where the view will find them."""
    folder = Path(folder)
    (folder / f"{name}.body").write_bytes(body)
    (folder / f"{name}.type").write_text(content_type)


def _load(folder, name):
    if not folder:
        raise Http404(name)
    folder = Path(folder)
    try:
        return (folder / f"{name}.body").read_bytes(), (folder / f"{name}.type").read_text()
    except OSError:
        raise Http404(name) from None


def view(request, name):
    key = (settings.BENCH_BARE_DIR, name)
    if key not in _loaded:
        _loaded[key] = _load(*key)
    body, content_type = _loaded[key]
    return HttpResponse(body, content_type=content_type)
