"""Ways on from a page: breadcrumbs, continue reading, older and newer posts, related posts,
and the footer's feeds, privacy and contact links."""

from datetime import timedelta

import html5lib
from django.db import IntegrityError
from django.test import TestCase
from django.utils import timezone

from comments.models import ModerationSettings
from posts.models import PageRole, Post, Status
from tests.factories import (
    make_byline,
    make_campaign,
    make_category,
    make_document,
    make_page,
    make_post,
)


def parse(response):
    return html5lib.parse(response.content, namespaceHTMLElements=False)


def text(element):
    return " ".join("".join(element.itertext()).split())


def breadcrumbs(response):
    """[(text, href, aria-current)] of the page's breadcrumb trail."""
    navs = [nav for nav in parse(response).iter("nav") if nav.get("class") == "breadcrumbs"]
    if not navs:
        return None
    (nav,) = navs
    assert nav.get("aria-label")
    (trail,) = nav.findall("ol")
    crumbs = []
    for item in trail.findall("li"):
        (inner,) = list(item)
        crumbs.append((text(inner), inner.get("href"), inner.get("aria-current")))
    return crumbs


def post_links(response, css_class):
    """Titles of the posts linked from the element with `css_class`, in page order."""
    found = [
        element
        for element in parse(response).iter()
        if css_class in (element.get("class") or "").split()
    ]
    return [text(link) for element in found for link in element.iter("a")]


class BreadcrumbTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.parent = make_category(name="News", slug="news")
        cls.child = make_category(name="Press releases", slug="press", parent=cls.parent)
        cls.byline = make_byline(name="River", slug="river")
        cls.post = make_post(
            title="Naloxone saves lives",
            tags=["naloxone"],
            categories=[cls.child],
            byline=cls.byline,
            published_at=timezone.now().replace(month=3, day=15) - timedelta(days=365),
        )
        make_document(title="Guide")

    def test_every_archive_has_a_trail_ending_on_the_current_page(self):
        year = self.post.published_at.year
        home = ("Home", "/", None)
        cases = {
            "/category/press/": [
                home, ("News", "/category/news/", None), ("Press releases", None, "page"),
            ],
            "/tag/naloxone/": [home, ("#naloxone", None, "page")],
            "/by/river/": [home, ("River", None, "page")],
            f"/archive/{year}/": [home, (str(year), None, "page")],
            f"/archive/{year}/3/": [
                home, (str(year), f"/archive/{year}/", None), (f"March {year}", None, "page"),
            ],
            "/search/?q=naloxone": [home, ("Search", None, "page")],
            "/documents/": [home, ("Documents", None, "page")],
        }  # fmt: skip
        for url, expected in cases.items():
            with self.subTest(url=url):
                self.assertEqual(breadcrumbs(self.client.get(url)), expected)

    def test_campaign_pages_have_a_trail(self):
        make_campaign(title="Support. Don't punish", slug="support", language="es")
        self.assertEqual(
            breadcrumbs(self.client.get("/campaigns/")),
            [("Home", "/", None), ("Campaigns", None, "page")],
        )
        response = self.client.get("/campaigns/support/")
        self.assertEqual(
            breadcrumbs(response),
            [
                ("Home", "/", None),
                ("Campaigns", "/campaigns/", None),
                ("Support. Don't punish", None, "page"),
            ],
        )
        self.assertContains(response, '<span aria-current="page" lang="es">', html=False)

    def test_the_trail_follows_the_interface_language(self):
        year = self.post.published_at.year
        self.assertEqual(
            breadcrumbs(self.client.get(f"/ru/archive/{year}/3/")),
            [
                ("Главная", "/ru/", None),
                (str(year), f"/ru/archive/{year}/", None),
                (f"Март {year} г.", None, "page"),
            ],
        )

    def test_the_home_page_has_no_trail(self):
        self.assertIsNone(breadcrumbs(self.client.get("/")))

    def test_a_page_shows_the_public_pages_it_sits_under(self):
        home = ("Home", "/", None)
        about = make_page(title="About us", slug="about")
        team = make_page(title="Our team", slug="team", parent=about)
        board = make_page(title="The board", slug="board", parent=team)
        self.assertEqual(
            breadcrumbs(self.client.get("/about/")), [home, ("About us", None, "page")]
        )
        with self.assertNumQueries(3):  # the page, its parents, the menu
            response = self.client.get("/board/")
        self.assertEqual(
            breadcrumbs(response),
            [home, ("About us", "/about/", None), ("Our team", "/team/", None),
             ("The board", None, "page")],
        )  # fmt: skip
        team.status = Status.DRAFT
        team.save()
        self.assertEqual(breadcrumbs(self.client.get(board.get_absolute_url())), [
            home, ("The board", None, "page"),
        ])  # fmt: skip
        self.assertNotContains(self.client.get("/board/"), "Our team")


