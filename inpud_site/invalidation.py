"""Which cached pages each change makes stale (see inpud_site.pagecache).

Saves and deletes through the ORM arrive as signals. Comment moderation changes rows with
conditional UPDATEs, so comments.moderation.recount() calls `thread_changed` itself.
Scheduled items need no event: pagecache compares the clock with the next publish date.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from inpud_site.pagecache import CAMPAIGNS, CONTENT, COUNTS, SITE, bump, forget_schedule


def later(*names):
    """Bump once the transaction commits, so no reader caches the old state in between."""
    transaction.on_commit(lambda: bump(*names))


def thread_changed(target):
    """The public comments of a post, page or campaign changed (approval, removal …)."""
    later(COUNTS, f"{target._meta.model_name}:{target.slug}")


def _content(sender, instance=None, **kwargs):
    forget_schedule()
    later(CONTENT)


def _page(sender, instance, **kwargs):
    forget_schedule()
    later(SITE, f"page:{instance.slug}")


def _campaign(sender, instance, **kwargs):
    campaign = instance if sender._meta.model_name == "campaign" else instance.campaign
    forget_schedule()
    later(CAMPAIGNS, f"campaign:{campaign.slug}")


def _thread_of_campaign(sender, instance, **kwargs):
    """Pledges and updates show on their campaign's own page only."""
    later(f"campaign:{instance.campaign.slug}")


def _site(sender, **kwargs):
    later(SITE)


def _organisation(sender, **kwargs):
    """Organisations and a campaign's links to documents and posts: every campaign page."""
    later(CAMPAIGNS)


def connect():
    from django.apps import apps

    content = [
        "posts.Post", "posts.Category", "posts.Byline", "posts.TaggedPost", "posts.Image",
        "posts.Document", "taggit.Tag",
    ]  # fmt: skip
    handlers = [(name, _content) for name in content]
    handlers += [("posts.Page", _page), ("comments.ModerationSettings", _site)]
    handlers += [("campaigns.Organisation", _organisation)]
    handlers += [
        (name, _campaign)
        for name in ("campaigns.Campaign", "campaigns.Action", "campaigns.Demand")
    ]  # fmt: skip
    handlers += [(name, _thread_of_campaign) for name in ("campaigns.Update", "campaigns.Pledge")]
    for name, handler in handlers:
        model = apps.get_model(name)
        uid = f"pagecache:{name}"
        post_save.connect(handler, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(handler, sender=model, dispatch_uid=uid + ":delete")
    post = apps.get_model("posts.Post")
    for through in (post.categories.through, post.documents.through):
        m2m_changed.connect(_content, sender=through, dispatch_uid=f"pagecache:{through}")
    campaign, action = apps.get_model("campaigns.Campaign"), apps.get_model("campaigns.Action")
    for through in (
        campaign.documents.through,
        campaign.related_posts.through,
        action.organisations.through,
    ):
        m2m_changed.connect(_organisation, sender=through, dispatch_uid=f"pagecache:{through}")
