import json
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from comments.models import Comment, CommentStatus
from posts.models import Post
from tests.comments.factories import make_comment
from tests.factories import make_post


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class ExportEraseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post(title="Prison health")
        cls.public = make_comment(
            cls.post,
            name="Lena",
            email="Lena@Example.org",
            url="https://lena.example",
            text="Public words",
        )
        cls.pending = make_comment(
            cls.post,
            name="Lena",
            email="lena@example.org",
            text="Waiting words",
            status=CommentStatus.PENDING,
        )
        cls.other = make_comment(cls.post, name="Someone", email="other@example.org")
        Post.objects.filter(pk=cls.post.pk).update(comment_count=2)

    def test_export_lists_everything_stored_for_the_address(self):
        data = json.loads(run("export_commenter_data", "lena@example.org"))
        self.assertEqual(
            sorted(item["text"] for item in data["comments"]), ["Public words", "Waiting words"]
        )
        self.assertEqual(data["comments"][0]["on"], "Prison health")
        self.assertNotIn("other@example.org", json.dumps(data))

    def test_erase_keeps_approved_text_anonymously(self):
        out = run("erase_commenter_data", "lena@example.org")
        self.assertIn("1 comments kept", out)
        self.public.refresh_from_db()
        self.assertEqual(
            (self.public.name, self.public.email, self.public.url, self.public.text),
            ("Anonymous", "", "", "Public words"),
        )
        self.assertFalse(Comment.objects.filter(pk=self.pending.pk).exists())
        self.assertTrue(Comment.objects.filter(pk=self.other.pk).exists())
        self.assertEqual(
            json.loads(run("export_commenter_data", "lena@example.org"))["comments"], []
        )

    def test_erase_can_delete_everything(self):
        run("erase_commenter_data", "LENA@example.org", "--delete-comments")
        self.assertEqual(list(Comment.objects.values_list("name", flat=True)), ["Someone"])
        self.assertEqual(Post.objects.get(pk=self.post.pk).comment_count, 1)


class RetentionTests(TestCase):
    def test_purge_applies_the_retention_rules(self):
        now = timezone.now()
        quiet_post, busy_post = make_post(), make_post()
        old_spam = make_comment(quiet_post, status=CommentStatus.SPAM)
        new_spam = make_comment(quiet_post, status=CommentStatus.SPAM)
        old_removed = make_comment(quiet_post, status=CommentStatus.REMOVED)
        quiet = make_comment(quiet_post, email="quiet@example.org", notify_replies=True)
        busy_old = make_comment(busy_post, email="busy@example.org")
        make_comment(busy_post)  # recent activity on this thread
        long_ago = now - timedelta(days=100)
        Comment.objects.filter(pk__in=[old_spam.pk, old_removed.pk, quiet.pk, busy_old.pk]).update(
            created_at=long_ago
        )
        Comment.objects.filter(pk=new_spam.pk).update(
            created_at=now - timedelta(days=40), moderated_at=now - timedelta(days=2)
        )
        out = run("purge_personal_data")
        self.assertIn("2 old spam or removed comments deleted", out)
        self.assertFalse(Comment.objects.filter(pk__in=[old_spam.pk, old_removed.pk]).exists())
        self.assertTrue(Comment.objects.filter(pk=new_spam.pk).exists())
        quiet.refresh_from_db()
        busy_old.refresh_from_db()
        self.assertEqual((quiet.email, quiet.notify_replies), ("", False))
        self.assertEqual(busy_old.email, "busy@example.org")

    def test_purge_can_be_queued_for_the_worker(self):
        self.assertIn("Queued", run("purge_personal_data", "--queue"))


class PledgeDataTests(TestCase):
    def test_export_erase_and_retention_cover_pledges(self):
        from campaigns.models import Pledge
        from tests.factories import make_campaign

        campaign = make_campaign(slug="past-day")
        Pledge.objects.create(
            campaign=campaign,
            name="Ira",
            email="ira@example.org",
            city="Tbilisi",
            consent_text="I agree.",
            language="en",
        )
        data = json.loads(run("export_commenter_data", "IRA@example.org"))
        self.assertEqual([p["city"] for p in data["pledges"]], ["Tbilisi"])
        self.assertIn("1 pledges deleted", run("erase_commenter_data", "ira@example.org"))
        self.assertFalse(Pledge.objects.exists())

        kept = Pledge.objects.create(
            campaign=campaign,
            name="Jo",
            email="jo@example.org",
            consent_text="I agree.",
            language="en",
        )
        type(campaign).objects.filter(pk=campaign.pk).update(
            ends_at=timezone.now() - timedelta(days=91)
        )
        self.assertIn("1 e-mail addresses dropped", run("purge_personal_data"))
        kept.refresh_from_db()
        self.assertEqual((kept.email, kept.name), ("", "Jo"))
