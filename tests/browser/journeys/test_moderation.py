"""
Journey 5: readers comment (one asks for a fast reply); a moderator, told by e-mail,
clears the urgent comment first, approves two more from the queue and marks one as
spam; readers then see the three approved comments and nothing else.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from comments import views as comment_views
from comments.models import Comment, CommentStatus, ModerationEvent
from inpud_site.abuse import ProtectedFormMixin
from tests.browser.helpers import VIEWPORTS
from tests.browser.journeys.steps import (
    Journey,
    admin_messages,
    click_and_load,
    reader_options,
    sign_in,
)
from tests.factories import make_post, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

URGENT = "I was just released from prison and need naloxone today. Where can I go?"
GOOD = "Thank you for translating the guide into Kyrgyz."
SPAM = "Cheap pills without prescription, visit my shop"


def write_comment(visit, post, text, *, javascript, urgent=False, journey=None):
    reader = visit(**reader_options(javascript))
    page = reader.page
    reader.open(post.get_comment_url())
    page.get_by_label("Name").fill("Dana" if urgent else "Timur")
    page.locator("#id_text").fill(text)
    if urgent:
        page.get_by_label("Urgent — I need a fast reply").check()
        journey.shot(reader, "reader-writes-urgent")
    click_and_load(page, page.get_by_role("button", name="Send comment"))
    assert "awaiting moderation" in page.locator(".my-comments").inner_text()
    return reader


def queue_rows(page):
    return page.locator("#result_list tbody tr")


def test_moderator_clears_urgent_first_approves_and_marks_spam(visit, monkeypatch, mailoutbox):
    monkeypatch.setattr(ProtectedFormMixin, "min_seconds", 0)
    # Two readers on one machine (one address) comment within seconds of each other.
    monkeypatch.setitem(comment_views.RATE, "flood_seconds", 0)
    post = make_post(title="A peer guide in five languages", slug="peer-guide")
    earlier = timezone.now() - timedelta(minutes=20)
    seeded = [
        Comment.objects.create(post=post, name="Aida", text=GOOD, created_at=earlier),
        Comment.objects.create(post=post, name="spambot", text=SPAM, created_at=earlier),
    ]
    moderator = make_user("moderator", groups=["Moderators"], email="mod@example.org")
    journey = Journey("moderation")

    write_comment(visit, post, "Can we print it in colour?", javascript=False)
    write_comment(visit, post, URGENT, javascript=True, urgent=True, journey=journey)
    urgent = Comment.objects.get(is_urgent=True)
    assert Comment.objects.pending().count() == 4

    # The urgent comment reached the moderator at once, by e-mail, without its text.
    alerts = [m for m in mailoutbox if m.subject == "Urgent comment waiting for moderation"]
    assert len(alerts) == 1 and alerts[0].to == ["mod@example.org"]
    assert URGENT not in alerts[0].body
    link = next(word for word in alerts[0].body.split() if "/admin/" in word)

    desk = visit(viewport=VIEWPORTS["desktop"])
    page = desk.page
    sign_in(desk, moderator)
    note = page.locator("#moderation-queue")
    assert "4 comments are waiting for moderation — 1 urgent" in note.inner_text()
    journey.shot(desk, "moderator-admin-home")

    click_and_load(page, note.get_by_role("link", name="4 comments are waiting for moderation"))
    rows = queue_rows(page)
    assert rows.count() == 4
    # Newest of all, but first in the queue.
    assert "URGENT" in rows.first.inner_text() and "just released" in rows.first.inner_text()
    journey.shot(desk, "queue-urgent-first")

    desk.open(urlsplit(link).path)
    assert URGENT in page.locator(".field-text").inner_text()
    page.get_by_label("Status").select_option(CommentStatus.APPROVED)
    click_and_load(page, page.get_by_role("button", name="Save", exact=True))
    assert "1 comment approved." in admin_messages(page)
    assert queue_rows(page).count() == 3
    assert "URGENT" not in page.locator("#result_list").inner_text()
    journey.shot(desk, "urgent-cleared")

    good = Comment.objects.exclude(pk__in=[urgent.pk, seeded[1].pk])
    for comment in good:
        page.locator(f"input[name='_selected_action'][value='{comment.pk}']").check()
    page.select_option("select[name='action']", "approve")
    click_and_load(page, page.get_by_role("button", name="Run"))
    assert "2 comments approved." in admin_messages(page)
    assert queue_rows(page).count() == 1
    journey.shot(desk, "two-approved")

    page.locator(f"input[name='_selected_action'][value='{seeded[1].pk}']").check()
    page.select_option("select[name='action']", "mark_spam")
    click_and_load(page, page.get_by_role("button", name="Run"))
    assert "1 comment marked as spam." in admin_messages(page)
    assert queue_rows(page).count() == 0
    journey.shot(desk, "queue-empty")

    statuses = dict(Comment.objects.values_list("text", "status"))
    assert statuses.pop(SPAM) == CommentStatus.SPAM
    assert set(statuses.values()) == {CommentStatus.APPROVED}
    assert not Comment.objects.filter(moderated_by=None).exists()
    events = ModerationEvent.objects.order_by("at", "pk")
    assert [event.comment_id for event in events][0] == urgent.pk
    assert {event.moderator for event in events} == {moderator}
    post.refresh_from_db()
    assert post.comment_count == 3

    # Moderators see posts but cannot change them.
    refused = desk.context.request.get(f"{desk.base}/admin/posts/post/{post.pk}/change/")
    assert refused.status == 403

    for javascript in (True, False):
        reader = visit(**reader_options(javascript))
        reader.open(post.get_absolute_url())
        thread = reader.page.locator("#comments")
        assert reader.page.locator("#comments-heading").inner_text() == "3 comments"
        assert reader.page.locator(".comment-list > li").count() == 3
        for text in (URGENT, GOOD, "Can we print it in colour?"):
            assert text in thread.inner_text()
        assert SPAM not in reader.page.locator("body").inner_text()
        journey.shot(reader, f"reader-thread-{'js' if javascript else 'no-js'}")
        reader.assert_same_origin()
