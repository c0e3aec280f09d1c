"""Every public page runs the same number of queries with 1 post or 500."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone
from taggit.models import Tag

from comments.models import ModerationSettings
from posts.models import Document, Post, Status, TaggedPost
from tests.factories import (
    make_byline,
    make_category,
    make_document,
    make_image,
    make_page,
    make_post,
)

# URL -> queries for an anonymous reader.
BUDGETS = {
    "/": 4,  # lists page by position (posts.paging): no count
    # + the comment count (the discussion settings are cached), the older and newer posts
    # (one query) and the related posts (one query)
    "/posts/post-0/": 9,
    "/category/child/": 5,
    "/tag/hiv/": 5,
    "/by/the-network/": 5,
    "/archive/{year}/": 4,
    "/archive/{year}/{month}/": 4,
    "/search/?q=harm": 5,
    "/documents/": 3,
    "/about/": 2,
    "/feed/": 3,
    "/feed/atom/": 3,
    "/category/child/feed/": 5,
    "/tag/hiv/feed/atom/": 4,
    "/sitemap.xml": 5,  # posts and pages: count + latest change each; campaigns: one list
    "/sitemap-posts.xml": 2,  # count + page
    "/sitemap-campaigns.xml": 1,
    "/robots.txt": 0,
    "/ru/": 4,
}


def build_site(size):
    now = timezone.now()
    byline = make_byline(name="The network", slug="the-network")
    parent = make_category(name="News", slug="news")
    child = make_category(name="Child", slug="child", parent=parent)
    image = make_image()
    make_page(title="About", slug="about")
    documents = [make_document(title="Guide"), make_document(title="Report")]
    original = make_post(
        slug="post-0",
        title="Harm reduction post 0",
        byline=byline,
        featured_image=image,
        published_at=now - timedelta(minutes=1),
        tags=["hiv", "ost"],
        categories=[parent, child],
    )
    original.documents.set(documents)
    make_post(slug="post-0-ru", language="ru", translation_of=original, byline=byline)
    posts = Post.objects.bulk_create(
        Post(
            title=f"Harm reduction post {n}",
            slug=f"bulk-{n}",
            byline=byline,
            body=f"<p>Harm reduction news {n}.</p>",
            body_text=f"Harm reduction news {n}.",
            summary=f"Harm reduction news {n}.",
            status=Status.PUBLISHED,
            featured_image=image,
            published_at=now - timedelta(minutes=n + 1),
        )
        for n in range(1, size)
    )
    hiv, ost = Tag.objects.get(slug="hiv"), Tag.objects.get(slug="ost")
    TaggedPost.objects.bulk_create(
        TaggedPost(content_object=post, tag=tag) for post in posts for tag in (hiv, ost)
    )
    Through = Post.categories.through
    Through.objects.bulk_create(Through(post=post, category=child) for post in posts)
    Through = Post.documents.through
    Through.objects.bulk_create(
        Through(post=post, document=document) for post in posts for document in documents
    )
    Document.objects.bulk_create(
        Document(
            title=f"Doc {n}",
            file="documents/x/doc.pdf",
            size=1000,
            status=Status.PUBLISHED,
            published_at=now,
        )
        for n in range(size)
    )
    return original


class QueryBudgetMixin:
    size = 1

    @classmethod
    def setUpTestData(cls):
        cls.post = build_site(cls.size)

    def test_budgets(self):
        ModerationSettings.current()  # cached for the site's lifetime, like in production
        published = self.post.published_at
        for pattern, budget in BUDGETS.items():
            url = pattern.format(year=published.year, month=published.month)
            with self.subTest(url=url), self.assertNumQueries(budget):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                response.content  # noqa: B018 (render lazily built content)


class OnePostBudgetTests(QueryBudgetMixin, TestCase):
    size = 1


class FiveHundredPostsBudgetTests(QueryBudgetMixin, TestCase):
    size = 500
