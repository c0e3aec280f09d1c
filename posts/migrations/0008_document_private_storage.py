"""Documents move out of MEDIA_ROOT into their own storage, which no web server serves;
images are checked by posts.uploads alone."""

from django.core.files.storage import storages
from django.db import migrations, models

import posts.models.media
import posts.storage


def _move(apps, source, target):
    Document = apps.get_model("posts", "Document")
    for name in Document.objects.exclude(file="").values_list("file", flat=True).iterator():
        if source.exists(name) and not target.exists(name):
            with source.open(name, "rb") as handle:
                saved = target.save(name, handle)
            if saved != name:  # never expected: the name was free a moment ago
                raise RuntimeError(f"{name} was stored as {saved}; stopping")
            source.delete(name)


def to_private_storage(apps, schema_editor):
    _move(apps, storages["default"], storages["documents"])


def to_media_root(apps, schema_editor):
    _move(apps, storages["documents"], storages["default"])


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0007_page_comments"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="file",
            field=models.FileField(
                db_index=True,
                help_text="PDF, Word, Excel, PowerPoint, OpenDocument or an image.",
                storage=posts.storage.document_storage,
                upload_to=posts.models.media.document_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private_storage, to_media_root, elidable=True),
        migrations.AlterField(
            model_name="image",
            name="file",
            field=posts.models.media.UploadedImageField(
                help_text="JPEG, PNG, WebP or GIF. Location and camera data are removed when you save.",
                upload_to=posts.models.media.image_path,
                verbose_name="image file",
            ),
        ),
    ]
