"""What editors and moderators see in the admin: named sections with explanations, help on
every field that needs it, nothing technical, a Preview for what is not public yet, and how
many comments wait."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from comments.models import CommentStatus
from posts.models import PageRole, Status
from tests.comments.factories import make_comment
from tests.factories import (
    make_action,
    make_campaign,
    make_page,
    make_post,
    make_user,
)

# Columns no editor should ever meet in a form: derived, internal or machine-made.
TECHNICAL = {
    "search_vector", "body_text", "created_by", "updated_at", "comment_count",
    "submission_key", "root", "depth", "user", "first_day", "last_day", "uploaded_by",
    "renditions", "content_type", "size", "email",
}  # fmt: skip
# A post's summary is derived from its excerpt or body; its creation time is bookkeeping.
POST_TECHNICAL = TECHNICAL | {"summary", "created_at"}


def name_of(admin_field):
    """The field's name, for editable and read-only fields alike."""
    field = admin_field.field
    return field["name"] if isinstance(field, dict) else field.name


def sections(response):
    """[(name, fields, collapsed, has description)] of a change form's fieldsets."""
    return [
        (
            fieldset.name,
            [name_of(field) for line in fieldset for field in line],
            "collapse" in fieldset.classes,
            bool(fieldset.description),
        )
        for fieldset in response.context["adminform"]
    ]


def field_names(response):
    return [name for _name, fields, *_rest in sections(response) for name in fields]


class PostEditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])
        cls.author = make_user("author", groups=["Authors"])

    def setUp(self):
        self.client.force_login(self.editor)

    def test_sections_in_the_order_an_editor_works(self):
        found = sections(self.client.get("/admin/posts/post/add/"))
        self.assertEqual(
            [(name, collapsed) for name, _fields, collapsed, _described in found],
            [
                (None, False),
                ("Summary and classification", False),
                ("Image and downloads", False),
                ("Reader care and language", False),
                ("Publishing", False),
                ("Comments", True),
                ("Translation", True),
            ],
        )
        self.assertTrue(all(described for name, _f, _c, described in found if name))

    def test_every_field_a_writer_might_wonder_about_is_explained(self):
        form = self.client.get("/admin/posts/post/add/").context["adminform"].form
        for name in (
            "title", "slug", "byline", "body", "excerpt", "categories", "tags", "featured_image",
            "documents", "content_warning", "language", "status", "published_at", "is_sticky",
            "comment_days", "translation_of",
        ):  # fmt: skip
            with self.subTest(field=name):
                self.assertTrue(str(form.fields[name].help_text).strip())
        self.assertIn("breaks links", str(form.fields["slug"].help_text))
        self.assertIn("commas", str(form.fields["tags"].help_text))

    def test_no_technical_fields(self):
        post = make_post()
        for url in ("/admin/posts/post/add/", f"/admin/posts/post/{post.pk}/change/"):
            response = self.client.get(url)
            with self.subTest(url=url):
                self.assertFalse(POST_TECHNICAL & set(field_names(response)))
                self.assertFalse(POST_TECHNICAL & set(response.context["adminform"].form.fields))
                self.assertNotContains(response, 'name="search_vector"')

    def test_a_draft_offers_a_preview_and_says_it_is_not_public(self):
        draft = make_post(title="Not yet", slug="not-yet", status=Status.DRAFT)
        response = self.client.get(f"/admin/posts/post/{draft.pk}/change/")
        self.assertContains(
            response, '<a href="/posts/not-yet/" class="viewsitelink">Preview</a>', html=True
        )
        self.assertContains(response, "Not public (Draft): only staff can see it.")
        self.assertNotContains(response, "View on site")
        self.assertEqual(self.client.get("/posts/not-yet/").status_code, 200)

    def test_a_scheduled_post_says_when_it_goes_public(self):
        later = timezone.now() + timedelta(days=3)
        post = make_post(slug="soon", published_at=later)
        response = self.client.get(f"/admin/posts/post/{post.pk}/change/")
        self.assertContains(response, "Scheduled — readers will see this from")
        self.assertContains(response, 'href="/posts/soon/"')

    def test_a_published_post_is_viewed_not_previewed(self):
        post = make_post()
        response = self.client.get(f"/admin/posts/post/{post.pk}/change/")
        self.assertContains(response, "View on site")
        self.assertNotContains(response, 'id="publishing-note"')
        self.assertNotContains(response, ">Preview<")

    def test_an_author_previews_their_own_draft(self):
        own = make_post(slug="my-draft", status=Status.PENDING, created_by=self.author)
        self.client.force_login(self.author)
        response = self.client.get(f"/admin/posts/post/{own.pk}/change/")
        self.assertContains(response, "Not public (Pending review)")
        self.assertContains(response, 'href="/posts/my-draft/"')
        self.assertEqual(self.client.get("/posts/my-draft/").status_code, 200)


