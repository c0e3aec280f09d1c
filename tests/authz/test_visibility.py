"""Nothing unpublished reaches anyone who may not edit it, through any public door.

tests/posts/test_views.py checks the post lists for anonymous visitors; this sweeps every
public surface (detail, lists, search, feeds, sitemap, calendars, comment and pledge POSTs)
for each role that must not see drafts: anonymous visitors, readers, moderators (no
`change_post`) and authors looking at someone else's draft (they preview their own only).
Every hidden item carries the word MARK in its title, slug, body and comments.
"""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from campaigns.models import Pledge, Update
from comments.models import Comment, CommentStatus
from posts.models import Status
from tests.campaigns.helpers import started
from tests.comments.helpers import comment_data
from tests.factories import (
    make_action,
    make_byline,
    make_campaign,
    make_category,
    make_document,
    make_page,
    make_post,
    make_user,
)

MARK = "zqhidden"
ROLES = ("anonymous", "reader", "moderator", "author")


def approved_comment(target, text):
    field = target._meta.model_name
    return Comment.objects.create(
        **{field: target}, name="Reader", text=text, status=CommentStatus.APPROVED
    )


class LeakTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        future = now + timedelta(days=400)
        cls.users = {
            "reader": make_user("reader"),
            "moderator": make_user("moderator", groups=["Moderators"]),
            "author": make_user("author", groups=["Authors"]),
        }
        other_author = make_user("other-author", groups=["Authors"])
        cls.category = make_category(slug="news")
        cls.byline = make_byline(slug="network")
        shared = {"categories": [cls.category], "tags": ["hiv"], "byline": cls.byline}
        cls.post = make_post(title="Open letter", **shared)
        approved_comment(cls.post, "A public comment.")
        draft_document = make_document(title=f"Report {MARK}", status=Status.DRAFT)
        cls.post.documents.add(make_document(title="Guide"), draft_document)
        cls.page = make_page(title="About", allow_comments=True, published_at=now)
        cls.campaign = make_campaign(title="Day of action", pledges_open=True)
        make_action(cls.campaign)
        Update.objects.create(campaign=cls.campaign, title="Under way")
        Update.objects.create(campaign=cls.campaign, title=f"Later {MARK}", posted_at=future)

        def hidden(kind, **fields):
            return {
                "title": f"{kind.title()} {MARK}",
                "slug": f"{MARK}-{kind.replace(' ', '-')}",
                "body": f"<p>{MARK} body</p>",
                **fields,
            }

        cls.hidden_posts = [
            make_post(**hidden("draft", status=Status.DRAFT), created_by=other_author, **shared),
            make_post(**hidden("pending", status=Status.PENDING), **shared),
            make_post(**hidden("private", status=Status.PRIVATE), **shared),
            make_post(**hidden("scheduled", published_at=future), **shared),
        ]
        cls.hidden_pages = [
            make_page(**hidden("draft page", status=Status.DRAFT), allow_comments=True),
            make_page(**hidden("private page", status=Status.PRIVATE)),
            make_page(**hidden("scheduled page", published_at=future)),
        ]
        campaign_body = {"summary": f"{MARK} summary", "pledges_open": True}
        cls.hidden_campaigns = [
            make_campaign(
                **hidden("draft day", status=Status.DRAFT, published_at=None), **campaign_body
            ),
            make_campaign(**hidden("scheduled day", published_at=future), **campaign_body),
            make_campaign(**hidden("private day", status=Status.PRIVATE), **campaign_body),
        ]
        cls.hidden_actions = [make_action(campaign) for campaign in cls.hidden_campaigns]
        for campaign in cls.hidden_campaigns:
            Update.objects.create(campaign=campaign, title=f"Update {MARK}")
        cls.campaign.related_posts.add(cls.post, cls.hidden_posts[0])
        # Items published once and taken down keep their approved comments.
        for target in (*cls.hidden_posts, *cls.hidden_pages, *cls.hidden_campaigns):
            approved_comment(target, f"Comment {MARK} on a hidden item.")

    def as_role(self, role):
        self.client.logout()
        if role != "anonymous":
            self.client.force_login(self.users[role])

    def public_urls(self):
        year, month = self.post.published_at.year, self.post.published_at.month
        scheduled = self.hidden_posts[3].published_at
        return [
            "/",
            "/ru/",
            "/category/news/",
            "/tag/hiv/",
            "/by/network/",
            f"/archive/{year}/",
            f"/archive/{year}/{month}/",
            f"/archive/{scheduled.year}/",
            f"/archive/{scheduled.year}/{scheduled.month}/",
            f"/search/?q={MARK}",
            "/search/?q=body",
            "/documents/",
            "/campaigns/",
            "/feed/",
            "/feed/atom/",
            "/category/news/feed/",
            "/category/news/feed/atom/",
            "/tag/hiv/feed/",
            "/tag/hiv/feed/atom/",
            "/comments/feed/",
            f"/campaigns/{self.campaign.slug}/updates/atom/",
            f"/campaigns/{self.campaign.slug}/calendar.ics",
            "/sitemap.xml",
            "/sitemap-posts.xml",
            "/sitemap-pages.xml",
            "/sitemap-campaigns.xml",
            self.post.get_absolute_url(),
            self.page.get_absolute_url(),
            self.campaign.get_absolute_url(),
        ]

    def hidden_urls(self):
        urls = []
        for item in (*self.hidden_posts, *self.hidden_pages, *self.hidden_campaigns):
            urls.append(item.get_absolute_url())
        for campaign, action in zip(self.hidden_campaigns, self.hidden_actions, strict=True):
            urls += [
                f"/campaigns/{campaign.slug}/calendar.ics",
                f"/campaigns/{campaign.slug}/actions/{action.pk}/calendar.ics",
                # a hidden campaign's action through a published campaign's address
                f"/campaigns/{self.campaign.slug}/actions/{action.pk}/calendar.ics",
                f"/campaigns/{campaign.slug}/updates/atom/",
            ]
        for post in self.hidden_posts:
            urls += [f"/?p={post.pk}", f"/ru/posts/{post.slug}/"]
        return urls

    def test_public_surfaces_show_nothing_hidden(self):
        leaks = []
        for role in ROLES:
            self.as_role(role)
            for url in self.public_urls():
                response = self.client.get(url)
                body = response.content.decode()
                if url == f"/search/?q={MARK}":  # the page repeats the query: count results
                    body = " ".join(post.title for post in response.context["object_list"])
                if response.status_code != 200 or MARK in body.lower():
                    leaks.append(f"{role} {url}: {response.status_code}")
        self.assertEqual(leaks, [])

    def test_hidden_items_answer_404(self):
        answered = []
        for role in ROLES:
            self.as_role(role)
            for url in self.hidden_urls():
                response = self.client.get(url)
                if response.status_code != 404:
                    answered.append(f"{role} {url}: {response.status_code}")
        self.assertEqual(answered, [])

    def test_comments_and_pledges_on_hidden_items_are_refused_and_not_stored(self):
        comments, pledges = Comment.objects.count(), Pledge.objects.count()
        pledge = {
            "name": "Sasha", "email": "", "city": "Vilnius", "organisation": "",
            "message": "", "consent": "on", "started": started(), "homepage_url": "",
        }  # fmt: skip
        answered = []
        for role in ROLES:
            self.as_role(role)
            for item in (*self.hidden_posts, *self.hidden_pages, *self.hidden_campaigns):
                response = self.client.post(item.get_absolute_url(), comment_data())
                if response.status_code != 404:
                    answered.append(f"{role} comment on {item.slug}: {response.status_code}")
            for campaign in self.hidden_campaigns:
                response = self.client.post(f"/campaigns/{campaign.slug}/pledge/", pledge)
                if response.status_code != 404:
                    answered.append(f"{role} pledge on {campaign.slug}: {response.status_code}")
        self.assertEqual(answered, [])
        self.assertEqual((Comment.objects.count(), Pledge.objects.count()), (comments, pledges))

    def test_authors_preview_their_own_drafts_only(self):
        own = make_post(title="My draft", status=Status.DRAFT, created_by=self.users["author"])
        self.as_role("author")
        self.assertEqual(self.client.get(own.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.get(self.hidden_posts[0].get_absolute_url()).status_code, 404)
