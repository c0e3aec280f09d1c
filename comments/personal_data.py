"""Export, erasure and retention of what commenters gave us."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from comments import moderation
from comments.models import Comment, CommentStatus

DISCARDED_DAYS = 30
EMAIL_DAYS = 90
TARGET_FIELDS = ["post", "campaign", "page"]


def comments_by(email):
    return (
        Comment.objects.filter(email__iexact=email.strip())
        if email.strip()
        else Comment.objects.none()
    )


def export(email):
    """Everything stored with this e-mail address, as plain data."""
    return [
        {
            "id": comment.pk,
            "on": comment.target.title,
            "address": comment.get_absolute_url(),
            "name": comment.name,
            "email": comment.email,
            "website": comment.url,
            "text": comment.text,
            "status": comment.status,
            "urgent": comment.is_urgent,
            "private": comment.is_private,
            "reply_emails": comment.notify_replies,
            "written": comment.created_at.isoformat(),
        }
        for comment in comments_by(email).select_related(*TARGET_FIELDS)
    ]


def erase(email, *, delete_comments=False):
    """Forget a commenter. Approved comments keep their text under an anonymous name unless
    `delete_comments`; everything else they wrote is deleted. Returns (kept, deleted)."""
    comments = list(comments_by(email).select_related(*TARGET_FIELDS))
    targets = {comment.target for comment in comments}
    keep = [] if delete_comments else [c for c in comments if c.status == CommentStatus.APPROVED]
    with transaction.atomic():
        Comment.objects.filter(pk__in=[c.pk for c in keep]).update(
            name=_("Anonymous"), email="", url="", notify_replies=False
        )
        deleted = Comment.objects.filter(pk__in=[c.pk for c in comments if c not in keep])
        count = len(comments) - len(keep)
        deleted.delete()
        for target in targets:
            moderation.recount(target)
    return len(keep), count


def purge(now=None):
    """Delete spam and removed comments after 30 days; drop e-mail addresses 90 days after
    a thread's last comment, and pledge addresses 90 days after their campaign ended.
    Returns (comments deleted, addresses dropped)."""
    from campaigns import personal_data as pledges

    now = now or timezone.now()
    discarded = Comment.objects.filter(
        status__in=[CommentStatus.SPAM, CommentStatus.REMOVED],
        created_at__lt=now - timedelta(days=DISCARDED_DAYS),
    ).exclude(moderated_at__gte=now - timedelta(days=DISCARDED_DAYS))
    deleted, _counts = discarded.delete()
    dropped = 0
    for field in TARGET_FIELDS:
        quiet = (
            Comment.objects.filter(status__in=[CommentStatus.APPROVED, CommentStatus.PENDING])
            .values(field)
            .annotate(last=Max("created_at"))
            .filter(last__lt=now - timedelta(days=EMAIL_DAYS))
            .values(field)
        )
        dropped += (
            Comment.objects.filter(**{f"{field}__in": quiet})
            .exclude(email="")
            .update(email="", notify_replies=False)
        )
    return deleted, dropped + pledges.purge(now)
