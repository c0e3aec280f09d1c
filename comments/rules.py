"""The discussion policy: whether comments are open, and what a new comment's status is."""

import re
from datetime import timedelta

from django.utils import timezone

from comments.models import CommentStatus, ModerationSettings

LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)


def comments_open(target, rules=None):
    """Open when the item allows comments and its closing date (if any) has not come."""
    if not getattr(target, "allow_comments", True) or not target.is_published:
        return False
    rules = rules or ModerationSettings.current()
    days = getattr(target, "comment_days", None)
    if days is None:
        days = rules.close_after_days
    if not days:
        return True
    return timezone.now() < target.published_at + timedelta(days=days)


def initial_status(comment, *, trusted, rules=None):
    """Spam on a blocked word; held on links, held words, urgency or privacy; else approved
    only for a trusted commenter or staff."""
    rules = rules or ModerationSettings.current()
    haystack = " ".join([comment.name, comment.text, comment.url]).casefold()
    if any(word in haystack for word in rules.word_list(rules.blocked_words)):
        return CommentStatus.SPAM
    held = (
        comment.is_urgent
        or comment.is_private
        or len(LINK_PATTERN.findall(f"{comment.text} {comment.url}")) > rules.max_links
        or any(word in haystack for word in rules.word_list(rules.moderation_words))
    )
    if held or not (trusted or comment.is_staff_reply):
        return CommentStatus.PENDING
    return CommentStatus.APPROVED
