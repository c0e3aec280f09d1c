from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InpudSiteConfig(AppConfig):
    name = "inpud_site"
    verbose_name = _("Site")
