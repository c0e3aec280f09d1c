"""The old site's uploads, copied into the media library for ``import_wordpress``.

Files come only from a local copy of ``wp-content/uploads`` (``--media-dir``); nothing is
fetched from the network. Images go through the same verification and re-encoding as
uploads in the admin (no EXIF, no GPS), other files through the document checks.
"""

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from posts import uploads
from posts.models import Document, Image, ImportedItem, Status
from posts.wpcommon import fingerprint, plain_text, record_for, remember

SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")  # WordPress's resized copies
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
DOCUMENT_EXTENSIONS = set(uploads.DOCUMENT_TYPES) - IMAGE_EXTENSIONS
Kind = ImportedItem.Kind


def upload_path(url):
    """Where a file lives below ``wp-content/uploads``, from its URL, or None."""
    parts = urlsplit(url or "")
    path = unquote(parts.path)
    if "/wp-content/uploads/" in path:
        return path.split("/wp-content/uploads/", 1)[1]
    if (parts.hostname or "").endswith(".files.wordpress.com"):
        return path.lstrip("/") or None
    return None


@dataclass(frozen=True)
class Attachment:
    """What the first pass keeps of an attachment: enough to import it when first needed."""

    wp_id: int
    url: str
    path: str
    title: str
    alt: str
    caption: str
    description: str
    date: object
    parent: int

    @classmethod
    def from_item(cls, item):
        path = item.postmeta.get("_wp_attached_file", "").strip().lstrip("/")
        return cls(
            wp_id=item.post_id,
            url=item.attachment_url,
            path=path or upload_path(item.attachment_url) or "",
            title=plain_text(item.title),
            alt=plain_text(item.postmeta.get("_wp_attachment_image_alt", "")),
            caption=plain_text(item.excerpt),
            description=plain_text(item.content),
            date=item.date_gmt,
            parent=item.post_parent,
        )


class MediaLibrary:
    """Imports each attachment once per run, when first met or first referred to."""

    def __init__(self, media_dir, report, is_public):
        self.root = Path(media_dir).resolve() if media_dir else None
        self.report = report
        self.is_public = is_public  # wp id -> whether that item will be public
        self.attachments = {}  # wp id -> Attachment
        self.by_path = {}  # upload path -> wp id
        self.done = {}  # wp id or path -> (model, pk, url) or None, for this run

    def add(self, item):
        attachment = Attachment.from_item(item)
        self.attachments[attachment.wp_id] = attachment
        if attachment.path:
            self.by_path.setdefault(attachment.path, attachment.wp_id)

    # What the content converter and the importer ask for --------------------------------

    def url_for(self, url):
        """Our URL for a file of the old site (any of its sizes), or None."""
        path = upload_path(url)
        if not path:
            return None
        wp_id = self.by_path.get(path) or self.by_path.get(SIZE_SUFFIX.sub("", path))
        found = self.attachment(wp_id) if wp_id else self._loose(path, url)
        return found[2] if found else None

    def gallery(self, wp_id):
        """(url, alt) of an attachment for a gallery, or None."""
        found = self.attachment(wp_id)
        if not found or found[0] is not Image:
            return None
        return found[2], self.attachments[wp_id].alt

    def image_pk(self, wp_id):
        found = self.attachment(wp_id) if wp_id else None
        return found[1] if found and found[0] is Image else None

    def attachment(self, wp_id):
        if wp_id not in self.done:
            info = self.attachments.get(wp_id)
            self.done[wp_id] = self._import(info) if info else None
        return self.done[wp_id]

    # Copying ------------------------------------------------------------------------------

    def _loose(self, path, url):
        """A file the posts link to that has no attachment record of its own."""
        if path not in self.done:
            info = Attachment(0, url, path, PurePosixPath(path).stem, "", "", "", None, 0)
            self.done[path] = self._import(info, kind=Kind.FILE, source_id=path)
        return self.done[path]

    def _import(self, info, kind=Kind.ATTACHMENT, source_id=None):
        source_id = source_id or str(info.wp_id)
        extension = PurePosixPath(info.path).suffix.lower().lstrip(".")
        model = Image if extension in IMAGE_EXTENSIONS else Document
        label = "images" if model is Image else "documents"
        if model is Document and extension not in DOCUMENT_EXTENSIONS:
            self.report.missing(info.url, _("not a file type the library takes"))
            self.report.count(label, "skipped")
            return None
        file, why = self._find(info.path)
        record = record_for(kind, source_id)
        stat = file.stat() if file else None
        values = {
            "path": info.path, "title": info.title, "alt": info.alt, "caption": info.caption,
            "public": self._public(info), "file": stat and [stat.st_size, stat.st_mtime_ns],
        }  # fmt: skip
        print_ = fingerprint(values)
        current = record.get_object() if record else None
        if record and current is None:
            self.report.count(label, "skipped")
            self.report.problem(info.url, _("deleted here since an earlier import; not restored"))
            return None
        if record and (record.fingerprint == print_ or file is None):
            if file is None:
                self.report.missing(info.url, why)
            self.report.count(label, "unchanged")
            return model, current.pk, current.file.url
        if file is None:
            self.report.missing(info.url, why)
            self.report.count(label, "skipped")
            return None
        try:
            with transaction.atomic():
                obj = self._save(model, current, info, file, values["public"])
                remember(record, kind, source_id, obj, print_)
        except ValidationError as error:
            self.report.missing(
                info.url, _("refused: %(reason)s") % {"reason": " ".join(error.messages)}
            )
            self.report.count(label, "skipped")
            return None
        self.report.count(label, "updated" if current else "created")
        if model is Image and not obj.alt_text:
            self.report.notes[_("images without alternative text, marked decorative")] += 1
        return model, obj.pk, obj.file.url

    def _find(self, path):
        if self.root is None:
            return None, _("no --media-dir given")
        if not path:
            return None, _("no file name in the export")
        candidate = (self.root / path).resolve()
        if not candidate.is_relative_to(self.root):
            return None, _("outside the media folder; refused")
        if not candidate.is_file():
            return None, _("not in the media folder")
        return candidate, ""

    def _public(self, info):
        return not info.parent or self.is_public(info.parent)

    def _save(self, model, obj, info, path, public):
        with path.open("rb") as handle:
            upload = File(handle, name=path.name)
            if model is Image:
                obj = obj or Image()
                obj.alt_text = info.alt[:250]
                obj.is_decorative = not info.alt
                obj.caption = info.caption[:300]
            else:
                obj = obj or Document(published_at=info.date)
                obj.title = (info.title or path.stem)[:200]
                obj.description = info.description
                obj.status = Status.PUBLISHED if public else Status.DRAFT
            obj.file = upload
            obj.full_clean()
            obj.save()
        return obj
