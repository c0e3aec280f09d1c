"""Threat 40: sessions rotate at sign-in, end after 30 idle minutes or 12 hours, and their
cookie is Secure, HttpOnly and SameSite=Lax under production settings."""

import json
import time
from unittest import mock

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import TestCase, override_settings

from tests.factories import make_user
from tests.test_settings import GOOD_KEY, run_manage
from tests.two_factor import authenticator, current_code

PASSWORD = "a-long-test-password"


def at(moment):
    return mock.patch("time.time", return_value=moment)


class SignInRotationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])

    def test_the_session_key_changes_at_each_sign_in_step(self):
        # A session planted before sign-in (fixation) must not survive it.
        planted = self.client.session
        planted["planted"] = True
        planted.save()
        device = authenticator(self.editor)
        response = self.client.post(
            "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/"}
        )
        self.assertEqual(response.status_code, 302)
        after_password = self.client.session.session_key
        self.assertNotEqual(after_password, planted.session_key)
        self.assertFalse(Session.objects.filter(session_key=planted.session_key).exists())

        self.client.post("/admin/two-factor/", {"code": current_code(device)})
        self.assertNotEqual(self.client.session.session_key, after_password)
        self.assertFalse(Session.objects.filter(session_key=after_password).exists())
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_after_sign_out_the_old_cookie_lands_on_the_login_page(self):
        self.client.force_login(self.editor)
        old_key = self.client.session.session_key
        self.client.post("/admin/logout/")
        self.assertFalse(Session.objects.filter(session_key=old_key).exists())
        self.client.cookies[settings.SESSION_COOKIE_NAME] = old_key
        self.assertRedirects(
            self.client.get("/admin/"), "/admin/login/?next=/admin/", fetch_redirect_response=False
        )


class TimeLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])

    def setUp(self):
        self.start = time.time()
        with at(self.start):
            self.client.force_login(self.editor)

    def assertSignedOut(self, response):
        self.assertRedirects(response, "/admin/login/?next=/admin/", fetch_redirect_response=False)
        self.assertNotIn(SESSION_KEY, self.client.session)

    def test_activity_keeps_the_session_and_31_idle_minutes_end_it(self):
        with at(self.start + 29 * 60):
            self.assertEqual(self.client.get("/admin/").status_code, 200)
        with at(self.start + 58 * 60):
            self.assertEqual(self.client.get("/admin/").status_code, 200)
        with at(self.start + (58 + 31) * 60):
            response = self.client.get("/admin/")
        self.assertSignedOut(response)
        login = self.client.get(response["Location"])
        self.assertContains(login, "You were signed out after 30 minutes without activity.")

    def test_twelve_hours_end_even_an_active_session(self):
        moment = self.start
        while moment < self.start + 12 * 60 * 60 - 20 * 60:
            moment += 20 * 60
            with at(moment):
                self.assertEqual(self.client.get("/admin/two-factor/").status_code, 302)
        with at(self.start + 12 * 60 * 60 + 60):
            response = self.client.get("/admin/")
        self.assertSignedOut(response)

    def test_signing_in_again_asks_for_both_factors(self):
        with at(self.start + 31 * 60):
            self.client.get("/admin/")
            response = self.client.post(
                "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "/admin/"}
            )
            self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
            self.assertRedirects(
                self.client.get("/admin/"),
                "/admin/two-factor/?next=%2Fadmin%2F",
                fetch_redirect_response=False,
            )


class CookieTests(TestCase):
    def test_readers_get_no_session_cookie(self):
        for url in ("/", "/admin/login/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)

    def test_production_cookie_flags(self):
        script = (
            "import json; from django.conf import settings as s; print(json.dumps({name: "
            "getattr(s, name) for name in ('SESSION_COOKIE_NAME', 'SESSION_COOKIE_SECURE', "
            "'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'SESSION_COOKIE_AGE', "
            "'SESSION_IDLE_TIMEOUT', 'CSRF_COOKIE_NAME', 'CSRF_COOKIE_SECURE', "
            "'CSRF_COOKIE_HTTPONLY', 'CSRF_COOKIE_SAMESITE')}))"
        )
        result = run_manage(
            "shell",
            "-v",
            "0",
            "-c",
            script,
            DJANGO_SECRET_KEY=GOOD_KEY,
            DJANGO_ALLOWED_HOSTS="testserver",
        )
        production = json.loads(result.stdout)
        self.assertEqual(production["SESSION_COOKIE_NAME"], "__Host-sessionid")
        self.assertEqual(production["CSRF_COOKIE_NAME"], "__Host-csrftoken")
        self.assertEqual(production["SESSION_COOKIE_AGE"], 12 * 60 * 60)
        self.assertEqual(production["SESSION_IDLE_TIMEOUT"], 30 * 60)

        editor = make_user("editor", groups=["Editors"])
        with override_settings(**production):
            response = self.client.post(
                "/admin/login/",
                {"username": "editor", "password": PASSWORD, "next": "/admin/"},
                secure=True,
            )
            self.assertEqual(response.status_code, 302)
            session = response.cookies["__Host-sessionid"]
            csrf = response.cookies["__Host-csrftoken"]
        for cookie in (session, csrf):
            with self.subTest(cookie=cookie.key):
                self.assertTrue(cookie["secure"])
                self.assertTrue(cookie["httponly"])
                self.assertEqual(cookie["samesite"], "Lax")
                self.assertEqual(cookie["path"], "/")
                self.assertEqual(cookie["domain"], "")
        self.assertEqual(session["max-age"], 12 * 60 * 60)
        self.assertEqual(editor.pk, int(Session.objects.get().get_decoded()[SESSION_KEY]))
