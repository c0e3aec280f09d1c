from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from campaigns.sitemaps import sitemaps as campaign_sitemaps
from inpud_site import views
from posts import views as post_views
from posts.sitemaps import sitemaps

admin.site.site_header = format_lazy(_("{site} back office"), site=settings.SITE_NAME)
admin.site.site_title = admin.site.site_header
admin.site.index_title = _("Publishing")
# The sidebar repeats the index and, beside the filters, leaves a post list's titles a
# few characters wide on a laptop.
admin.site.enable_nav_sidebar = False

all_sitemaps = {**sitemaps, **campaign_sitemaps}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # Browsers ask for it on pages that name no icon (the admin's).
    path("favicon.ico", RedirectView.as_view(url=lazy(static_url, str)("img/favicon.svg"))),
    # An index of sections, each in pages of at most 2,000 addresses, as crawlers expect.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": all_sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": all_sitemaps},
        name="sitemap-section",
    ),
    # A document's file (its storage's URL, see posts.storage): the same in every language.
    path("documents/<path:name>", post_views.document_file, name="document-file"),
]
urlpatterns += i18n_patterns(
    path("", include("comments.urls")),
    path("", include("campaigns.urls")),
    path("", include("posts.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
