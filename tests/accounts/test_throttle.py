"""Threat 18: password guessing on the admin login is throttled per account and address."""

import time
from unittest import mock

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.test import TestCase

from inpud_site.accounts import throttle
from tests.factories import make_user

LOGIN = "/admin/login/"
PASSWORD = "a-long-test-password"
HERE = "192.0.2.10"
ELSEWHERE = "198.51.100.7"
PAUSED_HERE = "Too many failed attempts to sign in to this account from here."
PAUSED_EVERYWHERE = "Too many failed attempts to sign in to this account."
WRONG = "Please enter the correct username and password for a staff account."


def later(seconds):
    """Move the clock (and so the cache's expiry times) forward."""
    return mock.patch("time.time", return_value=time.time() + seconds)


class LoginThrottleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])

    def attempt(self, password, *, username="editor", address=HERE):
        return self.client.post(
            LOGIN,
            {"username": username, "password": password, "next": "/admin/"},
            REMOTE_ADDR=address,
        )

    def signed_in(self):
        return SESSION_KEY in self.client.session

    def test_sixth_attempt_fails_even_with_the_right_password_until_fifteen_minutes_pass(self):
        for number in range(1, 5):
            self.assertContains(self.attempt(f"guess {number}"), WRONG)
        self.assertContains(self.attempt("guess 5"), PAUSED_HERE)
        response = self.attempt(PASSWORD)
        self.assertContains(response, PAUSED_HERE)
        self.assertFalse(self.signed_in())
        with later(throttle.PAIR_WINDOW - 60):
            self.assertContains(self.attempt(PASSWORD), PAUSED_HERE)
        with later(throttle.PAIR_WINDOW + 1):
            response = self.attempt(PASSWORD)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertTrue(self.signed_in())

    def test_another_address_is_not_locked_out(self):
        for number in range(6):
            self.attempt(f"guess {number}")
        response = self.attempt(PASSWORD, address=ELSEWHERE)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_a_right_password_clears_the_failures_of_its_address(self):
        for number in range(4):
            self.attempt(f"guess {number}")
        self.assertEqual(self.attempt(PASSWORD).status_code, 302)
        self.client.logout()
        for number in range(4):
            self.assertContains(self.attempt(f"guess {number}"), WRONG)

    def test_one_address_guessing_all_hour_cannot_lock_the_account_elsewhere(self):
        start = time.time()
        for quarter in range(4):
            with mock.patch("time.time", return_value=start + quarter * (throttle.PAIR_WINDOW + 1)):
                for number in range(8):
                    self.attempt(f"guess {quarter}-{number}")
        with mock.patch("time.time", return_value=start + 3 * throttle.PAIR_WINDOW + 60):
            response = self.attempt(PASSWORD, address=ELSEWHERE)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_many_addresses_get_at_most_thirty_password_checks_an_hour(self):
        checks = mock.patch.object(
            ModelBackend, "authenticate", autospec=True, side_effect=ModelBackend.authenticate
        )
        with checks as authenticate:
            for address in range(40):
                for number in range(5):
                    self.attempt(f"guess {number}", address=f"203.0.113.{address}")
            self.assertContains(self.attempt(PASSWORD, address=ELSEWHERE), PAUSED_EVERYWHERE)
        self.assertEqual(authenticate.call_count, throttle.ACCOUNT_LIMIT)
        self.assertLessEqual(authenticate.call_count, 100)  # ASVS 4.0.3 2.2.1
        with later(throttle.ACCOUNT_WINDOW + 1):
            response = self.attempt(PASSWORD, address=ELSEWHERE)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_an_ipv6_address_counts_as_its_64_network(self):
        for number in range(5):
            self.attempt(f"guess {number}", address=f"2001:db8:1:2::{number + 1}")
        self.assertContains(self.attempt(PASSWORD, address="2001:db8:1:2::99"), PAUSED_HERE)
        response = self.attempt(PASSWORD, address="2001:db8:1:3::1")
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)

    def test_messages_do_not_tell_whether_the_account_exists(self):
        def messages(username):
            texts = []
            for number in range(6):
                response = self.attempt(f"guess {number}", username=username)
                texts.append(response.context["form"].non_field_errors())
            return texts

        self.assertEqual(messages("editor"), messages("nobody-by-this-name"))

    def test_every_attempt_is_logged_without_the_address(self):
        with self.assertLogs("inpud_site.accounts", "INFO") as logs:
            self.attempt("wrong")
            self.attempt("wrong", username="nobody-by-this-name")
            self.attempt(PASSWORD)
        self.assertEqual(
            [record.getMessage() for record in logs.records],
            [
                "Wrong password for editor.",
                "Wrong password for an unknown account.",
                "Password accepted for editor.",
            ],
        )
        self.assertNotIn(HERE, "\n".join(logs.output))
