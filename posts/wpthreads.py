"""Comments of one WordPress item, imported with their threading for ``import_wordpress``."""

import html
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from comments import moderation
from comments.models import Comment, CommentStatus, target_field
from comments.text import to_html
from posts.models import ImportedItem
from posts.wpcommon import fingerprint

PINGS = ("pingback", "trackback")
STATUSES = {
    "1": CommentStatus.APPROVED,
    "0": CommentStatus.PENDING,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.REMOVED,
}
BREAKS = re.compile(r"<br\s*/?>|</p\s*>|</li\s*>|</blockquote\s*>", re.I)
FIELDS = ["name", "email", "url", "text", "status", "is_staff_reply", "user_id", "created_at"]


def comment_text(value):
    """Plain text from comment HTML: tags dropped, breaks kept, entities decoded."""
    text = BREAKS.sub("\n", (value or "").replace("\x00", ""))
    text = html.unescape(strip_tags(text)).replace("\r\n", "\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()


def web_url(value):
    """The commenter's website if it is a plain http(s) address, else nothing."""
    value = (value or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value if len(value) <= 300 else ""


def email(value):
    """The commenter's address if it is valid and fits the column (the validator allows 320
    characters, the field 254), else nothing."""
    try:
        EmailValidator()(value)
    except ValidationError:
        return ""
    return value if len(value) <= Comment._meta.get_field("email").max_length else ""


class Threads:
    """Imports the comments of one post or page, parents before replies."""

    def __init__(self, report, *, keep_emails, staff_ids, users):
        self.report = report
        self.keep_emails = keep_emails
        self.staff_ids = staff_ids  # WordPress user ids of the export's authors
        self.users = users  # WordPress user id -> local user id, from the author map

    def values(self, comment, fallback_date):
        staff = comment.user_id > 0 and (not self.staff_ids or comment.user_id in self.staff_ids)
        return {
            "name": " ".join((comment.author or "").split())[:80] or gettext("Anonymous"),
            "email": email(comment.email) if self.keep_emails else "",
            "url": web_url(comment.url),
            "text": comment_text(comment.content),
            "status": STATUSES.get(comment.approved, CommentStatus.REMOVED),
            "is_staff_reply": staff,
            "user_id": self.users.get(comment.user_id) if staff else None,
            "created_at": comment.date_gmt or fallback_date or timezone.now(),
        }

    def run(self, item, target):
        comments = [c for c in item.comments if c.comment_type not in PINGS]
        self.report.pings += len(item.comments) - len(comments)
        if not comments:
            return
        by_id = {c.comment_id: c for c in item.comments}
        records = {
            r.source_id: r
            for r in ImportedItem.objects.filter(
                kind=ImportedItem.Kind.COMMENT, source_id__in=[str(c.comment_id) for c in comments]
            )
        }
        known = {
            pk: (root, depth)
            for pk, root, depth in Comment.objects.filter(
                pk__in=[r.object_id for r in records.values()]
            ).values_list("pk", "root_id", "depth")
        }
        ours = {}  # WordPress comment id -> our comment pk
        layers = {}  # depth -> [(comment, values, print)] still to create
        for comment in comments:
            parent_wp = self._parent(comment, by_id)
            values = self.values(comment, item.date_gmt)
            print_ = fingerprint({**values, "parent": parent_wp})
            record = records.get(str(comment.comment_id))
            if record is None:
                layer = layers.setdefault(self._depth(comment, by_id), [])
                layer.append((comment, parent_wp, values, print_))
            elif record.object_id not in known:
                self.report.count("comments", "skipped")
                self.report.problem(
                    f"comment {comment.comment_id}", _("deleted here; not restored")
                )
            elif record.fingerprint == print_:
                ours[comment.comment_id] = record.object_id
                self.report.count("comments", "unchanged", values["status"])
            else:
                ours[comment.comment_id] = record.object_id
                Comment.objects.filter(pk=record.object_id).update(
                    **values, text_html=to_html(values["text"])
                )
                record.fingerprint = print_
                record.save(update_fields=["fingerprint", "imported_at"])
                self.report.count("comments", "updated", values["status"])
        for depth in sorted(layers):  # parents are created before their replies
            self._create(layers[depth], target, ours, known)
        moderation.recount(target)

    def _create(self, layer, target, ours, known):
        rows = []
        for _comment, parent_wp, values, _print in layer:
            row = Comment(**values, **{target_field(target): target})
            row.text_html = to_html(row.text)  # bulk_create does not call save()
            parent_pk = ours.get(parent_wp)
            if parent_pk is not None:
                root, depth = known[parent_pk]
                row.parent_id, row.root_id, row.depth = parent_pk, root or parent_pk, depth + 1
            rows.append(row)
        Comment.objects.bulk_create(rows, batch_size=500)
        content_type = ContentType.objects.get_for_model(Comment)
        records = []
        for row, (comment, _parent, values, print_) in zip(rows, layer, strict=True):
            known[row.pk] = (row.root_id, row.depth)
            ours[comment.comment_id] = row.pk
            self.report.count("comments", "created", values["status"])
            records.append(
                ImportedItem(
                    kind=ImportedItem.Kind.COMMENT,
                    source_id=str(comment.comment_id),
                    content_type=content_type,
                    object_id=row.pk,
                    fingerprint=print_,
                )
            )
        ImportedItem.objects.bulk_create(records, batch_size=500)

    @staticmethod
    def _parent(comment, by_id):
        """The nearest ancestor that is a real comment (pings are not imported), or 0."""
        seen = {comment.comment_id}
        parent = by_id.get(comment.parent_id)
        while parent is not None and parent.comment_type in PINGS:
            if parent.comment_id in seen:
                return 0
            seen.add(parent.comment_id)
            parent = by_id.get(parent.parent_id)
        if parent is None or parent.comment_id in seen:
            return 0
        return parent.comment_id

    @classmethod
    def _depth(cls, comment, by_id):
        """How far down its thread a comment sits; a loop in the file counts as the top."""
        depth, seen, current = 0, set(), comment
        while current.parent_id and current.parent_id in by_id and current.comment_id not in seen:
            seen.add(current.comment_id)
            current = by_id[current.parent_id]
            depth += 1
        return depth if current.comment_id not in seen else 0
