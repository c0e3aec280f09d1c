"""
Issue 6, figure 3: every hostile string through every text field of every public form,
then the public pages and the admin pages that show what was stored (see hostile.py).

To stay fast, each string is sent twice to each form: once in every field at once (the
e-mail field refuses it, so the form comes back and shows every field's text again),
and once in the free-text fields alone, where it fits their length (stored). The
comment form and its view are the same on every item, so both kinds alternate between
the post and the campaign, and what was stored on one is then copied to the other:
both items' pages and admin lists show every string. The pledge form's re-shown page
also carries the string in ?tz=, read by the same code as the campaign page's GET.
Pages that show one stored string each (reply pages, admin change forms) are checked for
the team's breakout strings; every list, feed and changelist shows every string.
"""

import itertools
from unittest import mock
from urllib.parse import urlencode

from defusedxml import ElementTree
from django.core.cache import cache
from django.core.validators import ProhibitNullCharactersValidator
from django.test import TestCase
from django.utils import translation

from campaigns.models import Pledge
from comments import moderation
from comments.feeds import LatestCommentsFeed
from comments.models import Comment, CommentStatus
from tests.comments.helpers import comment_data
from tests.factories import make_action, make_campaign, make_post
from tests.security.dom import parse, parse_fragment, shape_of_tree
from tests.security.helpers import baseline_of, quiet_request_log
from tests.security.hostile import (
    ATOM,
    BREAKOUTS,
    COMMENT_MARKUP,
    HARMLESS_COMMENTS,
    HostileInputCase,
    as_parsed,
    fitting,
)
from tests.security.payloads import CONTEXT_PAYLOADS, hostile_strings, naughty_strings


