"""
Verification and re-encoding of uploaded files.

An image is decoded by Pillow, refused if it is not an image, too large or a
decompression bomb, and written out again from its pixels alone, so EXIF, GPS,
XMP and ICC comments never reach the media folder. Only the JPEG, PNG, WebP and
GIF decoders ever see an upload, and the size its header claims is checked before
any pixel is decoded. Documents are checked by their content, not their name.
"""

import io
import uuid
import warnings
import zipfile
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# Pillow format -> (file extension, save options). Pillow opens nothing else from an
# upload: SVG, PSD, EPS, FITS, TIFF, TGA … are refused before any of their parsers runs.
IMAGE_FORMATS = {
    "JPEG": ("jpg", {"quality": 85, "optimize": True, "progressive": True}),
    "MPO": ("jpg", {"quality": 85, "optimize": True, "progressive": True}),  # phone JPEGs
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 82}),
    "GIF": ("png", {"optimize": True}),  # first frame only; animations are not kept
}
SAVE_AS = {"MPO": "JPEG", "GIF": "PNG"}
# What Image.open may try; MPO is reached through the JPEG opener.
DECODERS = ("JPEG", "PNG", "WEBP", "GIF")

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImageUploadField(forms.FileField):
    """The form field of an image upload: a plain file field, because clean_image does
    the checking; Django's ImageField would first let every Pillow decoder parse it."""

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        return attrs


def random_name(extension):
    """A new file name that says nothing about the uploader's original one."""
    return f"{uuid.uuid4().hex}.{extension}"


def _read(upload, limit):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _check_size(width, height):
    """Refuse an image by the size its header claims, before anything is decoded."""
    if max(width, height) > settings.IMAGE_MAX_SIDE:
        raise ValidationError(
            _("This image is too large (%(w)s × %(h)s pixels). Each side must be at most "
              "%(side)s pixels.")
            % {"w": width, "h": height, "side": settings.IMAGE_MAX_SIDE},
            code="too_many_pixels",
        )  # fmt: skip
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise ValidationError(
            _("This image is too large (%(w)s × %(h)s pixels). Reduce it below "
              "%(mp)s megapixels and try again.")
            % {"w": width, "h": height, "mp": settings.IMAGE_MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        )  # fmt: skip


def _open_image(data):
    """Decode image bytes, refusing anything but a sound JPEG, PNG, WebP or GIF of sane size.

    `Image.open` reads only the header: the format and the size are checked on it, and
    only then are the pixels decoded.
    """
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 megapixels; the stricter check below speaks for it.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            probe = PILImage.open(io.BytesIO(data), formats=DECODERS)
        _check_size(probe.width, probe.height)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            probe.verify()
            # verify() leaves the image unusable; decode it again for real.
            image = PILImage.open(io.BytesIO(data), formats=DECODERS)
            image.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            _("This image is too large to be processed safely."), code="image_bomb"
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("Upload a JPEG, PNG, WebP or GIF image."), code="image_format"
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(
            _("This file is not a valid image, or it is damaged."), code="invalid_image"
        ) from None
    return image


def _pixels_only(image):
    """Apply the EXIF orientation, then copy the pixels into a new image without metadata."""
    image = ImageOps.exif_transpose(image)
    mode = image.mode
    if mode not in ("RGB", "RGBA", "L", "LA"):
        mode = "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
    clean = PILImage.new(mode, image.size)
    clean.paste(image.convert(mode))
    return clean


def _encode(image, pillow_format):
    extension, options = IMAGE_FORMATS[pillow_format]
    save_format = SAVE_AS.get(pillow_format, pillow_format)
    if save_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, save_format, **options)
    return buffer.getvalue(), extension


def clean_image(upload):
    """Verify an uploaded image and return (ContentFile without metadata, width, height)."""
    data = _read(upload, settings.IMAGE_MAX_UPLOAD_BYTES)
    image = _open_image(data)
    pillow_format = image.format
    clean = _pixels_only(image)
    encoded, extension = _encode(clean, pillow_format)
    return ContentFile(encoded, name=random_name(extension)), clean.width, clean.height


def make_rendition(file, width, pillow_format=None):
    """Return (bytes, extension) of `file` scaled to `width` pixels wide (never up), in its
    own format or in `pillow_format` ("WEBP")."""
    with file.open("rb") as handle:
        image = PILImage.open(io.BytesIO(handle.read()), formats=DECODERS)
        image.load()
    pillow_format = pillow_format or image.format
    if width < image.width:
        height = round(image.height * width / image.width)
        image = image.resize((width, height), PILImage.Resampling.LANCZOS)
    return _encode(image, pillow_format)


def _zip_mimetype(data):
    """The kind of office file inside a ZIP container, or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return archive.read("mimetype").decode("ascii", "replace").strip()
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
                    if any(name.startswith(prefix) for name in names):
                        return DOCUMENT_TYPES[kind]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def _content_matches(extension, data):
    if extension == "pdf":
        return data[:1024].lstrip().startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt"):
        return data.startswith(OLE_MAGIC)
    if extension in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
        return _zip_mimetype(data) == DOCUMENT_TYPES[extension]
    return False


def clean_document(upload):
    """Verify a document upload by its content; return (ContentFile, content type, size).

    An image offered as a document is re-encoded like any other image, so it keeps no
    location data and nothing hidden after its pixels."""
    name = PurePath(upload.name or "")
    extension = name.suffix.lower().lstrip(".")
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, an office document (Word, Excel, PowerPoint, OpenDocument) "
              "or an image."),
            code="document_type",
        )  # fmt: skip
    data = _read(upload, settings.DOCUMENT_MAX_UPLOAD_BYTES)
    if extension in IMAGE_EXTENSIONS:
        image = _open_image(data)
        data, extension = _encode(_pixels_only(image), image.format)
        name = name.with_suffix(f".{extension}")
    elif not _content_matches(extension, data):
        raise ValidationError(
            _("The file's content does not match its “.%(ext)s” name, or it is damaged.")
            % {"ext": extension},
            code="document_content",
        )
    return ContentFile(data, name=name.name), DOCUMENT_TYPES[extension], len(data)
