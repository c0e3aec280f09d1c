from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from comments.text import to_html

MAX_COMMENT_LENGTH = 5000


class CommentTarget(models.Model):
    """What an item needs to carry comments: its own open/close rule and a stored count."""

    allow_comments = models.BooleanField(_("comments open"), default=True)
    comment_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Overrides the discussion settings for this item. Empty: use the site setting; "
            "0: never close."
        ),
    )
    comment_count = models.PositiveIntegerField(_("approved comments"), default=0, editable=False)

    class Meta:
        abstract = True

    def get_comment_url(self):
        """The page with the form for commenting on this item (see comments.views.write)."""
        return f"{self.get_absolute_url()}comment/"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    SPAM = "spam", _("Spam")
    REMOVED = "removed", _("Removed")


# What a public thread shows of each comment (CommentQuerySet.for_thread).
THREAD_FIELDS = (
    "parent", "root", "depth", "name", "url", "text", "text_html", "status",
    "is_staff_reply", "created_at",
)  # fmt: skip


class CommentQuerySet(models.QuerySet):
    def published(self):
        """What the public may read: approved and not marked private."""
        return self.filter(status=CommentStatus.APPROVED, is_private=False)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def for_target(self, target):
        return self.filter(**{target_field(target): target})

    def for_thread(self):
        """Only what a public thread shows: a post page reads dozens of comments, and the
        writer's e-mail address and the moderation fields have no business there."""
        return self.only(*THREAD_FIELDS)


def target_field(target):
    """The name of the Comment field that points at this kind of target."""
    return target._meta.model_name


class Comment(models.Model):
    """A reader's comment. Nothing about the device or address is stored here."""

    post = models.ForeignKey(
        "posts.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    page = models.ForeignKey(
        "posts.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.CASCADE, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(
        _("name"), max_length=80, help_text=_("Any name you like; a pseudonym is fine.")
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Optional. Never shown. Used only for the e-mails you ask for below."),
    )
    url = models.URLField(_("website"), blank=True, max_length=300)
    text = models.TextField(_("comment"), max_length=MAX_COMMENT_LENGTH)
    # The text as HTML, worked out on save (comments.text), so pages need not link URLs.
    text_html = models.TextField(blank=True, default="", editable=False)
    is_urgent = models.BooleanField(_("urgent — I need a fast reply"), default=False)
    is_private = models.BooleanField(_("private — for staff only, do not publish"), default=False)
    notify_replies = models.BooleanField(_("e-mail me when someone replies"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_staff_reply = models.BooleanField(_("staff reply"), default=False, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=CommentStatus, default=CommentStatus.PENDING
    )
    # A default rather than auto_now_add, so imported comments keep the date they were written.
    created_at = models.DateTimeField(
        _("written"), default=timezone.now, editable=False, db_index=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [
            models.Index(fields=["status", "-is_urgent", "created_at"], name="comments_queue"),
            models.Index(fields=["post", "status", "created_at"], name="comments_post_thread"),
            models.Index(
                fields=["campaign", "status", "created_at"], name="comments_campaign_thread"
            ),
            models.Index(fields=["page", "status", "created_at"], name="comments_page_thread"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values), name="comments_status_valid"
            ),
            # Exactly one item: a post, a campaign or a page.
            models.CheckConstraint(
                condition=Q(post__isnull=False, campaign__isnull=True, page__isnull=True)
                | Q(post__isnull=True, campaign__isnull=False, page__isnull=True)
                | Q(post__isnull=True, campaign__isnull=True, page__isnull=False),
                name="comments_one_target",
            ),
        ]

    def __str__(self):
        return _("%(name)s on %(target)s") % {"name": self.name, "target": self.target}

    def save(self, *args, **kwargs):
        self.text_html = to_html(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.target.get_absolute_url()}#comment-{self.pk}"

    @property
    def html(self):
        """The text as safe HTML: escaped when saved, URLs linked, line breaks kept."""
        return mark_safe(self.text_html or to_html(self.text))  # noqa: S308 (see comments.text)

    @property
    def target(self):
        return self.post or self.campaign or self.page


class ModerationSettings(models.Model):
    """The site's discussion rules, edited by editors like WordPress's Discussion settings."""

    max_links = models.PositiveSmallIntegerField(
        _("links before a comment is held"),
        default=2,
        help_text=_("A comment with more links than this waits for a moderator."),
    )
    moderation_words = models.TextField(
        _("words that hold a comment"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A comment whose name, text or website contains "
            "one waits for a moderator."
        ),
    )
    blocked_words = models.TextField(
        _("words that mark a comment as spam"),
        blank=True,
        help_text=_("One word or phrase per line, checked in the name, text and website."),
    )
    close_after_days = models.PositiveSmallIntegerField(
        _("close comments after (days)"),
        null=True,
        blank=True,
        help_text=_("Optional. Comments close this many days after a post is published."),
    )
    thread_depth = models.PositiveSmallIntegerField(
        _("reply depth"),
        default=3,
        help_text=_("How deeply replies may nest (1 means no replies)."),
    )
    per_page = models.PositiveSmallIntegerField(_("comment threads per page"), default=50)

    CACHE_KEY = "comments:moderation-settings"

    class Meta:
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")
        constraints = [
            models.CheckConstraint(condition=Q(thread_depth__gte=1), name="comments_depth_min"),
            models.CheckConstraint(condition=Q(per_page__gte=1), name="comments_per_page_min"),
        ]

    def __str__(self):
        return str(_("Discussion settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def current(cls):
        """The settings row, from the cache when possible."""
        found = cache.get(cls.CACHE_KEY)
        if found is None:
            found, _created = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, found, timeout=3600)
        return found

    @staticmethod
    def word_list(text):
        return [line.strip().casefold() for line in text.splitlines() if line.strip()]


class ModerationEvent(models.Model):
    """One moderation decision on a comment, as it was taken. Append-only: the audit trail
    of the queue, shown read-only on the comment's admin page."""

    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="moderation_events",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=CommentStatus)
    to_status = models.CharField(_("to"), max_length=20, choices=CommentStatus)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation event")
        verbose_name_plural = _("moderation events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=CommentStatus.values)
                & Q(to_status__in=CommentStatus.values)
                & ~Q(from_status=F("to_status")),
                name="comments_event_is_a_change",
            ),
        ]

    def __str__(self):
        return _("%(from)s → %(to)s") % {
            "from": self.get_from_status_display(),
            "to": self.get_to_status_display(),
        }

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A moderation event is never changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A moderation event is never deleted on its own, only with its comment.")
