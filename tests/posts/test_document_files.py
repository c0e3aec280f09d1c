"""Document files: kept out of MEDIA_ROOT, handed out by a view as inert attachments."""

import importlib
import io
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import TestCase
from django.utils import timezone
from PIL import Image as PILImage

from posts.models import Document, Status
from tests.factories import PDF_BYTES, image_bytes, make_document, make_post, make_user, upload
from tests.posts.test_hostile_uploads import HOSTILE_HTML
from tests.posts.test_uploads import exif_with_gps

migration = importlib.import_module("posts.migrations.0008_document_private_storage")


class DownloadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.document = make_document(
            title="Naloxone guide", file=upload("Naloxone Guide.pdf", PDF_BYTES)
        )
        cls.draft = make_document(title="Unreleased report", status=Status.DRAFT)
        cls.scheduled = make_document(published_at=timezone.now() + timedelta(days=2))

    def test_a_published_document_downloads_as_an_inert_attachment(self):
        response = self.client.get(self.document.file.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="naloxone-guide.pdf"'
        )
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Security-Policy"].startswith("default-src 'none'; "))
        self.assertTrue(response["Content-Security-Policy"].endswith("; sandbox"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_the_url_names_the_file_not_media(self):
        url = self.document.file.url
        self.assertRegex(url, r"^/documents/[0-9a-f]{12}/naloxone-guide\.pdf$")
        self.assertFalse(url.startswith(settings.MEDIA_URL))

    def test_drafts_and_scheduled_documents_are_not_served(self):
        for document in (self.draft, self.scheduled):
            with self.subTest(document.status):
                self.assertEqual(self.client.get(document.file.url).status_code, 404)
        self.assertEqual(self.client.get("/documents/0123456789ab/nothing.pdf").status_code, 404)

    def test_staff_who_can_see_documents_may_download_a_draft_uncached(self):
        self.client.force_login(make_user(groups=["Editors"]))
        response = self.client.get(self.draft.file.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_only_get_and_head(self):
        self.assertEqual(self.client.head(self.document.file.url).status_code, 200)
        self.assertEqual(self.client.post(self.document.file.url).status_code, 405)

    def test_files_are_stored_outside_media_root(self):
        path = Path(self.draft.file.path).resolve()
        self.assertTrue(path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()))
        self.assertFalse(path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()))
        self.assertFalse(
            (Path(settings.MEDIA_ROOT) / self.draft.file.name).exists(),
            "a draft's file must not be where the web server serves /media/",
        )

    def test_every_public_link_goes_through_the_view(self):
        post = make_post()
        post.documents.add(self.document)
        for url in ("/documents/", post.get_absolute_url()):
            with self.subTest(url):
                html = self.client.get(url).text
                self.assertIn(f'href="{self.document.file.url}"', html)
                self.assertNotIn("/media/documents/", html)
                self.assertNotIn(self.draft.file.url, html)


class DocumentContentTests(TestCase):
    def save(self, name, data):
        document = Document(title="Guide", status=Status.PUBLISHED, file=upload(name, data))
        document.full_clean()
        document.save()
        return document

    def test_saving_with_a_file_object_as_the_importer_does(self):
        with io.BytesIO(PDF_BYTES) as handle:
            document = Document(title="Imported", status=Status.PUBLISHED)
            document.file = File(handle, name="guide.pdf")
            document.full_clean()
            document.save()
        self.assertTrue(storages["documents"].exists(document.file.name))
        self.assertEqual(self.client.get(document.file.url).status_code, 200)

    def test_html_named_pdf_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "does not match"):
            self.save("guide.pdf", HOSTILE_HTML)

    def test_at_most_20_mb(self):
        too_big = PDF_BYTES + bytes(settings.DOCUMENT_MAX_UPLOAD_BYTES)
        with self.assertRaisesMessage(ValidationError, "This file is too large"):
            self.save("guide.pdf", too_big)

    def test_an_image_document_is_re_encoded(self):
        photo = self.save("protest.jpg", image_bytes(exif=exif_with_gps()))
        with photo.file.open("rb") as handle, PILImage.open(handle) as stored:
            self.assertEqual(stored.getexif(), {})
        polyglot = self.save("map.png", image_bytes("PNG") + HOSTILE_HTML)
        with polyglot.file.open("rb") as handle:
            self.assertNotIn(b"<script", handle.read())
        renamed = self.save("really-a-jpeg.png", image_bytes())
        self.assertTrue(renamed.file.name.endswith(".jpg"))
        self.assertEqual(renamed.content_type, "image/jpeg")


class MoveToPrivateStorageTests(TestCase):
    """The data migration takes files that were under MEDIA_ROOT out of it."""

    def test_files_move_out_of_media_root_and_back(self):
        public, private = storages["default"], storages["documents"]
        name = "documents/0a1b2c3d4e5f/old-guide.pdf"
        public.save(name, ContentFile(PDF_BYTES))
        Document.objects.bulk_create(
            [Document(title="Old", file=name, status=Status.PUBLISHED, published_at=timezone.now())]
        )
        migration.to_private_storage(apps, None)
        self.assertFalse(public.exists(name))
        with private.open(name) as handle:
            self.assertEqual(handle.read(), PDF_BYTES)
        migration.to_media_root(apps, None)
        self.assertTrue(public.exists(name))
        self.assertFalse(private.exists(name))
        public.delete(name)
