from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """Where one record of a WordPress export went, so that importing again updates it.

    `fingerprint` hashes what the export said last time: an unchanged record is left alone
    (keeping any edits made here since), a changed one is updated. The object id is plain,
    not a foreign key, so an item deleted here stays deleted rather than coming back.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("author")
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")
        POST = "post", _("post")
        PAGE = "page", _("page")
        ATTACHMENT = "attachment", _("attachment")
        FILE = "file", _("file")
        COMMENT = "comment", _("comment")
        REDIRECT = "redirect", _("redirect")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    source_id = models.CharField(_("identifier in the export"), max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    fingerprint = models.CharField(max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["kind", "source_id"], name="posts_imported_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.source_id}"

    def get_object(self):
        """The object made from this record, or None if it was deleted here since."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        return model._default_manager.filter(pk=self.object_id).first()
