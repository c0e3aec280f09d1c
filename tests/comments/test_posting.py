from datetime import timedelta
from unittest import mock

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from comments.models import Comment, CommentStatus, ModerationSettings
from posts.models import Status
from tests.comments.factories import make_comment
from tests.comments.helpers import comment_data, started
from tests.factories import make_post, make_user


class PostingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post(title="Peer work is work")
        cls.moderator = make_user("mod", groups=["Moderators"], email="mod@example.org")

    def send(self, target=None, **fields):
        target = target or self.post
        return self.client.post(target.get_absolute_url(), comment_data(**fields))

    def test_new_comment_waits_and_only_its_author_sees_it(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.send(text="First time here.")
        comment = Comment.objects.get()
        self.assertRedirects(
            response,
            f"{self.post.get_absolute_url()}#comment-{comment.pk}",
            fetch_redirect_response=False,
        )
        self.assertEqual(comment.status, CommentStatus.PENDING)
        page = self.client.get(self.post.get_absolute_url())
        self.assertContains(page, "awaiting moderation")
        self.assertContains(page, "First time here.")
        self.assertIn("no-cache", page["Cache-Control"])
        stranger = self.client_class().get(self.post.get_absolute_url())
        self.assertNotContains(stranger, "First time here.")
        self.post.refresh_from_db()
        self.assertEqual(self.post.comment_count, 0)

    def test_nothing_about_the_device_is_stored(self):
        self.client.post(
            self.post.get_absolute_url(),
            comment_data(),
            REMOTE_ADDR="203.0.113.9",
            HTTP_USER_AGENT="Phone/1.0",
        )
        comment = Comment.objects.get()
        stored = " ".join(str(getattr(comment, f.attname)) for f in Comment._meta.concrete_fields)
        self.assertNotIn("203.0.113.9", stored)
        self.assertNotIn("Phone/1.0", stored)

    def test_moderators_get_an_email_without_the_text(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.send(text="My status is secret.", is_urgent="on")
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["mod@example.org"])
        self.assertIn("Urgent", message.subject)
        self.assertIn("/admin/comments/comment/", message.body)
        self.assertNotIn("secret", message.body)

    def test_non_urgent_alerts_are_grouped(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.send(text="One")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.post.get_absolute_url(), comment_data(text="Two"), REMOTE_ADDR="10.0.0.2"
            )
        self.assertEqual(Comment.objects.count(), 2)
        self.assertEqual(len(mail.outbox), 1)

    def test_bad_input_is_shown_again_with_what_was_typed(self):
        cases = {
            "name": comment_data(name="   "),
            # Only zero-width and direction characters: nothing a reader would see.
            "name-invisible": comment_data(name="\u200b\u2060\u200d\u200e"),
            "text": comment_data(text=""),
            "text-invisible": comment_data(text="\u200b \u200c\n\u2063"),
            "email": comment_data(email="not-an-address"),
            "url": comment_data(url="javascript:alert(1)"),
        }
        cases["text-long"] = comment_data(text="x" * 5001)
        cases["reply-box"] = comment_data(notify_replies="on", email="")
        for case, data in cases.items():
            with self.subTest(case=case):
                response = self.client.post(self.post.get_absolute_url(), data)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "was not sent yet", status_code=400)
                self.assertContains(response, 'aria-invalid="true"', status_code=400)
                if data["text"]:
                    self.assertContains(response, data["text"][:50], status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_refusals_explain_and_keep_the_text(self):
        cases = {
            "honeypot": comment_data(homepage_url="http://spam.example"),
            "too fast": comment_data(started=started(seconds_ago=0)),
            "too old": comment_data(started=started(seconds_ago=3 * 60 * 60)),
            "forged": comment_data(started="123:forged"),
        }
        for case, data in cases.items():
            with self.subTest(case=case):
                data["text"] = f"Kept text for {case}"
                response = self.client.post(self.post.get_absolute_url(), data)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, f"Kept text for {case}", status_code=400)
                self.assertContains(response, 'role="alert"', status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_flood_and_rate_limits(self):
        self.assertEqual(self.send(text="one").status_code, 302)
        response = self.send(text="two, too soon")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "too quickly", status_code=429)
        self.assertContains(response, "two, too soon", status_code=429)
        # Another visitor is not affected.
        other = self.client.post(
            self.post.get_absolute_url(), comment_data(text="three"), REMOTE_ADDR="10.9.9.9"
        )
        self.assertEqual(other.status_code, 302)
        self.assertEqual(Comment.objects.count(), 2)

    def test_hourly_limit(self):
        from comments import views

        with mock.patch.dict(views.RATE, flood_seconds=0):
            for number in range(views.RATE["limit"]):
                response = self.send(text=f"n{number}")
                self.assertEqual(response.status_code, 302)
            response = self.send(text="one too many")
        self.assertContains(response, "a lot in a short time", status_code=429)
        self.assertContains(response, "one too many", status_code=429)

    def test_unpublished_post_is_404(self):
        draft = make_post(status=Status.DRAFT)
        self.assertEqual(self.send(target=draft).status_code, 404)
        editor = make_user(groups=["Editors"])
        self.client.force_login(editor)
        self.assertEqual(self.send(target=draft).status_code, 404)

    def test_closed_comments_show_a_notice_and_refuse_posts(self):
        closed = make_post(allow_comments=False)
        page = self.client.get(closed.get_absolute_url())
        self.assertContains(page, "Comments are closed.")
        self.assertNotContains(page, 'id="comment-form"')
        self.assertEqual(self.send(target=closed).status_code, 403)
        self.assertFalse(Comment.objects.exists())

    def test_comments_close_after_the_set_number_of_days(self):
        rules = ModerationSettings.current()
        rules.close_after_days = 10
        rules.save()
        old = make_post(published_at=timezone.now() - timedelta(days=11))
        recent = make_post(published_at=timezone.now() - timedelta(days=9))
        kept_open = make_post(published_at=timezone.now() - timedelta(days=11), comment_days=0)
        self.assertEqual(self.send(target=old).status_code, 403)
        self.assertEqual(self.send(target=recent).status_code, 302)
        self.client.cookies.clear()
        from django.core.cache import cache

        cache.clear()
        rules.save()  # the settings row was cached before clear
        self.assertEqual(self.send(target=kept_open).status_code, 302)

    def test_csrf_is_enforced(self):
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(self.post.get_absolute_url(), comment_data())
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Comment.objects.exists())

    def test_reply_to_an_approved_comment(self):
        parent = make_comment(self.post, name="Ana")
        thread = self.client.get(self.post.get_absolute_url())
        self.assertContains(thread, f'href="{self.post.get_comment_url()}?replyto={parent.pk}"')
        response = self.client.get(self.post.get_comment_url(), {"replyto": parent.pk})
        self.assertContains(response, "Reply to Ana")
        self.assertContains(response, f'name="parent" value="{parent.pk}"')
        self.send(text="I agree", parent=parent.pk)
        reply = Comment.objects.get(parent=parent)
        self.assertEqual((reply.root, reply.depth), (parent, 1))

    def test_replies_nest_only_to_the_set_depth(self):
        top = make_comment(self.post)
        second = make_comment(self.post, parent=top)
        third = make_comment(self.post, parent=second)
        response = self.send(text="too deep", parent=third.pk)
        self.assertContains(response, "cannot nest deeper", status_code=400)
        pending = make_comment(self.post, status=CommentStatus.PENDING)
        response = self.send(text="to a pending one", parent=pending.pk)
        self.assertContains(response, "not available", status_code=400)

    def test_staff_reply_has_a_badge(self):
        editor = make_user(groups=["Editors"])
        self.client.force_login(editor)
        parent = make_comment(self.post)
        self.send(name="INPUD team", text="We will call you.", parent=parent.pk)
        reply = Comment.objects.get(parent=parent)
        self.assertTrue(reply.is_staff_reply)
        self.assertEqual(reply.status, CommentStatus.APPROVED)
        self.assertContains(self.client.get(self.post.get_absolute_url()), 'class="badge"')

    def test_delete_link_erases_the_comment(self):
        self.send(text="I regret this")
        page = self.client.get(self.post.get_absolute_url()).text
        link = page[page.index("/comments/delete/") :].split('"')[0]
        stranger = self.client_class()
        self.assertContains(stranger.get(link), "Delete your comment")
        response = stranger.post(link)
        self.assertContains(response, "Comment deleted")
        comment = Comment.objects.get()
        self.assertEqual((comment.status, comment.text, comment.name), ("removed", "", ""))
        self.assertEqual(self.client.post("/comments/delete/forged:token/").status_code, 404)
