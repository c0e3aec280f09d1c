"""The Nu HTML Checker (npm package vnu-jar) under the machine's Java, on HTML and CSS."""

import json
import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from inpud_site.audit.server import fetch

ERROR_TYPES = {"error", "non-document-error"}


class _Stylesheets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def stylesheets(html, base):
    """Absolute addresses of the stylesheets a page links to, on the page's own origin."""
    parser = _Stylesheets()
    parser.feed(html)
    urls = [urljoin(base, href) for href in parser.hrefs]
    return [url for url in urls if urlsplit(url).netloc == urlsplit(base).netloc]


def count(messages, files):
    """{file name: {errors, warnings, first}} from vnu's JSON messages."""
    found = {name: {"errors": 0, "warnings": 0, "first": []} for name in files}
    for message in messages:
        name = message.get("url", "").rsplit("/", 1)[-1]
        if name not in found:
            continue
        if message["type"] in ERROR_TYPES:
            found[name]["errors"] += 1
            if len(found[name]["first"]) < 5:
                line = message.get("lastLine", "?")
                found[name]["first"].append(f"L{line}: {message['message']}")
        elif message.get("subType") == "warning":
            found[name]["warnings"] += 1
    return found


def jar(tools):
    return Path(tools) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def version(tools):
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["java", "-jar", str(jar(tools)), "--version"],  # noqa: S607 - the machine's Java
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip()


def audit(tools, urls):
    """({url: result} for the pages, {url: result} for their stylesheets); one JVM for all."""
    with tempfile.TemporaryDirectory(prefix="inpud-vnu-") as work:
        files, css = {}, {}
        for number, url in enumerate(urls):
            body = fetch(url)[2]
            name = f"page{number}.html"
            (Path(work) / name).write_bytes(body)
            files[name] = url
            for sheet in stylesheets(body.decode("utf-8", "replace"), url):
                css.setdefault(sheet, f"style{len(css)}.css")
        for sheet, name in css.items():
            (Path(work) / name).write_bytes(fetch(sheet)[2])
            files[name] = sheet
        result = subprocess.run(  # noqa: S603 - fixed arguments
            ["java", "-Xss8m", "-jar", str(jar(tools)), "--format", "json", "--stdout",  # noqa: S607
             "--also-check-css", "--asciiquotes", *sorted(files)],
            cwd=work, capture_output=True, text=True, check=False,
        )  # fmt: skip
        output = result.stdout or result.stderr
        messages = json.loads(output[output.index("{") : output.rindex("}") + 1])["messages"]
    counted = count(messages, files)
    pages = {files[name]: counted[name] for name in files if name.endswith(".html")}
    sheets = {files[name]: counted[name] for name in files if name.endswith(".css")}
    return pages, sheets


def strip_hash(url):
    """site.css for site.3f2a1b9c0d4e.css: the name a reader of the table knows."""
    return re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", urlsplit(url).path.rsplit("/", 1)[-1])
