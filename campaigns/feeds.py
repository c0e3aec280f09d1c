"""The Atom feed of a campaign's updates, for following a day of action as it happens."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from campaigns.models import Campaign

FEED_LENGTH = 50


class CampaignUpdatesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Campaign.objects.published(), slug=slug)

    def title(self, obj):
        return _("%(campaign)s: updates") % {"campaign": obj.title}

    def subtitle(self, obj):
        return obj.summary

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("campaigns:updates-feed", kwargs={"slug": obj.slug})

    def author_name(self, obj):
        return settings.SITE_NAME

    def items(self, obj):
        updates = obj.updates.posted().select_related("action", "byline")[:FEED_LENGTH]
        for update in updates:
            update.campaign = obj
        return updates

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed descriptions are HTML; the update's text is plain, so it is escaped.
        text = linebreaks_filter(item.text, autoescape=True)
        if item.action is not None:
            place = format_html("<p><strong>{}</strong></p>", item.action.public_location())
            return place + text
        return text or escape(item.title)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.posted_at)

    def item_author_name(self, item):
        return item.byline.name if item.byline else settings.SITE_NAME
