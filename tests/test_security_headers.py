"""Security headers on every response: every URL pattern, the admin, error pages, files.

The URL patterns are read from the URLconf, so a route added later is checked without
anyone remembering to list it; path parameters are filled from real objects. Requests are
made over HTTPS with the production HSTS switches on (the test settings run in debug mode).
"""

import re
from unittest import mock

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from taggit.models import Tag

from comments import tokens
from posts.models import Document, Post, Status
from posts.storage import FOLDER
from tests.comments.factories import make_comment
from tests.factories import (
    make_action,
    make_byline,
    make_campaign,
    make_category,
    make_document,
    make_image,
    make_page,
    make_post,
    make_user,
)
from tests.two_factor import authenticator

PRODUCTION_HTTPS = override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31_536_000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
)
ONE_YEAR = 365 * 24 * 60 * 60
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:", "https:"}


def parse_policy(header):
    """{"directive": ["value", ...]} from a Content-Security-Policy header."""
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def leaf_routes(patterns, prefix="", namespace=""):
    """(route, URL name) of every endpoint; regex parts are kept as regexes."""
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            part = ""  # the default language has no prefix
        elif isinstance(pattern.pattern, RegexPattern):
            part = pattern.pattern.regex.pattern.removeprefix("^").removesuffix("$")
        else:
            part = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from leaf_routes(pattern.url_patterns, prefix + part, inner)
        else:
            assert isinstance(pattern, URLPattern)
            assert isinstance(pattern.pattern, RoutePattern | RegexPattern)
            yield prefix + part, f"{namespace}{pattern.name}"


class SecurityHeadersTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.byline = make_byline()
        cls.category = make_category()
        cls.post = make_post(byline=cls.byline, tags=["harm-reduction"], categories=[cls.category])
        cls.tag = Tag.objects.get(name="harm-reduction")
        cls.page = make_page(allow_comments=True)
        cls.campaign = make_campaign()
        cls.action = make_action(cls.campaign)
        cls.document = make_document()
        cls.draft_document = make_document(status=Status.DRAFT)
        cls.post.documents.add(cls.document)
        cls.image = make_image()
        cls.comment = make_comment(cls.post)
        cls.staff = make_user(is_staff=True, is_superuser=True)
        cls.device = authenticator(cls.staff)

    def setUp(self):
        self.enterContext(PRODUCTION_HTTPS)

    # What every response must carry ----------------------------------------------------

    def assert_headers(self, response, where):
        with self.subTest(where):
            policy = parse_policy(response["Content-Security-Policy"])
            if "sandbox" in policy:  # a document download: stricter still
                self.assertEqual(policy["default-src"], ["'none'"])
                self.assertIn("sandbox", policy)
            else:
                self.assertEqual(policy["default-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(policy["form-action"], ["'self'"])
                for directive in ("script-src", "style-src", "img-src"):
                    self.assertFalse(UNSAFE & set(policy[directive]), (directive, policy))
            self.assertEqual(policy["base-uri"], ["'none'"])
            self.assertEqual(policy["frame-ancestors"], ["'none'"])
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")
            self.assertEqual(response["X-Frame-Options"], "DENY")
            self.assertIn(response["Referrer-Policy"], {"same-origin", "no-referrer"})
            self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
            features = set(response["Permissions-Policy"].split(", "))
            self.assertLessEqual({"camera=()", "microphone=()", "geolocation=()"}, features)
            hsts = dict(
                part.strip().partition("=")[::2]
                for part in response["Strict-Transport-Security"].split(";")
            )
            self.assertGreaterEqual(int(hsts["max-age"]), ONE_YEAR)
            self.assertIn("includeSubDomains", hsts)

    def get(self, client, url, **extra):
        return client.get(url, secure=True, **extra)

    # Every URL pattern ------------------------------------------------------------------

    def object_for(self, route):
        """The object a route's slug names, from the route's first segment."""
        first = route.split("/", 1)[0]
        return {
            "posts": self.post,
            "category": self.category,
            "tag": self.tag,
            "by": self.byline,
            "campaigns": self.campaign,
        }.get(first, self.page)

    def admin_object_id(self, route):
        app_label, model_name = route.split("/")[1:3]
        model = apps.get_model(app_label, model_name)
        obj = model._default_manager.order_by("pk").first()
        return str(obj.pk) if obj else "0"  # a missing object: the admin redirects

    def value(self, route, name):
        if name == "slug":
            return self.object_for(route).slug
        if name == "pk":
            return str(self.device.pk if "totpdevice" in route else self.action.pk)
        if name == "year":
            return str(self.post.published_at.year)
        if name == "month":
            return str(self.post.published_at.month)
        if name == "token":
            if "unsubscribe" in route:
                return tokens.unsubscribe_token(self.comment)
            return tokens.delete_token(self.comment)
        if name == "name":  # a document's file
            return self.document.file.name.removeprefix(FOLDER)
        if name == "content_type_id":
            return str(ContentType.objects.get_for_model(Post).pk)
        if name in ("object_id", "id"):
            if route.startswith("admin/r/"):
                return str(self.post.pk)
            return self.admin_object_id(route)
        if name == "app_label":
            return "posts"
        if name == "url":  # the admin's catch-all
            return "no-such-page/"
        if name == "section":  # a section of the sitemap
            return "posts"
        if name == "path":  # media files, served by Django in debug mode only
            return self.image.file.name
        raise AssertionError(f"add a value for <{name}> in {route!r}")

    def url_for(self, route):
        if "(?P<" in route:
            # The admin's app list: a choice of app labels, then any other named group.
            route = re.sub(r"\(\?P<app_label>[^)]*\)", "posts", route)
            route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: self.value(route, m[1]), route)
        return "/" + PARAMETER.sub(lambda m: self.value(route, m["name"]), route)

    def test_every_url_pattern_as_a_reader_and_as_staff(self):
        routes = list(leaf_routes(get_resolver().url_patterns))
        self.assertGreater(len(routes), 100)
        staff = Client()
        staff.force_login(self.staff)
        checked = 0
        for route, name in routes:
            url = self.url_for(route)
            for who, client in (("reader", self.client), ("staff", staff)):
                response = self.get(client, url)
                self.assertLess(response.status_code, 500, f"{who} {url}")
                self.assert_headers(response, f"{who} {name} {url}")
                checked += 1
        self.assertEqual(checked, 2 * len(routes))

    def test_admin_pages_as_staff_who_passed_the_second_factor(self):
        self.client.force_login(self.staff)
        for url in (
            "/admin/",
            "/admin/posts/post/",
            "/admin/posts/post/add/",
            f"/admin/posts/post/{self.post.pk}/change/",
            "/admin/comments/comment/",
            "/admin/campaigns/campaign/add/",
        ):
            response = self.get(self.client, url)
            self.assertEqual(response.status_code, 200, url)
            self.assert_headers(response, url)
            # The admin's own inline blocks run on the request's nonce, and only on it.
            nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
            self.assertIn(f'nonce="{nonce}"', response.text)

    def test_the_post_editor_runs_on_the_nonce(self):
        """The editor's import map and Tiptap's style element carry the request's nonce."""
        self.client.force_login(self.staff)
        html = self.get(self.client, "/admin/posts/post/add/").text
        self.assertRegex(html, r'<script type="importmap" nonce="[^"]+">')
        self.assertRegex(html, r'<style data-tiptap-style="" nonce="[^"]+"></style>')
        self.assertIn("/static/css/editor-core.css", html)

    def test_nonce_differs_between_requests(self):
        self.client.force_login(self.staff)
        nonces = [
            re.search(
                r"'nonce-([^']+)'", self.get(self.client, "/admin/")["Content-Security-Policy"]
            )[1]
            for _ in range(2)
        ]
        self.assertNotEqual(nonces[0], nonces[1])
        self.assertGreaterEqual(len(nonces[0]), 16)

    def test_public_pages_need_no_nonce_so_they_can_be_cached(self):
        for url in ("/", self.post.get_absolute_url(), self.campaign.get_absolute_url()):
            response = self.get(self.client, url)
            self.assertNotIn("nonce-", response["Content-Security-Policy"], url)
            self.assertNotIn("nonce=", response.text, url)

    @override_settings(PAGE_CACHE_ENABLED=True)
    def test_a_page_from_the_cache_carries_the_headers(self):
        first, second = (self.get(self.client, "/") for _ in range(2))
        self.assertEqual(second.get("X-Page-Cache"), "hit")
        for response in (first, second):
            self.assert_headers(response, response.get("X-Page-Cache"))

    # Error pages and files --------------------------------------------------------------

    def test_error_pages(self):
        bad_host = self.get(self.client, "/", HTTP_HOST="evil.example")
        self.assertEqual(bad_host.status_code, 400)
        self.assert_headers(bad_host, "400")

        no_token = Client(enforce_csrf_checks=True).post(
            self.post.get_absolute_url() + "comment/", {"text": "hi"}, secure=True
        )
        self.assertEqual(no_token.status_code, 403)
        self.assert_headers(no_token, "403")

        missing = self.get(self.client, "/no/such/page/")
        self.assertEqual(missing.status_code, 404)
        self.assert_headers(missing, "404")

        self.client.raise_request_exception = False
        with mock.patch("inpud_site.views.render", side_effect=RuntimeError("boom")):
            broken = self.get(self.client, "/robots.txt")
        self.assertEqual(broken.status_code, 500)
        self.assert_headers(broken, "500")

    @override_settings(WHITENOISE_USE_FINDERS=True)
    def test_static_file(self):
        client = Client()  # a new handler, so WhiteNoise reads the setting above
        response = self.get(client, "/static/css/site.css")
        self.assertEqual(response.status_code, 200)
        self.assert_headers(response, "static file")

    def test_feed_sitemap_calendar_and_document(self):
        for url in (
            "/feed/",
            "/feed/atom/",
            "/sitemap.xml",
            f"/campaigns/{self.campaign.slug}/calendar.ics",
            f"/campaigns/{self.campaign.slug}/actions/{self.action.pk}/calendar.ics",
            self.document.file.url,
        ):
            response = self.get(self.client, url)
            self.assertEqual(response.status_code, 200, url)
            self.assert_headers(response, url)

    def test_document_download_is_an_inert_attachment(self):
        response = self.get(self.client, self.document.file.url)
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="guide.pdf"')
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(
            response["Content-Security-Policy"],
            "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox",
        )
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_a_drafts_file_is_not_served(self):
        response = self.get(self.client, self.draft_document.file.url)
        self.assertEqual(response.status_code, 404)
        self.assert_headers(response, "draft document")
        self.assertEqual(Document.objects.published().count(), 1)

    def test_why_the_referrer_policy_is_same_origin(self):
        """With `no-referrer` a browser sends `Origin: null` on a form post (measured in
        Chromium) and Django's CSRF check refuses it; `same-origin` sends the real origin."""
        client = Client(enforce_csrf_checks=True)
        self.get(client, "/admin/login/")
        token = client.cookies[settings.CSRF_COOKIE_NAME].value
        form = {"csrfmiddlewaretoken": token, "username": "x", "password": "y"}
        for origin, refused in (("null", True), ("https://testserver", False)):
            response = client.post("/admin/login/", form, secure=True, HTTP_ORIGIN=origin)
            self.assertEqual(response.status_code == 403, refused, origin)

    def test_hsts_is_a_year_in_production(self):
        """The production settings themselves (not the override above) ask for a year."""
        from tests.test_settings import GOOD_KEY, run_manage

        script = (
            "from django.conf import settings;"
            "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
            " settings.SECURE_REFERRER_POLICY, settings.X_FRAME_OPTIONS)"
        )
        result = run_manage(
            "shell", "-v", "0", "-c", script,
            DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org",
        )  # fmt: skip
        self.assertEqual(
            result.stdout.split(), [str(ONE_YEAR), "True", "same-origin", "DENY"], result.stderr
        )
        self.assertEqual(settings.SECURE_CSP["default-src"], ["'self'"])
