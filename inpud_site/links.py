"""Addresses built often enough on one page that their cost shows.

A list of ten posts asks for about a hundred URLs (posts, bylines, categories, tags) and
seventy image addresses. `reverse()` walks the URLconf each time; here each kind of URL is
reversed once per language and script prefix, and only the slug is put in. Tests check
that the result is what `reverse()` gives for any slug.
"""

import functools
import re
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

MARK = "inpud-slug-placeholder"
SLUG = re.compile(r"[-\w]+")  # the uslug converter's pattern (posts.urls)
# What reverse() leaves unquoted in a path (django.urls.resolvers, RFC 3986 sub-delims).
SAFE = "!$&'()*+,;=/~:@"


@functools.lru_cache(maxsize=256)
def _pattern(viewname, language, prefix, urlconf):
    return reverse(viewname, kwargs={"slug": MARK})


def slug_url(viewname, slug):
    """reverse(viewname, kwargs={"slug": slug}), without walking the URLconf every time."""
    if not SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})  # which refuses it, as it should
    return _pattern(viewname, get_language(), get_script_prefix(), get_urlconf()).replace(
        MARK, quote(slug, safe=SAFE)
    )


@functools.lru_cache(maxsize=8192)
def _stored_url(storage, name):
    return storage.url(name)


def stored_url(storage, name):
    """A stored file's URL; the same name always has the same URL for a storage."""
    return _stored_url(storage, name)
