"""
Journey 4: an author drafts a post with a featured image in the admin and submits it
for review; an editor previews it, schedules it, then publishes it now; readers find it
on the home page (with and without JavaScript) and in the feed.
"""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from posts.models import Image, Post, Status
from tests.browser.helpers import VIEWPORTS
from tests.browser.journeys.steps import (
    Journey,
    admin_messages,
    click_and_load,
    fetch,
    reader_options,
    rss_items,
    sign_in,
)
from tests.factories import make_byline, make_post, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Drug checking comes to Kyiv"
BODY = "Peers now test substances at three drop-in centres every week."
ALT = "A volunteer holds a test strip next to a drug checking kit"


def png_bytes():
    """A small real PNG: a teal field with a lighter band, as a photo stand-in."""
    picture = PILImage.new("RGB", (640, 400), (16, 96, 92))
    ImageDraw.Draw(picture).rectangle([0, 260, 640, 330], fill=(220, 240, 236))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def choose(page, field, text):
    """Pick `text` in the admin's autocomplete (select2) for `field`."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_author_drafts_editor_schedules_and_publishes(visit):
    make_post(title="An older post", slug="an-older-post")
    byline = make_byline(name="Peer Authors Collective", slug="peer-authors")
    author = make_user("author", groups=["Authors"])
    editor = make_user("editor", groups=["Editors"])
    journey = Journey("publishing")

    # The author, on a laptop: first the picture, then the post.
    desk = visit(viewport=VIEWPORTS["desktop"])
    page = desk.page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(desk, author)
    journey.shot(desk, "author-admin-home")
    desk.open("/admin/posts/image/add/")
    page.locator("#id_file").set_input_files(
        files=[{"name": "drug-checking.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_label("Alternative text").fill(ALT)
    journey.shot(desk, "author-uploads-image")
    click_and_load(page, page.get_by_role("button", name="Save", exact=True))
    assert "was added successfully" in admin_messages(page)
    image = Image.objects.get()
    assert (image.width, image.height, image.uploaded_by) == (640, 400, author)

    desk.open("/admin/posts/post/add/")
    page.get_by_label("Title").press_sequentially(TITLE)  # key by key: the slug follows
    assert page.get_by_label("Slug").input_value() == "drug-checking-comes-to-kyiv"
    choose(page, "byline", "Peer Authors")
    editor_box = page.locator(".field-body [contenteditable=true]")
    editor_box.click()
    page.keyboard.type(BODY)
    choose(page, "featured_image", "volunteer holds")
    page.get_by_label("Tags").fill("drug checking, Ukraine")
    assert page.get_by_label("Status").input_value() == Status.DRAFT
    journey.shot(desk, "author-drafts-post")
    assert not errors, errors
    click_and_load(page, page.get_by_role("button", name="Save and continue editing"))
    assert "was added successfully" in admin_messages(page)
    post = Post.objects.get(title=TITLE)
    assert (post.status, post.created_by, post.byline) == (Status.DRAFT, author, byline)
    assert BODY in post.body and post.featured_image == image

    # Authors may only choose Draft or Pending review: submitting is the latter.
    options = page.get_by_label("Status").locator("option").all_inner_texts()
    assert options == ["Draft", "Pending review"]
    page.get_by_label("Status").select_option(Status.PENDING)
    click_and_load(page, page.get_by_role("button", name="Save", exact=True))
    assert "was changed successfully" in admin_messages(page)
    journey.shot(desk, "author-submitted")
    post.refresh_from_db()
    assert post.status == Status.PENDING
    assert not Post.objects.published().filter(pk=post.pk).exists()

    # The editor finds it waiting for review and previews it as readers would see it.
    desk_editor = visit(viewport=VIEWPORTS["desktop"])
    page = desk_editor.page
    sign_in(desk_editor, editor)
    desk_editor.open("/admin/posts/post/?status__exact=pending")
    row = page.locator("#result_list tbody tr", has_text=TITLE)
    assert "Pending review" in row.inner_text()
    journey.shot(desk_editor, "editor-review-queue")
    click_and_load(page, row.get_by_role("link", name="Preview"))
    assert page.url == f"{desk_editor.base}{post.get_absolute_url()}"
    banner = page.locator(".preview-banner")
    assert banner.inner_text() == "Preview — this post is not public (Pending review)."
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text(BODY).is_visible()
    picture = page.locator("figure.featured img")
    assert picture.get_attribute("alt") == ALT
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), "broken image"
    journey.shot(desk_editor, "editor-preview")

    # Scheduled for tomorrow morning: published, but not yet public.
    desk_editor.open(f"/admin/posts/post/{post.pk}/change/")
    tomorrow = timezone.localtime() + timedelta(days=1)
    page.get_by_label("Status").select_option(Status.PUBLISHED)
    page.locator("#id_published_at_0").fill(tomorrow.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill("09:00:00")
    click_and_load(page, page.get_by_role("button", name="Save and continue editing"))
    assert "was changed successfully" in admin_messages(page)
    assert "Scheduled — readers will see this from" in admin_messages(page)
    journey.shot(desk_editor, "editor-scheduled")
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED and post.published_at > timezone.now()
    assert timezone.localtime(post.published_at).date() == tomorrow.date()
    assert_readers_see(visit, post, visible=False)

    # Then the news cannot wait: published now, from the list.
    desk_editor.open("/admin/posts/post/")
    page.locator(f"input[name='_selected_action'][value='{post.pk}']").check()
    page.select_option("select[name='action']", "publish_now")
    click_and_load(page, page.get_by_role("button", name="Run"))
    assert "1 item published." in admin_messages(page)
    journey.shot(desk_editor, "editor-published")
    post.refresh_from_db()
    assert post.published_at <= timezone.now()
    assert Post.objects.published().filter(pk=post.pk).exists()
    assert_readers_see(visit, post, visible=True, journey=journey)


def assert_readers_see(visit, post, *, visible, journey=None):
    """A reader's phone, with and without JavaScript: the home page and the site's feed."""
    for javascript in (True, False):
        reader = visit(**reader_options(javascript))
        page = reader.page
        reader.open("/")
        link = page.locator("article.summary").get_by_role("link", name=TITLE, exact=True)
        title, items = rss_items(fetch(reader, "/feed/").body())
        titles = [item["title"] for item in items]
        if not visible:
            assert link.count() == 0
            assert TITLE not in titles
            continue
        # The newest post comes first, with its picture.
        first = page.locator("article.summary").first
        assert first.get_by_role("link", name=TITLE, exact=True).is_visible()
        assert first.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
        name = "js" if javascript else "no-js"
        journey.shot(reader, f"reader-home-{name}")
        assert titles[0] == TITLE
        assert items[0]["link"].endswith(post.get_absolute_url())
        assert set(items[0]["categories"]) == {"drug checking", "Ukraine"}
        click_and_load(page, first.get_by_role("link", name=TITLE, exact=True))
        assert page.locator(".preview-banner").count() == 0
        assert page.get_by_text(BODY).is_visible()
        journey.shot(reader, f"reader-post-{name}")
        reader.assert_same_origin()
