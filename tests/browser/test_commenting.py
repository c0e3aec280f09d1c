"""
The comment journey in a real browser: a reader comments and sees it waiting, a
moderator approves it in the admin, and then every reader sees it.
"""

import pytest

from comments.models import Comment, CommentStatus
from inpud_site.abuse import ProtectedFormMixin
from tests.browser.helpers import VIEWPORTS
from tests.factories import make_post, make_user
from tests.two_factor import authenticator, current_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_comments_moderator_approves_everyone_reads(visit, monkeypatch):
    # A person needs at least three seconds to write; the browser does not.
    monkeypatch.setattr(ProtectedFormMixin, "min_seconds", 0)
    post = make_post(title="Peer work is work", slug="peer-work-is-work")
    moderator_device = authenticator(make_user("moderator", groups=["Moderators"]))

    reader = visit(viewport=VIEWPORTS["phone"])
    reader.open(post.get_absolute_url())
    page = reader.page
    # The post page holds no form (it is served from the cache): a link leads to it.
    assert page.locator("form.comment-form").count() == 0
    page.get_by_role("link", name="Leave a comment").click()
    page.wait_for_load_state()
    page.get_by_label("Name").fill("Rosa")
    page.locator("#id_text").fill("We ran the same training in Porto.\nIt works.")
    page.get_by_label("Remember me on this device").check()
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()
    waiting = page.locator(".my-comments")
    assert "awaiting moderation" in waiting.inner_text()
    assert "We ran the same training in Porto." in waiting.inner_text()
    assert waiting.get_by_role("link", name="Delete my comment").count() == 1
    reader.screenshot("comment-awaiting-moderation-phone")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING

    stranger = visit()
    stranger.open(post.get_absolute_url())
    assert "Porto" not in stranger.page.locator("#comments").inner_text()

    moderator = visit()
    moderator.open("/admin/login/")
    moderator.page.get_by_label("Username").fill("moderator")
    moderator.page.get_by_label("Password").fill("a-long-test-password")
    moderator.page.get_by_role("button", name="Log in").click()
    moderator.page.get_by_label("Code").fill(current_code(moderator_device))
    moderator.page.get_by_role("button", name="Verify").click()
    moderator.page.wait_for_load_state()
    assert "1 comment is waiting for moderation" in moderator.page.inner_text("body")
    moderator.open("/admin/comments/comment/")
    moderator.page.locator(f"input[name='_selected_action'][value='{comment.pk}']").check()
    moderator.page.select_option("select[name='action']", "approve")
    moderator.page.get_by_role("button", name="Run").click()
    moderator.page.wait_for_load_state()
    assert "1 comment approved." in moderator.page.inner_text("body")
    moderator.screenshot("comment-moderation-queue")

    stranger.open(post.get_absolute_url())
    thread = stranger.page.locator(".comment-list")
    assert "We ran the same training in Porto." in thread.inner_text()
    assert "Rosa" in thread.inner_text()
    stranger.screenshot("comment-approved-desktop")
    assert Comment.objects.get().status == CommentStatus.APPROVED
