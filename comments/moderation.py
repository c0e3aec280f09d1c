"""Moderation decisions. The admin actions and the public views both call these."""

from django.db import transaction
from django.utils import timezone

from comments import tasks
from comments.models import Comment, CommentStatus, ModerationEvent
from inpud_site import invalidation


def recount(target):
    """Store the number of public comments on the item, so lists need no extra query."""
    count = Comment.objects.for_target(target).published().count()
    type(target).objects.filter(pk=target.pk).update(comment_count=count)
    invalidation.thread_changed(target)  # its page and every list showing the count


def _decide(comment, status, by):
    """Move the comment to `status` from the status it was read with, if nobody else has.

    The UPDATE names the expected status, so when two moderators act on one comment at once
    exactly one of them changes it; the other gets False ("already handled") and writes
    nothing. The audit row and the new count are written in the same transaction.
    """
    previous = comment.status
    if previous == status:
        return False
    now = timezone.now()
    with transaction.atomic():
        changed = Comment.objects.filter(pk=comment.pk, status=previous).update(
            status=status, moderated_by=by, moderated_at=now
        )
        if not changed:
            return False
        ModerationEvent.objects.create(
            comment=comment, from_status=previous, to_status=status, moderator=by, at=now
        )
        comment.status, comment.moderated_by, comment.moderated_at = status, by, now
        target = comment.target
        # Lock the item's row before counting: a decision on another of its comments, made
        # at the same moment, then counts after this one commits and sees it.
        model = type(target)
        list(model.objects.select_for_update().filter(pk=target.pk).values_list("pk"))
        recount(target)
        if status == CommentStatus.APPROVED:
            # Feeds and the sitemap follow the item's updated date.
            model.objects.filter(pk=target.pk).update(updated_at=now)
            announce_reply(comment)
    return True


def approve(comment, *, by):
    """Each decision returns True if it changed the comment, False if already handled."""
    return _decide(comment, CommentStatus.APPROVED, by)


def mark_spam(comment, *, by):
    return _decide(comment, CommentStatus.SPAM, by)


def remove(comment, *, by):
    return _decide(comment, CommentStatus.REMOVED, by)


def restore(comment, *, by):
    """Put a comment back in the queue."""
    return _decide(comment, CommentStatus.PENDING, by)


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
