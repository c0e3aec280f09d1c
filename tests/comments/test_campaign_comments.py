from django.test import TestCase

from campaigns.models import Campaign
from comments import moderation
from comments.models import Comment, CommentStatus
from posts.models import Status
from tests.comments.helpers import comment_data
from tests.factories import make_campaign, make_user


class CampaignCommentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(slug="day-of-action", title="Day of action")
        cls.moderator = make_user("mod", groups=["Moderators"])

    def test_comment_on_a_campaign_waits_then_appears(self):
        url = self.campaign.get_absolute_url()
        self.assertContains(self.client.get(url), f'href="{url}comment/"')
        self.assertContains(self.client.get(f"{url}comment/"), 'id="comment-form"')
        response = self.client.post(url, comment_data(text="We will be there in Lisbon."))
        comment = Comment.objects.get()
        self.assertRedirects(response, f"{url}#comment-{comment.pk}", fetch_redirect_response=False)
        self.assertEqual((comment.campaign, comment.post), (self.campaign, None))
        self.assertContains(self.client.get(url), "awaiting moderation")
        moderation.approve(comment, by=self.moderator)
        self.assertContains(self.client_class().get(url), "We will be there in Lisbon.")
        self.assertEqual(Campaign.objects.get(pk=self.campaign.pk).comment_count, 1)

    def test_closed_and_unpublished_campaigns(self):
        closed = make_campaign(slug="closed", allow_comments=False)
        self.assertContains(self.client.get(closed.get_absolute_url()), "Comments are closed.")
        self.assertEqual(
            self.client.post(closed.get_absolute_url(), comment_data()).status_code, 403
        )
        draft = make_campaign(slug="draft", status=Status.DRAFT)
        self.assertEqual(
            self.client.post(draft.get_absolute_url(), comment_data()).status_code, 404
        )
        self.assertFalse(Comment.objects.exists())

    def test_a_comment_has_exactly_one_item(self):
        from django.db import IntegrityError

        with self.assertRaises(IntegrityError):
            Comment.objects.create(name="x", text="y", status=CommentStatus.APPROVED)
