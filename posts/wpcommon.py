"""Small pieces shared by the WordPress importer's modules."""

import hashlib
import html
import json
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.html import strip_tags

from posts.models import ImportedItem


def fingerprint(values):
    """A stable hash of what the export said about one record."""
    encoded = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def plain_text(value):
    """Text from a WordPress field that may hold tags and entities (titles, names)."""
    return " ".join(html.unescape(strip_tags(value or "")).split())


def record_for(kind, source_id):
    return ImportedItem.objects.filter(kind=kind, source_id=source_id).first()


def remember(record, kind, source_id, obj, print_):
    """Create or refresh the record of where `source_id` went."""
    if record is None:
        record = ImportedItem(kind=kind, source_id=source_id)
    record.content_type = ContentType.objects.get_for_model(obj)
    record.object_id = obj.pk
    record.fingerprint = print_
    record.save()
    return record


@contextmanager
def quick_commits():
    """Each item commits on its own, and on PostgreSQL waiting for the disk at every one of
    them would make a big import take many minutes. If the server crashed mid-import, the last
    few items might be lost; running the import again brings them back (it is idempotent)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
