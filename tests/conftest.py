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


@pytest.fixture(autouse=True)
def staff_pass_second_factor(monkeypatch):
    """Staff signed in with `client.force_login(user)` have also passed the second factor,
    as they would have through the real pages; `force_login(user, second_factor=False)`
    signs in with the password step only. tests/accounts/ tests the real pages."""
    from django.test.client import ClientMixin

    from tests.two_factor import pass_second_factor

    force_login = ClientMixin.force_login

    def force_login_with_second_factor(self, user, backend=None, *, second_factor=True):
        force_login(self, user, backend)
        if second_factor and (user.is_staff or user.is_superuser):
            pass_second_factor(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", force_login_with_second_factor)
