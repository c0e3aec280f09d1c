from django import template
from django.utils.safestring import mark_safe

from comments.text import to_html

register = template.Library()


@register.filter(needs_autoescape=False)
def comment_text(text):
    """A reader's plain text: escaped, bare URLs linked, line breaks kept."""
    return mark_safe(to_html(text))  # noqa: S308 (to_html escaped every word)


@register.simple_tag(takes_context=True)
def pending_comments(context):
    """For the admin index: how many comments wait, and how many of them are urgent."""
    from django.db.models import Count, Q

    from comments.models import Comment

    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return None
    return Comment.objects.pending().aggregate(
        total=Count("pk"), urgent=Count("pk", filter=Q(is_urgent=True))
    )
