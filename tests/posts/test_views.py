from datetime import timedelta
from urllib.parse import urljoin

import html5lib
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from posts.models import Post, Status
from posts.navigation import Crumb
from tests.factories import (
    make_category,
    make_document,
    make_page,
    make_post,
    make_user,
)


class VisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.category = make_category(slug="news")
        cls.public = make_post(title="Public post", tags=["hiv"], categories=[cls.category])
        future = timezone.now() + timedelta(days=3)
        cls.hidden = [
            make_post(
                title="Draft post", status=Status.DRAFT, tags=["hiv"], categories=[cls.category]
            ),
            make_post(
                title="Pending post", status=Status.PENDING, tags=["hiv"], categories=[cls.category]
            ),
            make_post(
                title="Private post", status=Status.PRIVATE, tags=["hiv"], categories=[cls.category]
            ),
            make_post(
                title="Scheduled post", published_at=future, tags=["hiv"], categories=[cls.category]
            ),
        ]
        cls.editor = make_user(groups=["Editors"])

    def test_hidden_posts_appear_on_no_public_list(self):
        year = self.public.published_at.year
        month = self.public.published_at.month
        urls = [
            "/",
            "/category/news/",
            "/tag/hiv/",
            self.public.byline.get_absolute_url(),
            f"/archive/{year}/",
            f"/archive/{year}/{month}/",
            "/search/?q=post",
            "/feed/",
            "/feed/atom/",
            "/tag/hiv/feed/",
            "/category/news/feed/atom/",
            "/sitemap.xml",
            "/sitemap-posts.xml",
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                for post in self.hidden:
                    self.assertNotContains(response, post.title)
                    self.assertNotContains(response, post.slug + "/")

    def test_anonymous_gets_404_on_unpublished_posts(self):
        for post in self.hidden:
            with self.subTest(post=post.title):
                self.assertEqual(self.client.get(post.get_absolute_url()).status_code, 404)

    def test_staff_preview_is_never_cached(self):
        self.client.force_login(self.editor)
        for post in self.hidden:
            with self.subTest(post=post.title):
                response = self.client.get(post.get_absolute_url())
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "not public")
                self.assertIn("no-cache", response["Cache-Control"])
                self.assertIn('<meta name="robots" content="noindex">', response.text)

    def test_staff_without_permission_cannot_preview(self):
        moderator = make_user(groups=["Moderators"])
        self.client.force_login(moderator)
        self.assertEqual(self.client.get(self.hidden[0].get_absolute_url()).status_code, 404)

    def test_public_post_page(self):
        response = self.client.get(self.public.get_absolute_url())
        self.assertContains(response, "<h1>Public post</h1>", html=True)
        self.assertNotIn("no-cache", response.get("Cache-Control", ""))

    def test_unpublished_page_and_document_stay_hidden(self):
        draft_page = make_page(title="Secret plan", slug="secret-plan", status=Status.DRAFT)
        make_document(title="Unreleased report", status=Status.DRAFT)
        self.assertEqual(self.client.get(draft_page.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get("/documents/"), "Unreleased report")
        self.assertNotContains(self.client.get("/"), "Secret plan")


def link(response, rel):
    """The href of the page's <a rel=…>, as a reader's browser would follow it."""
    found = html5lib.parse(response.content, namespaceHTMLElements=False).find(
        f".//a[@rel='{rel}']"
    )
    if found is None:
        return None
    return urljoin(response.request["PATH_INFO"], found.get("href"))


class ReadingTests(TestCase):
    def test_sticky_posts_come_first(self):
        make_post(title="Newest")
        make_post(
            title="Old but sticky",
            is_sticky=True,
            published_at=timezone.now() - timedelta(days=300),
        )
        titles = [post.title for post in self.client.get("/").context["page_obj"]]
        self.assertEqual(titles[:2], ["Old but sticky", "Newest"])

    def test_home_is_paginated(self):
        for _ in range(12):
            make_post()
        first = self.client.get("/")
        self.assertEqual(len(first.context["page_obj"]), 10)
        older = link(first, "next")
        self.assertEqual(len(self.client.get(older).context["page_obj"]), 2)
        self.assertEqual(self.client.get("/?before=not-a-place").status_code, 404)

    def test_content_warning_hides_body_and_image_behind_details(self):
        post = make_post(content_warning="overdose", body="<p>The hard part.</p>")
        html = self.client.get(post.get_absolute_url()).text
        details = html[html.index('<details class="content-warning">') :]
        self.assertIn("The hard part.", details[: details.index("</details>")])
        summary = self.client.get("/").text
        self.assertIn("Content warning:", summary)
        self.assertNotIn("The hard part.", summary)

    def test_category_archive_includes_sub_categories(self):
        parent = make_category(name="News", slug="news")
        child = make_category(name="Press releases", slug="press", parent=parent)
        make_post(title="In the child", categories=[child])
        response = self.client.get("/category/news/")
        self.assertContains(response, "In the child")
        self.assertEqual(
            self.client.get("/category/press/").context["breadcrumbs"],
            [Crumb("News", "/category/news/"), Crumb("Press releases")],
        )

    def test_bad_archive_dates_are_404(self):
        for url in ("/archive/2026/13/", "/archive/1/", "/archive/2026/0/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_hreflang_links_between_translations(self):
        original = make_post(title="Original", language="en")
        russian = make_post(title="Перевод", slug="perevod", language="ru", translation_of=original)
        html = self.client.get(original.get_absolute_url()).text
        self.assertIn(f'hreflang="ru" href="{russian.get_absolute_url()}"', html)
        html = self.client.get(russian.get_absolute_url()).text
        self.assertIn(f'hreflang="en" href="{original.get_absolute_url()}"', html)
        self.assertIn('<article class="post" lang="ru">', html)

    def test_unpublished_translation_is_not_linked(self):
        original = make_post(title="Original")
        make_post(title="Draft translation", translation_of=original, status=Status.DRAFT)
        self.assertNotContains(self.client.get(original.get_absolute_url()), "Draft translation")

    def test_page_and_documents(self):
        make_page(title="About us", slug="about")
        document = make_document(title="Naloxone guide")
        response = self.client.get("/about/")
        self.assertContains(response, "About us")
        response = self.client.get("/documents/")
        self.assertContains(response, "Naloxone guide")
        self.assertContains(response, document.file.url)
        self.assertContains(response, "PDF")

    def test_interface_language_follows_the_url(self):
        response = self.client.get("/ru/")
        self.assertContains(response, '<html lang="ru"')
        response = self.client.get("/es/")
        self.assertContains(response, '<html lang="es"')

    def test_404_page_is_friendly(self):
        response = self.client.get("/no-such-thing/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Page not found", status_code=404)

    def test_robots_txt_points_at_the_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("Sitemap: http://testserver/sitemap.xml", response.text)


class PreviewPermissionTests(TestCase):
    def test_preview_needs_change_permission(self):
        user = make_user(is_staff=True)
        draft = make_post(status=Status.DRAFT)
        self.client.force_login(user)
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 404)
        user.user_permissions.add(Permission.objects.get(codename="change_post"))
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 200)


class LanguageListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = make_post(title="Naloxone works", language="en")
        cls.russian = make_post(
            title="Налоксон работает", language="ru", translation_of=cls.original
        )
        cls.spanish_only = make_post(title="Solo en español", language="es")

    def titles(self, url):
        return [post.title for post in self.client.get(url).context["page_obj"]]

    def test_each_translation_group_appears_once_in_the_reader_language(self):
        self.assertEqual(sorted(self.titles("/")), sorted(["Naloxone works", "Solo en español"]))
        self.assertEqual(
            sorted(self.titles("/ru/")), sorted(["Налоксон работает", "Solo en español"])
        )
        self.assertEqual(sorted(self.titles("/fr/")), sorted(["Naloxone works", "Solo en español"]))

    def test_unpublished_translation_does_not_hide_the_original(self):
        Post.objects.filter(pk=self.russian.pk).update(status=Status.DRAFT)
        self.assertIn("Naloxone works", self.titles("/ru/"))

    def language_links(self, url):
        tree = html5lib.parse(self.client.get(url).content, namespaceHTMLElements=False)
        return {
            a.get("hreflang"): a.get("href") for a in tree.iterfind(".//nav[@class='languages']//a")
        }

    def test_the_language_links_lead_to_the_same_page_in_each_language(self):
        path = self.original.get_absolute_url()
        self.assertEqual(
            self.language_links(f"/ru{path}?comments=2"),
            {"en": f"{path}?comments=2", "ru": f"/ru{path}?comments=2",
             "es": f"/es{path}?comments=2", "fr": f"/fr{path}?comments=2"},
        )  # fmt: skip
        self.assertEqual(
            self.language_links("/es/search/?q=naloxona")["fr"], "/fr/search/?q=naloxona"
        )
        # A page that does not exist keeps its address in every language.
        self.assertEqual(set(self.language_links("/no/such/page/").values()), {"/no/such/page/"})

    def test_translations_must_point_at_an_original_in_another_language(self):
        same_language = Post(
            title="x",
            slug="x",
            byline=self.original.byline,
            language="en",
            translation_of=self.original,
        )
        with self.assertRaises(ValidationError):
            same_language.full_clean()
        chained = Post(
            title="y",
            slug="y",
            byline=self.original.byline,
            language="es",
            translation_of=self.russian,
        )
        with self.assertRaises(ValidationError):
            chained.full_clean()
