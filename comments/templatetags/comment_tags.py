from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import Urlizer
from django.utils.safestring import mark_safe

register = template.Library()


class UgcUrlizer(Urlizer):
    """Django's own URL finder, with the rel a reader's link must carry."""

    url_template = '<a href="{href}" rel="ugc nofollow noopener">{url}</a>'


urlize_ugc = UgcUrlizer()


@register.filter(needs_autoescape=False)
def comment_text(text):
    """A reader's plain text: escaped, bare URLs linked, line breaks kept."""
    linked = urlize_ugc(text, trim_url_limit=60, autoescape=True)
    return linebreaksbr(mark_safe(linked))  # noqa: S308 (urlize escaped every word)


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
