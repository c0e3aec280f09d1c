"""
Issue 6, figure 4 (first half): every POST route refuses a request without a CSRF token,
and nothing in the project turns the check off.

The routes are found by walking the URLconf (the admin and its two-factor pages
included), so a route added later is covered without touching this test.
"""

import re
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, TestCase

from comments.models import Comment
from tests.comments.helpers import comment_data
from tests.security.helpers import SUPERUSER_PASSWORD, quiet_request_log
from tests.security.site import every_url, populate

EXEMPT = "csrf" + "_exempt"  # spelled apart, so that this file does not find itself


class Rollback(Exception):
    pass


def database_snapshot():
    """Every row of every table, in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


class CsrfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = populate()

    def setUp(self):
        self.urls = every_url(self.site)

    def post_data(self):
        """A body that would change something on any route, were the token not checked."""
        site = self.site
        return comment_data(name="Forged", text="Forged comment", email="f@example.org") | {
            "username": site.root.username,
            "password": SUPERUSER_PASSWORD,
            "code": "123456",
            "post": "yes",  # delete confirmations
            "action": "delete_selected",
            "_selected_action": [site.comment.pk, site.post.pk, site.pledge.pk],
            "select_across": "1",
            "consent": "on",
            "city": "Vilnius",
            "title": "Forged",
            "slug": "forged",
            "status": "published",
            "new_password1": "a forged password 123",
            "new_password2": "a forged password 123",
            "old_password": SUPERUSER_PASSWORD,
        }

    def signed_in(self, **options):
        client = Client(**options)
        client.force_login(self.site.root)
        return client

    def test_walk_finds_the_admin_two_factor_and_public_forms(self):
        names = {name for name, *_rest in self.urls}
        for expected in (
            "admin:login", "admin:logout", "admin:two_factor", "admin:two_factor_setup",
            "admin:two_factor_sign_out", "admin:comments_comment_change", "posts:detail",
            "posts:page", "campaigns:detail", "campaigns:pledge", "comments:delete",
            "comments:unsubscribe",
        ):  # fmt: skip
            self.assertIn(expected, names)

    def test_every_post_route_refuses_a_missing_token(self):
        # Which routes take a POST at all: the same POST with the check off, undone after.
        post_routes = []
        with quiet_request_log():
            for name, route, url, _view in self.urls:
                client = self.signed_in(raise_request_exception=False)
                # Without "action": the admin's autocomplete widgets answer 500 to a form
                # re-shown with a non-numeric id in a field of that name (Django's own
                # AutocompleteSelect; staff only, and reported).
                data = self.post_data()
                data.pop("action")
                try:
                    with transaction.atomic():
                        response = client.post(url, data)
                        raise Rollback
                except Rollback:
                    pass
                with self.subTest(url=url):
                    self.assertNotEqual(response.status_code, 500, f"{name}: {route}")
                if response.status_code != 405:
                    post_routes.append((name, route, url))
        self.assertGreaterEqual(len(post_routes), 100)

        clients = {
            "anonymous": Client(enforce_csrf_checks=True),
            "superuser": self.signed_in(enforce_csrf_checks=True),
        }
        before = database_snapshot()
        comments = Comment.objects.count()
        refused = 0
        for name, route, url in post_routes:
            for who, client in clients.items():
                with self.subTest(url=url, who=who):
                    response = client.post(url, self.post_data())
                    self.assertEqual(response.status_code, 403, f"{name}: {route}")
                    refused += response.status_code == 403
        self.assertEqual(refused, 2 * len(post_routes))
        self.assertEqual(Comment.objects.count(), comments)
        self.assertEqual(before, database_snapshot())

    def test_no_view_is_exempt(self):
        exempt = [
            name or route for name, route, _url, view in self.urls if getattr(view, EXEMPT, False)
        ]
        self.assertEqual(exempt, [])
        self.assertIn("django.middleware.csrf.CsrfViewMiddleware", settings.MIDDLEWARE)

    def test_no_exemption_in_the_source(self):
        root = Path(settings.BASE_DIR)
        found = []
        for path in root.rglob("*"):
            parts = path.relative_to(root).parts
            if parts[0] in {".venv", "node_modules", ".git", "staticfiles", "media"}:
                continue
            if path.suffix in {".py", ".html", ".txt", ".cfg", ".toml"} and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                found += [f"{path}:{match.start()}" for match in re.finditer(EXEMPT, text)]
        self.assertEqual(found, [])
