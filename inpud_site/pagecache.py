"""Whole pages for anonymous readers, served from the cache and invalidated exactly.

Each cacheable URL depends on a few named *generations* (counters in the cache): the site
(menu, discussion settings), the content (posts and everything lists show), the comment
counts, and the item the page is about (a post's, page's or campaign's own thread). A page
is stored under a key that includes the current value of each of its generations; a change
bumps the generations it affects, so the pages that showed the old state are never read
again and expire on their own. Nothing is ever served stale, and a change to one post's
thread leaves every other post's page in the cache. With Redis (REDIS_URL) all app
processes share the pages and the counters.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_path

GENERATION = "pagecache:gen:"
PAGE = "pagecache:page:"
DUE = "pagecache:next-publish"  # when the next scheduled item goes public (a timestamp)
NOTHING_DUE = float("inf")

SITE, CONTENT, COUNTS, CAMPAIGNS = "site", "content", "counts", "campaigns"

# url name -> the generations its page depends on ("{slug}" is filled from the URL).
DEPENDENCIES = {
    "posts:list": (SITE, CONTENT, COUNTS),
    "posts:feed": (CONTENT,),
    "posts:feed-atom": (CONTENT,),
    "posts:detail": (SITE, CONTENT, "post:{slug}"),
    "posts:category": (SITE, CONTENT, COUNTS),
    "posts:category-feed": (CONTENT,),
    "posts:category-feed-atom": (CONTENT,),
    "posts:tag": (SITE, CONTENT, COUNTS),
    "posts:tag-feed": (CONTENT,),
    "posts:tag-feed-atom": (CONTENT,),
    "posts:byline": (SITE, CONTENT, COUNTS),
    "posts:archive-year": (SITE, CONTENT, COUNTS),
    "posts:archive-month": (SITE, CONTENT, COUNTS),
    "posts:documents": (SITE, CONTENT),
    "posts:page": (SITE, "page:{slug}"),
    "campaigns:list": (SITE, CAMPAIGNS),
    "campaigns:detail": (SITE, CONTENT, CAMPAIGNS, "campaign:{slug}"),
    "campaigns:calendar": (CAMPAIGNS, "campaign:{slug}"),
    "campaigns:action-calendar": (CAMPAIGNS, "campaign:{slug}"),
    "campaigns:updates-feed": (CAMPAIGNS, "campaign:{slug}"),
    "comments:feed": (COUNTS,),
    "sitemap": (CONTENT, CAMPAIGNS),
    "sitemap-section": (CONTENT, CAMPAIGNS),
}


def dependencies(request):
    """The generations this request's page depends on, or None if it is never cached."""
    if request.method not in ("GET", "HEAD") or "preview" in request.GET:
        return None
    found = _page_at(request.path_info, get_urlconf())
    if found is None:
        return None
    names, kwargs = found
    return tuple(name.format(**kwargs) for name in names)


@functools.lru_cache(maxsize=4096)
def _page_at(path, urlconf):
    """(dependencies, URL kwargs) of the cacheable page at `path`, or None.

    Resolved in the language the path names: this runs before LocaleMiddleware, while the
    language the worker's previous request left active would read "/ru/" as a page slugged
    "ru" and "/" as nothing at all. Remembered per path, as the URLconf never changes while
    the process runs; a hit then costs no URL resolving.
    """
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return None
    names = DEPENDENCIES.get(match.view_name)
    return None if names is None else (names, match.kwargs)


def _generations(names, found=None):
    """The current value of each generation, starting any the cache has lost."""
    keys = [GENERATION + name for name in names]
    if found is None:
        found = cache.get_many([*keys, DUE])
    if CONTENT in names or CAMPAIGNS in names:
        due = found.get(DUE)
        if due is None:
            cache.set(DUE, _next_publish(), timeout=None)
        elif due <= time.time():
            # A scheduled item has just gone public: whatever lists it is stale now.
            bump(CONTENT, CAMPAIGNS)
            forget_schedule()
            return _generations(names)
    values = []
    for key in keys:
        if key not in found:
            # A counter the cache lost starts from the clock, never from a value it had.
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
        values.append(found[key])
    return values


def page_key(request):
    """One key per address and form of the page (language, gzip); the generations are
    kept inside the entry, so that a hit costs one round trip to the cache."""
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    gzip = bool(re_accepts_gzip.search(request.headers.get("accept-encoding", "")))
    parts = [request.scheme, request.get_host(), request.get_full_path(), language, str(gzip)]
    return PAGE + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _next_publish():
    """The earliest future publish date of anything the public will see, as a timestamp."""
    from django.apps import apps
    from django.utils import timezone

    now = timezone.now()
    dates = [
        apps.get_model(name).objects.filter(status="published", published_at__gt=now)
        .order_by("published_at").values_list("published_at", flat=True).first()
        for name in ("posts.Post", "posts.Page", "posts.Document", "campaigns.Campaign")
    ]  # fmt: skip
    dates += [
        apps.get_model("campaigns.Update").objects.filter(posted_at__gt=now)
        .order_by("posted_at").values_list("posted_at", flat=True).first()
    ]  # fmt: skip
    found = [d.timestamp() for d in dates if d is not None]
    return min(found) if found else NOTHING_DUE


def forget_schedule():
    """Publish dates changed: work out the next one again when it is next needed."""
    cache.delete(DUE)


def bump(*names):
    """Say that what these generations cover has changed."""
    for name in names:
        key = GENERATION + name
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, time.time_ns(), timeout=None)


def reader_is_anonymous(request):
    """No session, no comment of their own waiting: the same page as everyone else."""
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    if any(name in cookies for name in settings.PAGE_CACHE_BYPASS_COOKIES):
        return False
    language = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return not language or language == get_language_from_path(request.path_info)


def storable(request, response):
    """Whether every reader may be given this very response."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    # A per-response CSP nonce or a visitor's own CSRF token must never reach a second reader.
    return not (get_nonce(request) or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


class PageCacheMiddleware:
    """Serve anonymous GETs of the pages in DEPENDENCIES from the cache.

    It is the first middleware: a page is stored as the other middleware left it (headers,
    compressed body, ETag), and a hit is one read from the cache with no further work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        names = dependencies(request)
        if names is None or not reader_is_anonymous(request):
            return self.get_response(request)
        key = page_key(request)
        generation_keys = [GENERATION + name for name in names]
        found = cache.get_many([key, DUE, *generation_keys])
        entry = found.pop(key, None)
        generations = _generations(names, found)
        if entry is not None and entry[0] == generations:
            return self.replay(request, *entry[1:])
        response = self.get_response(request)
        if storable(request, response):
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS
            )
            patch_vary_headers(response, ["Cookie"])
            headers = list(response.headers.items())
            entry = (generations, response.status_code, headers, response.content)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def replay(request, status, headers, body):
        response = HttpResponse(body, status=status, headers=headers)
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
