import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    """A request to /ru/ leaves Russian active in the thread; start every test in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and cached settings from one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def known_site():
    """The sites framework looks its row up once per process; make that lookup happen before
    any test, so that query budgets do not depend on which test ran first."""
    from urllib.parse import urlsplit

    from django.contrib.sites.models import SITE_CACHE, Site

    SITE_CACHE[settings.SITE_ID] = Site(
        pk=settings.SITE_ID, domain=urlsplit(settings.SITE_URL).netloc, name=settings.SITE_NAME
    )
    yield
    SITE_CACHE.clear()
