from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.models.campaign import Campaign
from campaigns.timezones import validate_time_zone, wall_time_to_utc

# Coordinates of an action whose exact place is private are rounded to this many
# decimals (about 11 km) before they are drawn.
CITY_PRECISION = Decimal("0.1")


class Relationship(models.TextChoices):
    MEMBER = "member", _("Member of the network")
    PARTNER = "partner", _("Partner")


class Organisation(models.Model):
    """A group that leads actions; reused from one campaign to the next."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    relationship = models.CharField(
        _("relationship"), max_length=10, choices=Relationship, default=Relationship.PARTNER
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="campaigns_organisation_unique_name",
                violation_error_message=_("This organisation is already listed."),
            ),
            models.CheckConstraint(
                condition=Q(relationship__in=Relationship.values),
                name="campaigns_organisation_relationship_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})" if self.country else self.name


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")
    DONE = "done", _("Done")


class LocationVisibility(models.TextChoices):
    EXACT = "exact", _("Exact address")
    CITY = "city", _("City only")
    ON_REQUEST = "on_request", _("City; address on request")


class Action(models.Model):
    """One city's part of a campaign, at a wall-clock time in the city's own zone."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="actions"
    )
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Embassy of the Russian Federation”."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    location_visibility = models.CharField(
        _("what the public sees of the place"),
        max_length=12,
        choices=LocationVisibility,
        default=LocationVisibility.CITY,
        help_text=_(
            "“City only” hides the venue and address everywhere: on the page, in calendars "
            "and in the feed, and blurs the point on the map to the city."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("The city's own time zone, e.g. Europe/London or America/Mexico_City."),
    )
    start_date = models.DateField(_("date (local)"))
    start_time = models.TimeField(_("starts at (local time)"))
    end_date = models.DateField(
        _("end date (local)"),
        blank=True,
        help_text=_("Leave empty if the action ends on the day it starts."),
    )
    end_time = models.TimeField(_("ends at (local time)"))
    # The same moments in UTC, derived from the wall times and the zone.
    starts_at = models.DateTimeField(_("starts (UTC)"), editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends (UTC)"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus, default=ActionStatus.PLANNED
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("led by"),
        blank=True,
        related_name="actions",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Optional, for the map, e.g. 51.50735. Leave both empty to leave it off."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    safety_notes = models.TextField(
        _("safety notes for organisers"),
        blank=True,
        help_text=_("Never shown publicly: not on the site, in calendars or in feeds."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["starts_at", "city"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="campaigns_action_ends_after_start",
                violation_error_message=_("An action must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values),
                name="campaigns_action_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(location_visibility__in=LocationVisibility.values),
                name="campaigns_action_visibility_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="campaigns_action_coordinates_valid",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            models.UniqueConstraint(
                fields=["campaign", "city", "country"],
                name="campaigns_action_one_per_city",
                violation_error_message=_("This campaign already has an action in this city."),
            ),
        ]

    def __str__(self):
        return f"{self.city}, {self.country}"

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        self.starts_at = wall_time_to_utc(self.start_date, self.start_time, self.time_zone)
        self.ends_at = wall_time_to_utc(self.end_date, self.end_time, self.time_zone)
        with transaction.atomic():
            super().save(*args, **kwargs)
            self.campaign.update_dates()

    def get_absolute_url(self):
        return self.campaign.get_absolute_url() + f"#action-{self.pk}"

    def delete(self, *args, **kwargs):
        campaign = self.campaign
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            campaign.update_dates()
        return result

    def calendar_url(self):
        return reverse(
            "campaigns:action-calendar", kwargs={"slug": self.campaign.slug, "pk": self.pk}
        )

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if None in (self.start_date, self.start_time, self.end_time) or not self.time_zone:
            return  # the missing field already has its own error
        if self.end_date is None:
            self.end_date = self.start_date
        try:
            validate_time_zone(self.time_zone)
        except ValidationError:
            return
        errors = {}
        try:
            self.starts_at = wall_time_to_utc(self.start_date, self.start_time, self.time_zone)
        except ValidationError as error:
            errors["start_time"] = error.messages
        try:
            self.ends_at = wall_time_to_utc(self.end_date, self.end_time, self.time_zone)
        except ValidationError as error:
            errors["end_time"] = error.messages
        if not errors and self.ends_at <= self.starts_at:
            errors["end_time"] = [_("An action must end after it starts.")]
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self):
        return self.status == ActionStatus.CANCELLED

    @property
    def is_exact(self):
        return self.location_visibility == LocationVisibility.EXACT

    def public_location(self, *, with_city=True):
        """The place as the public may see it: on the page, in calendars and in feeds.

        Without the city (for a table that has its own city column) a place that is
        not public gives "" or the "on request" note.
        """
        city = ", ".join(part for part in (self.city, self.country) if part) if with_city else ""
        if self.location_visibility == LocationVisibility.EXACT:
            return ", ".join(part for part in (self.venue, self.address, city) if part)
        if self.location_visibility == LocationVisibility.ON_REQUEST:
            if not city:
                return gettext("Exact place on request")
            return gettext("%(city)s (exact place on request)") % {"city": city}
        return city

    @property
    def public_place(self):
        return self.public_location(with_city=False)

    def public_coordinates(self):
        """(latitude, longitude) for the map, blurred to the city unless the place is public."""
        if self.latitude is None or self.longitude is None:
            return None
        if self.is_exact:
            return self.latitude, self.longitude
        return (
            self.latitude.quantize(CITY_PRECISION, rounding=ROUND_HALF_UP),
            self.longitude.quantize(CITY_PRECISION, rounding=ROUND_HALF_UP),
        )
