"""Lists page by position: every post is reached exactly once, forwards and back, and a
page deep in the archive costs the same queries as the first."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from posts.models import Post
from tests.factories import make_category, make_post
from tests.posts.test_views import link


class KeysetPagingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        cls.category = make_category(name="Harm reduction")
        same_moment = now - timedelta(days=3)
        for number in range(27):
            # Posts published in the same microsecond must not be skipped or repeated.
            at = same_moment if number % 4 == 0 else now - timedelta(hours=number + 1)
            post = make_post(title=f"Post {number:02}", published_at=at)
            post.categories.add(cls.category)
        for number in range(3):
            make_post(
                title=f"Pinned {number}",
                is_sticky=True,
                published_at=now - timedelta(days=400 + number),
            )

    def walk(self, url, rel):
        pages = []
        while url:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            pages.append([post.title for post in response.context["page_obj"]])
            url = link(response, rel)
        return pages, response

    def test_older_links_reach_every_post_once_in_order(self):
        pages, last = self.walk("/", "next")
        titles = [title for page in pages for title in page]
        expected = list(
            Post.objects.order_by("-is_sticky", "-published_at", "-pk").values_list(
                "title", flat=True
            )
        )
        self.assertEqual(titles, expected)
        self.assertEqual([len(page) for page in pages], [10, 10, 10])
        self.assertEqual(titles[:3], ["Pinned 0", "Pinned 1", "Pinned 2"])
        # And back again with the "Newer posts" links, to the first page.
        back, first = self.walk(link(last, "prev"), "prev")
        self.assertEqual(back, pages[-2::-1])
        self.assertIsNone(link(first, "prev"))

    def test_archives_page_the_same_way(self):
        pages, _ = self.walk(self.category.get_absolute_url(), "next")
        titles = [title for page in pages for title in page]
        self.assertEqual(len(titles), 27)
        self.assertEqual(len(set(titles)), 27)

    def test_a_deep_page_costs_what_the_first_costs(self):
        first = self.client.get("/")
        second = link(first, "next")
        with self.assertNumQueries(4):
            self.client.get("/")
        with self.assertNumQueries(4):
            self.client.get(second)

    def test_a_position_that_is_not_one_is_a_404(self):
        for value in ("", "x", "1.2", "2.0.1", "0.1.-4", "0.99999999999999999999.1", "0.1.0"):
            with self.subTest(value=value):
                self.assertEqual(self.client.get("/", {"before": value}).status_code, 404)
                self.assertEqual(self.client.get("/", {"after": value}).status_code, 404)
