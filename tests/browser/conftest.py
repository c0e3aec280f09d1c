import pytest

from tests.browser.helpers import Chromium, Visit


@pytest.fixture
def chromium():
    """A browser per test: it must be gone before the test's database is flushed and restored."""
    browser = Chromium()
    yield browser
    browser.stop()


@pytest.fixture
def visit(chromium, live_server):
    """Opens browser contexts; the tests check each one's requests, and so does the teardown."""
    visits = []

    def open_visit(**context_options):
        opened = Visit(chromium.get(), live_server, **context_options)
        visits.append(opened)
        return opened

    yield open_visit
    for opened in visits:
        opened.close()
    for opened in visits:
        opened.assert_same_origin()
