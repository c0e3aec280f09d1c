from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
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


class TargetFilter(admin.SimpleListFilter):
    """The comments on one post, campaign or page.

    It offers only the items with comments waiting in the queue: Django's own filter for a
    foreign key lists every post, and loaded the whole archive on each visit to the queue.
    Any item can still be chosen by its address (`?post__id__exact=12`), as the item's own
    links do.
    """

    field = None
    OFFERED = 30

    def lookups(self, request, model_admin):
        value = self.value()
        if value and not value.isdigit():
            raise IncorrectLookupParameters(value)
        model = Comment._meta.get_field(self.field).related_model
        waiting = Comment.objects.pending().values(self.field)
        offered = model.objects.filter(pk__in=waiting).order_by("title").only("title")
        choices = [(str(item.pk), item.title) for item in offered[: self.OFFERED]]
        if value and value not in {pk for pk, _title in choices}:
            chosen = model.objects.filter(pk=value).only("title").first()
            choices.insert(0, (value, chosen.title if chosen else value))
        return choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset


class PostFilter(TargetFilter):
    title, field, parameter_name = _("post"), "post", "post__id__exact"


class CampaignFilter(TargetFilter):
    title, field, parameter_name = _("campaign"), "campaign", "campaign__id__exact"


class PageFilter(TargetFilter):
    title, field, parameter_name = _("page"), "page", "page__id__exact"


def already_handled(request, count):
    messages.warning(
        request,
        ngettext(
            "%d comment was already handled by someone else and was left as it is.",
            "%d comments were already handled by someone else and were left as they are.",
            count,
        )
        % count,
    )


def moderation_action(function, description, done_message):
    def action(modeladmin, request, queryset):
        # No lock and no outer transaction: each decision is its own conditional UPDATE, so a
        # comment another moderator changed meanwhile is skipped rather than decided twice.
        comments = list(queryset.select_related("post", "campaign", "page", "parent"))
        done = sum(function(comment, by=request.user) for comment in comments)
        # Ticked rows that have left this view of the queue were handled by someone else.
        ticked = set(request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME))
        asked = max(len(comments), len(ticked))
        if done:
            modeladmin.message_user(request, done_message(done) % done, messages.SUCCESS)
        if asked > done:
            already_handled(request, asked - done)

    action.__name__ = function.__name__
    return admin.action(description=description, permissions=["moderate"])(action)


# Each moderation decision: what carries it out, its bulk action's label, what it says done.
DECISIONS = {
    CommentStatus.APPROVED: (
        moderation.approve,
        _("Approve selected comments"),
        lambda n: ngettext("%d comment approved.", "%d comments approved.", n),
    ),
    CommentStatus.SPAM: (
        moderation.mark_spam,
        _("Mark selected comments as spam"),
        lambda n: ngettext("%d comment marked as spam.", "%d comments marked as spam.", n),
    ),
    CommentStatus.REMOVED: (
        moderation.remove,
        _("Remove selected comments"),
        lambda n: ngettext("%d comment removed.", "%d comments removed.", n),
    ),
    CommentStatus.PENDING: (
        moderation.restore,
        _("Put selected comments back in the queue"),
        lambda n: ngettext("%d comment back in the queue.", "%d comments back in the queue.", n),
    ),
}


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "name", "on", "waiting", "flags", "status"]
    list_filter = [QueueFilter, "is_urgent", "is_private", PostFilter, CampaignFilter, PageFilter]
    list_select_related = ["post", "campaign", "page"]
    search_fields = ["name", "text"]
    ordering = ["-is_urgent", "created_at"]
    list_per_page = 50
    readonly_fields = [
        "on", "parent", "name", "url", "text", "is_urgent", "is_private", "notify_replies",
        "is_staff_reply", "created_at", "moderated_by", "moderated_at", "history",
    ]  # fmt: skip
    fieldsets = [
        (
            _("The comment"),
            {
                "fields": ["on", "parent", "name", "url", "text"],
                "description": _(
                    "As the reader wrote it. Their e-mail address, if they gave one, is never "
                    "shown here or on the site."
                ),
            },
        ),
        (
            _("What the writer asked for"),
            {"fields": ["is_urgent", "is_private", "notify_replies", "is_staff_reply"]},
        ),
        (
            _("Your decision"),
            {
                "fields": ["status"],
                "description": _(
                    "Approved comments appear on the site at once; private ones never do. "
                    "Spam and removed comments are deleted for good after 30 days; until "
                    "then, “Waiting for moderation” puts one back in the queue."
                ),
            },
        ),
        (
            _("History"),
            {
                "fields": ["created_at", "moderated_by", "moderated_at", "history"],
                "classes": ["collapse"],
            },
        ),
    ]
    actions = [moderation_action(*decision) for decision in DECISIONS.values()]

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

    @admin.display(description=_("moderation history"))
    def history(self, obj):
        """Who moved the comment from which status to which, oldest first (read-only)."""
        events = list(obj.moderation_events.select_related("moderator")) if obj.pk else []
        if not events:
            return "—"
        lines = (
            (
                date_format(timezone.localtime(event.at), "DATETIME_FORMAT"),
                _("%(from)s → %(to)s, by %(moderator)s")
                % {
                    "from": event.get_from_status_display(),
                    "to": event.get_to_status_display(),
                    "moderator": event.moderator.get_username() if event.moderator else "—",
                },
            )
            for event in events
        )
        return format_html("<ol>{}</ol>", format_html_join("", "<li>{}: {}</li>", lines))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # The form sends back the status it was opened with, so a decision made on a
            # stale page is refused rather than applied on top of someone else's.
            kwargs["show_hidden_initial"] = True
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """A status chosen on the change form goes through the same moderation step, from
        the status the form was opened with."""
        if change and "status" in form.changed_data:
            new_status = obj.status
            seen = form.data.get(form.add_initial_prefix("status"))
            obj.status = seen if seen in CommentStatus.values else form.initial["status"]
            decide, _label, done_message = DECISIONS[new_status]
            if decide(obj, by=request.user):
                request.moderation_done = done_message(1) % 1
            else:
                request.moderation_lost = True
        elif not change:
            super().save_model(request, obj, form, change)

    def message_user(self, request, message, *args, **kwargs):
        # Say what was decided ("1 comment approved.") rather than "… was changed".
        message = getattr(request, "moderation_done", None) or message
        super().message_user(request, message, *args, **kwargs)

    def log_change(self, request, obj, message):
        if not getattr(request, "moderation_lost", False):
            return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if getattr(request, "moderation_lost", False):
            already_handled(request, 1)
            return redirect(request.path)  # the comment as it now is
        return super().response_change(request, obj)


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    actions = None
    fieldsets = [
        (_("Holding and blocking"), {"fields": ["max_links", "moderation_words", "blocked_words"]}),
        (_("Threads"), {"fields": ["close_after_days", "thread_depth", "per_page"]}),
    ]

    def has_add_permission(self, request):
        return not ModerationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings_row = ModerationSettings.current()
        return redirect("admin:comments_moderationsettings_change", settings_row.pk)
