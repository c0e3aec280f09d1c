"""
Is a page DOM-safe? Parse it as a browser would (html5lib implements the WHATWG
parsing algorithm) and compare it with the same page rendered from harmless data.

A page is safe when nothing in it could come from a visitor's text as markup: no
element or attribute the harmless page does not have, no event-handler attribute,
no script-capable URL, and exactly as many <script> (and other active) elements as
the template itself writes.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

import html5lib

# Attributes a browser follows or loads as a URL.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "poster", "data", "cite", "background",
    "ping", "codebase", "manifest", "longdesc", "lowsrc", "dynsrc", "srcset", "xlink:href",
}  # fmt: skip
# URL schemes that run code or carry a whole document.
ACTIVE_SCHEMES = {"javascript", "vbscript", "data", "livescript", "mocha"}
# Elements that can run code, load something, change the page's base or submit data:
# a page must have exactly as many of each as its template writes.
ACTIVE_ELEMENTS = {
    "script", "style", "link", "meta", "base", "iframe", "frame", "frameset", "object",
    "embed", "applet", "form", "input", "textarea", "button", "select", "svg", "math",
    "title", "template", "noscript", "video", "audio", "source", "portal", "marquee",
}  # fmt: skip
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def _local(name):
    """`{namespace}name` (SVG, MathML, XLink) to `name`, `xlink:name` for XLink."""
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return f"xlink:{local}" if namespace.endswith("/xlink") else local
    return name


def url_scheme(value):
    """The scheme a browser would see in an attribute's URL, lower-cased, or ''."""
    cleaned = value.strip(C0_AND_SPACE)
    cleaned = re.sub(r"[\t\n\r]", "", cleaned).lower()
    match = SCHEME.match(cleaned)
    return match.group(1) if match else ""


@dataclass
class Shape:
    """What a parsed page is made of, as far as safety goes."""

    tags: Counter = field(default_factory=Counter)
    attributes: set = field(default_factory=set)
    problems: list = field(default_factory=list)

    def __or__(self, other):
        return Shape(self.tags | other.tags, self.attributes | other.attributes, [])


def _check_attribute(tag, name, value):
    if name.startswith("on"):
        return f"event handler <{tag} {name}={value[:60]!r}>"
    if name == "srcdoc":
        return f"<{tag} srcdoc>"
    if name in URL_ATTRIBUTES:
        candidates = [part.strip().split(" ")[0] for part in value.split(",")]
        if name != "srcset":
            candidates = [value]
        for url in candidates:
            if url_scheme(url) in ACTIVE_SCHEMES:
                return f"active URL <{tag} {name}={value[:60]!r}>"
    if name == "style":
        squeezed = re.sub(r"[\s\\]", "", value).lower()
        if "javascript:" in squeezed or "expression(" in squeezed:
            return f"script in style <{tag} style={value[:60]!r}>"
    if tag == "meta" and name == "content" and "url=" in value.lower():
        target = value.lower().split("url=", 1)[1]
        if url_scheme(target) in ACTIVE_SCHEMES:
            return f"refresh to an active URL <meta content={value[:60]!r}>"
    return None


def shape_of_tree(root):
    shape = Shape()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments
            continue
        tag = _local(element.tag)
        shape.tags[tag] += 1
        for raw_name, value in element.attrib.items():
            name = _local(raw_name)
            shape.attributes.add((tag, name))
            if problem := _check_attribute(tag, name, value):
                shape.problems.append(problem)
    return shape


def parse(content):
    if isinstance(content, bytes):
        content = content.decode()
    return html5lib.parse(content, treebuilder="etree", namespaceHTMLElements=False)


def parse_fragment(content):
    return html5lib.parseFragment(content, treebuilder="etree", namespaceHTMLElements=False)


def shape_of(content):
    return shape_of_tree(parse(content))


def unsafe_parts(content, baseline, **allowed):
    """Everything in `content` that makes it less safe than `baseline` (a Shape of the same
    page from harmless data), as a list of readable findings; [] means DOM-safe."""
    return compare(shape_of(content), baseline, **allowed)


def compare(shape, baseline, *, allowed_tags=(), allowed_attributes=(), uncounted=()):
    """What `shape` has that `baseline` has not (see unsafe_parts).

    `allowed_tags` and `allowed_attributes` ((tag, name) pairs) may appear in any number:
    what the staff-HTML sanitiser keeps in a post body, or urlize's links in a comment.
    `uncounted` elements are the template's own but repeat with the data (an admin
    changelist's checkbox per row): they must still carry only the template's attributes.
    """
    found = list(shape.problems)
    for tag, count in shape.tags.items():
        if tag not in baseline.tags and tag not in allowed_tags:
            found.append(f"element <{tag}> the template never writes")
        elif (
            tag in ACTIVE_ELEMENTS
            and tag not in {*allowed_tags, *uncounted}
            and (count != baseline.tags[tag])
        ):
            found.append(f"{count} <{tag}> elements where the template writes {baseline.tags[tag]}")
    for tag in ACTIVE_ELEMENTS:
        if baseline.tags[tag] and not shape.tags[tag]:
            found.append(f"the template's <{tag}> elements are gone")
    for pair in sorted(shape.attributes - baseline.attributes - set(allowed_attributes)):
        found.append("attribute <{} {}> the template never writes".format(*pair))
    return found


def script_count(content):
    return shape_of(content).tags["script"]
