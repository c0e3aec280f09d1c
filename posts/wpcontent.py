"""Turn the HTML of a WordPress post (untrusted, from a WXR export) into the HTML we store.

WordPress stores posts half-rendered: paragraphs are implied by blank lines, and
shortcodes and oEmbed URLs are expanded only when a page is shown. This module does that
expansion once, at import time, without the database: captions become figures,
galleries become lists (from an `attachments` mapping the importer supplies), and media
players or embeds become plain click-to-load links, so no reader's browser contacts
another site until the reader chooses to. Everything ends in `sanitize_html`.
"""

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from inpud_site.html import MORE, sanitize_html

EMBED_HOSTS = (
    "youtube.com", "youtu.be", "vimeo.com", "soundcloud.com", "dailymotion.com",
    "twitter.com", "x.com", "facebook.com", "instagram.com",
)  # fmt: skip
AUDIO_HOSTS = ("soundcloud.com",)
VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")
AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac")
ENCLOSING = {"caption", "wp_caption", "embed", "video", "audio"}
KNOWN = ENCLOSING | {"gallery"}
BLOCKS = (
    "p|div|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|pre|table|thead|tbody|tfoot|tr|td|th|caption"
    "|figure|figcaption|hr|section|article|aside|header|footer|nav|main|address|details"
    "|summary|form|fieldset|legend"
)
# Blocks whose text stays inline when it is one paragraph (WordPress wraps none of them).
INLINE_OK = {"div", "li", "dt", "dd", "td", "th", "figure", "figcaption", "section", "article",
             "aside", "header", "footer", "nav", "main", "details", "form", "fieldset"}  # fmt: skip
NO_P_INSIDE = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "summary", "legend", "address"}

