from django import template

register = template.Library()


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
