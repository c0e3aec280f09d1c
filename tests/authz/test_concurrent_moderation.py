"""Two moderators on the same 200 comments: each comment is decided once, with one audit row.

The sequential tests run everywhere: the second moderator acts on a stale view of the queue
and is told the comments were already handled. The threaded tests race two moderators for
real and need PostgreSQL; SQLite lets only one writer in at a time, so it cannot race.
"""

import random
import threading
from collections import Counter
from unittest import skipUnless

from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client, TestCase, TransactionTestCase

from comments import moderation
from comments.models import Comment, CommentStatus, ModerationEvent
from posts.models import Post
from tests.factories import make_post, make_user

QUEUE = "/admin/comments/comment/"
COMMENTS = 200
POSTS = 4
FINAL = {CommentStatus.APPROVED, CommentStatus.SPAM, CommentStatus.REMOVED}


def make_queue():
    """200 waiting comments spread over a few posts, so counts are shared between them."""
    posts = [make_post() for _ in range(POSTS)]
    Comment.objects.bulk_create(
        Comment(post=posts[n % POSTS], name=f"Reader {n}", text=f"Comment {n}.")
        for n in range(COMMENTS)
    )
    return posts


def queue_view():
    """The comments as a moderator's screen shows them: loaded once, then acted on."""
    return list(Comment.objects.pending().select_related("post").order_by("pk"))


def against(comment):
    """What the second moderator does: spam or remove, alternately."""
    return moderation.mark_spam if comment.pk % 2 else moderation.remove


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


class Checks:
    def assert_decided_once(self, winners):
        """`winners` maps comment id to the moderator whose decision stands."""
        comments = list(Comment.objects.order_by("pk"))
        events = list(ModerationEvent.objects.all())
        per_comment = Counter(event.comment_id for event in events)
        self.assertEqual(len(comments), COMMENTS)
        self.assertEqual(len(winners), COMMENTS, "every comment decided by exactly one")
        self.assertEqual(len(events), COMMENTS, "one audit row per transition")
        self.assertEqual(set(per_comment.values()), {1}, "no comment decided twice")
        final = {event.comment_id: event for event in events}
        for comment in comments:
            event = final[comment.pk]
            self.assertIn(comment.status, FINAL)
            self.assertEqual(event.from_status, CommentStatus.PENDING)
            self.assertEqual(event.to_status, comment.status)
            self.assertEqual(event.moderator_id, winners[comment.pk].pk)
            self.assertEqual(comment.moderated_by_id, winners[comment.pk].pk)
        for post in Post.objects.all():
            approved = Comment.objects.for_target(post).published().count()
            self.assertEqual(post.comment_count, approved, "the stored count is right")
        return Counter(comment.status for comment in comments)


