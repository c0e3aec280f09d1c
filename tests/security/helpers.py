"""Shared pieces of the security tests: sending forms, walking the URLconf, same-origin checks."""

import atexit
import contextlib
import logging
import multiprocessing
import re
from concurrent.futures import Future, ProcessPoolExecutor
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.dom import C0_AND_SPACE, compare, shape_of

SUPERUSER_PASSWORD = "a-long-test-password"


def make_superuser(username="root", **fields):
    fields.setdefault("email", f"{username}@staff.example")
    return User.objects.create_superuser(username, password=SUPERUSER_PASSWORD, **fields)


@contextlib.contextmanager
def quiet_request_log():
    """Thousands of expected 400s would each log a warning; keep the output readable."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


_parser = None


def parser():
    """A second process that parses pages while the test goes on sending requests (the
    parsing is a third of the work); None where no process can be started."""
    global _parser
    if _parser is None:
        try:
            _parser = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            atexit.register(_parser.shutdown, cancel_futures=True)
        except (OSError, NotImplementedError):
            _parser = False
    return _parser or None


class Findings:
    """Problems gathered over a whole corpus run, reported together at the end."""

    def __init__(self):
        self._items = []
        self.pending = []

    @property
    def items(self):
        """The problems found; waits for the pages still being parsed."""
        for label, payload, shape, baseline, allowed in self.pending:
            shape = shape.result() if isinstance(shape, Future) else shape
            for problem in compare(shape, baseline, **allowed):
                self._items.append(f"{label}: {problem} for {payload[:80]!r}")
        self.pending = []
        return self._items

    def status(self, label, payload, response, allowed):
        if response.status_code not in allowed:
            self._items.append(f"{label}: HTTP {response.status_code} for {payload[:80]!r}")
            return False
        return True

    def page(self, label, payload, content, baseline, **allowed):
        pool = parser()
        shape = pool.submit(shape_of, content) if pool else shape_of(content)
        self.pending.append((label, payload, shape, baseline, allowed))

    def add(self, message):
        self._items.append(message)

    def report(self, limit=40):
        shown = "\n".join(self.items[:limit])
        more = f"\n… and {len(self.items) - limit} more" if len(self.items) > limit else ""
        return f"{len(self.items)} problems:\n{shown}{more}"


def baseline_of(*contents):
    """The union of the shapes of a page rendered from harmless data in its various states."""
    shape = shape_of(contents[0])
    for content in contents[1:]:
        shape = shape | shape_of(content)
    return shape


def fresh_send(client, method, url, data=None, **extra):
    """One request as a new visitor: no cookies from the last one, rate limits cleared."""
    cache.clear()
    client.cookies.clear()
    return getattr(client, method)(url, data, **extra)


# The URLconf ---------------------------------------------------------------------------


def walk_urlconf(patterns=None, prefix="", namespace=()):
    """Every URL pattern as (route text, "namespace:name" or None, callback, resolver kwargs)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + ((pattern.namespace,) if pattern.namespace else ())
            yield from walk_urlconf(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = ":".join((*namespace, pattern.name)) if pattern.name else None
            yield prefix + str(pattern.pattern), name, pattern.callback, pattern.default_args


# Same-origin redirects -------------------------------------------------------------------

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


def as_browser_reads(location):
    """A Location value as a browser reads it: C0 controls and spaces trimmed, tabs and
    newlines dropped, backslashes taken as slashes (what browsers do for http URLs)."""
    cleaned = location.strip(C0_AND_SPACE)
    return re.sub(r"[\t\n\r]", "", cleaned).replace("\\", "/")


def _host(rest):
    """The host a browser takes from what follows `scheme:` (any number of slashes)."""
    authority = re.split(r"[/?#]", rest.lstrip("/"), maxsplit=1)[0]
    return None if "@" in authority else authority.lower()


def is_same_origin(location, origin="http://testserver"):
    """Whether following `location` from a page on `origin` stays on `origin`.

    Read as browsers read URLs (WHATWG): `https:x` from an http page, `//x`, `///x` and
    `/\\x` all lead to the host x; `http:x` from an http page is a relative path.
    """
    read = as_browser_reads(location)
    base = urlsplit(origin)
    scheme = SCHEME.match(read)
    if scheme:
        name = scheme.group(0)[:-1].lower()
        if name not in ("http", "https"):
            return False
        rest = read[len(name) + 1 :]
        if name != base.scheme or rest.startswith("/"):
            return _host(rest) == base.netloc
        read = rest  # the page's own scheme without slashes: a relative path
    if read.startswith("//"):
        return _host(read) == base.netloc
    return True  # a path, a query or a fragment
