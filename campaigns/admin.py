from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from campaigns.export import pledges_csv
from campaigns.forms import DemandForm, DemandFormSet
from campaigns.models import Action, Campaign, Demand, Organisation, Pledge, Update
from posts.admin import COMMENTS_FIELDSET, PublishableAdmin


class DemandInline(admin.TabularInline):
    """The demands, each completing the opening words ("We call upon the government to:")."""

    model = Demand
    form = DemandForm
    formset = DemandFormSet
    fields = ["position", "text"]
    extra = 1


class ActionInline(admin.StackedInline):
    model = Action
    extra = 0
    show_change_link = True
    autocomplete_fields = ["organisations"]
    fieldsets = [
        (None, {"fields": [("city", "country"), "status", "organisations"]}),
        (
            _("Time, in the city's own time zone"),
            {"fields": ["time_zone", ("start_date", "start_time"), ("end_date", "end_time")]},
        ),
        (
            _("Place"),
            {
                "fields": ["location_visibility", "venue", "address"],
                "description": _(
                    "Choose first what the public may see: for a risky action, keep the "
                    "exact place off the site."
                ),
            },
        ),
        (
            _("Point on the map"),
            {
                "fields": [("latitude", "longitude")],
                "classes": ["collapse"],
                "description": _(
                    "Optional. Copy the two numbers from any map application. Unless the "
                    "place is public, the point is blurred to the city."
                ),
            },
        ),
        (
            _("For organisers only"),
            {
                "fields": ["safety_notes"],
                "description": _("Never shown to the public, anywhere."),
            },
        ),
    ]


class UpdateInline(admin.StackedInline):
    model = Update
    extra = 0
    fields = ["title", "text", "posted_at", "action", "byline"]
    autocomplete_fields = ["byline"]

    def get_formset(self, request, obj=None, **kwargs):
        self.campaign = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            # Only this campaign's own actions.
            kwargs["queryset"] = Action.objects.filter(campaign=self.campaign)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Campaign)
class CampaignAdmin(PublishableAdmin):
    list_display = [
        "title", "status", "starts_at", "ends_at", "action_count", "public_now", "view_link",
    ]  # fmt: skip
    list_filter = ["status", "language", "pledges_open"]
    search_fields = ["title", "summary", "hashtag"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["hero_image", "documents", "related_posts", "translation_of"]
    readonly_fields = ["starts_at", "ends_at"]
    inlines = [DemandInline, ActionInline, UpdateInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "hero_image", "hashtag"]}),
        (
            _("Demands"),
            {
                "fields": ["demands_intro"],
                "description": _(
                    "The opening words here; the demands themselves are listed further down, "
                    "under Demands, one per row."
                ),
            },
        ),
        (
            _("Public contact and sign-ups"),
            {
                "fields": [
                    "contact_role",
                    "contact_email",
                    "contact_url",
                    "pledge_call",
                    "pledges_open",
                ],
                "description": _(
                    "Pledges are private: only staff read them; the page shows how many there are."
                ),
            },
        ),
        (
            _("Downloads and reading"),
            {
                "fields": ["documents", "related_posts"],
                "description": _(
                    "Choose from the document library and from published posts by typing "
                    "part of their title."
                ),
            },
        ),
        (
            _("Publishing and language"),
            {
                "fields": ["status", "published_at", "language", ("starts_at", "ends_at")],
                "description": _(
                    "Nothing is public until the status is Published and the publish date "
                    "has come. The campaign's first and last days come from its actions "
                    "(under Actions, below) and cannot be typed here."
                ),
            },
        ),
        COMMENTS_FIELDSET,
        (
            _("Translation"),
            {
                "fields": ["translation_of"],
                "classes": ["collapse"],
                "description": _(
                    "Only for a campaign page that translates another: readers are offered "
                    "both versions."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        # A GROUP BY query drops Meta.ordering; the autocomplete pages it, so order it here.
        queryset = super().get_queryset(request).annotate(action_total=Count("actions"))
        return queryset.order_by(*Campaign._meta.ordering)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body":
            field.help_text = _("Why this campaign, and how to take part safely.")
        return field

    @admin.display(description=_("cities"), ordering="action_total")
    def action_count(self, obj):
        return obj.action_total

    def has_publish_permission(self, request):
        return request.user.has_perm("campaigns.change_campaign")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_dates()


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["city", "country", "campaign", "starts_at", "time_zone", "status"]
    list_filter = ["status", "location_visibility", "campaign"]
    list_select_related = ["campaign"]
    search_fields = ["city", "country", "venue", "campaign__title"]
    autocomplete_fields = ["campaign", "organisations"]
    readonly_fields = ["starts_at", "ends_at"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["campaign", ("city", "country"), "status", "organisations"]}),
        (
            _("Time, in the city's own time zone"),
            {
                "fields": [
                    "time_zone", ("start_date", "start_time"), ("end_date", "end_time"),
                    ("starts_at", "ends_at"),
                ]
            },
        ),
        (
            _("Place"),
            {"fields": ["venue", "address", "location_visibility", ("latitude", "longitude")]},
        ),
        (_("For organisers only"), {"fields": ["safety_notes"]}),
    ]  # fmt: skip


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "relationship", "city", "country", "website"]
    list_filter = ["relationship", "country"]
    search_fields = ["name", "city", "country"]


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "action", "posted_at"]
    list_filter = ["campaign"]
    list_select_related = ["campaign", "action"]
    search_fields = ["title", "text"]
    autocomplete_fields = ["campaign", "action", "byline"]
    date_hierarchy = "posted_at"


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    """Read-only: pledges come from supporters; staff read, filter, export and delete them."""

    list_display = ["name", "campaign", "city", "organisation", "wants_to_organise", "created_at"]
    list_filter = ["campaign", "wants_to_organise", "language", "created_at"]
    list_select_related = ["campaign"]
    search_fields = ["name", "email", "city", "organisation", "message"]
    date_hierarchy = "created_at"
    actions = ["export_csv"]
    fields = [
        "campaign", "created_at", "name", "email", "city", "organisation", "message",
        "wants_to_organise", "language", "consent_text",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_export_permission(self, request):
        return request.user.has_perm("campaigns.export_pledge")

    @admin.action(permissions=["export"], description=_("Export selected pledges as CSV"))
    def export_csv(self, request, queryset):
        return pledges_csv(queryset.select_related("campaign"))
