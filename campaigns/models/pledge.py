from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models.campaign import Campaign

MESSAGE_MAX_LENGTH = 1000


class Pledge(models.Model):
    """A supporter's private sign-up. Only staff see it; the public sees the count.

    Nothing about the request is kept: no IP address, no user agent.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="pledges"
    )
    name = models.CharField(_("name or pseudonym"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    wants_to_organise = models.BooleanField(_("wants to organise an action"), default=False)
    consent_text = models.TextField(
        _("consent given"),
        help_text=_("The consent wording the person ticked, exactly as it was shown."),
    )
    language = models.CharField(_("language shown"), max_length=10)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at", "-pk"]
        permissions = [("export_pledge", _("Can export pledges as CSV"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(consent_text=""), name="campaigns_pledge_has_consent"
            ),
        ]

    def __str__(self):
        return self.name
