from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Moderated reader comments (built in the comments issue)."""

    name = "comments"
    verbose_name = _("Comments")
