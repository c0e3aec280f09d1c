"""
Where document files live: outside MEDIA_ROOT, out of the web server's reach.

A draft's file must not be fetchable by guessing or keeping its address, so no web
server serves this folder. The file's URL is the download view instead
(posts.views.document_file), which hands out published documents (drafts to staff
only), as attachments.
Another backend (a private object-storage bucket) can replace this one in
settings.STORAGES["documents"], as long as its `url()` also points at that view.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

# The first folder of every document's name (posts.models.media.document_path).
FOLDER = "documents/"


@deconstructible(path="posts.storage.DocumentStorage")
class DocumentStorage(FileSystemStorage):
    """Files in PRIVATE_MEDIA_ROOT, addressed through the download view."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        return reverse("document-file", kwargs={"name": name.removeprefix(FOLDER)})

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def document_storage():
    """The storage of Document.file (a callable, so settings.STORAGES can swap it)."""
    return storages["documents"]
