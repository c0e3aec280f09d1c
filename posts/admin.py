from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_prose_editor.fields import ProseEditorField
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from posts.models import Byline, Category, Document, Image, Page, Post, Status
from posts.widgets import EditorWidget

# Posts, pages and campaigns take comments the same way.
COMMENTS_FIELDSET = (
    _("Comments"),
    {
        "fields": ["allow_comments", "comment_days"],
        "classes": ["collapse"],
        "description": _("Readers' comments appear only after a moderator approves them."),
    },
)

PUBLISH_PERMISSION = "posts.publish_post"


class PublishableAdmin(admin.ModelAdmin):
    """Shared list columns and bulk actions for anything with a status."""

    actions = ["publish_now", "unpublish"]
    formfield_overrides = {ProseEditorField: {"widget": EditorWidget}}
    change_form_template = "admin/publishable_change_form.html"
    # Whether the change form of an unpublished item offers a Preview of its page.
    shows_preview = True

    def get_view_on_site_url(self, obj=None):
        # An unpublished item has no public page yet: its form offers a Preview instead.
        if obj is not None and not obj.is_published:
            return None
        return super().get_view_on_site_url(obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and not obj.is_published:
            context["publishing_note"] = self.publishing_note(obj)
            if self.shows_preview:
                context["preview_url"] = obj.get_absolute_url()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def publishing_note(self, obj):
        """Why an item is not public yet, in an editor's words."""
        if obj.status == Status.PUBLISHED:  # with a publish date still to come
            when = date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
            return _("Scheduled — readers will see this from %(date)s") % {"date": when}
        return _("Not public (%(status)s): only staff can see it.") % {
            "status": obj.get_status_display()
        }

    @admin.display(boolean=True, description=_("public now"))
    def public_now(self, obj):
        return obj.is_published

    @admin.display(description=_("on the site"))
    def view_link(self, obj):
        label = _("View") if obj.is_published else _("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [
                (Status.DRAFT, Status.DRAFT.label),
                (Status.PENDING, Status.PENDING.label),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def locked(self, queryset):
        """The selected rows, locked. Through the model's manager: an admin queryset may be
        annotated with a count (GROUP BY), which PostgreSQL refuses to lock."""
        rows = self.model._default_manager.filter(pk__in=queryset.values("pk"))
        return rows.select_for_update(of=("self",))

    @admin.action(permissions=["publish"], description=_("Publish selected items now"))
    def publish_now(self, request, queryset):
        now = timezone.now()
        with transaction.atomic():
            for obj in self.locked(queryset):
                obj.status = Status.PUBLISHED
                if obj.published_at is None or obj.published_at > now:
                    obj.published_at = now
                obj.save()
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d item published.", "%d items published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(permissions=["publish"], description=_("Unpublish selected items (to draft)"))
    def unpublish(self, request, queryset):
        with transaction.atomic():
            for obj in self.locked(queryset):
                obj.status = Status.DRAFT
                obj.save()
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d item returned to draft.", "%d items returned to draft.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Post)
class PostAdmin(PublishableAdmin):
    list_display = [
        "title", "status", "byline", "published_at", "public_now", "language", "view_link",
    ]  # fmt: skip
    # Only the bylines of the posts this person may list: an author's are their own.
    list_filter = [
        "status", "language", "is_sticky", "categories",
        ("byline", admin.RelatedOnlyFieldListFilter),
    ]  # fmt: skip
    list_select_related = ["byline"]
    search_fields = ["title", "summary", "byline__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["byline", "categories", "featured_image", "documents", "translation_of"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "byline", "body"]}),
        (
            _("Summary and classification"),
            {
                "fields": ["excerpt", "categories", "tags"],
                "description": _(
                    "How the post appears in lists, feeds and search results, and which "
                    "archives it is filed under."
                ),
            },
        ),
        (
            _("Image and downloads"),
            {
                "fields": ["featured_image", "documents"],
                "description": _(
                    "Upload images and documents in their own libraries first, then choose "
                    "them here by typing part of their name."
                ),
            },
        ),
        (
            _("Reader care and language"),
            {
                "fields": ["content_warning", "language"],
                "description": _(
                    "Warn readers before hard reading, and say which language the post is "
                    "written in."
                ),
            },
        ),
        (
            _("Publishing"),
            {
                "fields": ["status", "published_at", "is_sticky"],
                "description": _(
                    "Nothing is public until the status is Published and the publish date "
                    "has come. Authors choose Pending review; an editor then publishes."
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
                    "Only for a post that translates another: readers are offered both versions."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.is_author_only(request):
            return queryset.filter(created_by=request.user)
        return queryset

    def is_author_only(self, request):
        """Authors write and see their own posts only; they cannot publish."""
        return request.user.has_perm("posts.add_post") and not self.has_publish_permission(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or not self.is_author_only(request):
            return True
        return obj.created_by_id == request.user.pk and obj.status != Status.PUBLISHED

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.has_publish_permission(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = [
        "title", "slug", "status", "public_now", "menu_order", "show_in_menu", "role",
        "view_link",
    ]  # fmt: skip
    list_editable = ["menu_order", "show_in_menu"]
    list_filter = ["status", "show_in_menu", "role", "language"]
    search_fields = ["title", "body_text"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (
            _("Menu, footer and language"),
            {
                "fields": ["show_in_menu", "menu_order", "role", "language"],
                "description": _(
                    "Where readers find the page. The privacy and contact pages are linked "
                    "at the bottom of every page."
                ),
            },
        ),
        (
            _("Publishing"),
            {
                "fields": ["status", "published_at"],
                "description": _(
                    "Nothing is public until the status is Published and the publish date has come."
                ),
            },
        ),
        (
            _("Discussion"),
            {
                "fields": ["allow_comments", "comment_days"],
                "classes": ["collapse"],
                "description": _(
                    "Most pages need no comments; they are closed unless you open them."
                ),
            },
        ),
    ]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Byline)
class BylineAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "__str__", "is_decorative", "dimensions", "uploaded_at"]
    list_filter = ["is_decorative"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "dimensions", "address"]
    fields = [
        "file", "preview", "dimensions", "address", "alt_text", "is_decorative",
        "caption", "credit", "credit_url",
    ]  # fmt: skip

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk or not obj.file or not obj.width:
            return "—"
        # Sized by attributes, not inline style, so a strict CSP needs no exception.
        scale = min(160 / obj.width, 80 / obj.height, 1)
        smallest = obj.renditions.get("480")
        url = obj.file.storage.url(smallest) if smallest else obj.file.url
        return format_html(
            '<img src="{}" alt="" width="{}" height="{}">',
            url,
            round(obj.width * scale),
            round(obj.height * scale),
        )

    @admin.display(description=_("address for the editor"))
    def address(self, obj):
        """The path to paste into the body editor's image dialog."""
        return obj.file.url if obj.pk and obj.file else "—"

    @admin.display(description=_("size in pixels"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    list_display = ["title", "language", "extension", "file_size", "status", "public_now"]
    list_filter = ["status", "language"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    fields = ["title", "file", "language", "description", "status", "published_at"]
    shows_preview = False  # its address is the file itself

    @admin.display(description=_("size"))
    def file_size(self, obj):
        return filesizeformat(obj.size)

    def has_publish_permission(self, request):
        return request.user.has_perm("posts.change_document")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


class TagAdmin(TaggitTagAdmin):
    """django-taggit's tag admin, with its merge limited to those who may change and delete
    tags: merging rewrites the tags of every post, published or not, and taggit's own
    action and page check neither permission."""

    @admin.action(description=_("Merge selected tags"), permissions=["change", "delete"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        if not (self.has_change_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        return super().merge_tags_view(request)


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)
