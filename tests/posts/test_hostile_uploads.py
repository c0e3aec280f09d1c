"""Image uploads that try to hurt: bombs, wrong formats, polyglots, hostile names.

Only the JPEG, PNG, WebP and GIF decoders may ever see an upload, the size is judged from
the header before any pixel is decoded, and what is stored is re-encoded under a name the
server chose.
"""

import io
import re
import struct
import time
import zlib
from unittest import mock

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import TestCase
from PIL import Image as PILImage
from PIL import ImageFile

from posts import uploads
from posts.models import Image
from tests.factories import image_bytes, make_user, upload
from tests.posts.test_uploads import GPS_IFD, exif_with_gps

STORED_NAME = re.compile(r"^images/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp)$")
HOSTILE_HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width, height):
    """A PNG that claims a size in its header and holds almost no pixel data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b""))
        + png_chunk(b"IEND", b"")
    )


def fits_header():
    cards = ["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 2", "NAXIS1  = 64", "NAXIS2  = 64", "END"]
    header = "".join(card.ljust(80) for card in cards).ljust(2880)
    return header.encode("ascii") + bytes(64 * 64)


def psd_header():
    return b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, 64, 64, 8, 3) + bytes(64)


def pillow_bytes(fmt, size=(40, 30), **options):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 60)).save(buffer, fmt, **options)
    return buffer.getvalue()


class HeaderLimitTests(TestCase):
    """The limits, checked on the header alone: nothing is decoded."""

    def assert_refused_undecoded(self, data, message):
        started = time.monotonic()
        with (
            mock.patch.object(ImageFile.ImageFile, "load") as load,
            self.assertRaisesMessage(ValidationError, message),
        ):
            uploads.clean_image(upload("big.png", data))
        self.assertLess(time.monotonic() - started, 1)
        load.assert_not_called()

    def test_crafted_headers_claiming_huge_images_are_refused_without_decoding(self):
        for width, height in ((10_000, 10_000), (14_000, 14_000), (31_623, 31_623)):
            with self.subTest(f"{width}×{height}"):
                data = png_header(width, height)
                self.assertLess(len(data), 100)
                self.assert_refused_undecoded(data, "too large")

    def test_100_megapixels_gets_the_size_in_the_message(self):
        self.assert_refused_undecoded(png_header(10_000, 10_000), "10000 × 10000 pixels")

    def test_a_side_longer_than_10000_pixels_is_refused(self):
        self.assertEqual(settings.IMAGE_MAX_SIDE, 10_000)
        self.assert_refused_undecoded(png_header(12_000, 10), "at most 10000 pixels")
        real = pillow_bytes("PNG", size=(12_000, 10))  # 120,000 pixels: few, but too wide
        with self.assertRaisesMessage(ValidationError, "Each side must be at most"):
            uploads.clean_image(upload("strip.png", real))

    def test_a_4000_by_3000_photo_is_accepted(self):
        content, width, height = uploads.clean_image(
            upload("photo.jpg", image_bytes(size=(4000, 3000)))
        )
        self.assertEqual((width, height), (4000, 3000))
        self.assertTrue(content.name.endswith(".jpg"))

    def test_the_upload_limits(self):
        self.assertEqual(settings.IMAGE_MAX_UPLOAD_BYTES, 10 * 1024 * 1024)
        self.assertEqual(settings.IMAGE_MAX_PIXELS, 40_000_000)
        self.assertEqual(settings.DOCUMENT_MAX_UPLOAD_BYTES, 20 * 1024 * 1024)


class ImageAdminUploadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=["Editors"])

    def setUp(self):
        self.client.force_login(self.editor)

    def post_image(self, name, data):
        return self.client.post(
            "/admin/posts/image/add/",
            {"alt_text": "A banner", "caption": "", "credit": "", "credit_url": "",
             "file": upload(name, data)},
        )  # fmt: skip

    def stored_bytes(self, image):
        with image.file.open("rb") as handle:
            return handle.read()

    def test_other_formats_are_refused_with_a_message_whatever_their_name(self):
        svg = (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
            b"<script>alert(1)</script></svg>"
        )
        cases = {
            "drawing.svg": svg,
            "drawing.png": svg,
            "sky.fits": fits_header(),
            "sky.png": fits_header(),
            "poster.eps": pillow_bytes("EPS"),
            "layers.psd": psd_header(),
            "old.tga": pillow_bytes("TGA"),
            "scan.tiff": pillow_bytes("TIFF"),
            "icon.bmp": pillow_bytes("BMP"),
            "page.png": HOSTILE_HTML,
            "x.html.png": HOSTILE_HTML,
            "x.png.html": HOSTILE_HTML,
            "empty.jpg": b"",
        }
        real_open = PILImage.open
        with mock.patch("PIL.Image.open", side_effect=real_open) as opened:
            for name, data in cases.items():
                with self.subTest(name):
                    response = self.post_image(name, data)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, "errorlist")
                    self.assertTrue(
                        "Upload a JPEG, PNG, WebP or GIF image." in response.text
                        or "The submitted file is empty." in response.text,
                        name,
                    )
        self.assertFalse(Image.objects.exists())
        # Pillow was never asked to try any other decoder, not even by Django's form field.
        for call in opened.call_args_list:
            self.assertEqual(call.kwargs.get("formats"), uploads.DECODERS)

    def test_the_form_offers_only_the_four_image_types(self):
        html = self.client.get("/admin/posts/image/add/").text
        self.assertIn('accept="image/jpeg,image/png,image/webp,image/gif"', html)

    def test_a_png_with_html_appended_is_stored_without_it(self):
        polyglot = image_bytes("PNG", size=(300, 200)) + HOSTILE_HTML
        self.assertEqual(PILImage.open(io.BytesIO(polyglot)).format, "PNG")  # a real PNG
        response = self.post_image("banner.png", polyglot)
        self.assertEqual(response.status_code, 302)
        stored = self.stored_bytes(Image.objects.get()).lower()
        for marker in (b"<html", b"<script", b"alert("):
            self.assertNotIn(marker, stored)

    def test_hostile_file_names_end_up_under_a_server_made_name(self):
        names = [
            "../../x.png",
            "..\\..\\x.png",
            "a%00.png",
            "<img src=x onerror=alert(1)>.png",
            "a" * 296 + ".png",
            "/etc/passwd.png",
        ]
        for name in names:
            with self.subTest(name[:40]):
                self.assertEqual(self.post_image(name, image_bytes("PNG")).status_code, 302)
        stored = list(Image.objects.values_list("file", flat=True))
        self.assertEqual(len(stored), len(names))
        for name in stored:
            self.assertRegex(name, STORED_NAME)

    def test_gps_exif_is_gone_from_a_jpeg(self):
        data = image_bytes(exif=exif_with_gps())
        self.assertEqual(self.post_image("protest.jpg", data).status_code, 302)
        with PILImage.open(io.BytesIO(self.stored_bytes(Image.objects.get()))) as stored:
            self.assertEqual(stored.getexif(), {})
            self.assertNotIn(GPS_IFD, stored.getexif())

    def test_gif_webp_and_a_phones_mpo_jpeg_are_accepted(self):
        second_frame = PILImage.new("RGB", (40, 30), (0, 0, 0))
        for name, data, extension in (
            ("a.gif", pillow_bytes("GIF"), "png"),
            ("a.webp", pillow_bytes("WEBP"), "webp"),
            ("a.jpg", pillow_bytes("MPO", save_all=True, append_images=[second_frame]), "jpg"),
        ):
            with self.subTest(name):
                self.assertEqual(self.post_image(name, data).status_code, 302)
                self.assertTrue(Image.objects.latest("pk").file.name.endswith(extension))

    def test_more_than_10_mb_is_refused_before_it_is_read(self):
        too_big = b"\xff\xd8\xff" + bytes(settings.IMAGE_MAX_UPLOAD_BYTES)
        with mock.patch("posts.uploads._open_image") as decode:
            response = self.post_image("huge.jpg", too_big)
        self.assertContains(response, "This file is too large")
        decode.assert_not_called()
        self.assertFalse(Image.objects.exists())
