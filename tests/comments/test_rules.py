from django.test import TestCase

from comments.models import Comment, CommentStatus, ModerationSettings
from tests.comments.factories import make_comment
from tests.comments.helpers import comment_data
from tests.factories import make_post


class HoldRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post()

    def setUp(self):
        rules = ModerationSettings.current()
        rules.moderation_words = "heroin price\nmeet me"
        rules.blocked_words = "casino\ncheap pills"
        rules.save()

    def send(self, address="10.0.0.1", **fields):
        self.client.post(self.post.get_absolute_url(), comment_data(**fields), REMOTE_ADDR=address)
        return Comment.objects.order_by("-pk").first()

    def test_blocked_words_mark_spam_in_name_text_or_website(self):
        for n, fields in enumerate(
            [
                {"name": "Best CASINO"},
                {"text": "buy cheap pills now"},
                {"url": "https://casino.example"},
            ]
        ):
            with self.subTest(fields=fields):
                comment = self.send(address=f"10.0.1.{n}", **fields)
                self.assertEqual(comment.status, CommentStatus.SPAM)

    def test_held_words_and_links_hold_even_trusted_commenters(self):
        trusted = make_comment(self.post, status=CommentStatus.APPROVED)
        from django.core import signing

        from comments import tokens

        self.client.cookies[tokens.TRUST_COOKIE] = signing.dumps(trusted.pk, salt=tokens.TRUST_SALT)
        cases = [
            {"text": "Meet me at the station"},
            {"text": "see http://a.example http://b.example http://c.example"},
            {"text": "please help", "is_urgent": "on"},
            {"text": "for staff", "is_private": "on"},
        ]
        for n, fields in enumerate(cases):
            with self.subTest(fields=fields):
                comment = self.send(address=f"10.0.2.{n}", **fields)
                self.assertEqual(comment.status, CommentStatus.PENDING)
        comment = self.send(address="10.0.2.9", text="two links http://a.example www.b.example")
        self.assertEqual(comment.status, CommentStatus.APPROVED)

    def test_remembered_commenter_skips_the_queue_after_an_approval(self):
        self.send(text="first", remember="on", name="Kai", email="kai@example.org")
        first = Comment.objects.get()
        self.assertEqual(first.status, CommentStatus.PENDING)
        first.status = CommentStatus.APPROVED
        first.save()
        page = self.client.get(self.post.get_absolute_url())
        self.assertIn("inpud_trusted", page.cookies)
        form_page = self.client.get(self.post.get_comment_url())
        self.assertContains(form_page, 'value="Kai"')  # remembered on this device only
        second = self.send(address="10.0.3.1", text="second")
        self.assertEqual(second.status, CommentStatus.APPROVED)
        self.post.refresh_from_db()
        self.assertEqual(self.post.comment_count, 2)  # recounted when the second arrived

    def test_no_trust_without_remember_me(self):
        self.send(text="first")
        Comment.objects.update(status=CommentStatus.APPROVED)
        page = self.client.get(self.post.get_absolute_url())
        self.assertNotIn("inpud_trusted", page.cookies)
        self.assertEqual(self.send(address="10.0.4.1", text="x").status, CommentStatus.PENDING)

    def test_trust_ends_when_the_vouching_comment_is_removed(self):
        self.send(text="first", remember="on")
        first = Comment.objects.get()
        Comment.objects.update(status=CommentStatus.APPROVED)
        self.client.get(self.post.get_absolute_url())
        Comment.objects.filter(pk=first.pk).update(status=CommentStatus.SPAM)
        self.assertEqual(self.send(address="10.0.5.1", text="x").status, CommentStatus.PENDING)

    def test_forged_trust_cookie_is_ignored(self):
        approved = make_comment(self.post)
        self.client.cookies["inpud_trusted"] = f"{approved.pk}:forged"
        self.assertEqual(self.send(text="x").status, CommentStatus.PENDING)
