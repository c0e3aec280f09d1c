"""Feed checks: well-formed XML, and the elements RSS 2.0 and Atom (RFC 4287) require.

Beyond the bare specifications, the rules feed validators apply: RSS dates in RFC 822 form,
an atom:link rel="self" in every feed, unique ids, and an author and updated date on every
Atom entry. Each check returns a list of messages; an empty list means the feed is clean.
"""

import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)


def check(body, url=None):
    """(kind, entries, errors) for a feed document: kind is "rss", "atom" or None.

    With `url`, the address it was fetched from, its links must also stay on that origin and
    its self link must name that address.
    """
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        return None, 0, [f"not well-formed XML: {error}"]
    own = check_links(root, url) if url else []
    if root.tag == "rss":
        return "rss", len(root.findall("channel/item")), check_rss(root) + own
    if root.tag == f"{ATOM}feed":
        return "atom", len(root.findall(f"{ATOM}entry")), check_atom(root) + own
    return None, 0, [f"neither RSS nor Atom: root element <{root.tag}>"]


def _origin(url):
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def check_links(root, url):
    """Every link on the feed's own origin, and the self link naming the feed's address."""
    links = [element.text for element in root.iter("link") if element.text]
    links += [element.get("href") for element in root.iter() if element.get("href")]
    errors = [
        f"link {link!r} is on another site" for link in links if _origin(link) != _origin(url)
    ]
    selves = [element for element in root.iter() if element.get("rel") == "self"]
    errors += [
        f"self link {element.get('href')!r} is not the feed's address {url!r}"
        for element in selves
        if element.get("href") != url
    ]
    return errors


def _text(element, path, namespaces=None):
    found = element.find(path, namespaces)
    return None if found is None else (found.text or "").strip()


def _absolute(url):
    parts = urlsplit(url or "")
    return bool(parts.scheme and (parts.netloc or parts.scheme in {"tag", "urn"}))


def _rfc822(value, where):
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return [f"{where}: {value!r} is not an RFC 822 date"]
    if moment.tzinfo is None:
        return [f"{where}: {value!r} has no time zone"]
    return []


def check_rss(root):
    errors = []
    if root.get("version") != "2.0":
        errors.append(f'<rss version="{root.get("version")}">, expected "2.0"')
    channels = root.findall("channel")
    if len(channels) != 1:
        return [*errors, f"{len(channels)} <channel> elements, expected 1"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        if _text(channel, name) is None:
            errors.append(f"channel: no <{name}>")
    if not _absolute(_text(channel, "link")):
        errors.append("channel: <link> is not an absolute URL")
    selves = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selves) != 1 or not _absolute(selves[0].get("href")):
        errors.append('channel: no atom:link rel="self" with an absolute href')
    for name in ("pubDate", "lastBuildDate"):
        if _text(channel, name) is not None:
            errors += _rfc822(_text(channel, name), f"channel <{name}>")
    guids = set()
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number}"
        if not _text(item, "title") and not _text(item, "description"):
            errors.append(f"{where}: neither <title> nor <description>")
        if _text(item, "link") is not None and not _absolute(_text(item, "link")):
            errors.append(f"{where}: <link> is not an absolute URL")
        guid = item.find("guid")
        if guid is None:
            errors.append(f"{where}: no <guid>")
        else:
            if guid.get("isPermaLink", "true") == "true" and not _absolute(guid.text):
                errors.append(f"{where}: permalink <guid> is not an absolute URL")
            if guid.text in guids:
                errors.append(f"{where}: <guid> {guid.text!r} repeats an earlier item's")
            guids.add(guid.text)
        if _text(item, "pubDate") is None:
            errors.append(f"{where}: no <pubDate>")
        else:
            errors += _rfc822(_text(item, "pubDate"), f"{where} <pubDate>")
        for enclosure in item.findall("enclosure"):
            for name in ("url", "length", "type"):
                if not enclosure.get(name):
                    errors.append(f"{where}: <enclosure> without {name}")
    return errors


def _check_common(element, where):
    """The rules a feed and an entry share: one id, title and updated, and their forms."""
    errors = []
    for name in ("id", "title", "updated"):
        count = len(element.findall(f"{ATOM}{name}"))
        if count != 1:
            errors.append(f"{where}: {count} <{name}> elements, expected 1")
    identifier = _text(element, f"{ATOM}id")
    if identifier is not None and not _absolute(identifier):
        errors.append(f"{where}: <id> {identifier!r} is not an absolute IRI")
    updated = _text(element, f"{ATOM}updated")
    if updated is not None and not RFC3339.match(updated):
        errors.append(f"{where}: <updated> {updated!r} is not an RFC 3339 date")
    for author in element.findall(f"{ATOM}author"):
        if not _text(author, f"{ATOM}name"):
            errors.append(f"{where}: <author> without <name>")
    for link in element.findall(f"{ATOM}link"):
        if not link.get("href"):
            errors.append(f"{where}: <link> without href")
    return errors


def check_atom(root):
    errors = _check_common(root, "feed")
    selves = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    if len(selves) != 1 or not _absolute(selves[0].get("href")):
        errors.append('feed: no <link rel="self"> with an absolute href')
    ids = set()
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        errors += _check_common(entry, where)
        if entry.find(f"{ATOM}author") is None:
            errors.append(f"{where}: no <author>")
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{ATOM}content") is None and not alternates:
            errors.append(f'{where}: neither <content> nor <link rel="alternate">')
        identifier = _text(entry, f"{ATOM}id")
        if identifier in ids:
            errors.append(f"{where}: <id> {identifier!r} repeats an earlier entry's")
        ids.add(identifier)
    return errors


def check_response(status, content_type, body, url=None):
    """check() of a fetched feed, plus its HTTP status and media type."""
    kind, entries, errors = check(body, url)
    if status != 200:
        errors.insert(0, f"HTTP status {status}")
    if "xml" not in (content_type or ""):
        errors.insert(0, f"Content-Type {content_type!r} is not an XML type")
    return kind, entries, errors