class SecondModeratorTests(Checks, TestCase):
    """One after the other, as SQLite runs them: the later decision finds the work done."""

    @classmethod
    def setUpTestData(cls):
        cls.posts = make_queue()
        cls.ana = make_user("ana", groups=["Moderators"])
        cls.ben = make_user("ben", groups=["Moderators"])

    def test_the_later_decision_on_a_stale_view_is_already_handled(self):
        anas_view, bens_view = queue_view(), queue_view()
        winners, lost = {}, 0
        for n, (mine, theirs) in enumerate(zip(anas_view, bens_view, strict=True)):
            turns = [(self.ana, moderation.approve, mine), (self.ben, against(theirs), theirs)]
            if n % 2:
                turns.reverse()  # Ben gets to every other comment first
            for moderator, decide, comment in turns:
                if decide(comment, by=moderator):
                    winners[comment.pk] = moderator
                else:
                    lost += 1
        self.assertEqual(lost, COMMENTS)
        statuses = self.assert_decided_once(winners)
        self.assertEqual(statuses[CommentStatus.APPROVED], COMMENTS // 2)

    def test_the_same_decision_twice_is_one_transition(self):
        comment = queue_view()[0]
        self.assertTrue(moderation.approve(comment, by=self.ana))
        self.assertFalse(moderation.approve(comment, by=self.ben))
        self.assertEqual(comment.moderation_events.count(), 1)

    def test_admin_action_on_a_stale_page_reports_already_handled(self):
        ids = [comment.pk for comment in queue_view()]
        ana, ben = Client(), Client()
        ana.force_login(self.ana)
        ben.force_login(self.ben)
        first = ana.post(QUEUE, {"action": "approve", "_selected_action": ids})
        second = ben.post(QUEUE, {"action": "mark_spam", "_selected_action": ids})
        self.assertEqual((first.status_code, second.status_code), (302, 302))
        self.assertEqual(messages_of(first), ["200 comments approved."])
        self.assertEqual(
            messages_of(second),
            ["200 comments were already handled by someone else and were left as they are."],
        )
        self.assert_decided_once(dict.fromkeys(ids, self.ana))

    def test_change_form_opened_before_someone_else_decided(self):
        comment = queue_view()[0]
        url = f"{QUEUE}{comment.pk}/change/"
        self.client.force_login(self.ben)
        form = self.client.get(url)
        self.assertContains(form, 'name="initial-status" value="pending"')
        moderation.approve(comment, by=self.ana)
        response = self.client.post(url, {"status": "spam", "initial-status": "pending"})
        self.assertRedirects(response, url)
        self.assertEqual(
            messages_of(response),
            ["1 comment was already handled by someone else and was left as it is."],
        )
        comment.refresh_from_db()
        self.assertEqual(comment.status, CommentStatus.APPROVED)
        self.assertEqual(comment.moderation_events.count(), 1)
        page = self.client.get(url)
        self.assertContains(page, "Waiting for moderation → Approved, by ana")

    def test_change_form_decision_is_audited(self):
        comment = queue_view()[0]
        self.client.force_login(self.ben)
        url = f"{QUEUE}{comment.pk}/change/"
        response = self.client.post(url, {"status": "spam", "initial-status": "pending"})
        self.assertEqual(response.status_code, 302)
        # The moderator is told what was decided, as the queue's bulk action tells them.
        self.assertEqual(messages_of(response), ["1 comment marked as spam."])
        event = comment.moderation_events.get()
        self.assertEqual((event.to_status, event.moderator), (CommentStatus.SPAM, self.ben))

    def test_audit_rows_are_append_only(self):
        comment = queue_view()[0]
        moderation.approve(comment, by=self.ana)
        event = comment.moderation_events.get()
        event.to_status = CommentStatus.SPAM
        with self.assertRaises(ValueError):
            event.save()
        with self.assertRaises(ValueError):
            event.delete()


@skipUnless(
    connection.vendor == "postgresql",
    "SQLite admits one writer at a time, so two moderators cannot race on it; "
    "SecondModeratorTests runs the same decisions one after the other.",
)
class RacingModeratorsTests(Checks, TransactionTestCase):
    """Two threads, two database connections, the same 200 comments at the same moment."""

    serialized_rollback = True  # the flush after this test must not lose the roles

    def setUp(self):
        make_queue()
        self.ana = make_user("ana", groups=["Moderators"])
        self.ben = make_user("ben", groups=["Moderators"])

    def race(self, *workers):
        """Run each worker in its own thread, released together; return the errors."""
        start = threading.Barrier(len(workers))
        errors = []

        def run(work):
            try:
                work(start)
            except Exception as error:  # noqa: BLE001 (counted and shown, not swallowed)
                errors.append(error)
                start.abort()
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(work,)) for work in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return errors

    def test_decisions_race(self):
        winners, lost = {}, Counter()

        def moderator(user, choose, order):
            def work(start):
                view = queue_view()
                order(view)
                start.wait()
                for comment in view:
                    if choose(comment)(comment, by=user):
                        winners[comment.pk] = user
                    else:
                        lost[user.username] += 1

            return work

        errors = self.race(
            moderator(self.ana, lambda comment: moderation.approve, lambda view: None),
            moderator(self.ben, against, random.Random(6).shuffle),
        )
        self.assertEqual(errors, [])
        self.assertEqual(sum(lost.values()), COMMENTS, "every comment lost by one moderator")
        statuses = self.assert_decided_once(winners)
        print(
            f"\nracing decisions: {COMMENTS} comments, {len(winners)} transitions, "
            f"{ModerationEvent.objects.count()} audit rows, {len(errors)} errors, "
            f"lost {dict(lost)}, final {dict(statuses)}"
        )

    def test_admin_actions_race(self):
        ids = list(Comment.objects.values_list("pk", flat=True))
        responses = {}

        def moderator(user, action):
            def work(start):
                client = Client()
                client.force_login(user)
                start.wait()
                responses[user.username] = client.post(
                    QUEUE, {"action": action, "_selected_action": ids}
                )

            return work

        errors = self.race(moderator(self.ana, "approve"), moderator(self.ben, "mark_spam"))
        self.assertEqual(errors, [])
        self.assertEqual({r.status_code for r in responses.values()}, {302})
        winners = {event.comment_id: event.moderator for event in ModerationEvent.objects.all()}
        statuses = self.assert_decided_once(winners)
        done = statuses[CommentStatus.APPROVED], statuses[CommentStatus.SPAM]
        for (name, response), count in zip(sorted(responses.items()), done, strict=True):
            with self.subTest(moderator=name):
                said = " ".join(messages_of(response))
                if count:
                    self.assertIn(f"{count} comment", said)
                if count < COMMENTS:
                    self.assertIn(f"{COMMENTS - count} comment", said)
                    self.assertIn("already handled", said)
        print(
            f"\nracing admin actions: {COMMENTS} comments, {sum(done)} transitions, "
            f"{ModerationEvent.objects.count()} audit rows, {len(errors)} errors, "
            f"final {dict(statuses)}"
        )
