from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import moderation
from comments.models import Comment, CommentStatus, ModerationSettings


class QueueFilter(admin.SimpleListFilter):
    """Status, opening on the pending queue rather than on everything."""

    title = _("status")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        others = [choice for choice in CommentStatus.choices if choice[0] != CommentStatus.PENDING]
        return [(None, _("Waiting (the queue)")), *others, ("all", _("All"))]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == (str(value) if value else None),
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value} if value else {}, [self.parameter_name]
                ),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == "all":
            return queryset
        return queryset.filter(status=value or CommentStatus.PENDING)


def moderation_action(function, description, done_message):
    def action(modeladmin, request, queryset):
        with transaction.atomic():
            comments = list(
                queryset.select_related("post", "campaign", "page", "parent").select_for_update(
                    of=("self",)
                )
            )
            for comment in comments:
                function(comment, by=request.user)
        count = len(comments)
        modeladmin.message_user(request, done_message(count) % count, messages.SUCCESS)

    action.__name__ = function.__name__
    return admin.action(description=description, permissions=["moderate"])(action)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "name", "on", "waiting", "flags", "status"]
    list_filter = [QueueFilter, "is_urgent", "is_private", "post", "campaign", "page"]
    list_select_related = ["post", "campaign", "page"]
    search_fields = ["name", "text"]
    ordering = ["-is_urgent", "created_at"]
    list_per_page = 50
    readonly_fields = [
        "on", "parent", "name", "url", "text", "is_urgent", "is_private", "notify_replies",
        "is_staff_reply", "created_at", "moderated_by", "moderated_at",
    ]  # fmt: skip
    fields = [*readonly_fields, "status"]
    actions = [
        moderation_action(
            moderation.approve,
            _("Approve selected comments"),
            lambda n: ngettext("%d comment approved.", "%d comments approved.", n),
        ),
        moderation_action(
            moderation.mark_spam,
            _("Mark selected comments as spam"),
            lambda n: ngettext("%d comment marked as spam.", "%d comments marked as spam.", n),
        ),
        moderation_action(
            moderation.remove,
            _("Remove selected comments"),
            lambda n: ngettext("%d comment removed.", "%d comments removed.", n),
        ),
        moderation_action(
            moderation.restore,
            _("Put selected comments back in the queue"),
            lambda n: ngettext(
                "%d comment back in the queue.", "%d comments back in the queue.", n
            ),
        ),
    ]

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    def has_add_permission(self, request):
        return False  # comments come from readers; staff reply on the site

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return Truncator(obj.text).chars(90) or "—"

    @admin.display(description=_("on"))
    def on(self, obj):
        target = obj.target
        return format_html('<a href="{}">{}</a>', target.get_absolute_url(), target.title)

    @admin.display(description=_("waiting"), ordering="created_at")
    def waiting(self, obj):
        if obj.status != CommentStatus.PENDING:
            return "—"
        return _("waiting %(age)s") % {"age": timesince(obj.created_at, timezone.now(), depth=1)}

    @admin.display(description=_("flags"))
    def flags(self, obj):
        labels = []
        if obj.is_urgent:
            labels.append(str(_("URGENT")))
        if obj.is_private:
            labels.append(str(_("private")))
        if obj.is_staff_reply:
            labels.append(str(_("staff")))
        return " · ".join(labels) or "—"

    def save_model(self, request, obj, form, change):
        """A status chosen on the change form goes through the same moderation step."""
        if change and "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            actions = {
                CommentStatus.APPROVED: moderation.approve,
                CommentStatus.SPAM: moderation.mark_spam,
                CommentStatus.REMOVED: moderation.remove,
                CommentStatus.PENDING: moderation.restore,
            }
            actions[new_status](obj, by=request.user)
        elif not change:
            super().save_model(request, obj, form, change)


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        (_("Holding and blocking"), {"fields": ["max_links", "moderation_words", "blocked_words"]}),
        (_("Threads"), {"fields": ["close_after_days", "thread_depth", "per_page"]}),
    ]

    def has_add_permission(self, request):
        return not ModerationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings_row = ModerationSettings.current()
        return redirect("admin:comments_moderationsettings_change", settings_row.pk)
