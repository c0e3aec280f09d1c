"""Plain helpers that build test objects with sensible defaults."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from posts.models import Byline, Category, Document, Image, Page, Post, Status

_counter = itertools.count(1)


def make_user(username=None, *, groups=(), **fields):
    user = User.objects.create_user(
        username=username or f"user{next(_counter)}", password="a-long-test-password", **fields
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if groups:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def make_byline(**fields):
    number = next(_counter)
    fields.setdefault("name", f"Byline {number}")
    fields.setdefault("slug", f"byline-{number}")
    return Byline.objects.create(**fields)


def make_category(**fields):
    number = next(_counter)
    fields.setdefault("name", f"Category {number}")
    fields.setdefault("slug", f"category-{number}")
    return Category.objects.create(**fields)


def make_post(*, tags=(), categories=(), **fields):
    number = next(_counter)
    fields.setdefault("title", f"Post number {number}")
    fields.setdefault("slug", f"post-{number}")
    fields.setdefault("body", f"<p>Body of post {number} about harm reduction.</p>")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(hours=number))
    if "byline" not in fields:
        fields["byline"] = make_byline()
    post = Post.objects.create(**fields)
    if tags:
        post.tags.set(list(tags))
    if categories:
        post.categories.set(categories)
    return post


def make_page(**fields):
    number = next(_counter)
    fields.setdefault("title", f"Page {number}")
    fields.setdefault("slug", f"page-{number}")
    fields.setdefault("body", f"<p>Page {number}.</p>")
    fields.setdefault("status", Status.PUBLISHED)
    return Page.objects.create(**fields)


def image_bytes(fmt="JPEG", size=(1200, 800), exif=None, color=(20, 120, 110)):
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    PILImage.new("RGB", size, color).save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_image(**fields):
    fields.setdefault("file", upload("photo.jpg", image_bytes(), "image/jpeg"))
    fields.setdefault("alt_text", "People holding a banner")
    return Image.objects.create(**fields)


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def make_document(**fields):
    fields.setdefault("title", f"Guide {next(_counter)}")
    fields.setdefault("file", upload("guide.pdf", PDF_BYTES, "application/pdf"))
    fields.setdefault("status", Status.PUBLISHED)
    return Document.objects.create(**fields)


def make_campaign(**fields):
    from campaigns.models import Campaign

    number = next(_counter)
    fields.setdefault("title", f"Day of action {number}")
    fields.setdefault("slug", f"day-of-action-{number}")
    fields.setdefault("summary", f"Day of action {number}: many cities, one message.")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(days=1))
    return Campaign.objects.create(**fields)


def make_action(campaign, *, organisations=(), **fields):
    """An action at 16:00–18:00 local time; `start_date` defaults to ten days from now."""
    from datetime import time

    from campaigns.models import Action

    number = next(_counter)
    fields.setdefault("city", f"City {number}")
    fields.setdefault("country", "Country")
    fields.setdefault("time_zone", "Europe/London")
    fields.setdefault("start_date", (timezone.now() + timedelta(days=10)).date())
    fields.setdefault("start_time", time(16))
    fields.setdefault("end_time", time(18))
    action = Action.objects.create(campaign=campaign, **fields)
    if organisations:
        action.organisations.set(organisations)
    return action
