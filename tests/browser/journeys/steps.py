"""
What the journeys share: numbered screenshots per journey, a phone-sized browser,
staff sign-in through the real two-factor pages, and reading feeds, downloads and
calendars the way a reader's tools would (by parsing them, not comparing text).
"""

import re
import time
from pathlib import Path

from defusedxml import ElementTree

from tests.browser.helpers import SCREENSHOTS, VIEWPORTS
from tests.two_factor import authenticator, current_code

PHONE = {"viewport": VIEWPORTS["phone"], "is_mobile": True, "has_touch": True}


def reader_options(javascript):
    """A phone browser, with JavaScript on or off."""
    return {**PHONE, "java_script_enabled": javascript}


def variant(javascript):
    return "js" if javascript else "no-js"


class Journey:
    """Full-page screenshots at each key step, as .ci/output/screenshots/<name>/NN-step.png."""

    def __init__(self, name):
        self.name = name
        self.folder = SCREENSHOTS / name
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0
        self.started = time.monotonic()

    def shot(self, visit, step):
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        visit.page.screenshot(path=path, full_page=True)
        return path


def click_and_load(page, locator):
    """Follow a link or press a button, and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()
    page.wait_for_load_state()


def sign_in(visit, user, next_path="/admin/"):
    """Sign staff in at /admin/ with the password and the authenticator's current code."""
    device = authenticator(user)
    page = visit.page
    visit.open(next_path)
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill("a-long-test-password")
    click_and_load(page, page.get_by_role("button", name="Log in"))
    page.get_by_label("Code").fill(current_code(device))
    click_and_load(page, page.get_by_role("button", name="Verify"))
    assert page.get_by_role("button", name="Log out").is_visible()


def admin_messages(page):
    """The texts of the admin's messages (success, warning, error) on the page."""
    return "\n".join(page.locator(".messagelist li").all_inner_texts())


def fetch(visit, href):
    """GET a link's target with the browser context's cookies; the response must be 200."""
    url = href if href.startswith("http") else visit.base + href
    response = visit.context.request.get(url)
    assert response.status == 200, f"{url}: {response.status}"
    return response


def rss_items(xml_bytes):
    """(channel title, [item dicts]) of an RSS 2.0 document."""
    root = ElementTree.fromstring(xml_bytes)
    assert root.tag == "rss", root.tag
    channel = root.find("channel")
    return channel.findtext("title"), [_children(item) for item in channel.findall("item")]


def _children(element):
    """An item's child elements by name; its categories as a list."""
    found = {}
    for child in element:
        if child.tag == "category":
            found.setdefault("categories", []).append(child.text)
        else:
            found[child.tag] = (child.text or "").strip()
    return found


def attachment_name(response):
    """The file name of a Content-Disposition: attachment header (which must be one)."""
    disposition = response.headers.get("content-disposition", "")
    assert disposition.startswith("attachment"), disposition
    match = re.search(r'filename="?([^";]+)"?', disposition)
    return match and match.group(1)


def downloaded(page, locator):
    """Click a download link; return the Download and the bytes saved."""
    with page.expect_download() as info:
        locator.click()
    download = info.value
    return download, Path(download.path()).read_bytes()
