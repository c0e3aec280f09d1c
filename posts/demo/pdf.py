"""
A very small PDF writer, enough for a one- or two-page text leaflet.

Only the standard library: the objects, the cross-reference table and the
trailer are written by hand. Text uses the standard Type1 fonts Helvetica and
Helvetica-Bold with WinAnsiEncoding, so it covers Western European languages
(English, Spanish, French, Portuguese…) but not Cyrillic, which would need an
embedded font.

    make_pdf("Title", [("h", "Heading"), ("p", "A paragraph."), ("li", "An item.")])
"""

import re
import zlib

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_Y = 40

# Advance widths of Helvetica for the characters 32-126, in 1/1000 of the font size.
_ASCII_WIDTHS = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip
WIDTHS = {chr(32 + index): width for index, width in enumerate(_ASCII_WIDTHS)}
BOLD_FACTOR = 1.08  # Helvetica-Bold is a little wider; wrapping errs on the safe side.

# Block kind -> (font resource, size, leading, space before, indent)
STYLES = {
    "title": ("F2", 20, 25, 0, 0),
    "h": ("F2", 13, 17, 14, 0),
    "p": ("F1", 10.5, 15, 7, 0),
    "li": ("F1", 10.5, 15, 4, 16),
    "small": ("F1", 8.5, 12, 12, 0),
}


def text_width(text, size, bold=False):
    """Width of `text` in points; characters outside ASCII count as a wide letter."""
    units = sum(WIDTHS.get(char, 600) for char in text)
    return units * size / 1000 * (BOLD_FACTOR if bold else 1)


def wrap(text, size, width, bold=False):
    """Break `text` into lines no wider than `width` points."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines or [""]


def pdf_string(text):
    """A literal string in WinAnsiEncoding, with the delimiters escaped."""
    data = text.encode("cp1252", errors="replace")
    for char in (b"\\", b"(", b")"):
        data = data.replace(char, b"\\" + char)
    return b"(" + data + b")"


def text_string(text):
    """A PDF text string (for the document information) in UTF-16 with a byte-order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def layout(title, blocks):
    """Place the text on pages; return a list of pages, each a list of (font, size, x, y, text)."""
    pages, page, y = [], [], PAGE_HEIGHT - MARGIN
    for kind, text in [("title", title), *blocks]:
        font, size, leading, before, indent = STYLES[kind]
        marker = "\u2022"
        if kind == "li" and re.match(r"\d+\. ", text):  # "1. Step": the number is the marker
            marker, text = text.split(" ", 1)
        lines = wrap(text, size, TEXT_WIDTH - indent, bold=font == "F2")
        if kind in ("title", "h"):  # keep a heading with the first lines after it
            needed = before + leading * len(lines) + 3 * STYLES["p"][2]
        else:  # no single line of a paragraph alone at the foot of a page
            needed = before + leading * min(len(lines), 2)
        if page and y - needed < MARGIN:
            pages.append(page)
            page, y = [], PAGE_HEIGHT - MARGIN
        elif page:
            y -= before
        for number, line in enumerate(lines):
            if y - leading < MARGIN:
                pages.append(page)
                page, y = [], PAGE_HEIGHT - MARGIN
            y -= leading
            if kind == "li" and number == 0:
                page.append((font, size, MARGIN, y, marker))
            page.append((font, size, MARGIN + indent, y, line))
    pages.append(page)
    return pages


def content_stream(lines, footer):
    commands = []
    for font, size, x, y, text in [*lines, ("F1", 8, MARGIN, FOOTER_Y, footer)]:
        commands.append(
            b"BT /%s %g Tf %g %g Td %s Tj ET"
            % (font.encode(), size, round(x, 2), round(y, 2), pdf_string(text))
        )
    return zlib.compress(b"\n".join(commands))


def make_pdf(title, blocks, author="", language="en", footer=""):
    """Return the bytes of a PDF showing `title` and `blocks`, (kind, text) pairs."""
    pages = layout(title, blocks)
    # Object numbers: 1 catalog, 2 page tree, 3-4 fonts, 5 information, then page and content.
    first_page = 6
    page_ids = [first_page + 2 * index for index in range(len(pages))]
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /Lang %s >>" % pdf_string(language),
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % pk for pk in page_ids), len(pages)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding >>",
        5: b"<< /Title %s /Author %s /Producer %s >>"
        % (text_string(title), text_string(author), text_string("INPUD demo (posts.demo.pdf)")),
    }
    for number, (page_id, lines) in enumerate(zip(page_ids, pages, strict=True), start=1):
        page_footer = f"{footer}    {number} / {len(pages)}".strip()
        stream = content_stream(lines, page_footer)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, page_id + 1)
        )
        header = b"<< /Length %d /Filter /FlateDecode >>" % len(stream)
        objects[page_id + 1] = header + b"\nstream\n" + stream + b"\nendstream"

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for pk in sorted(objects):
        offsets[pk] = len(output)
        output += b"%d 0 obj\n%s\nendobj\n" % (pk, objects[pk])
    xref_at = len(output)
    size = max(objects) + 1
    output += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for pk in range(1, size):
        output += b"%010d 00000 n \n" % offsets[pk]
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % size
    output += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(output)
