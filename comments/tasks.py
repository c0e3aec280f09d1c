"""E-mails about comments, sent by the task worker so a reader never waits for SMTP."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from comments import tokens

DIGEST_INTERVAL = 60 * 60


def moderator_addresses():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    can_moderate = Q(is_superuser=True) | Q(groups__permissions__codename="moderate_comment")
    return sorted(set(users.filter(can_moderate).values_list("email", flat=True)))


@task()
def notify_moderators(comment_id):
    """Urgent comments: an e-mail now. Others: at most one "comments are waiting" an hour.
    The e-mail holds a link to the admin, never the comment's text."""
    from comments.models import Comment

    comment = Comment.objects.filter(pk=comment_id).first()
    recipients = moderator_addresses()
    if comment is None or not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if comment.is_urgent:
            subject = _("Urgent comment waiting for moderation")
            link = settings.SITE_URL + reverse("admin:comments_comment_change", args=[comment.pk])
            body = _(
                "A reader marked a comment as urgent and is waiting for a fast reply.\n\n"
                "Open it in the back office: %(link)s\n"
            ) % {"link": link}
        else:
            if not cache.add("comments:moderator-digest", 1, timeout=DIGEST_INTERVAL):
                return
            waiting = Comment.objects.pending().count()
            subject = _("Comments are waiting for moderation")
            link = settings.SITE_URL + reverse("admin:comments_comment_changelist")
            body = _("%(count)d comments are waiting for moderation.\n\nThe queue: %(link)s\n") % {
                "count": waiting,
                "link": link,
            }
        EmailMessage(subject, body, to=recipients).send()


@task()
def send_reply_notification(reply_id):
    """Tell a commenter that their comment has a public reply, with a one-click way out."""
    from comments.models import Comment

    reply = Comment.objects.select_related("parent").filter(pk=reply_id).first()
    if reply is None or reply.parent is None:
        return
    parent = reply.parent
    if not (parent.notify_replies and parent.email):
        return
    target = reply.target
    language = target.language if target.language in dict(settings.LANGUAGES) else "en"
    with translation.override(language):
        unsubscribe = settings.SITE_URL + reverse(
            "comments:unsubscribe", kwargs={"token": tokens.unsubscribe_token(parent)}
        )
        subject = _("A reply to your comment on “%(title)s”") % {"title": target.title}
        body = _(
            "%(name)s replied to your comment on “%(title)s”.\n\n"
            "Read the reply: %(link)s\n\n"
            "You get this e-mail because you asked for it. To stop e-mails about this "
            "comment: %(unsubscribe)s\n"
        ) % {
            "name": reply.name,
            "title": target.title,
            "link": settings.SITE_URL + reply.get_absolute_url(),
            "unsubscribe": unsubscribe,
        }
        EmailMessage(
            subject, body, to=[parent.email], headers={"List-Unsubscribe": f"<{unsubscribe}>"}
        ).send()


@task()
def purge_personal_data():
    """The retention rules, for the worker (see comments.personal_data.purge)."""
    from comments import personal_data

    return personal_data.purge()
