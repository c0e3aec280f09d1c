from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comments.models import CommentTarget
from inpud_site.links import slug_url
from posts.models import CONTENT_LANGUAGES, Document, Image, Post, Publishable
from posts.models.base import PublishableQuerySet
from posts.models.languages import validate_translation
from posts.models.post import Rendered


def validate_contact_url(value):
    """A path on this site ("/contact/") or a full https:// address of a contact form."""
    if value.startswith("/") and not value.startswith("//"):
        return
    if value.startswith("https://") and len(value) > len("https://"):
        return
    raise ValidationError(
        _("Enter a path on this site such as /contact/, or an address starting with https://."),
        code="invalid_contact_url",
    )


class CampaignQuerySet(PublishableQuerySet):
    def for_listing(self):
        """What a campaign summary shows, with its number of cities, in one query."""
        from campaigns.models.action import Action, ActionStatus

        cities = (
            Action.objects.filter(campaign=OuterRef("pk"))
            .exclude(status=ActionStatus.CANCELLED)
            .order_by()
            .values("campaign")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return self.select_related("hero_image").annotate(
            city_count=Coalesce(Subquery(cities, output_field=IntegerField()), Value(0))
        )

    def in_list_order(self, now=None):
        """Current and upcoming first (soonest first), then past ones (latest first)."""
        now = now or timezone.now()
        return self.annotate(
            is_over=Case(When(ends_at__lt=now, then=Value(1)), default=Value(0))
        ).order_by(
            "is_over",
            Case(When(is_over=0, then=F("starts_at"))).asc(nulls_last=True),
            F("ends_at").desc(nulls_last=True),
            "title",
        )


class Campaign(Rendered, Publishable, CommentTarget):
    """A coordinated action: one call, many cities, each at its own local time."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the campaign's address. Filled in from the title."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("One or two sentences for the list of campaigns, search engines and feeds."),
    )
    hero_image = models.ForeignKey(
        Image,
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. Shown at the top of the campaign page. Choose an image from the image "
            "library (upload it there first)."
        ),
    )
    demands_intro = models.CharField(
        _("demands: opening words"),
        max_length=300,
        blank=True,
        help_text=_("Completed by each demand, e.g. “We call upon the government to:”."),
    )
    hashtag = models.CharField(
        _("hashtag"),
        max_length=60,
        blank=True,
        validators=[
            RegexValidator(
                r"^\w+$",
                message=_("Letters, digits and underscores only, without the # sign."),
            )
        ],
        help_text=_("Without the # sign, e.g. SupportDontPunish."),
    )
    contact_role = models.CharField(
        _("public contact"),
        max_length=120,
        blank=True,
        help_text=_("A role, never a person's name: e.g. “Campaign coordination team”."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("A shared role address such as campaigns@…, never a personal one."),
    )
    contact_url = models.CharField(
        _("contact form"),
        max_length=300,
        blank=True,
        validators=[validate_contact_url],
        help_text=_("Or instead: a contact form, as a path on this site (/contact/) or https://…"),
    )
    pledge_call = models.TextField(
        _("call to supporters"),
        blank=True,
        help_text=_("Shown above the pledge form: what you ask supporters to do."),
    )
    pledges_open = models.BooleanField(
        _("pledges open"),
        default=True,
        help_text=_("Pledges also close by themselves when the last action has ended."),
    )
    documents = models.ManyToManyField(
        Document,
        verbose_name=_("documents"),
        blank=True,
        related_name="campaigns",
        help_text=_("Files from the document library offered for download."),
    )
    related_posts = models.ManyToManyField(
        Post,
        verbose_name=_("related posts"),
        blank=True,
        related_name="campaigns",
        help_text=_("Posts listed under “Read more” on the campaign page (published ones only)."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=CONTENT_LANGUAGES,
        default="en",
        help_text=_("The language the campaign page is written in."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text=_("If this campaign page translates another, choose the original here."),
    )
    # Kept by Action.save() and delete(): the first start and the last end of the
    # actions, as instants and as the days they fall on in their own cities.
    starts_at = models.DateTimeField(_("first action starts"), null=True, editable=False)
    ends_at = models.DateTimeField(_("last action ends"), null=True, editable=False)
    first_day = models.DateField(_("first day"), null=True, editable=False)
    last_day = models.DateField(_("last day"), null=True, editable=False)

    objects = CampaignQuerySet.as_manager()

    class Meta(Publishable.Meta):
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_at", "title"]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="campaigns_campaign_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("campaigns:detail", self.slug)

    def clean(self):
        super().clean()
        self.hashtag = self.hashtag.lstrip("#")
        validate_translation(self)

    def update_dates(self):
        """Store when the actions start and end (all of them, cancelled ones too)."""
        dates = self.actions.aggregate(
            starts_at=models.Min("starts_at"),
            ends_at=models.Max("ends_at"),
            first_day=models.Min("start_date"),
            last_day=models.Max("end_date"),
        )
        for name, value in dates.items():
            setattr(self, name, value)
        # Moving the update time also moves the sitemap's lastmod.
        Campaign.objects.filter(pk=self.pk).update(**dates, updated_at=timezone.now())

    @property
    def is_past(self):
        return self.ends_at is not None and self.ends_at < timezone.now()

    @property
    def is_under_way(self):
        now = timezone.now()
        return self.starts_at is not None and self.starts_at <= now <= self.ends_at

    @property
    def accepts_pledges(self):
        return self.is_published and self.pledges_open and not self.is_past


class Demand(models.Model):
    """One demand of a campaign's statement, completing its opening words."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="demands"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(
        _("demand"),
        max_length=1000,
        help_text=_("e.g. “legalise methadone and buprenorphine for treating dependence.”"),
    )

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["campaign", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "order"], name="campaigns_demand_one_per_place"
            ),
            models.CheckConstraint(condition=Q(order__gte=1), name="campaigns_demand_order_from_1"),
        ]

    def __str__(self):
        return f"{self.order}. {self.text}"
