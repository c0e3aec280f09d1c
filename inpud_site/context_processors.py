from django.conf import settings
from django.db.models import Q
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from posts.models import Page, PageRole


def site(request):
    """Site name, the header menu and the footer's standing pages, loaded (in one query)
    only if a template uses them."""
    pages = SimpleLazyObject(
        lambda: list(
            Page.objects.published()
            .filter(Q(show_in_menu=True) | ~Q(role=""))
            .only("title", "slug", "show_in_menu", "role", "language")
        )
    )
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "menu_pages": SimpleLazyObject(lambda: [page for page in pages if page.show_in_menu]),
        "footer_pages": SimpleLazyObject(lambda: footer_pages(pages, get_language())),
    }


def footer_pages(pages, language):
    """The contact and privacy pages in the reader's language, else in the site's default
    language, else in any language."""
    found = []
    for role in (PageRole.CONTACT, PageRole.PRIVACY):
        candidates = [page for page in pages if page.role == role]
        preferred = {language: 0, settings.LANGUAGE_CODE: 1}
        candidates.sort(key=lambda page: preferred.get(page.language, 2))
        found.extend(candidates[:1])
    return found
