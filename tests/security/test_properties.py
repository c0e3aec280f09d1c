"""
Issue 6, figure 3: property tests of every public form with Hypothesis.

Whatever a visitor sends, a form answers with errors or with cleaned data, and never
raises; what a valid form saves is read back from the database unchanged; and over
HTTP the answer is a redirect or the form again, never a 500.
"""

from urllib.parse import urlencode

from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase, from_form

from campaigns.forms import PledgeForm, TimeZoneForm
from campaigns.models import Pledge
from campaigns.timezones import COMMON_ZONES
from comments.forms import CommentForm
from comments.models import Comment, CommentStatus, ModerationSettings
from posts.search import clean_query, search_posts
from tests.comments.helpers import started
from tests.factories import make_action, make_campaign, make_post

# No example database: nothing is written into the working tree.
FORMS = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
REQUESTS = settings(FORMS, max_examples=40)

# Any text, including NUL and other control characters, and some near each length limit.
TEXT = st.text() | st.text(min_size=75, max_size=105)
LONG_TEXT = st.text() | st.text(min_size=990, max_size=1010)
EMAIL = st.just("") | st.emails() | st.text(max_size=40)
URL = st.just("") | st.from_regex(r"\Ahttps?://[a-z]{1,10}\.example/[^\s]{0,30}\Z") | st.text()
FLAG = st.booleans()


def all_errors_are_text(form):
    return all(isinstance(str(error), str) for errors in form.errors.values() for error in errors)


class FormPropertyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post()
        cls.campaign = make_campaign()
        make_action(cls.campaign)

    @FORMS
    @given(data=st.data())
    def test_comment_form(self, data):
        form = data.draw(
            from_form(
                CommentForm,
                form_kwargs={"target": self.post, "rules": ModerationSettings.current()},
                name=TEXT,
                email=EMAIL,
                url=URL,
                text=LONG_TEXT,
                is_urgent=FLAG,
                is_private=FLAG,
                notify_replies=FLAG,
                remember=FLAG,
                started=st.just(started()),
                homepage_url=st.just(""),
            )  # fmt: skip
        )
        if not form.is_valid():
            self.assertTrue(form.errors)
            self.assertTrue(all_errors_are_text(form))
            return
        comment = form.save(commit=False)
        comment.status = CommentStatus.PENDING
        comment.save()
        stored = Comment.objects.get(pk=comment.pk)
        for field in ("name", "email", "url", "text"):
            self.assertEqual(getattr(stored, field), form.cleaned_data[field], field)

    @FORMS
    @given(data=st.data())
    def test_pledge_form(self, data):
        form = data.draw(
            from_form(
                PledgeForm,
                name=TEXT,
                email=EMAIL,
                city=TEXT,
                organisation=TEXT,
                message=LONG_TEXT,
                wants_to_organise=FLAG,
                consent=FLAG,
                started=st.just(started()),
                homepage_url=st.just(""),
            )  # fmt: skip
        )
        if not form.is_valid():
            self.assertTrue(form.errors)
            self.assertTrue(all_errors_are_text(form))
            return
        pledge = form.save_for(self.campaign, language="en")
        stored = Pledge.objects.get(pk=pledge.pk)
        for field in ("name", "email", "city", "organisation", "message"):
            self.assertEqual(getattr(stored, field), form.cleaned_data[field], field)

    @FORMS
    @given(tz=st.text() | st.sampled_from(COMMON_ZONES))
    def test_time_zone_form(self, tz):
        form = TimeZoneForm({"tz": tz}, zones=COMMON_ZONES, at=timezone.now())
        zone = form.zone()
        self.assertIn(zone, {value for value, _label in form.fields["tz"].choices})
        self.assertEqual(zone, tz if tz in COMMON_ZONES else "UTC")

    @FORMS
    @given(q=st.text() | st.text(min_size=190, max_size=400))
    def test_search(self, q):
        query = clean_query(q)
        self.assertLessEqual(len(query), 200)
        self.assertNotIn("\x00", query)
        results = search_posts(q)
        list(results[:10])
        self.assertGreaterEqual(results.count(), 0)


class RequestPropertyTests(TestCase):
    """The same, through the views: a redirect, the form again or the page, never a 500."""

    @classmethod
    def setUpTestData(cls):
        cls.post = make_post()
        cls.campaign = make_campaign()
        make_action(cls.campaign)

    def send(self, url, data):
        cache.clear()  # the rate limits
        return Client().post(url, data)

    @REQUESTS
    @given(
        name=TEXT,
        email=EMAIL,
        url=URL,
        text=LONG_TEXT,
        target=st.sampled_from(["post", "campaign"]),
    )
    def test_comment(self, name, email, url, text, target):
        data = {"name": name, "email": email, "url": url, "text": text, "started": started()}
        response = self.send(getattr(self, target).get_absolute_url(), data | {"homepage_url": ""})
        self.assertIn(response.status_code, {302, 400})

    @REQUESTS
    @given(name=TEXT, email=EMAIL, city=TEXT, organisation=TEXT, message=LONG_TEXT, tz=st.text())
    def test_pledge(self, name, email, city, organisation, message, tz):
        data = {
            "name": name, "email": email, "city": city, "organisation": organisation,
            "message": message, "consent": "on", "started": started(), "homepage_url": "",
        }  # fmt: skip
        url = f"{self.campaign.get_absolute_url()}pledge/?{urlencode({'tz': tz})}"
        response = self.send(url, data)
        self.assertIn(response.status_code, {302, 400})

    @REQUESTS
    @given(q=st.text(), tz=st.text())
    def test_search_and_time_zone(self, q, tz):
        self.assertEqual(Client().get("/search/", {"q": q}).status_code, 200)
        self.assertEqual(
            Client().get(self.campaign.get_absolute_url(), {"tz": tz}).status_code, 200
        )
