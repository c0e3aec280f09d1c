"""Moderation decisions. The admin actions and the public views both call these."""

from django.db import transaction
from django.utils import timezone

from comments import tasks
from comments.models import Comment, CommentStatus


def recount(target):
    """Store the number of public comments on the item, so lists need no extra query."""
    count = Comment.objects.for_target(target).published().count()
    type(target).objects.filter(pk=target.pk).update(comment_count=count)


def _decide(comment, status, by):
    previous = comment.status
    comment.status = status
    comment.moderated_by = by
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    target = comment.target
    recount(target)
    if status == CommentStatus.APPROVED and previous != CommentStatus.APPROVED:
        # Feeds and the sitemap follow the item's updated date.
        type(target).objects.filter(pk=target.pk).update(updated_at=comment.moderated_at)
        announce_reply(comment)


def approve(comment, *, by):
    _decide(comment, CommentStatus.APPROVED, by)


def mark_spam(comment, *, by):
    _decide(comment, CommentStatus.SPAM, by)


def remove(comment, *, by):
    _decide(comment, CommentStatus.REMOVED, by)


def restore(comment, *, by):
    """Put a comment back in the queue."""
    _decide(comment, CommentStatus.PENDING, by)


def announce_reply(comment):
    """Tell the parent comment's author about an approved, public reply, if they asked."""
    parent = comment.parent
    if comment.is_private or parent is None or not (parent.notify_replies and parent.email):
        return
    if parent.email.casefold() == comment.email.casefold():
        return
    transaction.on_commit(lambda: tasks.send_reply_notification.enqueue(comment.pk))


def received(comment):
    """After a new comment is saved: count it if public, alert moderators if it waits."""
    if comment.status == CommentStatus.APPROVED:
        recount(comment.target)
        announce_reply(comment)
    elif comment.status == CommentStatus.PENDING:
        transaction.on_commit(lambda: tasks.notify_moderators.enqueue(comment.pk))


def withdraw(comment):
    """The commenter deleted their comment: wipe what they wrote, keep the row for the thread."""
    was_public = comment.status == CommentStatus.APPROVED and not comment.is_private
    Comment.objects.filter(pk=comment.pk).update(
        status=CommentStatus.REMOVED, name="", email="", url="", text="",
        notify_replies=False, moderated_at=timezone.now(),
    )  # fmt: skip
    if was_public:
        recount(comment.target)
