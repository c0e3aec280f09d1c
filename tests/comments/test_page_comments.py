from xml.etree import ElementTree

from django.db import IntegrityError
from django.test import TestCase

from comments import moderation
from comments.models import Comment, CommentStatus, ModerationSettings
from posts.models import Page
from tests.comments.helpers import comment_data
from tests.factories import make_page, make_post, make_user

ATOM = "{http://www.w3.org/2005/Atom}"


def make_page_comment(page, **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("text", "A comment.")
    fields.setdefault("status", CommentStatus.APPROVED)
    parent = fields.get("parent")
    if parent is not None:
        fields.setdefault("root", parent.root or parent)
        fields.setdefault("depth", parent.depth + 1)
    return Comment.objects.create(page=page, **fields)


class PageCommentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.page = make_page(slug="get-involved", title="Get involved", allow_comments=True)
        cls.moderator = make_user("mod", groups=["Moderators"])

    def test_comment_on_a_page_waits_then_appears(self):
        url = self.page.get_absolute_url()
        self.assertContains(self.client.get(url), f'href="{url}comment/"')
        self.assertContains(self.client.get(f"{url}comment/"), 'id="comment-form"')
        response = self.client.post(url, comment_data(text="How do I join in Almaty?"))
        comment = Comment.objects.get()
        self.assertRedirects(response, f"{url}#comment-{comment.pk}", fetch_redirect_response=False)
        self.assertEqual((comment.page, comment.post, comment.campaign), (self.page, None, None))
        self.assertEqual(comment.status, CommentStatus.PENDING)
        self.assertContains(self.client.get(url), "awaiting moderation")
        self.assertNotContains(self.client_class().get(url), "How do I join in Almaty?")
        moderation.approve(comment, by=self.moderator)
        self.assertContains(self.client_class().get(url), "How do I join in Almaty?")
        self.assertEqual(Page.objects.get(pk=self.page.pk).comment_count, 1)

    def test_replies_nest_on_a_page(self):
        top = make_page_comment(self.page, text="A question.")
        url = self.page.get_absolute_url()
        self.client.post(url, comment_data(text="An answer.", parent=top.pk))
        reply = Comment.objects.get(parent=top)
        self.assertEqual((reply.page, reply.root, reply.depth), (self.page, top, 1))

    def test_pages_default_to_comments_closed(self):
        self.assertFalse(Page().allow_comments)
        self.assertFalse(make_page().allow_comments)

    def test_closed_page_refuses_comments_and_shows_no_thread(self):
        closed = make_page(slug="privacy", title="Privacy")
        response = self.client.get(closed.get_absolute_url())
        self.assertNotContains(response, 'id="comment-form"')
        self.assertNotContains(response, 'id="comments"')
        self.assertEqual(
            self.client.post(closed.get_absolute_url(), comment_data()).status_code, 403
        )
        self.assertFalse(Comment.objects.exists())

    def test_closed_page_still_shows_its_approved_comments(self):
        closed = make_page(slug="old-page", title="Old page")
        make_page_comment(closed, text="Brought over from WordPress.")
        moderation.recount(closed)
        response = self.client.get(closed.get_absolute_url())
        self.assertContains(response, "Brought over from WordPress.")
        self.assertContains(response, "Comments are closed.")
        self.assertNotContains(response, 'id="comment-form"')

    def test_a_comment_has_exactly_one_item(self):
        with self.assertRaises(IntegrityError):
            Comment.objects.create(
                post=make_post(), page=self.page, name="x", text="y", status="approved"
            )

    def test_moderation_queue_lists_a_page_comment(self):
        comment = make_page_comment(self.page, text="Waiting here", status=CommentStatus.PENDING)
        self.client.force_login(self.moderator)
        response = self.client.get("/admin/comments/comment/")
        self.assertEqual(list(response.context["cl"].result_list), [comment])
        self.assertContains(response, self.page.get_absolute_url())
        filtered = self.client.get("/admin/comments/comment/", {"page__id__exact": self.page.pk})
        self.assertEqual(list(filtered.context["cl"].result_list), [comment])

    def test_editors_open_comments_in_the_page_admin(self):
        self.client.force_login(make_user("editor", groups=["Editors"]))
        response = self.client.get(f"/admin/posts/page/{self.page.pk}/change/")
        self.assertContains(response, "Discussion")
        self.assertContains(response, 'name="allow_comments"')
        self.assertContains(response, 'name="comment_days"')

    def test_comments_feed_lists_an_approved_page_comment(self):
        make_page_comment(self.page, name="Ana", text="Count me in.")
        feed = ElementTree.fromstring(self.client.get("/comments/feed/").content)
        entries = feed.findall(f"{ATOM}entry")
        self.assertEqual([e.findtext(f"{ATOM}author/{ATOM}name") for e in entries], ["Ana"])
        self.assertIn("Get involved", entries[0].findtext(f"{ATOM}title"))


class PageCommentQueryBudgetTests(TestCase):
    def test_two_hundred_comments_same_queries_as_two(self):
        counts = []
        for size in (2, 200):
            page = make_page(allow_comments=True)
            top = [make_page_comment(page, text=f"top {n}") for n in range(size // 2)]
            for parent in top:
                make_page_comment(page, text="a reply", parent=parent)
            moderation.recount(page)
            ModerationSettings.current()
            # The page, the menu, and three for the thread: the count, a page of threads,
            # their replies.
            with self.assertNumQueries(5):
                response = self.client.get(page.get_absolute_url())
                self.assertEqual(response.status_code, 200)
            counts.append(response.text.count('class="comment"'))
        self.assertEqual(counts, [2, 100])  # 50 threads of two on the first page
