import pytest


@pytest.fixture(autouse=True)
def page_cache(settings):
    """As in production: anonymous pages come from the page cache, so the journeys also
    prove that what staff and readers change reaches the pages others see."""
    settings.PAGE_CACHE_ENABLED = True
