"""
Debian's Chromium under Playwright, for the browser tests of every app.

`Chromium` starts the browser on first use; `Visit` is a browser context on the
live server that records every request its pages make, so a test can prove that
nothing was asked of another site. The fixtures are in tests/browser/conftest.py.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django would
# otherwise refuse the test's own database queries.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".ci" / "output" / "screenshots"
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}
# Schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about"}


def _origin(url):
    parts = urlsplit(url)
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, parts.hostname, parts.port or default_port


class Chromium:
    """Debian's Chromium under Playwright, started by the first test that needs it.

    Starting it inside the test, not in a fixture, makes a missing browser a
    test failure with a clear message rather than a setup error.
    """

    def __init__(self):
        self._playwright = None
        self._browser = None

    def get(self):
        if self._browser is None:
            if not CHROMIUM.exists():
                pytest.fail(
                    f"{CHROMIUM} is missing: the browser tests need Debian's chromium. "
                    "Run the tests through scripts/test.sh, which installs it, "
                    "or `apt-get install chromium`.",
                    pytrace=False,
                )
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
        return self._browser

    def stop(self):
        if self._playwright is not None:
            # While Playwright runs, its event loop counts as running in this thread, so
            # Django keeps separate database connections for the time; close those before
            # the loop ends, so the test's own connection flushes and restores the database.
            connections.close_all()
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()


class Visit:
    """A browser context on the live server that records every request its pages make."""

    def __init__(self, browser, live_server, **context_options):
        self.base = live_server.url
        self.origin = _origin(self.base)
        self.requests = []
        context_options.setdefault("viewport", VIEWPORTS["desktop"])
        context_options.setdefault("locale", "en-GB")
        self.context = browser.new_context(**context_options)
        # Nothing leaves the machine even if a page asks for another site;
        # the request is still recorded and fails the test below.
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.set_default_timeout(15_000)

    def _is_foreign(self, url):
        return urlsplit(url).scheme not in LOCAL_SCHEMES and _origin(url) != self.origin

    def _route(self, route):
        if self._is_foreign(route.request.url):
            route.abort()
        else:
            route.continue_()

    def open(self, path):
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return response

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    def assert_same_origin(self):
        foreign = sorted({url for url in self.requests if self._is_foreign(url)})
        assert not foreign, f"requests to other origins than {self.base}: {foreign}"
        assert self.requests, "no request was recorded"

    def close(self):
        self.context.close()
