import html5lib
from django.test import TestCase

from posts.models import Post, Status
from tests.factories import make_byline, make_post, make_user


def post_form(byline, **overrides):
    data = {
        "title": "Peer workers in Tbilisi",
        "slug": "peer-workers-in-tbilisi",
        "byline": byline.pk,
        "body": "<p>Text<script>alert(1)</script></p>",
        "status": Status.PENDING,
        "published_at_0": "",
        "published_at_1": "",
        "allow_comments": "on",
        "excerpt": "",
        "tags": "peer-work, hiv",
        "content_warning": "",
        "language": "en",
    }
    return data | overrides


class RoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.byline = make_byline()
        cls.author = make_user("author", groups=["Authors"])
        cls.other_author = make_user("other", groups=["Authors"])
        cls.editor = make_user("editor", groups=["Editors"])
        cls.moderator = make_user("moderator", groups=["Moderators"])

    def test_author_submits_for_review_but_cannot_publish(self):
        self.client.force_login(self.author)
        form = self.client.get("/admin/posts/post/add/").context["adminform"].form
        self.assertEqual(
            [value for value, _label in form.fields["status"].choices],
            [Status.DRAFT, Status.PENDING],
        )
        response = self.client.post("/admin/posts/post/add/", post_form(self.byline))
        self.assertEqual(response.status_code, 302)
        post = Post.objects.get()
        self.assertEqual(post.status, Status.PENDING)
        self.assertEqual(post.created_by, self.author)
        self.assertNotIn("<script", post.body)
        self.assertEqual(sorted(post.tags.names()), ["hiv", "peer-work"])

        response = self.client.post(
            "/admin/posts/post/add/",
            post_form(self.byline, slug="second", status=Status.PUBLISHED),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Select a valid choice")
        self.assertContains(response, "Peer workers in Tbilisi")  # the typed title is kept
        self.assertEqual(Post.objects.count(), 1)

    def test_author_sees_and_edits_only_own_unpublished_posts(self):
        own = make_post(title="Mine", status=Status.DRAFT, created_by=self.author)
        theirs = make_post(title="Theirs", status=Status.DRAFT, created_by=self.other_author)
        published = make_post(title="Mine, live", created_by=self.author)
        self.client.force_login(self.author)
        changelist = self.client.get("/admin/posts/post/")
        self.assertContains(changelist, "Mine")
        self.assertNotContains(changelist, "Theirs")
        self.assertEqual(self.client.get(f"/admin/posts/post/{own.pk}/change/").status_code, 200)
        self.assertEqual(
            self.client.get(f"/admin/posts/post/{theirs.pk}/change/").status_code, 302
        )  # not in the author's queryset: the admin redirects with "doesn't exist"
        response = self.client.post(
            f"/admin/posts/post/{published.pk}/change/",
            post_form(self.byline, title="Changed", slug=published.slug),
        )
        self.assertEqual(response.status_code, 403)
        published.refresh_from_db()
        self.assertEqual(published.title, "Mine, live")

    def test_the_byline_filter_offers_only_bylines_of_posts_the_person_may_list(self):
        hidden = make_byline(name="Undisclosed pen name")
        for name in ("Kestrel", "Osprey"):
            make_post(byline=make_byline(name=name), status=Status.DRAFT, created_by=self.author)
        make_post(byline=hidden, status=Status.DRAFT, created_by=self.other_author)
        self.client.force_login(self.author)
        tree = html5lib.parse(
            self.client.get("/admin/posts/post/").content, namespaceHTMLElements=False
        )
        choices = [a.text for a in tree.iterfind(".//search[@id='changelist-filter']//a")
                   if "byline__id__exact=" in a.get("href")]  # fmt: skip
        self.assertEqual(sorted(choices), ["Kestrel", "Osprey"])
        self.client.force_login(self.editor)
        self.assertContains(self.client.get("/admin/posts/post/"), "Undisclosed pen name")

    def test_editor_publishes_in_bulk(self):
        drafts = [make_post(status=Status.PENDING, published_at=None) for _ in range(3)]
        self.client.force_login(self.editor)
        response = self.client.post(
            "/admin/posts/post/",
            {"action": "publish_now", "_selected_action": [post.pk for post in drafts]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Post.objects.published().count(), 3)
        self.client.post(
            "/admin/posts/post/",
            {"action": "unpublish", "_selected_action": [drafts[0].pk]},
        )
        self.assertEqual(Post.objects.published().count(), 2)

    def test_author_has_no_publish_action(self):
        make_post(status=Status.DRAFT, created_by=self.author)
        self.client.force_login(self.author)
        form = self.client.get("/admin/posts/post/").context["action_form"]
        choices = form.fields["action"].choices if form else []
        self.assertNotIn("publish_now", [name for name, _label in choices])

    def test_moderator_cannot_edit_posts(self):
        post = make_post()
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.get("/admin/posts/post/add/").status_code, 403)
        response = self.client.post(
            f"/admin/posts/post/{post.pk}/change/", post_form(self.byline, slug=post.slug)
        )
        self.assertEqual(response.status_code, 403)

    def test_changelist_shows_state_and_view_on_site(self):
        post = make_post(title="Live post")
        draft = make_post(title="Not yet", status=Status.DRAFT)
        self.client.force_login(self.editor)
        response = self.client.get("/admin/posts/post/")
        self.assertContains(response, "Live post")
        self.assertContains(response, f'<a href="{post.get_absolute_url()}">View</a>', html=True)
        self.assertContains(
            response, f'<a href="{draft.get_absolute_url()}">Preview</a>', html=True
        )
        response = self.client.get(f"/admin/posts/post/{post.pk}/change/")
        self.assertContains(response, "View on site")
