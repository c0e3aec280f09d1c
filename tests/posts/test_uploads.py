import io
import zipfile

from django.test import TestCase
from PIL import Image as PILImage

from posts.models import Document, Image
from tests.factories import PDF_BYTES, image_bytes, make_post, make_user, upload

GPS_IFD = 0x8825


def exif_with_gps():
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)})
    return exif


class ImageUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=["Editors"])

    def setUp(self):
        self.client.force_login(self.editor)

    def post_image(self, name, data, **fields):
        payload = {
            "alt_text": "A banner at a protest",
            "caption": "",
            "credit": "",
            "credit_url": "",
            "file": upload(name, data),
        } | fields
        return self.client.post("/admin/posts/image/add/", payload)

    def test_gps_exif_is_stripped_on_upload_through_the_admin(self):
        data = image_bytes(exif=exif_with_gps())
        self.assertIn(GPS_IFD, PILImage.open(io.BytesIO(data)).getexif())
        response = self.post_image("IMG_2041 home street.jpg", data)
        self.assertEqual(response.status_code, 302)
        image = Image.objects.get()
        with image.file.open("rb") as handle:
            stored = PILImage.open(io.BytesIO(handle.read()))
            self.assertEqual(dict(stored.getexif()), {})
            self.assertNotIn("exif", stored.info)
        self.assertNotIn("IMG_2041", image.file.name)
        self.assertEqual((image.width, image.height), (1200, 800))

    def test_renditions_are_made_for_srcset(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.post_image("wide.png", image_bytes("PNG", size=(2000, 1000)))
        image = Image.objects.get()
        self.assertEqual(
            sorted(image.renditions),
            ["1600", "1600.webp", "2000.webp", "480", "480.webp", "960", "960.webp"],
        )
        for key, name in image.renditions.items():
            with image.file.storage.open(name) as handle:
                stored = PILImage.open(handle)
                width, _dot, kind = key.partition(".")
                self.assertEqual((stored.width, stored.format), (int(width), kind.upper() or "PNG"))
        self.assertIn("480w", image.srcset)
        self.assertIn("2000w", image.srcset)
        self.assertNotIn(".webp", image.srcset)
        self.assertEqual(image.webp_srcset.count(".webp"), 4)
        # Readers' browsers pick the WebP copies first; the <img> stays for the others.
        post = make_post(title="With a picture", featured_image=image)
        page = self.client.get(post.get_absolute_url()).text
        self.assertIn('<picture><source type="image/webp" srcset="', page)
        listing = self.client.get("/admin/posts/image/").text
        self.assertIn(f'src="{image.file.storage.url(image.renditions["480"])}"', listing)
        self.assertIn('width="160" height="80"', listing)  # sized by attributes, no inline style

    def test_replacing_the_file_removes_the_old_copies(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.post_image("first.jpg", image_bytes(size=(1000, 600)))
        image = Image.objects.get()
        old_names = [image.file.name, *image.renditions.values()]
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                f"/admin/posts/image/{image.pk}/change/",
                {
                    "alt_text": "New",
                    "caption": "",
                    "credit": "",
                    "credit_url": "",
                    "file": upload("second.png", image_bytes("PNG", size=(700, 500))),
                },
            )
        self.assertEqual(response.status_code, 302)
        image.refresh_from_db()
        storage = image.file.storage
        self.assertEqual((image.width, image.height), (700, 500))
        self.assertTrue(storage.exists(image.file.name))
        for name in old_names:
            self.assertFalse(storage.exists(name), name)

    def test_text_file_named_jpg_is_refused_with_a_message(self):
        response = self.post_image("notes.jpg", b"This is not an image at all.\n" * 20)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Image.objects.exists())
        self.assertContains(response, "errorlist")
        self.assertContains(response, "A banner at a protest")  # what was typed is kept

    def test_oversized_and_bomb_images_are_refused(self):
        buffer = io.BytesIO()
        PILImage.new("1", (9000, 9000)).save(buffer, "PNG")  # 81 megapixels, tiny file
        response = self.post_image("huge.png", buffer.getvalue())
        self.assertFalse(Image.objects.exists())
        self.assertContains(response, "too large")

    def test_alt_text_required_unless_decorative(self):
        response = self.post_image("a.jpg", image_bytes(), alt_text="")
        self.assertContains(response, "Write alternative text")
        self.assertFalse(Image.objects.exists())
        response = self.post_image("a.jpg", image_bytes(), alt_text="", is_decorative="on")
        self.assertEqual(response.status_code, 302)


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


class DocumentUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=["Editors"])

    def setUp(self):
        self.client.force_login(self.editor)

    def post_document(self, name, data):
        return self.client.post(
            "/admin/posts/document/add/",
            {
                "title": "Peer guide",
                "language": "en",
                "description": "",
                "status": "published",
                "published_at_0": "",
                "published_at_1": "",
                "file": upload(name, data),
            },
        )

    def test_pdf_and_office_files_are_accepted(self):
        for name, data in (("Guide.pdf", PDF_BYTES), ("Report.docx", docx_bytes())):
            with self.subTest(name=name):
                self.assertEqual(self.post_document(name, data).status_code, 302)
        sizes = sorted(Document.objects.values_list("size", flat=True))
        self.assertEqual(sizes, sorted([len(PDF_BYTES), len(docx_bytes())]))

    def test_content_must_match_the_name(self):
        for name, data in (
            ("guide.pdf", b"MZ\x90\x00 executable"),
            ("report.docx", PDF_BYTES),
            ("script.exe", b"MZ\x90\x00"),
            ("page.html", b"<script>alert(1)</script>"),
            ("photo.png", b"not a png"),
        ):
            with self.subTest(name=name):
                response = self.post_document(name, data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "errorlist")
        self.assertFalse(Document.objects.exists())
