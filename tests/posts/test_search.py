from datetime import timedelta
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.utils import timezone

from posts.models import Status
from tests.factories import make_post


class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.naloxone = make_post(
            title="Naloxone saves lives",
            body="<p>Carry naloxone &amp; know the signs of overdose.</p>",
        )
        cls.other = make_post(title="Hepatitis C treatment", body="<p>Cure is possible.</p>")
        cls.draft = make_post(
            title="Naloxone draft", status=Status.DRAFT, body="<p>naloxone naloxone</p>"
        )
        cls.scheduled = make_post(
            title="Naloxone scheduled",
            body="<p>naloxone</p>",
            published_at=timezone.now() + timedelta(days=2),
        )
        cls.russian = make_post(
            title="Налоксон спасает жизни", language="ru", body="<p>Носите с собой налоксон.</p>"
        )

    def search(self, query):
        response = self.client.get("/search/", {"q": query})
        self.assertEqual(response.status_code, 200)
        return response, [post.title for post in response.context["page_obj"]]

    def test_finds_published_and_never_drafts(self):
        response, titles = self.search("naloxone")
        self.assertEqual(titles, ["Naloxone saves lives"])
        self.assertContains(response, "<mark>")
        self.assertNotContains(response, "draft")

    def test_snippet_is_escaped_then_highlighted(self):
        make_post(title="Escaping", body="<p>overdose &lt;script&gt;alert(1)&lt;/script&gt;</p>")
        response, _titles = self.search("overdose")
        self.assertNotContains(response, "<script>alert(1)")
        self.assertContains(response, "<mark>overdose</mark>", html=False)

    def test_empty_and_hostile_queries(self):
        for query in (
            "",
            "   ",
            "\x00",
            "'; DROP TABLE posts_post; --",
            "<script>",
            "a" * 5000,
            '"unbalanced',
            "!!!",
            "-",
            "naloxone | | &",
        ):
            with self.subTest(query=query[:20]):
                response, titles = self.search(query)
                self.assertNotContains(response, "<script>alert")
        self.assertEqual(self.search("")[1], [])

    def test_cyrillic_search(self):
        _response, titles = self.search("налоксон")
        self.assertIn("Налоксон спасает жизни", titles)

    def test_postgres_uses_stemming(self):
        if connection.vendor != "postgresql":
            self.skipTest("Stemming is a PostgreSQL full-text feature; SQLite matches words.")
        _response, titles = self.search("saving lives")
        self.assertIn("Naloxone saves lives", titles)
        _response, titles = self.search("жизнь")
        self.assertIn("Налоксон спасает жизни", titles)

    def test_a_common_word_ranks_only_the_newest_matches(self):
        older = make_post(
            title="Naloxone in 2009", published_at=timezone.now() - timedelta(days=900)
        )
        with mock.patch("posts.search.RANKED_MATCHES", 1):
            response = self.client.get("/search/", {"q": "naloxone"})
        self.assertContains(response, "Naloxone saves lives")
        self.assertNotContains(response, older.title)
        self.assertContains(response, "Only the newest are shown")
        self.assertNotContains(self.client.get("/search/", {"q": "naloxone"}), "Only the newest")