class CommentFormTests(HostileInputCase):
    """The comment form on a post and on a campaign: name, e-mail, website, text, honeypot."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.post = make_post(title="Open thread", slug="open-thread")
        cls.quiet_post = make_post(title="Quiet thread", slug="quiet-thread")
        cls.campaign = make_campaign(title="Open campaign", slug="open-campaign")
        cls.quiet_campaign = make_campaign(title="Quiet campaign", slug="quiet-campaign")
        for campaign in (cls.campaign, cls.quiet_campaign):
            make_action(campaign)

    def comment(self, **fields):
        return comment_data(started=self.started, **fields)

    def reshown_baseline(self, target):
        """The item's page with the form shown again, every field refused."""
        refused = self.send(
            target.get_absolute_url(),
            self.comment(
                name="x" * 81, email="no address", url="no url", text="", homepage_url="x"
            ),
        )
        self.assertEqual(refused.status_code, 400)
        return baseline_of(refused.content)

    def test_every_field_refused_and_shown_again(self):
        """All five text fields hold the string; the e-mail field refuses it."""
        targets = (self.post, self.campaign)
        with quiet_request_log():
            reshown = {target: self.reshown_baseline(target) for target in targets}
            for payload, target in zip(hostile_strings(), itertools.cycle(targets)):
                response = self.send(
                    target.get_absolute_url(),
                    self.comment(**dict.fromkeys(("name", "email", "url", "text"), payload))
                    | {"homepage_url": payload},
                )
                self.sent(f"{target} form", payload, response, reshown[target])
        self.assertFalse(Comment.objects.exists())
        self.assertNoFindings()

    def store(self):
        """Every string as a comment's name (where it fits) and text.

        Half are sent to the post and half to the campaign; each half is then copied, exactly
        as stored, to the other item, so that both show every string."""
        targets = (self.post, self.campaign)
        with quiet_request_log():
            reshown = {target: self.reshown_baseline(target) for target in targets}
            for payload, item in zip(hostile_strings(), itertools.cycle(targets)):
                response = self.send(
                    item.get_absolute_url(),
                    self.comment(name=fitting(payload, 80, "Sasha"), text=payload),
                )
                self.sent(f"{item} form", payload, response, reshown[item])
        copies = []
        for comment in Comment.objects.all():
            copy = Comment(name=comment.name, text=comment.text, email=comment.email)
            copy.post, copy.campaign = (None, self.campaign) if comment.post else (self.post, None)
            copies.append(copy)
        Comment.objects.bulk_create(copies)
        self.assertGreater(len(copies), len(hostile_strings()) * 9 // 10)
        for target, quiet in ((self.post, self.quiet_post), (self.campaign, self.quiet_campaign)):
            # As many harmless comments on the quiet item, so both pages list as many.
            Comment.objects.bulk_create(
                Comment(
                    **{quiet._meta.model_name: quiet},
                    **fields | {"name": f"{fields['name']}{n}", "status": CommentStatus.APPROVED},
                )
                for n, fields in zip(range(len(copies)), itertools.cycle(HARMLESS_COMMENTS))
            )
            moderation.recount(quiet)
            self.approve_all(target)

    def check_public_page(self, target, quiet, stored):
        page = self.client.get(target.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        baseline = baseline_of(self.client.get(quiet.get_absolute_url()).content)
        self.findings.page(
            "public page", "(all comments)", page.content, baseline, **COMMENT_MARKUP
        )
        # Names are shown as text, whole, inside <bdi> (no bidi override leaks out).
        authors = {
            element.get("id"): element.find(".//*[@class='comment-author']//bdi")
            for element in parse(page.content).iter("li")
            if (element.get("id") or "").startswith("comment-")
        }
        for comment in stored:
            shown = authors.get(f"comment-{comment.pk}")
            if shown is None:
                self.findings.add(f"comment {comment.pk} ({comment.name[:40]!r}) is not shown")
            elif (shown.text or "") != as_parsed(comment.name):
                self.findings.add(f"name {comment.name[:40]!r} shown as {shown.text[:40]!r}")

    def check_reply_page(self, target, quiet, stored):
        """The reply page quotes the comment in <title> and above the form."""
        quiet_comment = Comment.objects.filter(**{quiet._meta.model_name: quiet}).first()
        baseline = baseline_of(
            self.client.get(quiet.get_comment_url(), {"replyto": quiet_comment.pk}).content
        )
        for comment in stored.filter(text__in=BREAKOUTS):
            response = self.client.get(target.get_comment_url(), {"replyto": comment.pk})
            if self.findings.status("reply page", comment.text, response, {200}):
                self.findings.page("reply page", comment.text, response.content, baseline)

    def check_feed(self):
        """Every approved comment through the comments feed, whose entries are HTML."""
        everything = Comment.objects.published().select_related("post", "campaign", "page")
        with mock.patch.object(LatestCommentsFeed, "items", lambda feed: everything):
            response = self.client.get("/comments/feed/")
        if not self.findings.status("comments feed", "(all)", response, {200}):
            return
        entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
        self.assertEqual(len(entries), everything.count())
        for entry in entries:
            for part in entry:
                if part.get("type") != "html":
                    continue
                shape = shape_of_tree(parse_fragment(part.text or ""))
                extra = set(shape.tags) - {"DOCUMENT_FRAGMENT", "p", "br"}
                for problem in [*shape.problems, *(f"<{tag}>" for tag in extra)]:
                    self.findings.add(f"comments feed {part.tag}: {problem}")

    def check_admin(self, target, quiet, stored, *, change_forms):
        field = target._meta.model_name
        listing = f"/admin/comments/comment/?queue=all&{field}__id__exact="
        self.check_changelist(
            "comment changelist", f"{listing}{target.pk}", f"{listing}{quiet.pk}",
            stored.count(), 50,
        )  # fmt: skip
        if not change_forms:
            return
        quiet_comment = Comment.objects.filter(**{field: quiet}, url__gt="").first()
        change = baseline_of(
            self.staff.get(f"/admin/comments/comment/{quiet_comment.pk}/change/").content
        )
        for comment in stored.filter(text__in=BREAKOUTS):
            response = self.staff.get(f"/admin/comments/comment/{comment.pk}/change/")
            if self.findings.status("comment change form", comment.text, response, {200}):
                self.findings.page(
                    "comment change form", comment.text, response.content, change,
                    **COMMENT_MARKUP,
                )  # fmt: skip

    def test_stored_then_shown_on_a_post_and_a_campaign(self):
        self.store()
        for target, quiet in ((self.post, self.quiet_post), (self.campaign, self.quiet_campaign)):
            stored = Comment.objects.filter(**{target._meta.model_name: target})
            self.check_public_page(target, quiet, stored)
            self.check_admin(target, quiet, stored, change_forms=target == self.post)
        self.check_reply_page(self.post, self.quiet_post, self.post.comments.all())
        self.check_feed()
        self.assertNoFindings()


class PledgeFormTests(HostileInputCase):
    """The pledge form (name, e-mail, city, organisation, message) and the ?tz= parameter."""

    TEXT_FIELDS = {"name": 100, "city": 100, "organisation": 200, "message": 1000}

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.campaign = make_campaign(title="Pledges", slug="pledges")
        cls.quiet = make_campaign(title="Quiet pledges", slug="quiet-pledges")
        for campaign in (cls.campaign, cls.quiet):
            make_action(campaign)

    def pledge(self, **fields):
        data = {
            "name": "Sasha", "email": "", "city": "", "organisation": "", "message": "",
            "consent": "on", "started": self.started, "homepage_url": "",
        }  # fmt: skip
        return data | fields

    def test_pledge_form_and_time_zone(self):
        url = f"{self.campaign.get_absolute_url()}pledge/"
        with quiet_request_log():
            too_long = {name: "x" * (limit + 1) for name, limit in self.TEXT_FIELDS.items()}
            refused = self.send(
                f"{url}?tz=Nowhere/Atlantis",
                self.pledge(**too_long, email="no address", homepage_url="x"),
            )
            self.assertEqual(refused.status_code, 400)
            reshown = baseline_of(refused.content)
            for payload in hostile_strings():
                every_field = dict.fromkeys([*self.TEXT_FIELDS, "email", "homepage_url"], payload)
                response = self.send(
                    f"{url}?{urlencode({'tz': payload})}", self.pledge(**every_field)
                )
                self.sent("pledge form and ?tz=", payload, response, reshown)
                fields = {
                    name: fitting(payload, limit, "") for name, limit in self.TEXT_FIELDS.items()
                }
                response = self.send(
                    url, self.pledge(**fields | {"name": fields["name"] or "Sasha"})
                )
                self.sent("pledge form", payload, response, reshown)
        stored = Pledge.objects.filter(campaign=self.campaign)
        self.assertGreater(stored.count(), len(hostile_strings()) * 9 // 10)
        Pledge.objects.bulk_create(
            Pledge(
                campaign=self.quiet,
                name=f"Supporter {number}",
                email="s@example.org",
                city="Vilnius",
                organisation="Peers",
                message="I will come.\nWith friends.",
                consent_text="Yes",
                language="en",
            )  # fmt: skip
            for number in range(stored.count())
        )
        self.check_tz_on_the_page()
        cache.clear()
        page = self.client.get(self.campaign.get_absolute_url())
        baseline = baseline_of(self.client.get(self.quiet.get_absolute_url()).content)
        self.findings.page("campaign page", "(all pledges)", page.content, baseline)
        listing = "/admin/campaigns/pledge/?campaign__id__exact="
        self.check_changelist(
            "pledge changelist", f"{listing}{self.campaign.pk}", f"{listing}{self.quiet.pk}",
            stored.count(), 100,
        )  # fmt: skip
        quiet_pledge = Pledge.objects.filter(campaign=self.quiet).first()
        view = baseline_of(
            self.staff.get(f"/admin/campaigns/pledge/{quiet_pledge.pk}/change/").content
        )
        for pledge in stored.filter(message__in=BREAKOUTS):
            response = self.staff.get(f"/admin/campaigns/pledge/{pledge.pk}/change/")
            if self.findings.status("pledge view", pledge.message, response, {200}):
                self.findings.page("pledge view", pledge.message, response.content, view)
        self.assertNoFindings()

    def check_tz_on_the_page(self):
        """The campaign page's own GET with ?tz= (every string went through the same code on
        the pledge form's re-shown page): the team's breakout strings."""
        url = self.campaign.get_absolute_url()
        baseline = baseline_of(
            self.client.get(url, {"tz": "Nowhere/Atlantis"}).content,
            self.client.get(url, {"tz": "Europe/Paris"}).content,
        )
        for payload in BREAKOUTS:
            response = self.client.get(url, {"tz": payload})
            if self.findings.status("?tz=", payload, response, {200}):
                self.findings.page("?tz=", payload, response.content, baseline)


class NullCharacterTests(HostileInputCase):
    """PostgreSQL cannot store NUL in text: every field refuses it with a translated message."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.post = make_post()
        cls.campaign = make_campaign()

    def test_nul_gives_a_form_error_in_the_reader_s_language(self):
        with translation.override("ru"):
            expected = str(ProhibitNullCharactersValidator.message)
        comment = {
            "name": "Sa\x00sha", "email": "a\x00@example.org", "url": "http://x.example/\x00",
            "text": "\x00",
        }  # fmt: skip
        pledge = dict.fromkeys(("name", "email", "city", "organisation", "message"), "\x00")
        pledge |= {"consent": "on", "started": self.started, "homepage_url": ""}
        cases = [
            (f"/ru{self.post.get_absolute_url()}", comment_data(started=self.started, **comment)),
            (f"/ru{self.campaign.get_absolute_url()}pledge/", pledge),
        ]
        with quiet_request_log():
            for url, data in cases:
                response = self.send(url, data)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, expected, status_code=400)
        self.assertFalse(Comment.objects.exists())
        self.assertFalse(Pledge.objects.exists())


class CorpusTests(TestCase):
    def test_at_least_550_distinct_hostile_strings(self):
        self.assertGreaterEqual(len(set(naughty_strings())), 490)
        own = set(CONTEXT_PAYLOADS) - set(naughty_strings())
        self.assertGreaterEqual(len(own), 50)
        self.assertGreaterEqual(len(hostile_strings()), 550)
        self.assertIn("\x00", hostile_strings())
        self.assertIn(64 * 1024 + 1, {len(payload) for payload in hostile_strings()})
