from django.conf import settings
from django.utils.functional import SimpleLazyObject

from posts.models import Page


def site(request):
    """Site name and the header menu, loaded only if a template uses it."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "menu_pages": SimpleLazyObject(
            lambda: list(Page.objects.published().filter(show_in_menu=True).only("title", "slug"))
        ),
    }