class ContinueReadingTests(TestCase):
    def test_each_excerpt_links_on_with_the_post_title_for_screen_readers(self):
        make_post(title="First story")
        make_post(title="Second story", content_warning="overdose")
        links = [
            link
            for link in parse(self.client.get("/")).iter("a")
            if "Continue reading" in text(link)
        ]
        self.assertEqual(
            [text(link) for link in links],
            ["Continue reading: First story", "Continue reading: Second story"],
        )
        for link in links:
            (hidden,) = link.findall("span")
            self.assertEqual(hidden.get("class"), "visually-hidden")


class OlderAndNewerTests(TestCase):
    """Neighbours come from published() in the language the lists show, by publish date."""

    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        hours = lambda n: now - timedelta(hours=n)  # noqa: E731
        cls.oldest = make_post(title="Oldest", published_at=hours(50))
        cls.older = make_post(title="Older", published_at=hours(40))
        cls.russian = make_post(
            title="Старший", slug="starshii", language="ru", translation_of=cls.older,
            published_at=hours(35),
        )  # fmt: skip
        make_post(title="A draft", status=Status.DRAFT, published_at=hours(32))
        make_post(title="Pending", status=Status.PENDING, published_at=hours(31))
        cls.middle = make_post(title="Middle", published_at=hours(30))
        cls.newer = make_post(title="Newer", published_at=hours(20))
        make_post(title="Scheduled", published_at=now + timedelta(days=2))

    def neighbours(self, url):
        response = self.client.get(url)
        return (
            response.context["older_post"] and response.context["older_post"].title,
            response.context["newer_post"] and response.context["newer_post"].title,
            post_links(response, "post-nav"),
        )

    def test_the_posts_just_before_and_after(self):
        older, newer, links = self.neighbours(self.middle.get_absolute_url())
        self.assertEqual((older, newer), ("Older", "Newer"))
        self.assertEqual(links, ["Older post Older", "Newer post Newer"])

    def test_drafts_pending_and_scheduled_posts_are_never_neighbours(self):
        self.assertEqual(self.neighbours(self.newer.get_absolute_url())[:2], ("Middle", None))
        self.assertEqual(self.neighbours(self.oldest.get_absolute_url())[:2], (None, "Older"))
        html = self.client.get(self.middle.get_absolute_url()).text
        for title in ("A draft", "Pending", "Scheduled"):
            self.assertNotIn(title, html)

    def test_translations_in_another_language_are_not_neighbours(self):
        # In English the Russian translation is not listed, so it is not a neighbour either.
        self.assertEqual(self.neighbours(self.middle.get_absolute_url())[0], "Older")
        # In Russian the lists show it instead of its original.
        ru = self.neighbours(f"/ru{self.middle.get_absolute_url()}")
        self.assertEqual(ru[:2], ("Старший", "Newer"))

    def test_a_post_is_never_its_own_translation_s_neighbour(self):
        older, newer, _links = self.neighbours(f"/ru/posts/{self.russian.slug}/")
        self.assertEqual((older, newer), ("Oldest", "Middle"))

    def test_posts_published_at_the_same_moment_are_ordered_by_creation(self):
        moment = timezone.now() - timedelta(hours=10)
        first = make_post(title="Twin one", published_at=moment)
        second = make_post(title="Twin two", published_at=moment)
        self.assertEqual(self.neighbours(first.get_absolute_url())[:2], ("Newer", "Twin two"))
        self.assertEqual(self.neighbours(second.get_absolute_url())[:2], ("Twin one", None))

    def test_a_preview_of_an_undated_draft_has_no_neighbours(self):
        from tests.factories import make_user

        editor = make_user("editor", groups=["Editors"])
        draft = make_post(title="Undated", status=Status.DRAFT, published_at=None)
        self.client.force_login(editor)
        self.assertEqual(self.neighbours(draft.get_absolute_url()), (None, None, []))


class RelatedPostsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        now = timezone.now()
        hours = lambda n: now - timedelta(hours=n)  # noqa: E731
        cls.category = make_category(name="Research")
        make_post(title="Oldest related", tags=["hiv"], published_at=hours(90))
        make_post(title="By category", categories=[cls.category], published_at=hours(80))
        make_post(title="By tag", tags=["hiv"], published_at=hours(70))
        make_post(title="Unrelated", tags=["prison"], published_at=hours(65))
        make_post(title="Draft", tags=["hiv"], status=Status.DRAFT, published_at=hours(62))
        make_post(
            title="Both", tags=["hiv", "ost"], categories=[cls.category], published_at=hours(60)
        )
        make_post(title="Just before", published_at=hours(55))
        cls.post = make_post(
            title="The post",
            tags=["hiv", "ost"],
            categories=[cls.category],
            published_at=hours(50),
        )
        make_post(
            title="Перевод",
            slug="perevod",
            language="ru",
            translation_of=cls.post,
            published_at=hours(45),
        )
        make_post(title="Just after", published_at=hours(40))
        make_post(title="Scheduled", tags=["hiv"], published_at=now + timedelta(days=1))

    def test_up_to_three_sharing_a_tag_or_category_newest_first(self):
        response = self.client.get(self.post.get_absolute_url())
        self.assertEqual(
            [post.title for post in response.context["related_posts"]],
            ["Both", "By tag", "By category"],
        )
        self.assertEqual(post_links(response, "related-posts"), ["Both", "By tag", "By category"])
        self.assertContains(response, '<h2 id="related-heading">Related posts</h2>', html=True)

    def test_drafts_scheduled_translations_and_unrelated_posts_are_left_out(self):
        html = self.client.get(self.post.get_absolute_url()).text
        for title in ("Draft", "Scheduled", "Unrelated", "Oldest related"):
            self.assertNotIn(f">{title}<", html)

    def test_a_post_already_linked_as_older_or_newer_is_not_repeated(self):
        Post.objects.filter(title="Just before").delete()
        # Now "Both" is the post just before "The post", and it is related too.
        response = self.client.get(self.post.get_absolute_url())
        self.assertEqual(response.context["older_post"].title, "Both")
        self.assertEqual(
            post_links(response, "related-posts"), ["By tag", "By category", "Oldest related"]
        )

    def test_a_post_without_tags_or_categories_has_none(self):
        post = make_post(title="Alone")
        ModerationSettings.current()  # cached for the site's lifetime, as in the budget tests
        with self.assertNumQueries(8):  # one query fewer than a post with tags
            response = self.client.get(post.get_absolute_url())
        self.assertEqual(response.context["related_posts"], [])
        self.assertNotContains(response, "Related posts")


class FooterTests(TestCase):
    def footer(self, url="/"):
        return self.client.get(url).text.split('<footer class="site-footer">', 1)[1]

    def test_feeds_are_offered(self):
        footer = self.footer()
        for href in ("/feed/", "/feed/atom/", "/comments/feed/"):
            self.assertIn(f'href="{href}"', footer)

    def test_privacy_and_contact_pages_are_linked_even_outside_the_menu(self):
        make_page(title="Privacy", slug="privacy", role=PageRole.PRIVACY, show_in_menu=False)
        make_page(title="Write to us", slug="write", role=PageRole.CONTACT, show_in_menu=True)
        make_page(title="About", slug="about")
        footer = self.footer()
        self.assertEqual(footer.count('href="/privacy/"'), 1)
        self.assertEqual(footer.count('href="/write/"'), 1)
        self.assertIn('href="/about/"', footer)
        header = self.client.get("/").text.split("</header>", 1)[0]
        self.assertNotIn('href="/privacy/"', header)  # not in the menu: footer only

    def test_the_reader_s_language_comes_first_then_english(self):
        make_page(title="Privacy", slug="privacy", role=PageRole.PRIVACY, show_in_menu=False)
        make_page(
            title="Конфиденциальность", slug="privacy-ru", role=PageRole.PRIVACY,
            language="ru", show_in_menu=False,
        )  # fmt: skip
        self.assertIn('href="/ru/privacy-ru/"', self.footer("/ru/"))
        self.assertNotIn("privacy/", self.footer("/ru/").replace("privacy-ru/", ""))
        self.assertIn('href="/es/privacy/"', self.footer("/es/"))

    def test_an_unpublished_role_page_is_not_linked(self):
        make_page(
            title="Privacy", slug="privacy", role=PageRole.PRIVACY, status=Status.DRAFT,
            show_in_menu=False,
        )  # fmt: skip
        self.assertNotIn("/privacy/", self.footer())

    def test_one_page_per_role_and_language(self):
        make_page(slug="privacy", role=PageRole.PRIVACY)
        make_page(slug="privacy-ru", role=PageRole.PRIVACY, language="ru")
        with self.assertRaises(IntegrityError):
            make_page(slug="privacy-2", role=PageRole.PRIVACY)
