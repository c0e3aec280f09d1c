"""Import a WordPress export into posts, pages, media, comments and redirects.

Two passes over the file. The first reads all of it without writing, so a malformed or
unsafe file is refused before anything changes; it keeps only the small things later items
refer to (terms, authors, attachments). The second imports item by item, each in its own
transaction, so one bad item is reported and skipped without losing the rest. What each
record became is kept in ImportedItem with a fingerprint of its source: importing again
leaves unchanged records alone and updates changed ones.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError, connection, transaction
from django.utils.encoding import escape_uri_path
from django.utils.text import slugify
from django.utils.translation import gettext as _

from posts.models import Document, Image, ImportedItem, Page, Post, Status
from posts.models.post import RESERVED_PAGE_SLUGS
from posts.wpcommon import fingerprint, plain_text, quick_commits, record_for, remember
from posts.wpcontent import convert
from posts.wpmedia import MediaLibrary
from posts.wpreport import Report, reason_for
from posts.wpterms import TermImport
from posts.wpthreads import Threads
from posts.wxr import WxrAuthor, WxrCategory, WxrItem, WxrTag, parse

Kind = ImportedItem.Kind
STATUSES = {
    "publish": Status.PUBLISHED,
    "future": Status.PUBLISHED,  # public once its date comes, as in WordPress
    "draft": Status.DRAFT,
    "pending": Status.PENDING,
    "private": Status.PRIVATE,
}
PUBLIC_STATUSES = ("publish", "future")
ENTRY_TYPES = {"post": (Post, Kind.POST, "posts"), "page": (Page, Kind.PAGE, "pages")}


def entry_status(item):
    """Our status for a post or page, or None when it is not imported at all."""
    if item.password:
        return Status.PRIVATE  # password-protected: never public here
    return STATUSES.get(item.status)


@dataclass
class Scan:
    """What the first pass keeps."""

    authors: list = field(default_factory=list)
    categories: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)
    public: set = field(default_factory=set)  # ids of items that will be public
    items: int = 0


class DiscardingStorage(FileSystemStorage):
    """For --dry-run: files are verified and re-encoded as usual but never written."""

    def _save(self, name, content):
        return name

    def exists(self, name):
        return False


class Importer(TermImport):
    def __init__(
        self, *, media_dir=None, dry_run=False, keep_emails=False, author_map=None, progress=None
    ):
        self.report = Report(dry_run=dry_run)
        self.dry_run = dry_run
        self.keep_emails = keep_emails
        self.author_map = author_map or {}  # WordPress login -> local user
        self.progress = progress or (lambda done, total: None)
        self.media_dir = media_dir
        self.bylines, self.categories, self.tags = {}, {}, {}
        self.page_parents = []

    def run(self, path):
        scan = self.scan(path)
        with self._writes(), quick_commits():
            self.import_authors(scan.authors)
            self.import_categories(scan.categories)
            self.import_tags(scan.tags)
            done = 0
            for record in parse(path):
                if isinstance(record, WxrItem):
                    self.import_item(record)
                    done += 1
                    self.progress(done, scan.items)
            self.link_pages()
        if connection.vendor == "postgresql" and not self.dry_run:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh statistics: the planner saw an empty site
        return self.report

    # First pass ---------------------------------------------------------------------------

    def scan(self, path):
        scan = Scan()
        self.media = MediaLibrary(self.media_dir, self.report, lambda wp_id: wp_id in scan.public)
        for record in parse(path):
            if isinstance(record, WxrAuthor):
                scan.authors.append(record)
            elif isinstance(record, WxrCategory):
                scan.categories.setdefault(record.slug, record)
            elif isinstance(record, WxrTag):
                scan.tags.setdefault(record.slug, record)
            elif isinstance(record, WxrItem):
                scan.items += 1
                if record.post_type == "attachment":
                    self.media.add(record)
                elif record.status in PUBLIC_STATUSES and not record.password:
                    scan.public.add(record.post_id)
        author_ids = {a.author_id: a.login for a in scan.authors if a.author_id}
        self.threads = Threads(
            self.report,
            keep_emails=self.keep_emails,
            staff_ids=set(author_ids),
            users={
                wp_id: self.author_map[login].pk
                for wp_id, login in author_ids.items()
                if login in self.author_map
            },
        )
        return scan

    @contextmanager
    def _writes(self):
        """Everything in one transaction that is rolled back on a dry run."""
        if not self.dry_run:
            yield
            return
        fields = [Image._meta.get_field("file"), Document._meta.get_field("file")]
        saved = [f.storage for f in fields]
        try:
            for f in fields:
                f.storage = DiscardingStorage()
            with transaction.atomic():
                yield
                transaction.set_rollback(True)
        finally:
            for f, storage in zip(fields, saved, strict=True):
                f.storage = storage

    # Posts and pages -------------------------------------------------------------------------

    def import_item(self, item):
        if item.post_type == "attachment":
            self.media.attachment(item.post_id)
            return
        if item.post_type not in ENTRY_TYPES:
            self.report.ignored[
                _("WordPress “%(type)s” items") % {"type": item.post_type or "-"}
            ] += 1
            return
        model, kind, label = ENTRY_TYPES[item.post_type]
        what = f"{item.post_type} {item.post_id} “{plain_text(item.title)[:60]}”"
        checkpoint = self.report.checkpoint()  # what this item counts is undone if it fails
        try:
            status = entry_status(item)
            if status is None:
                self._not_imported(item, kind, label)
                return
            converted = convert(
                item.content,
                media_url=self.media.url_for,
                attachments=_Gallery(self.media),
            )
            # Media and tags are made first, in their own transactions, so that a failure of
            # this item cannot roll back rows that later items will refer to.
            values = self._values(item, model, status, converted)
            for slug in values.get("tags", ()):
                self._tag(slug, "")
            with transaction.atomic():
                self._entry(item, model, kind, label, status, converted, values)
        except (DatabaseError, ValidationError, ValueError) as error:
            self.report.restore(checkpoint)
            self.report.count(label, "skipped")
            self.report.problem(what, reason_for(error))

    def _not_imported(self, item, kind, label):
        record = record_for(kind, str(item.post_id))
        obj = record.get_object() if record else None
        if item.status == "trash" and obj is not None and obj.status != Status.DRAFT:
            obj.status = Status.DRAFT  # trashed since the last import: take it down
            obj.save()
            Redirect.objects.filter(new_path=obj.get_absolute_url()).delete()
            self.report.count(label, "updated", "withdrawn (in the trash)")
            return
        self.report.ignored[
            _("%(kind)s with status “%(status)s”") % {"kind": label, "status": item.status or "-"}
        ] += 1

    def _entry(self, item, model, kind, label, status, converted, values):
        for name in converted.unknown_shortcodes:
            self.report.unknown_shortcodes[name] += 1
        print_ = fingerprint(values)
        record = record_for(kind, str(item.post_id))
        obj = record.get_object() if record else None
        shown = "scheduled" if item.status == "future" else status
        if record and obj is None:
            self.report.count(label, "skipped")
            self.report.problem(f"{label[:-1]} {item.post_id}", _("deleted here; not restored"))
            return
        if record and record.fingerprint == print_:
            self.report.count(label, "unchanged", shown)
        else:
            outcome = "updated" if obj else "created"
            obj = self._save(obj or model(), item, values)
            remember(record, kind, str(item.post_id), obj, print_)
            self.report.count(label, outcome, shown)
        if model is Page:
            self.page_parents.append((obj.pk, item.post_parent))
        if hasattr(obj, "comment_count"):
            self.threads.run(item, obj)
        elif any(c.comment_type not in ("pingback", "trackback") for c in item.comments):
            self.report.ignored[_("comments on items that cannot take comments")] += len(
                item.comments
            )
        if item.status in PUBLIC_STATUSES and status == Status.PUBLISHED:
            self._redirects(item, obj)

    def _values(self, item, model, status, converted):
        title = plain_text(item.title)
        values = {
            "title": title,
            "slug": item.slug,
            "body": converted.html,
            "status": status,
            "published_at": item.date_gmt,
            "allow_comments": item.comment_status == "open",
        }
        if model is Post:
            author = item.creator if item.creator in self.bylines else None
            values.update(
                excerpt=plain_text(item.excerpt),
                author=author,
                is_sticky=item.is_sticky,
                categories=sorted(item.categories),
                tags=sorted(item.tags),
                featured=self.media.image_pk(_number(item.postmeta.get("_thumbnail_id"))),
            )
        else:
            values.update(menu_order=item.menu_order, parent=item.post_parent)
        return values

    def _save(self, obj, item, values):
        old_url = obj.get_absolute_url() if obj.pk else None
        max_slug = obj._meta.get_field("slug").max_length
        wanted = slugify(unquote(values["slug"]) or values["title"], allow_unicode=True)
        wanted = _fit(wanted[:max_slug], obj).strip("-") or f"{item.post_type}-{item.post_id}"
        if isinstance(obj, Page) and wanted in RESERVED_PAGE_SLUGS:
            wanted += "-page"
        if obj.slug != wanted:
            obj.slug = self._free_slug(type(obj), wanted, max_slug, exclude=obj.pk)
        obj.title = values["title"][:200] or _title_from(obj.slug)
        obj.body = values["body"]
        obj.status = values["status"]
        obj.published_at = values["published_at"]
        obj.allow_comments = values["allow_comments"]
        if isinstance(obj, Post):
            self._post_fields(obj, values)
        else:
            obj.menu_order = max(0, min(values["menu_order"], 32767))
            if not obj.pk:
                obj.show_in_menu = False  # the old menus are not imported; editors choose
        obj.save()
        if isinstance(obj, Post):
            obj.categories.set(
                [self.categories[s] for s in values["categories"] if s in self.categories]
            )
            obj.tags.set([t for s in values["tags"] if (t := self._tag(s, ""))])
        # The "updated" date readers and feeds see is WordPress's, not the import's.
        changed = item.modified_gmt or item.date_gmt
        if changed:
            type(obj).objects.filter(pk=obj.pk).update(updated_at=changed)
        if old_url and old_url != obj.get_absolute_url():
            Redirect.objects.filter(new_path=old_url).update(new_path=obj.get_absolute_url())
        return obj

    def _post_fields(self, obj, values):
        byline = self.bylines.get(values["author"]) if values["author"] else None
        if byline is None:
            byline = self._network_byline()
            self.report.notes[
                _("posts by an author missing from the export (signed by the network)")
            ] += 1
        obj.byline = byline
        obj.created_by = byline.user
        obj.excerpt = values["excerpt"]
        obj.is_sticky = values["is_sticky"]
        obj.featured_image_id = values["featured"]

    def _redirects(self, item, obj):
        new = obj.get_absolute_url()
        if len(new) > Redirect._meta.get_field("new_path").max_length:
            # A long non-ASCII slug percent-encodes past the column; saving would fail the item.
            self.report.notes[_("old addresses not redirected (new address too long)")] += 1
            return
        olds = {f"/?p={item.post_id}"}
        if item.post_type == "page":
            olds.add(f"/?page_id={item.post_id}")
        parts = urlsplit(item.link)
        if parts.path or parts.query:
            path = escape_uri_path(unquote(parts.path or "/"))
            olds.add(path + (f"?{parts.query}" if parts.query else ""))
        limit = Redirect._meta.get_field("old_path").max_length
        olds = {old for old in olds if old != new and len(old) <= limit}
        found = {
            r.old_path: r
            for r in Redirect.objects.filter(site_id=settings.SITE_ID, old_path__in=olds)
        }
        for old in sorted(olds):
            redirect = found.get(old)
            if redirect is None:
                Redirect.objects.create(site_id=settings.SITE_ID, old_path=old, new_path=new)
                self.report.count("redirects", "created")
            elif redirect.new_path == new:
                self.report.count("redirects", "unchanged")
            else:
                redirect.new_path = new
                redirect.save(update_fields=["new_path"])
                self.report.count("redirects", "updated")

    def link_pages(self):
        """Page parents, once every page exists (a parent may come after its child)."""
        for pk, parent_wp in self.page_parents:
            record = record_for(Kind.PAGE, str(parent_wp)) if parent_wp else None
            parent = record.object_id if record else None
            if parent and _ancestors(parent, stop=pk):
                parent = None  # the export's parents form a loop: keep this page on top
            Page.objects.filter(pk=pk).exclude(parent_id=parent).update(parent_id=parent)


class _Gallery:
    """The mapping the content converter reads gallery images from."""

    def __init__(self, media):
        self.media = media

    def get(self, wp_id, default=None):
        return self.media.gallery(wp_id) or default


def _ancestors(pk, stop):
    """Whether `stop` is `pk` or one of its ancestors (setting it as a parent would loop)."""
    seen = set()
    while pk and pk not in seen:
        if pk == stop:
            return True
        seen.add(pk)
        pk = Page.objects.filter(pk=pk).values_list("parent_id", flat=True).first()
    return False


def _fit(slug, obj):
    """`slug`, shortened until the object's address fits a stored redirect once
    percent-encoded (a Cyrillic letter takes six characters there), with room for "-99"."""
    room = Redirect._meta.get_field("new_path").max_length - 3
    url = type(obj)(slug="x").get_absolute_url()
    room -= len(url) - 1
    while slug and len(escape_uri_path(slug)) > room:
        slug = slug[:-1]
    return slug


def _number(value):
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _title_from(slug):
    return unquote(slug).replace("-", " ").strip().capitalize() or "—"
