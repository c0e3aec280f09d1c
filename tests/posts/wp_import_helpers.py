"""Helpers shared by the import_wordpress tests: run the command, read its report, audit HTML."""

import io
import re
import shutil
import tempfile
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

from django.contrib.redirects.models import Redirect
from django.core.management import call_command
from taggit.models import Tag

from comments.models import Comment
from posts.models import Byline, Category, Document, Image, ImportedItem, Page, Post
from posts.wpreport import OUTCOMES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROW = re.compile(r"^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)(?:\s+\((.*)\))?$")
COUNTED_MODELS = (
    Post, Page, Comment, Image, Document, Redirect, ImportedItem, Category, Tag, Byline,
)  # fmt: skip


def run_import(export, *args):
    """Run the command on a fixture name or a path; return what it printed."""
    path = export if isinstance(export, Path) else FIXTURES / export
    out = io.StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write_temp(testcase, name, content):
    """A file in a fresh temporary folder that is removed after the test."""
    folder = Path(tempfile.mkdtemp(prefix="wp-import-test-"))
    testcase.addCleanup(shutil.rmtree, folder, ignore_errors=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@contextmanager
def network_forbidden():
    """Fail any attempt to resolve or connect; yields the list of attempts for checking."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("a test tried to use the network")

    with (
        mock.patch("socket.getaddrinfo", refuse),
        mock.patch("socket.create_connection", refuse),
        mock.patch("socket.socket.connect", refuse),
    ):
        yield attempts


def report_table(output):
    """The report's table as {kind: {"created": n, …, "statuses": {status: n}}}."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split() == list(OUTCOMES))
    table = {}
    for line in lines[start + 1 :]:
        match = ROW.match(line)
        if not match:
            break
        kind, *numbers, statuses = match.groups()
        row = dict(zip(OUTCOMES, map(int, numbers), strict=True))
        row["statuses"] = {
            name: int(n)
            for name, n in (s.rsplit(" ", 1) for s in (statuses or "").split(", ") if s)
        }
        table[kind] = row
    return table


def report_list(output, title):
    """The indented entries printed under `title: N` (empty when it says `title: none`)."""
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"{title}: "):
            entries = []
            for entry in lines[i + 1 :]:
                if not entry.startswith("  "):
                    break
                entries.append(entry.strip())
            return entries
    raise AssertionError(f"the report has no “{title}” section:\n{output}")


def row_counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


class HtmlAudit(HTMLParser):
    """Collects anything in a page that could run script: script elements that are not the
    site's own static files, embedded frames and objects, on* attributes, and URLs with an
    executable scheme in any attribute."""

    dangerous_tags = {"script", "iframe", "object", "embed", "frame", "frameset", "applet"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in self.dangerous_tags and not (
            tag == "script" and (attributes.get("src") or "").startswith("/static/")
        ):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            squeezed = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if "javascript:" in squeezed or "vbscript:" in squeezed:
                self.found.append(f"<{tag} {name}={value!r}>")
            if squeezed.startswith("data:") and name in {"href", "src", "action", "formaction"}:
                self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def script_risks(html):
    audit = HtmlAudit()
    audit.feed(html)
    audit.close()
    return audit.found
