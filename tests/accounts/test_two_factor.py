"""Threat 19: every staff account needs a second factor (TOTP) before the admin opens."""

import io
import time
from unittest import mock

from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from posts.models import Status
from tests.factories import make_post, make_user
from tests.two_factor import authenticator, current_code

VERIFY = "/admin/two-factor/"
SETUP = "/admin/two-factor/setup/"
ADMIN_PAGES = ("/admin/", "/admin/posts/post/", "/admin/posts/post/add/", "/admin/auth/user/")


def with_next(url, next_url="/admin/"):
    return f"{url}?next={next_url.replace('/', '%2F')}"


def enrol(client, user):
    """Go through the setup page as a person would; return the recovery codes shown."""
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"code": current_code(device), "next": "/admin/"})
    return response.context["codes"]


class GateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])

    def test_staff_without_a_device_are_taken_to_enrolment_from_every_admin_page(self):
        self.client.force_login(self.editor, second_factor=False)
        for url in ADMIN_PAGES:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(response, with_next(VERIFY, url), target_status_code=302)
        response = self.client.get(VERIFY + "?next=/admin/", follow=True)
        self.assertEqual(response.redirect_chain[-1][0], with_next(SETUP))
        self.assertContains(response, "<svg")
        self.assertContains(response, response.context["secret"])

    def test_staff_with_a_verified_device_open_the_admin(self):
        self.client.force_login(self.editor)
        for url in ADMIN_PAGES[:3]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_device_not_yet_confirmed_does_not_count(self):
        self.client.force_login(self.editor, second_factor=False)
        self.client.get(SETUP)
        device = TOTPDevice.objects.get(user=self.editor)
        self.assertFalse(device.confirmed)
        session = self.client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        self.assertRedirects(
            self.client.get("/admin/"), with_next(VERIFY), fetch_redirect_response=False
        )

    def test_the_admin_site_refuses_unverified_staff_even_without_the_middleware(self):
        from django.conf import settings

        middleware = [
            name for name in settings.MIDDLEWARE if not name.endswith("StaffTwoFactorMiddleware")
        ]
        self.client.force_login(self.editor, second_factor=False)
        with override_settings(MIDDLEWARE=middleware):
            response = self.client.get("/admin/posts/post/")
        self.assertRedirects(
            response, "/admin/login/?next=/admin/posts/post/", fetch_redirect_response=False
        )

    def test_on_the_public_site_unverified_staff_count_as_signed_out(self):
        draft = make_post(status=Status.DRAFT)
        self.client.force_login(self.editor, second_factor=False)
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 404)
        self.client.force_login(self.editor)
        self.assertEqual(self.client.get(draft.get_absolute_url()).status_code, 200)

    def test_readers_and_non_staff_users_are_not_asked(self):
        self.assertEqual(self.client.get("/").status_code, 200)
        self.client.force_login(make_user())
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertRedirects(
            self.client.get(VERIFY), "/admin/login/", fetch_redirect_response=False
        )


class EnrolmentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])

    def setUp(self):
        self.client.force_login(self.editor, second_factor=False)

    def test_enrolment_confirms_the_device_shows_recovery_codes_and_opens_the_admin(self):
        key_before = self.client.session.session_key
        codes = enrol(self.client, self.editor)
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(set(codes)), 10)
        stored = StaticToken.objects.filter(device__user=self.editor)
        self.assertEqual(sorted(token.token for token in stored), sorted(codes))
        self.assertTrue(TOTPDevice.objects.get(user=self.editor).confirmed)
        self.assertNotEqual(self.client.session.session_key, key_before)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_recovery_codes_are_shown_once(self):
        codes = enrol(self.client, self.editor)
        for url in (SETUP, VERIFY, "/admin/"):
            response = self.client.get(url, follow=True)
            for code in codes:
                self.assertNotContains(response, code)

    def test_a_wrong_code_does_not_confirm(self):
        self.client.get(SETUP)
        response = self.client.post(SETUP, {"code": "000000"})
        self.assertContains(response, "That code is not right.")
        self.assertFalse(TOTPDevice.objects.get(user=self.editor).confirmed)
        self.assertRedirects(self.client.get("/admin/"), with_next(VERIFY), target_status_code=302)

    def test_a_password_alone_cannot_replace_an_existing_authenticator(self):
        authenticator(self.editor)
        self.assertRedirects(
            self.client.get(SETUP), with_next(VERIFY), fetch_redirect_response=False
        )
        self.assertEqual(TOTPDevice.objects.filter(user=self.editor).count(), 1)

    def test_setting_up_again_replaces_the_device_and_the_codes(self):
        old_codes = enrol(self.client, self.editor)
        old_device = TOTPDevice.objects.get(user=self.editor)
        with mock.patch("time.time", return_value=time.time() + 60):
            new_codes = enrol(self.client, self.editor)
        self.assertFalse(TOTPDevice.objects.filter(pk=old_device.pk).exists())
        self.assertEqual(TOTPDevice.objects.filter(user=self.editor, confirmed=True).count(), 1)
        self.assertFalse(StaticToken.objects.filter(token__in=old_codes).exists())
        self.assertEqual(StaticToken.objects.filter(token__in=new_codes).count(), 10)


class VerificationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])

    def setUp(self):
        self.device = authenticator(self.editor)
        self.client.force_login(self.editor, second_factor=False)

    def test_a_code_from_the_app_opens_the_admin_under_a_new_session_key(self):
        key_before = self.client.session.session_key
        response = self.client.post(VERIFY, {"code": current_code(self.device), "next": "/admin/"})
        self.assertRedirects(response, "/admin/")
        self.assertNotEqual(self.client.session.session_key, key_before)

    def test_a_wrong_code_is_refused(self):
        response = self.client.post(VERIFY, {"code": "123456"})
        self.assertContains(response, "That code is not right.")
        self.assertRedirects(self.client.get("/admin/"), with_next(VERIFY))

    def test_a_code_is_accepted_only_once(self):
        code = current_code(self.device)
        self.client.post(VERIFY, {"code": code})
        other = self.client_class()
        other.force_login(self.editor, second_factor=False)
        self.assertContains(other.post(VERIFY, {"code": code}), "That code is not right.")

    def test_next_stays_on_this_site(self):
        response = self.client.post(
            VERIFY, {"code": current_code(self.device), "next": "//evil.example/admin/"}
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_a_recovery_code_works_once(self):
        codes = enrol_codes(self.editor)
        response = self.client.post(VERIFY, {"code": codes[0].upper(), "next": "/admin/"})
        self.assertRedirects(response, with_next(SETUP))
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        self.assertFalse(StaticToken.objects.filter(token=codes[0]).exists())

        again = self.client_class()
        again.force_login(self.editor, second_factor=False)
        self.assertContains(again.post(VERIFY, {"code": codes[0]}), "That code is not right.")
        self.assertRedirects(again.get("/admin/"), with_next(VERIFY))

    def test_signing_out_from_the_two_factor_page(self):
        response = self.client.post("/admin/two-factor/sign-out/")
        self.assertRedirects(response, "/admin/login/")
        self.assertNotIn(SESSION_KEY, self.client.session)


def enrol_codes(user):
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _number in range(3)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


class ResetCommandTests(TestCase):
    def test_reset_removes_devices_and_ends_sessions(self):
        editor = make_user("editor", groups=["Editors"])
        enrol_codes(editor)
        self.client.force_login(editor)
        self.assertEqual(self.client.get("/admin/").status_code, 200)
        other = make_user("other", groups=["Editors"])
        authenticator(other)

        out = io.StringIO()
        call_command("reset_two_factor", "editor", stdout=out)
        self.assertIn("Removed 2 two-factor devices", out.getvalue())
        self.assertIn("Ended 1 open sessions", out.getvalue())
        self.assertFalse(TOTPDevice.objects.filter(user=editor).exists())
        self.assertFalse(StaticDevice.objects.filter(user=editor).exists())
        self.assertTrue(TOTPDevice.objects.filter(user=other).exists())
        self.assertRedirects(
            self.client.get("/admin/"), "/admin/login/?next=/admin/", fetch_redirect_response=False
        )

    def test_reset_of_an_unknown_user_fails(self):
        with self.assertRaises(CommandError):
            call_command("reset_two_factor", "nobody", stdout=io.StringIO())
