from datetime import timedelta

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from posts.models import Post, Status
from tests.factories import make_byline, make_post


class PublishedTruthTableTests(TestCase):
    """published() is the one gate: status Published and a date not in the future."""

    def test_truth_table(self):
        now = timezone.now()
        byline = make_byline()
        cases = {
            (Status.DRAFT, -1): False,
            (Status.DRAFT, +1): False,
            (Status.PENDING, -1): False,
            (Status.PENDING, +1): False,
            (Status.PRIVATE, -1): False,
            (Status.PUBLISHED, -1): True,
            (Status.PUBLISHED, +1): False,  # scheduled
        }
        posts = {
            key: make_post(status=key[0], published_at=now + timedelta(days=key[1]), byline=byline)
            for key in cases
        }
        public = set(Post.objects.published().values_list("pk", flat=True))
        for key, expected in cases.items():
            with self.subTest(status=key[0], days=key[1]):
                self.assertEqual(posts[key].pk in public, expected)
                self.assertEqual(posts[key].is_published, expected)

    def test_scheduled_post_appears_when_its_date_comes(self):
        post = make_post(published_at=timezone.now() + timedelta(seconds=1))
        self.assertFalse(Post.objects.published().filter(pk=post.pk).exists())
        Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(seconds=1))
        self.assertTrue(Post.objects.published().filter(pk=post.pk).exists())

    def test_publishing_without_a_date_stamps_now(self):
        post = make_post(status=Status.DRAFT, published_at=None)
        post.publish()
        post.save()
        self.assertIsNotNone(post.published_at)
        self.assertTrue(Post.objects.published().filter(pk=post.pk).exists())

    def test_database_refuses_unknown_status(self):
        post = make_post()
        post.status = "live"
        with self.assertRaises(ValidationError) as caught:
            post.full_clean()
        self.assertIn("status", caught.exception.message_dict)


class DerivedTextTests(TestCase):
    def test_excerpt_wins(self):
        post = make_post(excerpt="Short and clear.", body="<p>Long body</p>")
        self.assertEqual(post.summary, "Short and clear.")

    def test_more_break_sets_the_summary(self):
        post = make_post(body="<p>Before the break.</p><!--more--><p>After it.</p>")
        self.assertEqual(post.summary, "Before the break.")
        self.assertIn("After it.", post.body_text)

    def test_more_typed_in_the_editor_counts(self):
        post = make_post(body="<p>Intro.</p><p>&lt;!--more--&gt;</p><p>Rest.</p>")
        self.assertEqual(post.summary, "Intro.")
        self.assertNotIn("more", post.body_text)

    def test_more_shortcut_counts(self):
        post = make_post(body="<p>Intro.</p><p>[more]</p><p>Rest.</p>")
        self.assertEqual(post.summary, "Intro.")
        self.assertEqual(post.body, "<p>Intro.</p><!--more--><p>Rest.</p>")

    def test_headings_end_with_a_stop_in_plain_text(self):
        post = make_post(body="<h2>What we learned</h2><p>Peers lead.</p><h3>Why?</h3><p>x</p>")
        self.assertEqual(post.body_text, "What we learned. Peers lead. Why? x")

    def test_first_words_otherwise(self):
        words = " ".join(f"word{i}" for i in range(100))
        post = make_post(body=f"<p>{words}</p>")
        self.assertTrue(post.summary.startswith("word0 word1"))
        self.assertTrue(post.summary.endswith("…"))
        self.assertLess(len(post.summary.split()), 60)

    def test_translation_cannot_point_at_itself(self):
        post = make_post()
        post.translation_of = post
        with self.assertRaises(ValidationError):
            post.full_clean()
