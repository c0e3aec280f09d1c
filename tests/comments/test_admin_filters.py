"""The moderation queue's filters by post, campaign and page stay small at any archive size."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from comments.models import CommentStatus
from tests.comments.factories import make_comment
from tests.factories import make_post, make_user

QUEUE = "/admin/comments/comment/"


class TargetFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.moderator = make_user("mod", is_staff=True, is_superuser=True)
        cls.waiting = make_post(title="A post with a comment waiting")
        cls.answered = make_post(title="A post whose comments are all decided")
        cls.quiet = [make_post(title=f"Quiet post {n}") for n in range(5)]
        cls.pending = make_comment(cls.waiting, text="Please read", status=CommentStatus.PENDING)
        cls.approved = make_comment(cls.answered, text="Already read")

    def setUp(self):
        self.client.force_login(self.moderator)

    def offered(self, response):
        (spec,) = [spec for spec in response.context["cl"].filter_specs if spec.title == "post"]
        return [label for _value, label in spec.lookup_choices]

    def test_only_posts_with_comments_waiting_are_offered(self):
        response = self.client.get(QUEUE)
        self.assertEqual(self.offered(response), ["A post with a comment waiting"])
        self.assertNotContains(response, "Quiet post")

    def test_the_queue_page_does_not_grow_with_the_archive(self):
        seen = []
        for extra in (0, 45):
            for n in range(extra):
                make_post(title=f"More {n}")
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(QUEUE)
            self.assertNotContains(response, "More ")
            seen.append((len(context.captured_queries), len(response.content)))
        self.assertEqual(seen[0], seen[1])

    def test_any_post_can_still_be_chosen_by_its_address(self):
        response = self.client.get(QUEUE, {"post__id__exact": self.answered.pk, "queue": "all"})
        self.assertEqual(list(response.context["cl"].result_list), [self.approved])
        self.assertIn("A post whose comments are all decided", self.offered(response))

    def test_a_malformed_choice_goes_back_to_the_queue(self):
        response = self.client.get(QUEUE, {"post__id__exact": "1 OR 1=1"})
        self.assertRedirects(response, f"{QUEUE}?e=1", fetch_redirect_response=False)
