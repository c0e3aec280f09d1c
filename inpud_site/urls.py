from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from campaigns.sitemaps import sitemaps as campaign_sitemaps
from inpud_site import views
from posts.sitemaps import sitemaps

admin.site.site_header = format_lazy(_("{site} back office"), site=settings.SITE_NAME)
admin.site.site_title = admin.site.site_header
admin.site.index_title = _("Publishing")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {**sitemaps, **campaign_sitemaps}},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]
urlpatterns += i18n_patterns(
    path("", include("comments.urls")),
    path("", include("campaigns.urls")),
    path("", include("posts.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
