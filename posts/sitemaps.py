from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from posts.models import Page, Post


class HomeSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["posts:list", "posts:documents"]

    def location(self, item):
        return reverse(item)


class LatestChange:
    """The index's date for a section, from one query rather than from every row."""

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class PostSitemap(LatestChange, Sitemap):
    changefreq = "weekly"
    limit = 2000

    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(LatestChange, Sitemap):
    changefreq = "monthly"
    limit = 2000

    def items(self):
        return Page.objects.published().only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"home": HomeSitemap, "posts": PostSitemap, "pages": PageSitemap}
