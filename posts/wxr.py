"""Streaming reader for WordPress WXR export files.

The future ``import_wordpress`` command reads exports of any size from sites we do not
control, so this module streams through the file with flat memory, refuses DTDs and
entities (the file is untrusted XML) and returns plain frozen dataclasses without touching
the database, so it can be tested on its own.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# Matched as substrings so WXR 1.0/1.1/1.2 and http:// or https:// URIs all work.
WP_MARK = "wordpress.org/export/"
CONTENT_MARK = "purl.org/rss/1.0/modules/content"
DC_MARK = "purl.org/dc/elements/1.1"
NO_DATE = "0000-00-00 00:00:00"
TAG_DOMAINS = ("post_tag", "tag")  # WXR 1.0 wrote "tag" where later versions write "post_tag"


class WxrError(Exception):
    """The file cannot be read as a WordPress export: malformed, unsafe or not WXR."""


@dataclass(frozen=True)
class WxrAuthor:
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str
    author_id: int = 0  # WXR 1.1 and later


@dataclass(frozen=True)
class WxrCategory:
    term_id: int
    slug: str
    name: str
    parent_slug: str
    description: str


@dataclass(frozen=True)
class WxrTag:
    term_id: int
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class WxrComment:
    comment_id: int
    author: str
    email: str
    url: str
    ip: str
    date_gmt: dt.datetime | None
    content: str
    approved: str  # kept raw: "1", "0", "spam" or "trash"
    comment_type: str  # "" or "comment" for comments, "pingback", "trackback"
    parent_id: int
    user_id: int


@dataclass(frozen=True)
class WxrItem:
    post_id: int
    post_type: str
    status: str
    title: str
    link: str
    slug: str
    creator: str
    content: str
    excerpt: str
    date_gmt: dt.datetime | None
    post_parent: int
    menu_order: int
    is_sticky: bool
    password: str
    attachment_url: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    postmeta: dict[str, str]
    comments: tuple[WxrComment, ...]
    comment_status: str = "open"
    modified_gmt: dt.datetime | None = None


type WxrRecord = WxrAuthor | WxrCategory | WxrTag | WxrItem


def _space(uri):
    """Short name for a namespace URI, so lookups do not depend on the WXR version."""
    if WP_MARK in uri:
        return "excerpt" if uri.rstrip("/").endswith("/excerpt") else "wp"
    if CONTENT_MARK in uri:
        return "content"
    if DC_MARK in uri:
        return "dc"
    return uri


@lru_cache(maxsize=256)
def _name(tag):
    """Split an ElementTree tag like '{uri}local' into (space, local); a few tags recur."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        return _space(uri), local
    return "", tag


class _Fields:
    """Text of the first child per (space, local name): WXR fields are single-valued."""

    def __init__(self, elem):
        self.texts = {}
        for child in elem:
            self.texts.setdefault(_name(child.tag), child.text or "")

    def raw(self, local, space="wp"):
        """Unstripped text, for bodies where whitespace can matter (content, excerpt)."""
        return self.texts.get((space, local), "")

    def text(self, local, space="wp"):
        return self.raw(local, space).strip()

    def number(self, local, space="wp"):
        """An integer field; empty means 0 and anything else non-numeric is an error."""
        value = self.text(local, space)
        if not value:
            return 0
        try:
            return int(value)
        except ValueError:
            raise WxrError(f"<{local}> is not a number: {value!r}") from None

    def date(self, local):
        """An aware UTC datetime; WordPress writes zeros (or nothing) for 'no date yet'."""
        value = self.text(local)
        if not value or value == NO_DATE:
            return None
        try:
            parsed = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise WxrError(f"<{local}> is not a date: {value!r}") from None
        return parsed.replace(tzinfo=dt.UTC)


def _author(elem):
    f = _Fields(elem)
    return WxrAuthor(
        login=f.text("author_login"),
        email=f.text("author_email"),
        display_name=f.text("author_display_name"),
        first_name=f.text("author_first_name"),
        last_name=f.text("author_last_name"),
        author_id=f.number("author_id"),
    )


def _category(elem):
    f = _Fields(elem)
    return WxrCategory(
        term_id=f.number("term_id"),
        slug=f.text("category_nicename"),
        name=f.text("cat_name"),
        parent_slug=f.text("category_parent"),
        description=f.text("category_description"),
    )


