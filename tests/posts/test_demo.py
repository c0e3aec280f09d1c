import io
import re
import zlib
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.utils import timezone
from PIL import ExifTags
from PIL import Image as PILImage
from taggit.models import Tag

from posts import uploads
from posts.demo import build, content
from posts.demo.pdf import make_pdf
from posts.models import Byline, Category, Document, Image, Page, Post, Status

PUBLIC_SLUGS = {
    "world-aids-day-protests-russian-embassies",
    "den-borby-so-spidom-protesty-u-posolstv-rossii",
    "digest-global-harm-reduction-report",
    "peer-work-is-work-seminar-notes",
    "download-naloxone-peer-guide",
    "what-i-know-now",
    "press-release-decriminalise-people-who-use-drugs",
    "naloxone-belongs-in-every-pocket",
    "hepatitis-c-is-curable-why-are-we-still-waiting",
    "26-de-junio-apoye-no-castigue",
}
SCHEDULED = "call-for-peer-researchers"
DRAFT = "draft-regional-consultation-substitution-therapy"


def run_demo():
    """Run the command as `manage.py load_demo` would, renditions included; return its output."""
    output = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", "--force", stdout=output)
    return output.getvalue()


def counts():
    return {model: model.objects.count() for model in build.Report.models()}


def media_files():
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def has_metadata(path):
    with PILImage.open(path) as picture:
        return bool(picture.getexif()) or "exif" in picture.info


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = run_demo()
        cls.password = cls.output.split("password:\n", 1)[1].split("\n", 1)[0].strip()

    def test_a_second_run_creates_and_uploads_nothing(self):
        before, files = counts(), media_files()
        output = run_demo()
        self.assertEqual(counts(), before)
        self.assertEqual(media_files(), files)
        self.assertIn("already exists", output)
        self.assertNotIn(self.password, output)

    def test_counts(self):
        self.assertEqual(Post.objects.count(), 12)
        self.assertEqual(Page.objects.count(), 3)
        self.assertEqual(Image.objects.count(), len(content.IMAGES))
        self.assertEqual(Document.objects.count(), 2)
        self.assertEqual(Byline.objects.count(), 3)
        self.assertEqual(get_user_model().objects.count(), 4)

    def test_admin_created_once_with_the_printed_password(self):
        self.assertGreaterEqual(len(self.password), 20)
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.is_superuser and admin.is_staff)
        run_demo()
        admin.refresh_from_db()
        self.assertTrue(admin.check_password(self.password))

    def test_staff_accounts_have_roles_and_no_password(self):
        for spec in content.STAFF_USERS:
            user = get_user_model().objects.get(username=spec["username"])
            self.assertTrue(user.is_staff)
            self.assertFalse(user.is_superuser)
            self.assertFalse(user.has_usable_password())
            self.assertEqual([group.name for group in user.groups.all()], [spec["group"]])

    def test_only_published_posts_are_public(self):
        self.assertEqual(set(Post.objects.published().values_list("slug", flat=True)), PUBLIC_SLUGS)
        scheduled = Post.objects.get(slug=SCHEDULED)
        self.assertEqual(scheduled.status, Status.PUBLISHED)
        self.assertGreater(scheduled.published_at, timezone.now() + timedelta(days=25))
        draft = Post.objects.get(slug=DRAFT)
        self.assertEqual((draft.status, draft.published_at), (Status.DRAFT, None))
        for slug in (SCHEDULED, DRAFT):
            self.assertEqual(self.client.get(f"/posts/{slug}/").status_code, 404)
        home = self.client.get("/").content.decode()
        self.assertIn("World AIDS Day", home)
        self.assertNotIn("peer researchers wanted", home)
        self.assertNotIn("regional consultation", home)

    def test_posts_are_complete(self):
        for post in Post.objects.all():
            with self.subTest(post=post.slug):
                self.assertTrue(150 <= len(post.body_text.split()) <= 400)
                self.assertIn("<!--more-->", post.body)
                self.assertTrue(post.summary)
                self.assertGreaterEqual(post.categories.count(), 1)
                self.assertGreaterEqual(post.tags.count(), 1)
                self.assertFalse(post.shows_updated)

    def test_special_posts(self):
        protest = Post.objects.get(slug="world-aids-day-protests-russian-embassies")
        self.assertTrue(protest.is_sticky)
        self.assertIsNotNone(protest.featured_image)
        self.assertIn("world-aids-day", protest.tags.slugs())
        self.assertEqual(protest.published_at.month, 12)
        translation = Post.objects.get(slug="den-borby-so-spidom-protesty-u-posolstv-rossii")
        self.assertEqual((translation.language, translation.translation_of), ("ru", protest))
        self.assertEqual(Post.objects.get(slug="26-de-junio-apoye-no-castigue").language, "es")
        testimony = Post.objects.get(slug="what-i-know-now")
        self.assertIn("overdose", testimony.content_warning)
        self.assertEqual(testimony.byline.slug, "river")
        guide = Post.objects.get(slug="download-naloxone-peer-guide")
        self.assertEqual(guide.documents.count(), 2)

    def test_taxonomy_and_pages(self):
        self.assertEqual(Category.objects.get(slug="press-releases").parent.slug, "news")
        self.assertLessEqual(
            {"harm-reduction", "hiv", "ost", "naloxone", "world-aids-day", "peer-work",
             "decriminalisation", "hepatitis-c"},
            set(Tag.objects.values_list("slug", flat=True)),
        )  # fmt: skip
        self.assertEqual(
            list(Page.objects.published().values_list("slug", "menu_order")),
            [("about", 1), ("contact", 2), ("privacy", 3)],
        )
        self.assertIn("IP address", Page.objects.get(slug="privacy").body_text)

    def test_privacy_and_contact_pages_are_linked_from_every_footer(self):
        self.assertEqual(
            dict(Page.objects.exclude(role="").values_list("role", "slug")),
            {"privacy": "privacy", "contact": "contact"},
        )
        privacy = Page.objects.get(slug="privacy").body_text
        for fact in ("no analytics", "never write your IP address", "30 days", "90 days"):
            self.assertIn(fact, privacy)
        for url in ("/", "/ru/documents/", "/campaigns/"):
            footer = self.client.get(url).text.split('<footer class="site-footer">', 1)[1]
            with self.subTest(url=url):
                self.assertRegex(footer, r'href="(/ru)?/privacy/"')
                self.assertRegex(footer, r'href="(/ru)?/contact/"')
                self.assertRegex(footer, r'href="(/ru)?/feed/"')

    def test_documents_are_valid_published_pdfs(self):
        for document in Document.objects.all():
            with self.subTest(document=document.title):
                self.assertTrue(document.is_published)
                self.assertEqual(document.content_type, "application/pdf")
                with document.file.open("rb") as handle:
                    self.assertTrue(handle.read().startswith(b"%PDF-"))
                    _, content_type, size = uploads.clean_document(handle)
                self.assertEqual((content_type, size), ("application/pdf", document.size))

    def test_images_have_no_metadata(self):
        for image in Image.objects.all():
            with self.subTest(image=image.caption):
                self.assertTrue(image.alt_text and image.caption and image.credit)
                self.assertEqual((image.width, image.height), build.ARTWORK_SIZE)
                self.assertFalse(has_metadata(image.file.path))
                self.assertTrue(image.renditions)
                for name in image.renditions.values():
                    self.assertFalse(has_metadata(image.file.storage.path(name)))

    def test_the_gps_artwork_really_carried_gps_before_upload(self):
        spec = next(spec for spec in content.IMAGES if spec.get("gps"))
        with PILImage.open(io.BytesIO(build.artwork(spec))) as picture:
            gps = picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        self.assertEqual(gps[ExifTags.GPS.GPSLatitudeRef], "N")
        stored = Image.objects.get(caption=spec["caption"])
        self.assertFalse(has_metadata(stored.file.path))


