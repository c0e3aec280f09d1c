"""
Issue 6, figure 4 (second half): every redirect that takes a `next`-style parameter stays
on this site, for every open-redirect payload (tests/security/payloads.py).

The views that take one: the admin's login and logout (`next`), the two-factor pages
(`inpud_site/accounts/views.py`: verify, setup and the recovery codes page, which also
link to `next`), and `set_language` if it is ever switched on. Everything else redirects
to addresses the server builds itself; the comment and pledge forms are checked to ignore
a `next` sent to them, and the path-based redirects (the trailing slash, the language
prefix) are checked with the same payloads.
"""

from urllib.parse import urlencode

from django.test import TestCase
from django.views.i18n import set_language

from tests.comments.helpers import comment_data
from tests.factories import make_action, make_campaign, make_post, make_user
from tests.security.dom import parse, shape_of_tree
from tests.security.helpers import (
    fresh_send,
    is_same_origin,
    quiet_request_log,
    walk_urlconf,
)
from tests.security.payloads import REDIRECT_PAYLOADS
from tests.two_factor import authenticator, current_code


class SameOriginTests(TestCase):
    """The check itself: what a browser would follow off-site is caught."""

    def test_payloads_are_off_site_and_paths_are_not(self):
        self.assertGreaterEqual(len(set(REDIRECT_PAYLOADS)), 25)
        on_site = [p for p in REDIRECT_PAYLOADS if is_same_origin(p)]
        # The ones that a browser reads as a path on this site are harmless as such.
        self.assertEqual(
            sorted(on_site),
            sorted(
                [
                    "/%2F%2Fevil.example",
                    "%2F%2Fevil.example",
                    "/%5Cevil.example",
                    "http:evil.example",
                ]
            ),
        )
        for location in ("/admin/", "/posts/x/#comment-1", "?next=/", "http://testserver/admin/"):
            self.assertTrue(is_same_origin(location), location)


class NextParameterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])
        cls.device = authenticator(cls.editor)
        cls.post = make_post()
        cls.campaign = make_campaign()
        make_action(cls.campaign)

    def assertStaysOnSite(self, response, label):
        if response.status_code in (301, 302, 303, 307, 308):
            location = response["Location"]
            self.assertTrue(is_same_origin(location), f"{label}: Location {location!r}")

    def assertLinksStayOnSite(self, response, label):
        """`next` is also written into the page: a hidden field and, on the two-factor pages,
        a link. Every link must stay on-site, and nothing may be an active attribute."""
        tree = parse(response.content)
        self.assertEqual(shape_of_tree(tree).problems, [], label)
        for link in tree.iter("a"):
            href = link.get("href", "")
            self.assertTrue(is_same_origin(href), f"{label}: {href!r}")

    def sign_in_with_password(self, next_url, address):
        return self.client.post(
            f"/admin/login/?{urlencode({'next': next_url})}",
            {"username": "editor", "password": "a-long-test-password", "next": next_url},
            REMOTE_ADDR=address,
        )

    def test_admin_login(self):
        for number, payload in enumerate(REDIRECT_PAYLOADS):
            with self.subTest(payload=payload):
                self.client.logout()
                page = self.client.get("/admin/login/", {"next": payload})
                self.assertEqual(page.status_code, 200)
                self.assertLinksStayOnSite(page, "login page")
                response = self.sign_in_with_password(payload, f"10.0.{number}.1")
                self.assertEqual(response.status_code, 302)
                self.assertStaysOnSite(response, "login")

    def test_a_safe_next_is_followed(self):
        """The views do honour `next`, so the payload tests above are not vacuous."""
        response = self.sign_in_with_password("/admin/posts/", "10.1.0.1")
        self.assertEqual(response["Location"], "/admin/posts/")
        self.client.force_login(self.editor)
        response = self.client.get("/admin/two-factor/", {"next": "/admin/posts/"})
        self.assertEqual(response["Location"], "/admin/posts/")
        response = self.client.post("/admin/logout/?next=/posts/")
        self.assertEqual(response["Location"], "/posts/")

    def test_admin_logout(self):
        for payload in REDIRECT_PAYLOADS:
            with self.subTest(payload=payload):
                self.client.force_login(self.editor)
                response = self.client.post(f"/admin/logout/?{urlencode({'next': payload})}")
                self.assertIn(response.status_code, (200, 302))
                self.assertStaysOnSite(response, "logout")

    def test_two_factor_verify(self):
        for payload in REDIRECT_PAYLOADS:
            with self.subTest(payload=payload):
                # Signed in and verified: straight on to `next`.
                self.client.force_login(self.editor)
                response = self.client.get("/admin/two-factor/", {"next": payload})
                self.assertStaysOnSite(response, "verify, already verified")
                # Password only: the code form, then on to `next`.
                self.client.logout()
                self.client.force_login(self.editor, second_factor=False)
                page = self.client.get("/admin/two-factor/", {"next": payload})
                self.assertEqual(page.status_code, 200)
                self.assertLinksStayOnSite(page, "verify page")
                type(self.device).objects.filter(pk=self.device.pk).update(last_t=-1)
                self.device.refresh_from_db()
                response = self.client.post(
                    "/admin/two-factor/", {"code": current_code(self.device), "next": payload}
                )
                self.assertEqual(response.status_code, 302)
                self.assertStaysOnSite(response, "verify, code accepted")

    def test_two_factor_setup_and_recovery_codes(self):
        newcomer = make_user("newcomer", groups=["Editors"])
        for payload in REDIRECT_PAYLOADS:
            with self.subTest(payload=payload):
                # Verified staff may replace their authenticator: the page links to `next`.
                self.client.force_login(self.editor)
                page = self.client.get("/admin/two-factor/setup/", {"next": payload})
                self.assertEqual(page.status_code, 200)
                self.assertLinksStayOnSite(page, "setup page")
                # A first authenticator: confirmed, then the recovery codes link to `next`.
                newcomer.totpdevice_set.all().delete()
                self.client.logout()
                self.client.force_login(newcomer, second_factor=False)
                response = self.client.get("/admin/two-factor/", {"next": payload})
                self.assertStaysOnSite(response, "verify without a device")
                self.client.get("/admin/two-factor/setup/", {"next": payload})
                device = newcomer.totpdevice_set.get()
                codes = self.client.post(
                    "/admin/two-factor/setup/", {"code": current_code(device), "next": payload}
                )
                self.assertContains(codes, "recovery")
                self.assertLinksStayOnSite(codes, "recovery codes page")

    def test_language_switch_if_enabled(self):
        views = [callback for _route, _name, callback, _args in walk_urlconf()]
        if set_language not in views:
            return  # not switched on: no `next` to abuse
        url = next(
            route for route, _name, callback, _a in walk_urlconf() if callback is set_language
        )
        for payload in REDIRECT_PAYLOADS:
            response = self.client.post(f"/{url}", {"language": "ru", "next": payload})
            self.assertStaysOnSite(response, "set_language")

    def test_public_forms_ignore_a_next_parameter(self):
        with quiet_request_log():
            for number, payload in enumerate(REDIRECT_PAYLOADS):
                with self.subTest(payload=payload):
                    query = urlencode({"next": payload, "return": payload})
                    response = fresh_send(
                        self.client, "post", f"{self.post.get_absolute_url()}?{query}",
                        comment_data(text=f"Comment {number}", next=payload),
                    )  # fmt: skip
                    self.assertEqual(response.status_code, 302)
                    self.assertStaysOnSite(response, "comment")
                    response = fresh_send(
                        self.client, "post", f"{self.campaign.get_absolute_url()}pledge/?{query}",
                        {"name": "Sasha", "consent": "on", "next": payload,
                         "started": comment_data()["started"], "homepage_url": ""},
                    )  # fmt: skip
                    self.assertEqual(response.status_code, 302)
                    self.assertStaysOnSite(response, "pledge")

    def test_path_redirects(self):
        """The trailing-slash and language redirects build their Location from the path."""
        for payload in REDIRECT_PAYLOADS:
            for path in (payload, f"/{payload}", f"{payload}/campaigns", f"/ru/{payload}"):
                if not path.startswith("/"):
                    path = f"/{path}"
                with self.subTest(path=path):
                    response = self.client.get(path, HTTP_ACCEPT_LANGUAGE="ru")
                    self.assertStaysOnSite(response, "path")
