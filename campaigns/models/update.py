from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.action import Action
from campaigns.models.campaign import Campaign


class UpdateQuerySet(models.QuerySet):
    def posted(self):
        """Updates whose time has come (their campaign is gated by Campaign.published())."""
        return self.filter(posted_at__lte=timezone.now())


class Update(models.Model):
    """A dated entry in a campaign's timeline, e.g. "Tbilisi: the protest is under way"."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="updates"
    )
    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="updates",
        help_text=_("Optional: the city this update is about."),
    )
    posted_at = models.DateTimeField(
        _("posted"),
        default=timezone.now,
        db_index=True,
        help_text=_("Shown from this moment on; a future time schedules the update."),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, help_text=_("Plain text."))
    byline = models.ForeignKey(
        "posts.Byline",
        verbose_name=_("byline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The name it is signed with; the network's name if empty."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        ordering = ["-posted_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Campaign.objects.filter(pk=self.campaign_id).update(updated_at=timezone.now())

    def get_absolute_url(self):
        return self.campaign.get_absolute_url() + f"#update-{self.pk}"

    def clean(self):
        super().clean()
        if self.action_id and self.campaign_id and self.action.campaign_id != self.campaign_id:
            raise ValidationError({"action": _("Choose an action of this campaign.")})
