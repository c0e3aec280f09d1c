"""
Staff HTML: one allow-list sanitiser, applied whenever rich text is saved.

Whatever produced the HTML (the admin editor, a script, an import), only the
tags and attributes below survive. Images must come from this site: an
outside image would make every reader's browser contact another server.
"""

import html
import re
import unicodedata

import nh3
from django.utils.text import Truncator

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "code", "pre",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "hr", "a",
    "figure", "figcaption", "img",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

MORE = "<!--more-->"
# The marker as a comment, or typed as a paragraph of its own in the editor.
MORE_PATTERN = re.compile(
    r"<!--\s*more\s*-->|<p>\s*(?:&lt;!--\s*more\s*--&gt;|\[more\])\s*</p>", re.IGNORECASE
)
HEADING_END = re.compile(r"([^\s.!?:;…])(\s*</h[1-6]>)", re.IGNORECASE)
BLOCK_END = re.compile(
    r"(</(?:p|h[1-6]|li|blockquote|figcaption|tr|td|th|pre)>|<br\s*/?>|<figcaption\b[^>]*>)", re.I
)


def _local_images_only(element, attribute, value):
    # Only same-site image paths: "/media/…", never "//host/…" or "https://host/…".
    if (
        element == "img"
        and attribute == "src"
        and (not value.startswith("/") or value.startswith("//"))
    ):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_local_images_only,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


# Characters XML 1.0 cannot carry: one of them in a title or body would break every feed.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value):
    """`value` without the control characters that feeds (XML) cannot carry."""
    return NOT_XML.sub("", value or "")


def sanitize_html(value):
    """Return `value` reduced to the allow-list, keeping a "more" break if present."""
    parts = MORE_PATTERN.split(xml_safe(value), maxsplit=1)
    return MORE.join(_cleaner.clean(part).strip() for part in parts)


def split_more(value):
    """Return the HTML before the "more" break, or None when there is none."""
    if MORE in value:
        return value.split(MORE, 1)[0]
    return None


def html_to_text(value):
    """Plain text of an HTML fragment, with blocks separated by spaces."""
    # A heading runs into the next sentence in plain text unless it ends with a stop.
    stopped = HEADING_END.sub(r"\1.\2", value or "")
    spaced = BLOCK_END.sub(r"\1 ", stopped)
    text = html.unescape(nh3.clean(spaced, tags=set()))
    return re.sub(r"\s+", " ", text).strip()


def summarize(value, words=55):
    return Truncator(html_to_text(value)).words(words, truncate="…")


def is_blank(text):
    """Whether nothing in `text` would show on a page: only spaces, control and format
    characters (zero-width spaces and joiners, direction marks) or lone combining marks.
    Letters, digits, punctuation and symbols show."""
    return not any(unicodedata.category(char)[0] in "LNPS" for char in text)
