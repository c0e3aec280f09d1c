"""
Journey 2: a reader on a phone leaves a comment, sees it awaiting moderation (and
nobody else sees it), then deletes it with the private link the page gives them.
"""

import pytest

from comments.models import Comment, CommentStatus
from inpud_site.abuse import ProtectedFormMixin
from tests.browser.journeys.steps import Journey, click_and_load, reader_options, variant
from tests.factories import make_post

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "Our drop-in in Tbilisi runs the same peer training.\nHappy to share the slides."


@pytest.mark.parametrize("javascript", [True, False], ids=variant)
def test_reader_comments_waits_and_deletes_it(visit, monkeypatch, javascript):
    # A person needs at least three seconds to write; the browser does not.
    monkeypatch.setattr(ProtectedFormMixin, "min_seconds", 0)
    post = make_post(title="Peer training works", slug="peer-training-works")
    journey = Journey(f"comment-{variant(javascript)}")
    reader = visit(**reader_options(javascript))
    page = reader.page

    reader.open(post.get_absolute_url())
    assert page.get_by_text("No comments yet.").is_visible()
    journey.shot(reader, "post")

    click_and_load(page, page.get_by_role("link", name="Leave a comment"))
    assert page.url == f"{reader.base}{post.get_absolute_url()}comment/"
    assert page.get_by_role("heading", level=1).inner_text() == "Leave a comment"
    page.get_by_label("Name").fill("Nino")
    page.locator("#id_text").fill(TEXT)
    journey.shot(reader, "comment-form")

    click_and_load(page, page.get_by_role("button", name="Send comment"))
    assert page.url.startswith(f"{reader.base}{post.get_absolute_url()}#comment-")
    mine = page.locator(".my-comments")
    assert "Your comment is awaiting moderation." in mine.inner_text()
    assert "Our drop-in in Tbilisi runs the same peer training." in mine.inner_text()
    assert "Nino" in mine.inner_text()
    journey.shot(reader, "awaiting-moderation")
    comment = Comment.objects.get()
    assert (comment.post, comment.status, comment.name) == (post, CommentStatus.PENDING, "Nino")
    assert comment.text.replace("\r\n", "\n") == TEXT  # browsers send CRLF line ends

    stranger = visit(**reader_options(javascript))
    stranger.open(post.get_absolute_url())
    assert "Tbilisi" not in stranger.page.locator("#comments").inner_text()
    assert stranger.page.get_by_text("No comments yet.").is_visible()

    click_and_load(page, mine.get_by_role("link", name="Delete my comment"))
    assert page.get_by_role("heading", level=1).inner_text() == "Delete your comment"
    assert "Our drop-in in Tbilisi" in page.locator("blockquote.comment-text").inner_text()
    journey.shot(reader, "confirm-delete")

    click_and_load(page, page.get_by_role("button", name="Delete it"))
    assert page.get_by_role("heading", level=1).inner_text() == "Comment deleted"
    assert page.get_by_text("Your comment has been erased.").is_visible()
    journey.shot(reader, "deleted")

    click_and_load(page, page.get_by_role("link", name="Back to “Peer training works”"))
    assert page.locator(".my-comments").count() == 0
    assert page.get_by_text("No comments yet.").is_visible()
    journey.shot(reader, "post-after-delete")

    # What the reader wrote is gone; the row stays only as a removed placeholder.
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REMOVED
    assert (comment.name, comment.email, comment.url, comment.text) == ("", "", "", "")
    post.refresh_from_db()
    assert post.comment_count == 0
    reader.assert_same_origin()
