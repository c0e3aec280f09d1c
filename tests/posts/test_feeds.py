from datetime import timedelta
from unittest import mock
from xml.etree import ElementTree

from django.test import TestCase
from django.utils import timezone

from posts.models import Post, Status
from posts.sitemaps import PostSitemap
from tests.factories import make_category, make_post
from tests.sitemaps import sitemap_locations

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = make_category(slug="research", name="Research")
        cls.public = make_post(
            title="Published & <real>",
            tags=["naloxone"],
            categories=[cls.category],
            excerpt="Summary with <3 & more",
        )
        cls.draft = make_post(
            title="Draft one", status=Status.DRAFT, tags=["naloxone"], categories=[cls.category]
        )
        cls.scheduled = make_post(
            title="Scheduled one",
            tags=["naloxone"],
            categories=[cls.category],
            published_at=timezone.now() + timedelta(days=1),
        )
        cls.warned = make_post(
            title="Hard story", content_warning="death", body="<p>Graphic details.</p>"
        )

    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return ElementTree.fromstring(response.content)

    def test_rss_lists_only_published_posts(self):
        for url in ("/feed/", "/category/research/feed/", "/tag/naloxone/feed/"):
            with self.subTest(url=url):
                channel = self.parse(url).find("channel")
                titles = [item.findtext("title") for item in channel.iter("item")]
                self.assertIn("Published & <real>", titles)
                self.assertNotIn("Draft one", titles)
                self.assertNotIn("Scheduled one", titles)

    def test_atom_entries_have_author_and_updated(self):
        for url in ("/feed/atom/", "/category/research/feed/atom/", "/tag/naloxone/feed/atom/"):
            with self.subTest(url=url):
                feed = self.parse(url)
                self.assertIsNotNone(feed.find(f"{ATOM}link[@rel='self']"))
                entries = feed.findall(f"{ATOM}entry")
                self.assertTrue(entries)
                for entry in entries:
                    self.assertTrue(entry.findtext(f"{ATOM}author/{ATOM}name"))
                    self.assertTrue(entry.findtext(f"{ATOM}updated"))
                titles = [entry.findtext(f"{ATOM}title") for entry in entries]
                self.assertNotIn("Draft one", titles)

    def test_summary_is_escaped_html(self):
        channel = self.parse("/feed/").find("channel")
        item = next(i for i in channel.iter("item") if i.findtext("title").startswith("Published"))
        self.assertEqual(item.findtext("description"), "Summary with &lt;3 &amp; more")
        categories = [c.text for c in item.findall("category")]
        self.assertEqual(sorted(categories), ["Research", "naloxone"])

    def test_content_warning_post_shows_only_the_warning(self):
        channel = self.parse("/feed/").find("channel")
        item = next(i for i in channel.iter("item") if i.findtext("title") == "Hard story")
        self.assertEqual(item.findtext("description"), "Content warning: death")

    def test_unknown_category_feed_is_404(self):
        self.assertEqual(self.client.get("/category/nope/feed/").status_code, 404)

    def test_autodiscovery_links(self):
        html = self.client.get("/category/research/").text
        self.assertIn('type="application/rss+xml"', html)
        self.assertIn('href="/category/research/feed/atom/"', html)

    def test_a_large_archive_is_split_into_pages_the_index_names(self):
        for number in range(4):
            make_post(title=f"More {number}")
        with mock.patch.object(PostSitemap, "limit", 2):
            index = ElementTree.fromstring(self.client.get("/sitemap.xml").content)
            sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
            self.assertIn("http://testserver/sitemap-posts.xml?p=3", sections)
            locations = sitemap_locations(self.client)
        self.assertEqual(
            {url for url in locations if "/posts/" in url},
            {f"http://testserver{post.get_absolute_url()}" for post in Post.objects.published()},
        )

    def test_sitemap_lists_only_published_posts(self):
        locations = sitemap_locations(self.client)
        self.assertTrue(locations[f"http://testserver{self.public.get_absolute_url()}"])
        self.assertIn(f"http://testserver{self.public.get_absolute_url()}", locations)
        self.assertNotIn(f"http://testserver{self.draft.get_absolute_url()}", locations)
        self.assertNotIn(f"http://testserver{self.scheduled.get_absolute_url()}", locations)
