from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from campaigns.models import Campaign


class CampaignListSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["campaigns:list"]

    def location(self, item):
        return reverse(item)


class CampaignSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        # A list, not a queryset: the sitemap then needs one query, not a count as well,
        # and the index, which asks for the items twice, one query in all.
        if not hasattr(self, "_campaigns"):
            self._campaigns = list(
                Campaign.objects.published().only("slug", "updated_at").order_by("-pk")
            )
        return self._campaigns

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"campaign-list": CampaignListSitemap, "campaigns": CampaignSitemap}
