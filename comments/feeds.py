from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from comments.models import Comment
from posts.models import Page, Post


class LatestCommentsFeed(Feed):
    """The newest approved, public comments across the site (Atom)."""

    feed_type = Atom1Feed

    def title(self):
        return _("%(site)s: latest comments") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return settings.SITE_TAGLINE

    def link(self):
        return reverse("posts:list")

    def feed_url(self):
        return reverse("comments:feed")

    def items(self):
        # An item taken down keeps its approved comments: they must not show its title here.
        on_public_items = (
            Q(post__in=Post.objects.published())
            | Q(campaign__in=Campaign.objects.published())
            | Q(page__in=Page.objects.published())
        )
        return (
            Comment.objects.published()
            .filter(on_public_items)
            .select_related("post", "campaign", "page")
            .order_by("-created_at")[:30]
        )

    def item_title(self, item):
        return _("%(name)s on “%(title)s”") % {"name": item.name, "title": item.target.title}

    def item_description(self, item):
        return linebreaks(escape(item.text))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.moderated_at or item.created_at

    def item_author_name(self, item):
        return item.name
