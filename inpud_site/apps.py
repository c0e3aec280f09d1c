from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig as TaggitConfig


def sync_site(using="default", **kwargs):
    """Make the sites framework's row name this deployment's SITE_URL, not example.com.

    Feeds, the sitemap and stored redirects read it; it is set again on every migrate, so it
    follows the environment rather than an edit in the admin.
    """
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": settings.SITE_NAME},
    )


class InpudSiteConfig(AppConfig):
    # This module holds other AppConfig classes too; this one is the app's own.
    default = True
    name = "inpud_site"
    verbose_name = _("Site")

    def ready(self):
        from inpud_site import invalidation

        # post_migrate is sent only for apps with models, which this one has none of: run
        # after the sites app's own handler, which creates the example.com row.
        post_migrate.connect(sync_site, sender=self.apps.get_app_config("sites"))
        invalidation.connect()


class TagsConfig(TaggitConfig):
    """django-taggit, under a name editors know: its section in the admin is "Tags"."""

    verbose_name = _("Tags")
