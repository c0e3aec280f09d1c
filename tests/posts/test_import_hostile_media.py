"""import_wordpress with a copy of wp-content/uploads (--media-dir), and with a hostile export."""

import io
import shutil
import tempfile
from pathlib import Path

from django.test import TestCase, override_settings
from django.utils.encoding import escape_uri_path
from PIL import Image as PILImage

from comments.models import Comment, CommentStatus
from posts.models import Byline, Document, Image, ImportedItem, Page, Post, Status
from tests.factories import PDF_BYTES, image_bytes
from tests.posts.wp_import_helpers import (
    network_forbidden,
    report_list,
    report_table,
    row_counts,
    run_import,
    script_risks,
)

GPS_IFD = 0x8825
UPLOADS = "https://peers.example.org/wp-content/uploads/2024/05/"


def jpeg_with_gps():
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)})
    data = image_bytes(exif=exif)
    assert GPS_IFD in PILImage.open(io.BytesIO(data)).getexif()
    return data


def temp_folder(owner):
    folder = Path(tempfile.mkdtemp(prefix="wp-import-test-"))
    owner.addClassCleanup(shutil.rmtree, folder, ignore_errors=True)
    return folder


def files_in(folder):
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*") if p.is_file())


class IsolatedMediaRoot(TestCase):
    """Each class stores files in its own MEDIA_ROOT (documents too), so what landed there
    can be listed."""

    @classmethod
    def setUpClass(cls):
        cls.media_root = temp_folder(cls)
        root = str(cls.media_root)
        cls.enterClassContext(override_settings(MEDIA_ROOT=root, PRIVATE_MEDIA_ROOT=root))
        super().setUpClass()

    @classmethod
    def make_uploads(cls):
        """The old site's uploads folder: two images, a PDF, a fake image; gone.jpg is missing."""
        uploads = temp_folder(cls) / "uploads"
        month = uploads / "2024" / "05"
        month.mkdir(parents=True)
        (month / "photo.jpg").write_bytes(jpeg_with_gps())
        (month / "diagram.png").write_bytes(image_bytes("PNG", size=(400, 300)))
        (month / "guide.pdf").write_bytes(PDF_BYTES)
        (month / "fake.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
        return uploads


class MediaImportTests(IsolatedMediaRoot):
    @classmethod
    def setUpTestData(cls):
        with network_forbidden() as cls.network:
            cls.output = run_import("media.xml", "--media-dir", str(cls.make_uploads()))
        cls.post = Post.objects.get(slug="spring-meeting")

    def test_nothing_is_fetched_from_the_network(self):
        self.assertEqual(self.network, [])

    def test_images_are_stored_re_encoded_without_exif(self):
        self.assertEqual(Image.objects.count(), 2)
        for image in Image.objects.all():
            with self.subTest(image.file.name), image.file.open("rb") as handle:
                stored = PILImage.open(io.BytesIO(handle.read()))
                self.assertEqual(dict(stored.getexif()), {})
                self.assertNotIn("exif", stored.info)
                self.assertTrue(image.file.name.startswith("images/"))
                self.assertNotIn("photo", image.file.name)  # renamed, as uploads are
        photo = Image.objects.get(alt_text="Peers at the table")
        self.assertEqual((photo.width, photo.height, photo.is_decorative), (1200, 800, False))
        self.assertEqual(photo.caption, "Peers around the table")
        self.assertEqual(self.post.featured_image, photo)
        self.assertTrue(Image.objects.get(alt_text="").is_decorative)
        self.assertIn(
            "to check: images without alternative text, marked decorative: 1", self.output
        )

    def test_pdf_lands_in_the_document_library(self):
        document = Document.objects.get()
        self.assertEqual((document.title, document.status), ("Safer use guide", Status.PUBLISHED))
        self.assertEqual(document.content_type, "application/pdf")
        html = self.client.get("/documents/").content.decode()
        self.assertIn("Safer use guide", html)
        self.assertIn(document.file.url, html)

    def test_body_points_at_our_copies(self):
        html = self.client.get(self.post.get_absolute_url()).content.decode()
        body = html[html.index('<article class="post"') : html.index("</article>")]
        photo, diagram = (
            Image.objects.get(alt_text="Peers at the table"),
            Image.objects.get(alt_text=""),
        )
        self.assertIn(f'src="{photo.file.url}"', body)  # the 300x200 size maps to the original
        self.assertRegex(
            body, rf'<figure><img[^>]*src="{diagram.file.url}"[^>]*>'
            r"<figcaption>How the service works</figcaption></figure>",
        )  # fmt: skip
        self.assertIn(f'href="{Document.objects.get().file.url}"', body)
        self.assertTrue(photo.file.url.startswith("/media/"))
        self.assertNotIn('<img src="https://', body)
        self.assertNotIn("wp-content/uploads/2024/05/photo", body)
        self.assertIn("The end.", body)  # the post imports despite the bad and missing files

    def test_fake_image_and_missing_file_are_refused_and_reported(self):
        table = report_table(self.output)
        self.assertEqual((table["images"]["created"], table["images"]["skipped"]), (2, 2))
        self.assertEqual(table["documents"]["created"], 1)
        missing = report_list(self.output, "missing media files")
        self.assertEqual(len(missing), 2)
        self.assertTrue(missing[0].startswith(f"{UPLOADS}fake.jpg (refused: "), missing)
        self.assertEqual(missing[1], f"{UPLOADS}gone.jpg (not in the media folder)")
        self.assertTrue(self.post.is_published)


class MediaRerunTests(IsolatedMediaRoot):
    def setUp(self):
        # Files are not rolled back with the database: each test gets an empty MEDIA_ROOT.
        self.media_root = Path(tempfile.mkdtemp(prefix="wp-import-test-"))
        self.addCleanup(shutil.rmtree, self.media_root, ignore_errors=True)
        root = str(self.media_root)
        self.enterContext(override_settings(MEDIA_ROOT=root, PRIVATE_MEDIA_ROOT=root))

    def test_dry_run_writes_no_row_and_no_file_and_reports_like_a_real_run(self):
        uploads = str(self.make_uploads())
        dry = run_import("media.xml", "--media-dir", uploads, "--dry-run")
        self.assertEqual(set(row_counts().values()), {0})
        self.assertEqual(files_in(self.media_root), [])
        real = run_import("media.xml", "--media-dir", uploads)
        self.assertEqual(dry.splitlines()[1:], real.splitlines()[1:])
        self.assertEqual(len(files_in(self.media_root)), 3)  # so the dry run could have written

    def test_second_run_copies_nothing_again(self):
        uploads = str(self.make_uploads())
        run_import("media.xml", "--media-dir", uploads)
        files, counts = files_in(self.media_root), row_counts()
        table = report_table(run_import("media.xml", "--media-dir", uploads))
        self.assertEqual((table["images"]["unchanged"], table["images"]["created"]), (2, 0))
        self.assertEqual((table["documents"]["unchanged"], table["posts"]["unchanged"]), (1, 1))
        self.assertEqual((files_in(self.media_root), row_counts()), (files, counts))

    def test_without_media_dir_the_post_imports_and_files_are_reported(self):
        output = run_import("media.xml")
        self.assertTrue(Post.objects.get(slug="spring-meeting").is_published)
        self.assertEqual((Image.objects.count(), Document.objects.count()), (0, 0))
        self.assertEqual(len(report_list(output, "missing media files")), 5)
        self.assertEqual(files_in(self.media_root), [])


class HostileImportTests(IsolatedMediaRoot):
    """hostile.xml: nothing it carries may run in a reader's browser or escape the folders."""

    @classmethod
    def setUpTestData(cls):
        root = temp_folder(cls)
        (root / "secret.pdf").write_bytes(PDF_BYTES)
        month = root / "uploads" / "2024" / "01"
        month.mkdir(parents=True)
        (month / "linked.pdf").symlink_to(root / "secret.pdf")
        with network_forbidden() as cls.network:
            cls.output = run_import("hostile.xml", "--media-dir", str(root / "uploads"))
        cls.post = Post.objects.get(slug="hostile-post")

    def test_no_script_reaches_a_rendered_page(self):
        for url in ("/", self.post.get_absolute_url(), f"/by/{self.post.byline.slug}/"):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(script_risks(response.content.decode()), [])
        html = self.client.get(self.post.get_absolute_url()).content.decode()
        for kept in ("Clickable paragraph.", "A javascript link", "Caption text", "Last words"):
            self.assertIn(kept, html)
        self.assertNotIn("<style", html[html.index('<article class="post"') :])

    def test_comments_are_plain_text_with_safe_author_links(self):
        comments = Comment.objects.filter(post=self.post)
        self.assertEqual(comments.count(), 7)
        self.assertEqual(set(comments.values_list("status", flat=True)), {CommentStatus.APPROVED})
        self.assertFalse(comments.filter(text__contains="<").exists())
        self.assertEqual(comments.get(text__startswith="alert('comment')Comment eleven").url, "")
        self.assertEqual(
            set(comments.values_list("url", flat=True)), {"", "https://loop-a.example/"}
        )
        html = self.client.get(self.post.get_absolute_url()).content.decode()
        for number in ("eleven", "twelve", "thirteen", "twenty-one", "twenty-four"):
            self.assertEqual(html.count(f"Comment {number}"), 1)
        self.assertIn("&lt;img src=x onerror=alert(&#x27;name&#x27;)&gt;Eve", html)

    def test_commenter_emails_are_kept_only_when_they_fit(self):
        output = run_import("hostile.xml", "--keep-commenter-emails")
        self.assertIn("skipped: none", output)
        self.assertEqual(Comment.objects.get(name="Quote").email, "quote@example.org")
        self.assertEqual(Comment.objects.get(name="Mixed case").email, "")  # 308 characters

    def test_comment_parent_loops_are_broken(self):
        for comment in Comment.objects.all():
            self.assertNoLoop(comment)
        by_text = {c.text: c for c in Comment.objects.all()}
        a, b = by_text["Comment twenty-one"], by_text["Comment twenty-two"]
        self.assertFalse(a.parent == b and b.parent == a)
        self.assertIsNone(by_text["Comment twenty-three"].parent)  # its own parent
        self.assertIsNone(by_text["Comment twenty-four"].parent)  # parent not in the file

    def test_page_parent_loops_are_broken(self):
        for page in Page.objects.all():
            self.assertNoLoop(page)
        one, two = Page.objects.get(slug="loop-one"), Page.objects.get(slug="loop-two")
        self.assertEqual(sorted([one.parent_id is None, two.parent_id is None]), [False, True])
        self.assertIsNone(Page.objects.get(slug="own-parent").parent)
        self.assertEqual(self.client.get("/loop-one/").status_code, 200)

    def test_page_cannot_take_a_site_address(self):
        self.assertEqual(Page.objects.get(title="Admin page").slug, "admin-page")
        self.assertEqual(self.client.get("/admin-page/").status_code, 200)
        self.assertRedirects(self.client.get("/admin/"), "/admin/login/?next=/admin/")

    def test_over_long_title_and_slug_are_cut_to_fit(self):
        post = Post.objects.get(title__startswith="A title far too long")
        self.assertEqual(len(post.title), 200)
        self.assertLessEqual(len(post.slug), 200)
        self.assertTrue(post.slug.startswith("a-slug-far-too-long"))
        self.assertEqual(self.client.get(post.get_absolute_url()).status_code, 200)
        # The slug is cut so that the address fits a stored redirect: old links still work.
        self.assertLessEqual(len(escape_uri_path(post.get_absolute_url())), 200)
        wp_id = ImportedItem.objects.get(kind="post", object_id=post.pk).source_id
        self.assertRedirects(
            self.client.get(f"/?p={wp_id}"), post.get_absolute_url(), status_code=301
        )
        self.assertIn("skipped: none", self.output)

    def test_titles_and_bylines_keep_no_markup(self):
        self.assertEqual(self.post.title, 'alert("title")Hostile post')
        self.assertEqual(Byline.objects.get(slug="mallory").name, 'alert("byline")Mallory')
        self.assertEqual(self.post.excerpt, "Hostile excerpt")

    def assertNoLoop(self, item):
        seen, current = [], item
        while current is not None:
            self.assertNotIn(current.pk, seen, f"{item} is its own ancestor")
            seen.append(current.pk)
            current = current.parent

    def test_files_outside_the_uploads_folder_are_refused(self):
        self.assertEqual((Document.objects.count(), Image.objects.count()), (0, 0))
        self.assertEqual(files_in(self.media_root), [])
        missing = report_list(self.output, "missing media files")
        base = "https://hostile.example/wp-content/uploads/"
        self.assertIn(f"{base}../secret.pdf (outside the media folder; refused)", missing)
        self.assertIn(f"{base}2024/01/linked.pdf (outside the media folder; refused)", missing)
        self.assertTrue(any(m.startswith(f"{base}../../etc/passwd (") for m in missing))
        self.assertEqual(self.network, [])
