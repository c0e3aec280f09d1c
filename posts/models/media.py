from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from inpud_site.links import stored_url
from posts import uploads
from posts.models.base import Publishable
from posts.models.languages import CONTENT_LANGUAGES
from posts.storage import document_storage


def image_path(instance, filename):
    return f"images/{timezone.now():%Y/%m}/{filename}"


def document_path(instance, filename):
    path = PurePath(filename)
    stem = slugify(path.stem)[:60] or "document"
    return f"documents/{uploads.random_name('x')[:12]}/{stem}{path.suffix.lower()}"


class UploadedImageField(models.ImageField):
    """An ImageField checked by posts.uploads alone (see uploads.ImageUploadField).

    Django's extension validator is dropped too: it allows every format Pillow knows
    (EPS, PSD, FITS …), while here the file's content decides."""

    default_validators = []

    def formfield(self, **kwargs):
        # The uploader's file name is thrown away, so its length does not matter either.
        defaults = {"form_class": uploads.ImageUploadField, "max_length": None}
        return super().formfield(**defaults | kwargs)


class Image(models.Model):
    """An image in the media library, stored without metadata, with responsive sizes."""

    file = UploadedImageField(
        _("image file"),
        upload_to=image_path,
        help_text=_("JPEG, PNG, WebP or GIF. Location and camera data are removed when you save."),
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Required unless the image is decorative."
        ),
    )
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the image adds nothing to the text; screen readers skip it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("Photographer or source.")
    )
    credit_url = models.URLField(_("credit link"), blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    renditions = models.JSONField(_("renditions"), default=dict, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, editable=False, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text=""),
                name="posts_image_alt_or_decorative",
                violation_error_message=_(
                    "Write alternative text, or mark the image as decorative."
                ),
            ),
        ]

    def __str__(self):
        return self.alt_text or self.caption or PurePath(self.file.name).name

    def save(self, *args, **kwargs):
        new_upload = self._has_new_upload()
        replaced = []
        if new_upload:
            cleaned = self.__dict__.pop("_cleaned", None)
            if cleaned is None or cleaned[0] is not self.file.file:
                cleaned = (self.file.file, uploads.clean_image(self.file))
            content, self.width, self.height = cleaned[1]
            if self.pk:
                old = Image.objects.filter(pk=self.pk).values("file", "renditions").first()
                if old:
                    replaced = [old["file"], *old["renditions"].values()]
            self.file.save(content.name, content, save=False)
            self.renditions = {}
        super().save(*args, **kwargs)
        if new_upload:
            from posts.tasks import make_renditions

            storage = self.file.storage
            transaction.on_commit(lambda: [storage.delete(name) for name in replaced if name])
            transaction.on_commit(lambda: make_renditions.enqueue(self.pk))

    def _has_new_upload(self):
        return bool(self.file) and not self.file._committed

    def clean(self):
        super().clean()
        if not self.is_decorative and not self.alt_text.strip():
            raise ValidationError(
                {"alt_text": _("Write alternative text, or mark the image as decorative.")}
            )
        if self._has_new_upload():
            try:
                # Kept for save(), tied to this very upload.
                self._cleaned = (self.file.file, uploads.clean_image(self.file))
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from None

    @property
    def srcset(self):
        """Every stored size of the image, for the `srcset` attribute."""
        storage = self.file.storage
        sizes = sorted((int(key), name) for key, name in self.renditions.items() if key.isdigit())
        candidates = [f"{stored_url(storage, name)} {width}w" for width, name in sizes]
        candidates.append(f"{stored_url(storage, self.file.name)} {self.width}w")
        return ", ".join(candidates)

    @property
    def webp_srcset(self):
        """The WebP copies of every size, for a <source> before the <img>; empty if none."""
        storage = self.file.storage
        webp = [
            (int(key.removesuffix(".webp")), name)
            for key, name in self.renditions.items()
            if key.endswith(".webp")
        ]
        return ", ".join(f"{stored_url(storage, name)} {width}w" for width, name in sorted(webp))


class Document(Publishable):
    """A downloadable file: a PDF guide, a report, a leaflet."""

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        storage=document_storage,  # not under MEDIA_ROOT: see posts.storage
        db_index=True,  # the download view finds the document by its file name
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument or an image."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=CONTENT_LANGUAGES, default="en"
    )
    description = models.TextField(_("description"), blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, editable=False, on_delete=models.SET_NULL
    )

    class Meta(Publishable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-published_at", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self._has_new_upload():
            content, self.content_type, self.size = uploads.clean_document(self.file)
            self.file.save(content.name, content, save=False)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:documents") + f"#document-{self.pk}"

    @property
    def extension(self):
        return PurePath(self.file.name).suffix.lstrip(".").upper()

    def _has_new_upload(self):
        return bool(self.file) and not self.file._committed

    def clean(self):
        super().clean()
        if self._has_new_upload():
            try:
                uploads.clean_document(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from None
