"""The settings refuse to run in production mode without real secrets."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz-_ABCDEFGHIJ"


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE="inpud_site.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


class ProductionSettingsTests(SimpleTestCase):
    def test_refuses_to_start_without_a_secret_key(self):
        result = run_manage("check", DJANGO_ALLOWED_HOSTS="example.org")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY", result.stderr)

    def test_refuses_the_development_key(self):
        result = run_manage(
            "check",
            DJANGO_SECRET_KEY="django-insecure-" + "x" * 60,
            DJANGO_ALLOWED_HOSTS="example.org",
        )
        self.assertNotEqual(result.returncode, 0)

    def test_refuses_to_start_without_allowed_hosts(self):
        result = run_manage("check", DJANGO_SECRET_KEY=GOOD_KEY)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_ALLOWED_HOSTS", result.stderr)

    def test_deploy_check_is_clean_in_production(self):
        result = run_manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            DJANGO_SECRET_KEY=GOOD_KEY,
            DJANGO_ALLOWED_HOSTS="example.org,www.example.org",
            DJANGO_EMAIL_HOST="smtp.example.org",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_https_switches_can_be_turned_off_one_by_one(self):
        script = (
            "from django.conf import settings;"
            "print(settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE,"
            " settings.SECURE_HSTS_SECONDS)"
        )
        result = run_manage(
            "shell",
            "-v",
            "0",
            "-c",
            script,
            DJANGO_SECRET_KEY=GOOD_KEY,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_SSL_REDIRECT="0",
        )
        self.assertEqual(result.stdout.split(), ["False", "True", "31536000"], result.stderr)