class CommandSafetyTests(TestCase):
    @override_settings(DEBUG=False)
    def test_refuses_without_debug_unless_forced(self):
        with self.assertRaises(CommandError):
            call_command("load_demo", stdout=io.StringIO())
        self.assertFalse(Post.objects.exists())

    def test_an_existing_admin_is_left_alone(self):
        admin = get_user_model().objects.create_superuser("admin", "", "an-old-long-password")
        output = run_demo()
        self.assertIn("already exists", output)
        admin.refresh_from_db()
        self.assertTrue(admin.check_password("an-old-long-password"))


class PdfWriterTests(TestCase):
    def test_cross_reference_table_points_at_every_object(self):
        blocks = [("h", "Heading (with) \\ escapes"), ("p", "Señales, ¿qué? " * 400)]
        data = make_pdf("Título", blocks, author="INPUD", language="es")
        self.assertTrue(data.startswith(b"%PDF-1.4\n"))
        self.assertTrue(data.endswith(b"%%EOF\n"))
        start = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
        self.assertTrue(data[start:].startswith(b"xref\n0 "))
        entries = re.findall(rb"(\d{10}) 00000 n \n", data[start:])
        for number, offset in enumerate(entries, start=1):
            self.assertTrue(data[int(offset) :].startswith(b"%d 0 obj\n" % number))
        self.assertIn(b"/Count 2", data)  # the long paragraph runs onto a second page
        stream = re.search(rb"stream\n(.*?)\nendstream", data, re.S).group(1)
        self.assertIn("Señales".encode("cp1252"), zlib.decompress(stream))
