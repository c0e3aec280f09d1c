"""Test settings: the real settings with fast hashing, plain static files and tasks run inline."""

import os
import tempfile

os.environ.setdefault("DJANGO_DEBUG", "1")

from inpud_site.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": {"BACKEND": "posts.storage.DocumentStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="inpud-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="inpud-test-private-")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STATIC_ROOT = tempfile.mkdtemp(prefix="inpud-test-static-")
SITE_URL = "http://testserver"
# Most tests change rows directly and read pages back; tests/test_pagecache.py turns it on.
PAGE_CACHE_ENABLED = False
