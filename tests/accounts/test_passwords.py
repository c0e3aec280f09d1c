"""Threat 19: staff passwords are at least 12 characters, not common, and may be long."""

from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase

from tests.factories import make_user

PASSPHRASE = "correct horse battery staple under the bridge at dawn, 7 ravens!"


class PasswordRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("editor", groups=["Editors"])

    def test_weak_passwords_are_refused(self):
        for password in ("password123", "password1234", "Tr0ub4dor&3", "123456789012"):
            with self.subTest(password=password), self.assertRaises(ValidationError):
                validate_password(password, self.editor)

    def test_eleven_characters_are_too_short_and_twelve_are_enough(self):
        with self.assertRaises(ValidationError) as refused:
            validate_password("x7#Kq9!mZ2w", self.editor)
        self.assertIn("at least 12 characters", " ".join(refused.exception.messages))
        validate_password("x7#Kq9!mZ2wL", self.editor)

    def test_a_64_character_passphrase_is_accepted_and_works(self):
        self.assertEqual(len(PASSPHRASE), 64)
        form = SetPasswordForm(
            self.editor, {"new_password1": PASSPHRASE, "new_password2": PASSPHRASE}
        )
        self.assertTrue(form.is_valid(), form.errors)
        form.save()
        response = self.client.post(
            "/admin/login/", {"username": "editor", "password": PASSPHRASE, "next": "/admin/"}
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
