"""Reading pages as a browser would: HTML parsed into a tree, text as it is shown."""

import time
from html.parser import HTMLParser
from xml.etree import ElementTree

from django.core import signing

from inpud_site.abuse import SIGNING_SALT

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class _TreeParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.builder = ElementTree.TreeBuilder()
        self.builder.start("document", {})
        self.open = ["document"]

    def handle_starttag(self, tag, attrs):
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        if tag in VOID:
            self.builder.end(tag)
        else:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.builder.start(tag, {name: value or "" for name, value in attrs})
        self.builder.end(tag)

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.open:
            return
        while self.open:
            name = self.open.pop()
            self.builder.end(name)
            if name == tag:
                break

    def handle_data(self, data):
        self.builder.data(data)


def parse_html(content):
    """The page as an ElementTree element, for ElementTree's XPath subset."""
    parser = _TreeParser()
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    parser.close()
    while len(parser.open) > 1:
        parser.builder.end(parser.open.pop())
    parser.builder.end("document")
    return parser.builder.close()


def text(element):
    """The element's text with whitespace collapsed, as a reader sees it."""
    return " ".join("".join(element.itertext()).split())


def by_id(tree, element_id):
    found = tree.find(f".//*[@id='{element_id}']")
    assert found is not None, f"no element with id {element_id!r}"
    return found


def visible_text(content):
    """All text of the page outside <script>, <style> and <template>."""
    return text(parse_html(content))


def started(seconds_ago=30):
    """A form timestamp as the server signs it, from `seconds_ago`."""
    return signing.dumps(time.time() - seconds_ago, salt=SIGNING_SALT)


def pledge_data(**overrides):
    data = {
        "name": "Sasha",
        "email": "sasha@example.org",
        "city": "Vilnius",
        "organisation": "",
        "message": "I can bring five people.",
        "wants_to_organise": "on",
        "consent": "on",
        "started": started(),
        "homepage_url": "",
    }
    return data | overrides
