"""
Journey 1: a reader on a phone switches the site to Russian, opens a post behind a
content warning and reveals it, follows one of its tags, subscribes to the tag's feed,
searches, and downloads a guide. With JavaScript on and off.
"""

import pytest
from django.contrib.sessions.models import Session

from posts.models import Document
from tests.browser.journeys.steps import (
    Journey,
    attachment_name,
    click_and_load,
    downloaded,
    fetch,
    reader_options,
    rss_items,
    variant,
)
from tests.factories import PDF_BYTES, make_document, make_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WARNED_BODY = "Mika ran the needle exchange for twelve years"


@pytest.fixture
def library():
    make_post(
        title="Naloxone in every pocket",
        slug="naloxone-in-every-pocket",
        body="<p>Peer workers trained 200 people to use naloxone.</p>",
        tags=["naloxone"],
    )
    warned = make_post(
        title="Remembering Mika",
        slug="remembering-mika",
        content_warning="overdose, death",
        body=f"<p>{WARNED_BODY} and saved more lives than anyone can count.</p>",
        tags=["grief", "naloxone"],
    )
    guide = make_document(title="Safer injecting: a peer guide", language="ru")
    return {"warned": warned, "guide": guide}


@pytest.mark.parametrize("javascript", [True, False], ids=variant)
def test_reader_reads_follows_searches_and_downloads_in_russian(visit, library, javascript):
    journey = Journey(f"reader-{variant(javascript)}")
    reader = visit(**reader_options(javascript))
    page = reader.page
    warned = library["warned"]

    reader.open("/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Remembering Mika").first.is_visible()
    assert page.get_by_text(WARNED_BODY).count() == 0
    journey.shot(reader, "home")

    click_and_load(page, page.locator("nav.languages").get_by_role("link", name="Русский"))
    assert page.url == f"{reader.base}/ru/"
    assert page.locator("html").get_attribute("lang") == "ru"
    menu = page.get_by_role("navigation", name="Основное меню")
    assert menu.get_by_role("link", name="Документы").is_visible()
    # The warning, translated, stands in for the text in the list.
    note = page.locator("article.summary", has_text="Remembering Mika").locator(".cw-note")
    assert note.inner_text() == "Предупреждение о содержании: overdose, death"
    journey.shot(reader, "home-ru")

    click_and_load(page, page.get_by_role("link", name="Remembering Mika").first)
    assert page.url == f"{reader.base}/ru{warned.get_absolute_url()}"
    assert page.get_by_role("heading", level=1).inner_text() == "Remembering Mika"
    body = page.get_by_text(WARNED_BODY)
    summary = page.locator("details.content-warning > summary")
    assert "Показать запись" in summary.inner_text()
    assert body.is_hidden()
    journey.shot(reader, "content-warning")

    summary.click()
    body.wait_for(state="visible")
    journey.shot(reader, "post-revealed")

    click_and_load(page, page.get_by_role("link", name="#naloxone"))
    assert page.url == f"{reader.base}/ru/tag/naloxone/"
    assert page.locator(".archive-kind").text_content() == "Метка"
    assert page.get_by_role("heading", level=1).inner_text() == "naloxone"
    assert page.locator("article.summary").count() == 2
    journey.shot(reader, "tag")

    feed_link = page.get_by_role("link", name="Подписаться на «naloxone» (RSS)")
    href = feed_link.get_attribute("href")
    assert href == "/ru/tag/naloxone/feed/"
    # Feed readers find the same feed in the page's head.
    assert page.locator(f"head link[rel=alternate][href='{href}']").count() == 1
    feed = fetch(reader, href)
    assert feed.headers["content-type"].startswith("application/rss+xml")
    title, items = rss_items(feed.body())
    assert "naloxone" in title
    assert {item["title"] for item in items} == {"Naloxone in every pocket", "Remembering Mika"}
    mika = next(item for item in items if item["title"] == "Remembering Mika")
    assert mika["link"].endswith(f"/ru{warned.get_absolute_url()}")
    # A feed reader sees the warning, never the text behind it.
    assert "overdose, death" in mika["description"]
    assert "Mika ran" not in feed.text()
    assert set(mika["categories"]) == {"grief", "naloxone"}

    page.locator("#site-search").fill("needle exchange")
    click_and_load(page, page.get_by_role("search").get_by_role("button", name="Поиск"))
    assert page.get_by_role("heading", level=1).inner_text() == "Поиск"
    assert "needle exchange" in page.locator(".result-count").inner_text()
    results = page.locator("article.result")
    assert results.count() == 1
    assert results.get_by_role("link", name="Remembering Mika").is_visible()
    # Search results keep the warning too.
    assert results.get_by_text(WARNED_BODY).count() == 0
    journey.shot(reader, "search")

    click_and_load(page, menu.get_by_role("link", name="Документы"))
    assert page.url == f"{reader.base}/ru/documents/"
    guide = page.locator("li.document", has_text="Safer injecting: a peer guide")
    assert "PDF" in guide.locator(".document-facts").inner_text().upper()
    journey.shot(reader, "documents")

    link = guide.get_by_role("link", name="Safer injecting: a peer guide")
    download, saved = downloaded(page, link)
    assert saved == PDF_BYTES
    assert download.suggested_filename.endswith(".pdf")
    response = fetch(reader, link.get_attribute("href"))
    assert attachment_name(response).endswith(".pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == PDF_BYTES

    # Reading leaves no trace: no cookie in the browser, no session or row on the server.
    assert reader.context.cookies() == []
    assert not Session.objects.exists()
    assert Document.objects.get().title == "Safer injecting: a peer guide"
    reader.assert_same_origin()
