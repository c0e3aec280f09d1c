from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.utils import timezone

from comments import moderation
from comments.models import Comment, CommentStatus
from posts.models import Post
from tests.comments.factories import make_comment
from tests.factories import make_post, make_user

QUEUE = "/admin/comments/comment/"


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post()
        cls.comment = make_comment(cls.post, status=CommentStatus.PENDING)
        cls.users = {
            "reader": make_user("reader"),
            "author": make_user("author", groups=["Authors"]),
            "moderator": make_user("moderator", groups=["Moderators"]),
            "editor": make_user("editor", groups=["Editors"]),
        }

    def status(self, who, method, url, data=None):
        self.client.logout()
        if who != "anonymous":
            self.client.force_login(self.users[who])
        response = getattr(self.client, method)(url, data or {})
        return response.status_code

    def test_matrix(self):
        approve = {"action": "approve", "_selected_action": [self.comment.pk]}
        post_change = f"/admin/posts/post/{self.post.pk}/change/"
        expected = {
            # who:        queue, approve action, post change page
            "anonymous": (302, 302, 302),  # to the login page
            "reader": (302, 302, 302),  # not staff: to the login page
            "author": (403, 403, 302),  # authors do not moderate; the post is not theirs
            "moderator": (200, 302, 403),
            "editor": (200, 302, 200),
        }
        for who, (queue, action, change) in expected.items():
            with self.subTest(who=who):
                self.assertEqual(self.status(who, "get", QUEUE), queue)
                self.assertEqual(self.status(who, "post", QUEUE, approve), action)
                self.assertEqual(self.status(who, "get", post_change), change)
        self.comment.refresh_from_db()
        self.assertEqual(self.comment.status, CommentStatus.APPROVED)

    def test_moderator_sees_comments_and_nothing_else_of_the_content(self):
        self.client.force_login(self.users["moderator"])
        index = self.client.get("/admin/")
        self.assertContains(index, "/admin/comments/comment/")
        for url in ("/admin/posts/post/", "/admin/posts/page/", "/admin/posts/image/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 403)


class QueueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post(title="Naloxone")
        cls.moderator = make_user("moderator", groups=["Moderators"])
        now = timezone.now()
        cls.old = make_comment(cls.post, text="old one", status=CommentStatus.PENDING)
        cls.urgent = make_comment(
            cls.post, text="urgent one", is_urgent=True, status=CommentStatus.PENDING
        )
        cls.new = make_comment(cls.post, text="new one", status=CommentStatus.PENDING)
        cls.done = make_comment(cls.post, text="approved one")
        Comment.objects.filter(pk=cls.old.pk).update(created_at=now - timedelta(days=3))
        Comment.objects.filter(pk=cls.urgent.pk).update(created_at=now - timedelta(hours=1))

    def setUp(self):
        self.client.force_login(self.moderator)

    def test_queue_opens_on_pending_urgent_first_then_oldest(self):
        response = self.client.get(QUEUE)
        shown = [c.text for c in response.context["cl"].result_list]
        self.assertEqual(shown, ["urgent one", "old one", "new one"])
        self.assertContains(response, "waiting 3")
        self.assertContains(response, "URGENT")
        everything = self.client.get(QUEUE, {"queue": "all"}).context["cl"].result_list
        self.assertIn("approved one", [c.text for c in everything])

    def test_admin_index_counts_the_waiting(self):
        response = self.client.get("/admin/")
        self.assertContains(response, "3 comments are waiting for moderation")
        self.assertContains(response, "1 urgent")

    def test_bulk_actions_record_who_and_when(self):
        for action, status in [
            ("approve", "approved"),
            ("mark_spam", "spam"),
            ("remove", "removed"),
            ("restore", "pending"),
        ]:
            with self.subTest(action=action):
                self.client.post(
                    QUEUE + "?queue=all",
                    {"action": action, "_selected_action": [self.old.pk]},
                )
                self.old.refresh_from_db()
                self.assertEqual(self.old.status, status)
                self.assertEqual(self.old.moderated_by, self.moderator)
                self.assertIsNotNone(self.old.moderated_at)

    def test_approval_moves_the_post_and_its_count(self):
        before = Post.objects.get(pk=self.post.pk).updated_at
        moderation.approve(self.old, by=self.moderator)
        post = Post.objects.get(pk=self.post.pk)
        self.assertGreater(post.updated_at, before)
        self.assertEqual(post.comment_count, 2)
        moderation.remove(self.old, by=self.moderator)
        self.assertEqual(Post.objects.get(pk=self.post.pk).comment_count, 1)

    def test_private_comments_are_never_published(self):
        private = make_comment(
            self.post, text="only for staff", is_private=True, status=CommentStatus.PENDING
        )
        moderation.approve(private, by=self.moderator)
        self.assertNotContains(
            self.client_class().get(self.post.get_absolute_url()), "only for staff"
        )
        self.assertEqual(Post.objects.get(pk=self.post.pk).comment_count, 1)
        self.assertContains(self.client.get(QUEUE, {"queue": "all"}), "only for staff")


class ReplyNotificationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post(title="Hepatitis C")
        cls.moderator = make_user("moderator", groups=["Moderators"])

    def test_reply_email_with_one_click_unsubscribe(self):
        parent = make_comment(self.post, email="ana@example.org", notify_replies=True)
        reply = make_comment(self.post, parent=parent, name="Ben", status=CommentStatus.PENDING)
        with self.captureOnCommitCallbacks(execute=True):
            moderation.approve(reply, by=self.moderator)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["ana@example.org"])
        self.assertIn("Hepatitis C", message.subject)
        link = message.extra_headers["List-Unsubscribe"].strip("<>")
        self.assertIn(link, message.body)
        path = link.split("://", 1)[1].split("/", 1)[1]
        self.assertContains(self.client.get("/" + path), "Stop reply e-mails")
        self.client.post("/" + path)
        parent.refresh_from_db()
        self.assertFalse(parent.notify_replies)

    def test_no_email_when_not_asked_or_private(self):
        quiet = make_comment(self.post, email="quiet@example.org", notify_replies=False)
        asked = make_comment(self.post, email="asked@example.org", notify_replies=True)
        with self.captureOnCommitCallbacks(execute=True):
            moderation.approve(
                make_comment(self.post, parent=quiet, status=CommentStatus.PENDING),
                by=self.moderator,
            )
            moderation.approve(
                make_comment(
                    self.post, parent=asked, is_private=True, status=CommentStatus.PENDING
                ),
                by=self.moderator,
            )
        self.assertEqual(mail.outbox, [])
