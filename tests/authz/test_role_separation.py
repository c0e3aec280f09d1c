"""Roles kept apart: the cases SECURITY.md row 20 names, with real form data."""

from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import reverse

from posts.models import Post, Status
from tests.authz.world import World, outcome, snapshot
from tests.factories import (
    make_post,
)
from tests.posts.test_admin import post_form


class RoleSeparationTests(TestCase):
    """The cases SECURITY.md row 20 names, with real form data rather than empty POSTs."""

    @classmethod
    def setUpTestData(cls):
        World.build(cls)

    def test_moderator_post_to_a_post_change_view_is_refused_and_changes_nothing(self):
        post = self.objects["posts.post"]
        before = snapshot(post)
        self.client.force_login(self.users["moderator"])
        response = self.client.post(
            f"/admin/posts/post/{post.pk}/change/",
            post_form(post.byline, title="Rewritten", slug=post.slug, status=Status.DRAFT),
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(snapshot(post), before)

    def test_author_cannot_publish_their_draft(self):
        own = self.objects["posts.post:own draft"]
        self.client.force_login(self.users["author"])
        url = f"/admin/posts/post/{own.pk}/change/"
        form = post_form(own.byline, title=own.title, slug=own.slug, status=Status.PUBLISHED)
        response = self.client.post(url, form | {"published_at_0": "2020-01-01"})
        self.assertContains(response, "Select a valid choice")
        response = self.client.post(
            "/admin/posts/post/", {"action": "publish_now", "_selected_action": [own.pk]}
        )
        self.assertEqual(outcome(response), "no action")
        own.refresh_from_db()
        self.assertEqual(own.status, Status.DRAFT)
        self.assertFalse(Post.objects.published().filter(pk=own.pk).exists())

    def test_author_cannot_edit_someone_elses_post(self):
        post = self.objects["posts.post"]
        before = snapshot(post)
        self.client.force_login(self.users["author"])
        response = self.client.post(
            f"/admin/posts/post/{post.pk}/change/",
            post_form(post.byline, title="Rewritten", slug=post.slug, status=Status.PENDING),
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(snapshot(post), before)

    def test_moderator_cannot_see_the_user_model(self):
        self.client.force_login(self.users["moderator"])
        index = self.client.get("/admin/")
        self.assertNotContains(index, "/admin/auth/")
        for url in (
            "/admin/auth/user/",
            f"/admin/auth/user/{self.users['superuser'].pk}/change/",
            f"/admin/auth/user/{self.users['superuser'].pk}/password/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 403)
                self.assertNotContains(response, "md5$", status_code=403)

    def test_moderator_view_on_site_does_not_reveal_a_draft_address(self):
        draft = make_post(title="Raid planned", slug="raid-planned", status=Status.DRAFT)
        content_type = ContentType.objects.get_for_model(Post)
        self.client.force_login(self.users["moderator"])
        response = self.client.get(f"/admin/r/{content_type.pk}/{draft.pk}/")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("raid-planned", response.get("Location", ""))

    def test_author_cannot_merge_tags(self):
        self.client.force_login(self.users["author"])
        tag = self.objects["taggit.tag"]
        url = reverse("admin:taggit_tag_merge_tags")
        session = self.client.session
        session["selected_tag_ids"] = str(tag.pk)
        session.save()
        response = self.client.post(url, {"new_tag_name": "merged"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(list(self.objects["posts.post"].tags.names()), ["outreach"])
