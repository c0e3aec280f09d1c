"""RSS 2.0 and Atom feeds for the site, each category and each tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag

from posts.models import Category, Post

FEED_LENGTH = 20


class LatestPostsFeed(Feed):
    def title(self, obj=None):
        return _("%(site)s: latest posts") % {"site": settings.SITE_NAME}

    def link(self, obj=None):
        return reverse("posts:list")

    def description(self, obj=None):
        return settings.SITE_TAGLINE

    url_name = "posts:feed"

    def feed_url(self, obj=None):
        return reverse(self.url_name, kwargs={"slug": obj.slug} if obj else None)

    def get_posts(self, obj):
        return Post.objects.published().in_language(get_language()).for_listing()

    def items(self, obj=None):
        return self.get_posts(obj)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed descriptions are HTML: escape the stored plain text.
        if item.content_warning:
            return escape(_("Content warning: %(warning)s") % {"warning": item.content_warning})
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return item.byline.name

    def item_categories(self, item):
        return [term.name for term in (*item.category_list, *item.tag_list)]


class CategoryFeed(LatestPostsFeed):
    url_name = "posts:category-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def get_posts(self, obj):
        ids = Category.descendant_ids(obj, Category.objects.only("pk", "parent"))
        matching = Post.objects.filter(categories__in=ids).values("pk")
        return super().get_posts(obj).filter(pk__in=matching)

    def title(self, obj=None):
        return _("%(site)s: posts in %(category)s") % {
            "site": settings.SITE_NAME,
            "category": obj.name,
        }

    def link(self, obj=None):
        return obj.get_absolute_url()


class TagFeed(LatestPostsFeed):
    url_name = "posts:tag-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def get_posts(self, obj):
        return super().get_posts(obj).filter(tags=obj)

    def title(self, obj=None):
        return _("%(site)s: posts tagged %(tag)s") % {"site": settings.SITE_NAME, "tag": obj.name}

    def link(self, obj=None):
        return reverse("posts:tag", kwargs={"slug": obj.slug})


def atom(feed_class):
    """The same feed in Atom, with a subtitle in place of RSS's description."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {
            "feed_type": Atom1Feed,
            "subtitle": feed_class.description,
            "url_name": f"{feed_class.url_name}-atom",
        },
    )
