"""import_wordpress on WordPress's theme unit test data, checked against expected.json beside it."""

import json
import unittest
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.test import TestCase
from django.utils.text import slugify
from taggit.models import Tag

from comments.models import Comment, CommentStatus
from posts.models import Category, ImportedItem, Page, Post
from posts.wxr import WxrItem, parse
from tests.posts.wp_import_helpers import report_table, row_counts, run_import

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "wordpress"
EXPORT = CORPUS / "theme-unit-test-data.xml"
WP_STATUSES = {
    "1": CommentStatus.APPROVED,
    "0": CommentStatus.PENDING,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.REMOVED,
}


def our_slug(wp_slug):
    """WordPress may percent-encode a slug; ours are unicode."""
    return slugify(unquote(wp_slug), allow_unicode=True)


@unittest.skipUnless(EXPORT.is_file(), f"the theme unit test data is not at {EXPORT}")
class ThemeUnitTestDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
        cls.output = run_import(EXPORT)
        cls.items = {
            r.post_id: r
            for r in parse(EXPORT)
            if isinstance(r, WxrItem) and r.post_type in ("post", "page")
        }

    def imported(self, post_id, kind):
        record = ImportedItem.objects.get(kind=kind, source_id=str(post_id))
        return (Post if kind == "post" else Page).objects.get(pk=record.object_id)

    def test_public_posts_and_pages(self):
        summary = self.expected["importable_summary"]
        self.assertEqual(Post.objects.published().count(), summary["publicly_visible_posts"])
        self.assertEqual(Page.objects.published().count(), summary["publicly_visible_pages"])
        self.assertEqual(Post.objects.count(), summary["posts"])
        self.assertEqual(Page.objects.count(), summary["pages"])

    def test_every_post_and_page_by_slug(self):
        for wp_slug, wanted in self.expected["posts_by_slug"].items():
            with self.subTest(wp_slug):
                item = self.imported(wanted["post_id"], wanted["type"])
                if not wp_slug.startswith("(empty slug"):
                    self.assertEqual(item.slug, our_slug(wp_slug))
                comments = Comment.objects.filter(**{wanted["type"]: item})
                self.assertEqual(
                    comments.published().count(), wanted["approved_comments_excluding_pings"]
                )
                by_status = Counter(
                    {WP_STATUSES[s]: n for s, n in wanted["comments_by_status"].items()}
                )
                # Pings count among WordPress's approved comments and are not imported here.
                by_status[CommentStatus.APPROVED] -= (
                    wanted["approved_comments"] - wanted["approved_comments_excluding_pings"]
                )
                self.assertEqual(Counter(comments.values_list("status", flat=True)), +by_status)
                if wanted["type"] == "post":
                    self.assertEqual(
                        {c.slug for c in item.categories.all()},
                        {our_slug(s) for s in wanted["categories"]},
                    )
                    self.assertEqual(
                        {t.slug for t in item.tags.all()}, {our_slug(s) for s in wanted["tags"]}
                    )

    def test_categories_with_their_hierarchy_and_tags(self):
        counts = self.expected["counts"]
        categories = {c.pk: c for c in Category.objects.all()}
        self.assertEqual(len(categories), counts["categories"]["count"])
        with_parent = [c for c in categories.values() if c.parent_id]
        self.assertEqual(len(with_parent), counts["categories"]["with_parent"])

        def depth(category):
            return 1 + (depth(categories[category.parent_id]) if category.parent_id else 0)

        self.assertEqual(max(map(depth, categories.values())), counts["categories"]["max_depth"])
        self.assertEqual(
            Category.objects.get(slug="grandchild-category").parent.parent.slug, "parent-category"
        )
        # Tags: those declared, and those only used on items.
        tags = counts["tags"]["count"] + len(counts["term_usage"]["tags_used_but_not_declared"])
        self.assertEqual(Tag.objects.count(), tags)
        self.assertEqual(report_table(self.output)["tags"]["created"], tags)

    def test_comments_by_status_and_threading(self):
        summary, counts = self.expected["importable_summary"], self.expected["counts"]["comments"]
        pings = summary["pings_(pingback+trackback)"]
        self.assertEqual(
            Counter(Comment.objects.values_list("status", flat=True)),
            {
                CommentStatus.APPROVED: summary["comments_approved"] - pings,
                CommentStatus.PENDING: summary["comments_pending"],
            },
        )
        self.assertIn(f"pingbacks and trackbacks left out of comment threads: {pings}", self.output)
        self.assertEqual(
            Comment.objects.filter(parent__isnull=False).count(), counts["with_parent"]
        )
        self.assertEqual(
            Comment.objects.filter(is_staff_reply=True).count(), counts["by_registered_user"]
        )
        deepest = Comment.objects.order_by("-depth").first()
        chain = [deepest]
        while chain[-1].parent:
            chain.append(chain[-1].parent)
        self.assertEqual(len(chain), counts["max_thread_depth"])
        self.assertEqual({c.post.slug for c in chain}, {"template-comments"})
        self.assertEqual([c.depth for c in reversed(chain)], list(range(len(chain))))
        shown = self.expected["posts_by_slug"]["template-comments"]
        html = self.client.get("/posts/template-comments/").content.decode()
        self.assertEqual(
            html.count('<li class="comment"'), shown["approved_comments_excluding_pings"]
        )

    def test_second_run_reports_everything_unchanged(self):
        first, counts = report_table(self.output), row_counts()
        second = report_table(run_import(EXPORT))
        self.assertEqual(row_counts(), counts)
        for kind, row in second.items():
            with self.subTest(kind):
                self.assertEqual((row["created"], row["updated"]), (0, 0))
                # Tags used on posts but never declared (4 here) are counted too.
                self.assertEqual(row["unchanged"], first[kind]["created"])
                self.assertEqual(row["skipped"], first[kind]["skipped"])  # media not given

    def test_page_parents(self):
        for item in self.items.values():
            if item.post_type == "page":
                with self.subTest(item.slug):
                    page = self.imported(item.post_id, "page")
                    parent = self.imported(item.post_parent, "page") if item.post_parent else None
                    self.assertEqual(page.parent, parent)

    def test_sticky_post_leads_the_home_page(self):
        sticky = [s["slug"] for s in self.expected["counts"]["sticky"]["items"]]
        self.assertEqual(
            list(Post.objects.filter(is_sticky=True).values_list("slug", flat=True)), sticky
        )
        html = self.client.get("/").content.decode()
        first = html.index('<article class="summary')
        self.assertIn(f'href="/posts/{sticky[0]}/"', html[first : html.index("</article>", first)])

    def test_password_protected_and_scheduled_posts_are_not_public(self):
        protected = self.expected["counts"]["password_protected"]["items"]
        for slug in [p["slug"] for p in protected] + ["scheduled"]:
            with self.subTest(slug):
                self.assertFalse(Post.objects.published().filter(slug=slug).exists())
                self.assertEqual(self.client.get(f"/posts/{slug}/").status_code, 404)
        self.assertEqual(Post.objects.get(slug="scheduled").published_at.year, 2030)

    def test_old_links_of_public_items_redirect_permanently(self):
        for wp_slug, wanted in self.expected["posts_by_slug"].items():
            item = self.items[wanted["post_id"]]
            obj = self.imported(item.post_id, wanted["type"])
            if not obj.is_published:  # no old link leads to it (a scheduled one: not yet)
                response = self.client.get(f"/?p={item.post_id}", follow=True)
                self.assertEqual(response.status_code, 404)
                continue
            with self.subTest(wp_slug):
                new = obj.get_absolute_url()
                response = self.client.get(f"/?p={item.post_id}")
                self.assertRedirects(response, new, 301, fetch_redirect_response=False)
                old = urlsplit(item.link).path
                # In full, as "//greek/…" (one link has a double slash) is not a host name.
                response = self.client.get(f"http://testserver{old}")
                if unquote(old) == unquote(new):
                    self.assertEqual(response.status_code, 200)  # the page keeps its address
                else:
                    self.assertRedirects(response, new, 301, fetch_redirect_response=False)
        # A percent-encoded Greek slug: followed through to the page itself.
        wanted = self.expected["posts_by_slug"]["%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2"]
        greek = Page.objects.get(slug="επίπεδο-2")
        response = self.client.get(f"/?p={wanted['post_id']}")
        self.assertRedirects(response, greek.get_absolute_url(), 301)