class PageEditorTests(TestCase):
    def test_the_footer_role_is_offered_and_explained(self):
        self.client.force_login(make_user("editor", groups=["Editors"]))
        page = make_page(slug="privacy", role=PageRole.PRIVACY)
        response = self.client.get(f"/admin/posts/page/{page.pk}/change/")
        found = {name: fields for name, fields, _c, _d in sections(response)}
        self.assertEqual(
            found["Menu, footer and language"], ["show_in_menu", "menu_order", "role", "language"]
        )
        form = response.context["adminform"].form
        self.assertIn("privacy or contact page", str(form.fields["role"].help_text))
        self.assertFalse(POST_TECHNICAL & set(form.fields))
        self.assertContains(self.client.get("/admin/posts/page/"), "Privacy page")


class CampaignEditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])
        cls.campaign = make_campaign(slug="day", status=Status.DRAFT)
        make_action(cls.campaign)

    def setUp(self):
        self.client.force_login(self.editor)
        self.response = self.client.get(f"/admin/campaigns/campaign/{self.campaign.pk}/change/")

    def test_sections_with_explanations_and_rare_ones_collapsed(self):
        found = sections(self.response)
        self.assertEqual(
            [(name, collapsed) for name, _fields, collapsed, _described in found],
            [
                (None, False),
                ("Demands", False),
                ("Public contact and sign-ups", False),
                ("Downloads and reading", False),
                ("Publishing and language", False),
                ("Comments", True),
                ("Translation", True),
            ],
        )
        self.assertTrue(all(described for name, _f, _c, described in found if name))
        form = self.response.context["adminform"].form
        for name in ("slug", "summary", "hero_image", "hashtag", "related_posts", "language"):
            with self.subTest(field=name):
                self.assertTrue(str(form.fields[name].help_text).strip())

    def test_the_inlines_explain_places_and_fold_away_the_map_point(self):
        inlines = {
            formset.opts.model._meta.model_name: formset
            for formset in self.response.context["inline_admin_formsets"]
        }
        self.assertEqual(set(inlines), {"demand", "action", "update"})
        action_sections = dict(inlines["action"].fieldsets)
        self.assertIn("collapse", action_sections["Point on the map"]["classes"])
        self.assertTrue(action_sections["Place"]["description"])
        self.assertEqual(action_sections["Place"]["fields"][0], "location_visibility")
        self.assertIn("Never shown", str(action_sections["For organisers only"]["description"]))
        self.assertEqual(inlines["update"].opts.fields[:2], ["title", "text"])

    def test_no_technical_fields_in_the_campaign_or_its_inlines(self):
        self.assertFalse(TECHNICAL & set(self.response.context["adminform"].form.fields))
        for formset in self.response.context["inline_admin_formsets"]:
            with self.subTest(inline=formset.opts.model._meta.model_name):
                self.assertFalse(TECHNICAL & set(formset.formset.form.base_fields))

    def test_a_draft_campaign_offers_a_preview(self):
        self.assertContains(
            self.response, '<a href="/campaigns/day/" class="viewsitelink">Preview</a>', html=True
        )
        self.assertEqual(self.client.get("/campaigns/day/").status_code, 200)


class ModerationQueueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.moderator = make_user("moderator", groups=["Moderators"])
        cls.post = make_post()
        cls.comment = make_comment(
            cls.post,
            text="Is it safe to mix these?",
            email="reader@example.org",
            status=CommentStatus.PENDING,
            is_urgent=True,
        )
        make_comment(cls.post, status=CommentStatus.PENDING)
        make_comment(cls.post, status=CommentStatus.APPROVED)

    def setUp(self):
        self.client.force_login(self.moderator)

    def test_the_comment_form_is_in_plain_sections(self):
        response = self.client.get(f"/admin/comments/comment/{self.comment.pk}/change/")
        found = sections(response)
        self.assertEqual(
            [(name, collapsed) for name, _fields, collapsed, _described in found],
            [
                ("The comment", False),
                ("What the writer asked for", False),
                ("Your decision", False),
                ("History", True),
            ],
        )
        decision = {name: described for name, _f, _c, described in found}
        self.assertTrue(decision["Your decision"])
        self.assertFalse(TECHNICAL & set(field_names(response)))
        self.assertContains(response, "Is it safe to mix these?")
        self.assertNotContains(response, "reader@example.org")

    def test_the_admin_index_counts_what_waits_and_links_to_the_urgent_ones(self):
        response = self.client.get("/admin/")
        self.assertContains(response, "2 comments are waiting for moderation")
        self.assertContains(
            response,
            '<a href="/admin/comments/comment/?is_urgent__exact=1">1 urgent</a>',
            html=True,
        )
        urgent = self.client.get("/admin/comments/comment/?is_urgent__exact=1")
        self.assertEqual([c.pk for c in urgent.context["cl"].result_list], [self.comment.pk])

    def test_staff_who_cannot_see_comments_get_no_count(self):
        self.client.force_login(make_user("author", groups=["Authors"]))
        self.assertNotContains(self.client.get("/admin/"), "waiting for moderation")