HOLD = "\x00{}\x00"  # placeholder for text kept out of the rewriting; NULs are stripped first
HELD = re.compile(r"\x00(\d+)\x00")
RAW = re.compile(r"<(pre|script|style|textarea)\b.*?</\1\s*>", re.I | re.S)
MORE_RE = re.compile(r"<!--\s*more\b.*?-->", re.I | re.S)
DROP_COMMENT = re.compile(r"<!--\s*(?:nextpage|/?wp:).*?-->", re.I | re.S)
SHORTCODE = re.compile(r"\[(\[?)([A-Za-z][\w-]*)((?:\s[^\[\]]*?)?)\s*(/?)\](\]?)")
SC_ATTR = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))|"([^"]*)"|'([^']*)'|(\S+)"""
)
TAG_ATTR = re.compile(r"""([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
LINKED_IMG = re.compile(r"(?:<a\b([^>]*)>\s*)?<img\b([^>]*)>(?:(?(1)\s*</a\s*>))", re.I)
LINK = re.compile(r"<a\b([^>]*)>", re.I)
LEAD_IMG = re.compile(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a\s*>)?)(.*)", re.I | re.S)
BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"']+)[ \t]*$", re.M)
BLOCK_TAG = re.compile(rf"(</?(?:{BLOCKS})\b[^>]*>|\x00\d+\x00)", re.I)
TAG_NAME = re.compile(r"</?([a-z0-9]+)", re.I)
ANY_TAG = re.compile(r"(<[^>]*>)")
EMPTY_P = re.compile(r"<p>(?:\s|<br>)*</p>")


@dataclass(frozen=True)
class Converted:
    html: str
    unknown_shortcodes: tuple[str, ...]
    media: tuple[str, ...]
    excerpt_break: bool
    missing_attachments: tuple[int, ...] = ()
    galleries_without_ids: int = 0  # [gallery] meaning "all attached images": not resolvable


def _attr(**values):
    return "".join(f' {k}="{html.escape(v)}"' for k, v in values.items() if v is not None)


def _tag_attrs(text):
    """Attributes of an HTML start tag as {lowercase name: unescaped value}."""
    found = {}
    for m in TAG_ATTR.finditer(text or ""):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        found.setdefault(m.group(1).lower(), html.unescape(value).strip())
    return found


def _shortcode_attrs(text):
    """Shortcode attributes: named ones by name, positional ones under 0, 1, …"""
    found, position = {}, 0
    for m in SC_ATTR.finditer(text or ""):
        if m.group(1):
            found[m.group(1).lower()] = next((g for g in m.groups()[1:4] if g is not None), "")
        else:
            found[position] = next(g for g in m.groups()[4:] if g is not None)
            position += 1
    return found


def _web_url(url):
    """`url` as an absolute http(s) URL, or None: nothing else may become a link."""
    url = html.unescape(url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


def _host(url):
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _is_upload(url):
    parts = urlsplit(url)
    return "/wp-content/uploads/" in parts.path or (parts.hostname or "").endswith(
        ".files.wordpress.com"
    )


def _file_name(url):
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or url


class _Converter:
    def __init__(self, media_url, attachments):
        self.media_url = media_url
        self.attachments = attachments or {}
        self.held, self.unknown, self.media, self.missing = [], set(), {}, []
        self.idless = 0
        self.rewritten = {}

    def hold(self, text):
        self.held.append(text)
        return HOLD.format(len(self.held) - 1)

    def rewrite(self, url):
        """Our URL for an uploaded file (recorded for copying), or None if unavailable."""
        self.media.setdefault(url, None)
        if url not in self.rewritten:
            self.rewritten[url] = self.media_url(url) if self.media_url else None
        return self.rewritten[url]

    # Shortcodes -------------------------------------------------------------------------

    def shortcodes(self, text):
        out, pos = [], 0
        while m := SHORTCODE.search(text, pos):
            out.append(text[pos : m.start()])
            pos = m.end()
            escaped, name, attrs, closed = m.group(1), m.group(2), m.group(3), m.group(4)
            if escaped and m.group(5):  # [[name]] is how WordPress writes a literal [name]
                out.append(m.group(0)[1:-1])
                continue
            if escaped:  # "[[x]": the first bracket is plain text
                out.append("[")
            key = name.lower()
            if key not in KNOWN:
                if not attrs.strip() or "=" in attrs or closed:
                    self.unknown.add(name)
                out.append(m.group(0)[1 if escaped else 0 : len(m.group(0)) - len(m.group(5))])
                out.append(m.group(5))
                continue
            content = ""
            if key in ENCLOSING and not closed:
                close = re.compile(rf"\[/{re.escape(name)}\]", re.I).search(text, pos)
                if close:
                    content, pos = text[pos : close.start()], close.end()
            out.append(self.render(key, _shortcode_attrs(attrs), content) + m.group(5))
        out.append(text[pos:])
        return "".join(out)

    def render(self, key, attrs, content):
        if key in ("caption", "wp_caption"):
            lead = LEAD_IMG.match(content)
            if not lead:
                return content
            caption = attrs.get("caption") or lead.group(2).strip()
            figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
            return f"\n\n<figure>{lead.group(1)}{figcaption}</figure>\n\n"
        if key == "gallery":
            return self.gallery(attrs)
        if key == "embed":
            return self.embed(content or attrs.get(0, ""), "video")
        keys = AUDIO_KEYS if key == "audio" else VIDEO_KEYS
        url = next((attrs[k] for k in (*keys, 0) if attrs.get(k)), "")
        return self.embed(url, key)

    def gallery(self, attrs):
        """A list of the gallery's known images; unknown ids are reported, not shown."""
        ids = attrs.get("ids") or attrs.get("include") or ""
        if not ids.strip():
            self.idless += 1
            return ""
        items = []
        for part in re.split(r"[\s,]+", ids.strip()):
            if not part.isdigit():
                continue
            found = self.attachments.get(int(part))
            if found is None:
                self.missing.append(int(part))
                continue
            url, alt = found
            items.append(f"<li><figure><img{_attr(src=url, alt=alt or '')}></figure></li>")
        return f'\n\n<ul class="gallery">{"".join(items)}</ul>\n\n' if items else ""

    def embed(self, url, kind):
        """A link the reader must click, never a player: nothing loads on its own."""
        url = _web_url(url)
        if not url:
            return ""
        host = _host(url)
        local = self.rewrite(url) if _is_upload(url) else None
        if local:
            url, text = local, _file_name(url)
        elif kind == "audio" or host in AUDIO_HOSTS:
            text = _("Listen on %(host)s") % {"host": host}
        else:
            text = _("Watch on %(host)s") % {"host": host}
        link = f"<a{_attr(href=url, rel='nofollow noopener')}>{html.escape(text)}</a>"
        return f'\n\n<p class="embed">{link}</p>\n\n'

    def bare_url(self, m):
        url = _web_url(m.group(1))
        host = _host(url) if url else ""
        if any(host == h or host.endswith("." + h) for h in EMBED_HOSTS):
            return self.embed(url, "video")
        return m.group(0)

    # Images and links -------------------------------------------------------------------

    def image(self, m):
        """Our copy of an image, or a link to the original when we have no copy."""
        link = _tag_attrs(m.group(1)) if m.group(1) is not None else None
        img = _tag_attrs(m.group(2))
        href = self.link_href(link.get("href", "")) if link is not None else None
        raw, alt = img.get("src", ""), img.get("alt", "")
        # Root-relative paths are the old site's: the importer's media_url may resolve them.
        src = _web_url(raw) or (raw if raw.startswith("/") else None)
        local = self.rewrite(src) if src else None
        if local:
            size = {"width": img.get("width"), "height": img.get("height")}
            tag = f"<img{_attr(src=local, alt=alt, **size)}>"
            return f"<a{_attr(href=href)}>{tag}</a>" if href else tag
        target = href or (src if src and _web_url(src) else None)
        text = html.escape(alt or (_file_name(target) if target else ""))
        return f"<a{_attr(href=target)}>{text}</a>" if target else text

    def link_href(self, href):
        url = _web_url(href)
        if url and _is_upload(url):
            return self.rewrite(url) or url
        return href or None

    def link(self, m):
        """A link to an uploaded file points at our copy when there is one."""
        attrs = _tag_attrs(m.group(1))
        url = _web_url(attrs.get("href", ""))
        if not url or not _is_upload(url):
            return m.group(0)
        return f"<a{_attr(href=self.link_href(url), title=attrs.get('title'))}>"


def _paragraphs(text):
    """WordPress-style autop: blank lines make paragraphs, single newlines make <br>."""
    out, stack = [], []
    for piece in BLOCK_TAG.split(text):
        if BLOCK_TAG.fullmatch(piece):
            name = (TAG_NAME.match(piece) or [None, ""])[1].lower()
            if piece.startswith("</") and name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            elif not piece.startswith("</") and name not in ("", "hr"):
                stack.append(name)
            ends = (piece.startswith("</") or name == "hr") and not stack
            out.append(piece + "\n" if ends else piece)
            continue
        paras = [
            "".join(s if s.startswith("<") else s.replace("\n", "<br>\n") for s in ANY_TAG.split(p))
            for p in (p.strip() for p in re.split(r"\n[ \t]*\n", piece))
            if p
        ]
        inner = stack[-1] if stack else ""
        if inner in NO_P_INSIDE:
            out.append("<br>\n".join(paras))
        elif inner in INLINE_OK and len(paras) == 1:
            out.append(paras[0])
        else:
            out.extend(f"<p>{p}</p>" + ("" if stack else "\n") for p in paras)
    return "".join(out)


def convert(
    content: str,
    *,
    media_url: Callable[[str], str | None] | None = None,
    attachments: Mapping[int, tuple[str, str]] | None = None,
) -> Converted:
    """Convert one post's WordPress HTML; `attachments` maps ids to (url, alt) for galleries."""
    conv = _Converter(media_url, attachments)
    text = (content or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = RAW.sub(lambda m: "\n\n" + conv.hold(m.group(0)) + "\n\n", text)
    excerpt_break = bool(MORE_RE.search(text))
    text = MORE_RE.sub(lambda m: "\n\n" + conv.hold(MORE) + "\n\n", text)
    text = DROP_COMMENT.sub("\n\n", text)
    text = conv.shortcodes(text)
    text = BARE_URL.sub(conv.bare_url, text)
    text = LINKED_IMG.sub(conv.image, text)
    text = LINK.sub(conv.link, text)
    text = _paragraphs(text)
    text = HELD.sub(lambda m: conv.held[int(m.group(1))], text)
    cleaned = EMPTY_P.sub("", sanitize_html(text)).strip()
    return Converted(
        html=cleaned,
        unknown_shortcodes=tuple(sorted(conv.unknown)),
        media=tuple(conv.media),
        excerpt_break=excerpt_break,
        missing_attachments=tuple(dict.fromkeys(conv.missing)),
        galleries_without_ids=conv.idless,
    )