def _tag(elem):
    f = _Fields(elem)
    return WxrTag(
        term_id=f.number("term_id"),
        slug=f.text("tag_slug"),
        name=f.text("tag_name"),
        description=f.text("tag_description"),
    )


def _comment(elem):
    f = _Fields(elem)
    return WxrComment(
        comment_id=f.number("comment_id"),
        author=f.text("comment_author"),
        email=f.text("comment_author_email"),
        url=f.text("comment_author_url"),
        ip=f.text("comment_author_IP"),
        date_gmt=f.date("comment_date_gmt"),
        content=f.raw("comment_content"),
        approved=f.text("comment_approved"),
        comment_type=f.text("comment_type"),
        parent_id=f.number("comment_parent"),
        user_id=f.number("comment_user_id"),
    )


def _item(elem):
    f = _Fields(elem)
    categories, tags, postmeta, comments = [], [], {}, []
    for child in elem:
        space, local = _name(child.tag)
        if (space, local) == ("", "category"):
            # WXR 1.0 also repeats each term without nicename; the slug is what we need.
            slug = (child.get("nicename") or "").strip()
            domain = child.get("domain")
            if slug and domain == "category" and slug not in categories:
                categories.append(slug)
            elif slug and domain in TAG_DOMAINS and slug not in tags:
                tags.append(slug)
        elif (space, local) == ("wp", "postmeta"):
            meta = _Fields(child)
            postmeta[meta.text("meta_key")] = meta.raw("meta_value")  # a repeated key: last wins
        elif (space, local) == ("wp", "comment"):
            comments.append(_comment(child))
    return WxrItem(
        post_id=f.number("post_id"),
        post_type=f.text("post_type"),
        status=f.text("status"),
        title=f.text("title", space=""),
        link=f.text("link", space=""),
        slug=unquote(f.text("post_name")),
        creator=f.text("creator", space="dc"),
        content=f.raw("encoded", space="content"),
        excerpt=f.raw("encoded", space="excerpt"),
        date_gmt=f.date("post_date_gmt"),
        post_parent=f.number("post_parent"),
        menu_order=f.number("menu_order"),
        is_sticky=f.text("is_sticky") == "1",
        password=f.text("post_password"),
        attachment_url=f.text("attachment_url"),
        categories=tuple(categories),
        tags=tuple(tags),
        postmeta=postmeta,
        comments=tuple(comments),
        comment_status=f.text("comment_status") or "open",
        modified_gmt=f.date("post_modified_gmt"),
    )


BUILDERS = {
    ("wp", "author"): _author,
    ("wp", "category"): _category,
    ("wp", "tag"): _tag,
    ("", "item"): _item,
}


def parse(path_or_file) -> Iterator[WxrRecord]:
    """Yield authors, categories and tags as they appear, then one WxrItem per <item>.

    Each finished child of <channel> is dropped from the tree once read, so memory stays
    flat however many items the file holds.
    """
    depth = 0
    channel = None
    namespaces = set()
    try:
        events = iterparse(path_or_file, events=("start-ns", "start", "end"), forbid_dtd=True)
        for event, payload in events:
            if event == "start-ns":
                namespaces.add(payload[1])
                continue
            elem = payload
            if event == "start":
                depth += 1
                if depth == 1 and _name(elem.tag) != ("", "rss"):
                    raise WxrError(f"not a WordPress export: the root element is <{elem.tag}>")
                if depth == 2 and _name(elem.tag) == ("", "channel"):
                    if not any(WP_MARK in uri for uri in namespaces):
                        raise WxrError("not a WordPress export: no wordpress.org/export namespace")
                    channel = elem
                continue
            depth -= 1
            if depth == 1:
                channel = None
            if depth != 2 or channel is None:
                continue
            build = BUILDERS.get(_name(elem.tag))
            record = build(elem) if build else None
            elem.clear()
            if len(channel) and channel[-1] is elem:
                del channel[-1]
            if record is not None:
                yield record
    except ParseError as err:
        line, column = err.position
        reason = str(err).rsplit(": line ", 1)[0]  # expat repeats the position; keep it once
        raise WxrError(f"malformed XML at line {line}, column {column}: {reason}") from err
    except DefusedXmlException as err:
        raise WxrError(
            "refused: the file contains a DTD or entity declarations, which WordPress "
            f"exports never need and which can read local files or exhaust memory ({err!r})"
        ) from err
