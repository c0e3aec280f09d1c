"""
The public site in a real browser, as a reader meets it.

Playwright drives Debian's Chromium (/usr/bin/chromium, which scripts/test.sh
installs) against pytest-django's live server, at a phone and a desktop size.
Every request the pages make is recorded, and a request to any origin but the
live server fails the test: the site promises to load nothing from other sites.
Full-page screenshots go to .ci/output/screenshots/ for people to look at.
"""

import pytest

from tests.browser.helpers import VIEWPORTS
from tests.factories import make_category, make_document, make_image, make_page, make_post

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback puts back what the migrations made (the editor roles)
    # after the flush that ends each transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def content():
    category = make_category(name="Harm reduction", slug="harm-reduction")
    image = make_image(
        alt_text="Peer workers handing out naloxone kits at a festival stall",
        caption="Naloxone training at the summer festival.",
        credit="INPUD",
    )
    featured = make_post(
        title="Naloxone saves lives at the summer festival",
        slug="naloxone-at-the-festival",
        body=(
            "<p>Peer workers trained 200 people to use naloxone during the festival.</p>"
            "<h2>What we learned</h2>"
            "<p>People who use drugs are the first responders at an overdose. "
            "Give them the kits, the training and the trust.</p>"
        ),
        featured_image=image,
        tags=["naloxone", "peer support"],
        categories=[category],
    )
    featured.documents.add(make_document(title="Naloxone training guide"))
    warned = make_post(
        title="Remembering Alex",
        slug="remembering-alex",
        content_warning="overdose, death",
        body="<p>Alex ran the drop-in centre for ten years and taught us everything.</p>",
        categories=[category],
    )
    page = make_page(title="About us", slug="about", body="<p>We are a peer-led network.</p>")
    return {"featured": featured, "warned": warned, "page": page}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_home_post_and_page_read_well(visit, content, size):
    reader = visit(viewport=VIEWPORTS[size])
    page = reader.page
    featured = content["featured"]

    reader.open("/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name=featured.title).first.is_visible()
    assert page.get_by_role("link", name=content["warned"].title).first.is_visible()
    # The warned post's summary names the warning instead of showing the text.
    assert page.get_by_text("overdose, death").first.is_visible()
    assert page.get_by_text("Alex ran the drop-in centre").count() == 0
    reader.screenshot(f"home-{size}")

    page.get_by_role("link", name=featured.title).first.click()
    page.wait_for_url(f"**{featured.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == featured.title
    image = page.locator("figure.featured img")
    assert image.get_attribute("alt") == featured.featured_image.alt_text
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the image is broken"
    assert page.get_by_role("link", name="#naloxone").is_visible()
    assert page.get_by_role("link", name="#peer support").is_visible()
    assert page.get_by_text("Naloxone training guide").first.is_visible()
    stylesheet_applied = page.evaluate(
        "getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)'"
    )
    assert stylesheet_applied, "site.css did not load"
    reader.screenshot(f"post-{size}")

    reader.open(content["page"].get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "About us"
    assert page.get_by_text("We are a peer-led network.").is_visible()
    reader.screenshot(f"page-{size}")
    reader.assert_same_origin()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_content_warning_hides_the_post_until_the_reader_opens_it(visit, content, javascript):
    reader = visit(viewport=VIEWPORTS["phone"], java_script_enabled=javascript)
    page = reader.page
    name = "js" if javascript else "no-js"

    reader.open(content["warned"].get_absolute_url())
    body = page.get_by_text("Alex ran the drop-in centre")
    summary = page.locator("details.content-warning > summary")
    assert summary.is_visible()
    assert "overdose, death" in summary.inner_text()
    assert body.is_hidden(), "the post's text shows before the reader asks for it"
    reader.screenshot(f"content-warning-closed-{name}")

    summary.click()
    body.wait_for(state="visible")
    assert page.locator("details.content-warning").get_attribute("open") is not None
    reader.screenshot(f"content-warning-open-{name}")
    reader.assert_same_origin()


def test_search_form_finds_the_post(visit, content):
    reader = visit(viewport=VIEWPORTS["desktop"])
    page = reader.page
    featured = content["featured"]

    reader.open("/")
    page.get_by_role("searchbox", name="Search the site").fill("naloxone kits")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url(lambda url: url.endswith("/search/?q=naloxone+kits"))
    assert page.locator(".result-count").inner_text() == "1 post found for “naloxone kits”."
    results = page.locator("article.result")
    assert results.count() == 1
    assert results.get_by_role("link", name=featured.title).is_visible()
    assert page.get_by_role("searchbox", name="Words to look for").input_value() == (
        "naloxone kits"
    )
    reader.screenshot("search-desktop")
    reader.assert_same_origin()


def test_language_switcher_leads_to_russian(visit, content):
    reader = visit(viewport=VIEWPORTS["phone"])
    page = reader.page

    reader.open(content["featured"].get_absolute_url())
    page.locator("nav.languages").get_by_role("link", name="Русский").click()
    page.wait_for_url(f"**/ru{content['featured'].get_absolute_url()}")
    assert page.locator("html").get_attribute("lang") == "ru"
    # The post itself stays in English, marked as such.
    assert page.locator("article.post").get_attribute("lang") == "en"
    current = page.locator("nav.languages [aria-current]")
    assert current.get_attribute("hreflang") == "ru"
    reader.screenshot("post-ru-phone")
    reader.assert_same_origin()
