"""Sending a form twice stores it once, and a database failure answers 503 with the text kept.

The drill against a real gunicorn and PostgreSQL is scripts/db_fault_drill.py; these tests
pin the behaviour it relies on, with the failure injected.
"""

import uuid
from html.parser import HTMLParser
from unittest import mock

from django.core.cache import cache
from django.db import OperationalError
from django.test import TestCase

from campaigns.models import Pledge
from comments.models import Comment
from tests.campaigns.helpers import pledge_data
from tests.comments.helpers import comment_data
from tests.factories import make_action, make_campaign, make_post


class _Form(HTMLParser):
    """The hidden fields of the 503 page's form and the text shown back."""

    def __init__(self, html):
        super().__init__()
        self.hidden, self.shown, self._in_dd = {}, [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.hidden[attrs["name"]] = attrs["value"]
        self._in_dd = self._in_dd or tag == "dd"

    def handle_endtag(self, tag):
        if tag == "dd":
            self.shown.append("\n")
            self._in_dd = False

    def handle_data(self, data):
        if self._in_dd:
            self.shown.append(data.strip("\n"))


def failing_once(model):
    """Make `model.save` raise as a dropped database connection would, the first time only."""
    original, calls = model.save, []

    def save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return original(self, *args, **kwargs)

    return mock.patch.object(model, "save", save)


class CommentRetryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post(title="Peer work is work")
        cls.url = cls.post.get_absolute_url()

    def setUp(self):
        cache.clear()

    def test_the_form_carries_a_fresh_key_each_time_it_is_shown(self):
        first = self.client.get(self.post.get_comment_url()).text
        second = self.client.get(self.post.get_comment_url()).text
        key = 'name="submission"'
        self.assertIn(key, first)
        self.assertNotEqual(first.split(key)[1].split(">")[0], second.split(key)[1].split(">")[0])

    def test_sending_the_same_form_twice_stores_one_comment(self):
        data = comment_data(submission=str(uuid.uuid4()))
        first = self.client.post(self.url, data)
        second = self.client.post(self.url, data)
        self.assertEqual(Comment.objects.count(), 1)
        self.assertEqual(first.status_code, 302)
        self.assertEqual(second["Location"], first["Location"])  # the same comment again

    def test_a_database_failure_answers_503_with_the_text_and_a_retry_stores_it_once(self):
        data = comment_data(text="Line one\nline <two> & more", submission=str(uuid.uuid4()))
        with failing_once(Comment):
            failed = self.client.post(self.url, data)
            self.assertEqual(failed.status_code, 503)
            self.assertEqual(failed["Retry-After"], "10")
            self.assertIn("no-store", failed["Cache-Control"])
            page = _Form(failed.text)
            self.assertEqual(Comment.objects.count(), 0)
            # What was typed is shown back, escaped, and the resend form carries it all.
            self.assertIn("line <two> & more", "".join(page.shown))
            self.assertNotIn("<two>", failed.text)
            self.assertEqual(page.hidden["text"], data["text"])
            self.assertEqual(page.hidden["submission"], data["submission"])
            # The failed attempt does not count as flooding: sending again at once works.
            again = self.client.post(self.url, page.hidden)
            self.client.post(self.url, page.hidden)  # and a third time changes nothing
        self.assertEqual(again.status_code, 302)
        self.assertEqual(list(Comment.objects.values_list("text", flat=True)), [data["text"]])

    def test_pages_answer_503_without_the_database(self):
        with mock.patch(
            "posts.views.PostDetailView.get_object", side_effect=OperationalError("down")
        ):
            response = self.client.get(self.url)
        self.assertEqual(response.status_code, 503)
        self.assertIn("briefly unavailable", response.text)
        self.assertNotIn("<form", response.text)


class PledgeRetryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(slug="embassies")
        make_action(cls.campaign)
        cls.url = "/campaigns/embassies/pledge/"

    def setUp(self):
        cache.clear()

    def test_sending_the_same_pledge_twice_stores_one(self):
        data = pledge_data(submission=str(uuid.uuid4()))
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(self.client.post(self.url, data).status_code, 302)
        self.assertEqual(Pledge.objects.count(), 1)

    def test_a_failed_pledge_is_handed_back_and_stored_once_on_retry(self):
        data = pledge_data(message="Five of us", submission=str(uuid.uuid4()))
        with failing_once(Pledge):
            failed = self.client.post(self.url, data)
            self.assertEqual(failed.status_code, 503)
            page = _Form(failed.text)
            self.assertIn("Five of us", "".join(page.shown))
            self.assertEqual(self.client.post(self.url, page.hidden).status_code, 302)
        self.assertEqual(list(Pledge.objects.values_list("message", flat=True)), ["Five of us"])
