"""
Issue 6, figure 3: every hostile string as a post's body (sanitised on save) and title,
in the search box, and in the query parameters that hold a number; then the pages that
show them, public and admin (see hostile.py).
"""

from datetime import timedelta
from unittest import mock
from urllib.parse import urlencode

from defusedxml import ElementTree
from django.utils import timezone

from posts.admin import PostAdmin
from posts.models import Post
from tests.factories import make_campaign, make_post
from tests.posts.test_views import link
from tests.security.dom import parse_fragment, shape_of_tree
from tests.security.helpers import baseline_of
from tests.security.hostile import BODY_MARKUP, HostileInputCase
from tests.security.payloads import CONTEXT_PAYLOADS, hostile_strings


class PostBodyAndSearchTests(HostileInputCase):
    """Staff HTML is sanitised on save; the search box echoes and highlights what it finds."""

    def make_posts(self, payloads, start):
        return [
            make_post(
                # Titles come through the admin form, which refuses NUL.
                title=payload.replace("\x00", "")[:200].strip() or f"Untitled {number}",
                slug=f"hostile-{number}",
                body=payload,
                allow_comments=False,
                published_at=timezone.now() - timedelta(minutes=number + 1),
            )
            for number, payload in enumerate(payloads, start=start)
        ]

    def test_post_bodies_and_search(self):
        harmless = [
            make_post(
                title=f"Harmless {number}",
                slug=f"harmless-{number}",
                allow_comments=False,
                body='<p>A <a href="https://example.org/">link</a>, <img src="/media/a.jpg" alt="">'
                " and harmless words.</p>",
            )  # fmt: skip
            for number in range(11)
        ]
        # Every string in the search box while no post matches it; then the team's strings
        # again once they are post bodies, so that their titles and snippets are listed.
        self.check_search(hostile_strings())
        ours = [payload for payload in hostile_strings() if payload in set(CONTEXT_PAYLOADS)]
        posts = self.make_posts(ours, start=0)
        self.check_search(ours)
        rest = [payload for payload in hostile_strings() if payload not in set(ours)]
        posts += self.make_posts(rest, start=len(ours))
        baseline = baseline_of(self.client.get(harmless[0].get_absolute_url()).content)
        for post, payload in zip(posts, [*ours, *rest], strict=True):
            body = Post.objects.values_list("body", flat=True).get(pk=post.pk)
            for problem in shape_of_tree(parse_fragment(body)).problems:
                self.findings.add(f"stored body: {problem} for {payload[:80]!r}")
            response = self.client.get(post.get_absolute_url())
            if self.findings.status("post page", payload, response, {200}):
                self.findings.page("post page", payload, response.content, baseline, **BODY_MARKUP)
        self.check_lists()
        self.check_admin(posts[:25], harmless[0])
        self.assertNoFindings()

    def check_search(self, payloads):
        baseline = baseline_of(
            self.client.get("/search/", {"q": "harmless"}).content,
            self.client.get("/search/", {"q": "harmless", "page": 2}).content,
            self.client.get("/search/", {"q": "nothing at all"}).content,
        )
        for payload in payloads:
            response = self.client.get("/search/", {"q": payload})
            if self.findings.status("search", payload, response, {200}):
                self.findings.page(
                    "search", payload, response.content, baseline, allowed_tags={"mark"}
                )

    def check_lists(self):
        older = "/?before=0.4102444800000000.1"
        baseline = baseline_of(self.client.get("/").content, self.client.get(older).content)
        url, number = "/", 1
        while url:  # every page of the list, through its "Older posts" links
            response = self.client.get(url)
            if self.findings.status("home", f"page {number}", response, {200}):
                self.findings.page(
                    "home", f"page {number}", response.content, baseline, **BODY_MARKUP
                )
            url, number = link(response, "next"), number + 1
        self.assertEqual(number - 1, -(-Post.objects.published().count() // 10))
        response = self.client.get("/sitemap-posts.xml")
        if self.findings.status("/sitemap-posts.xml", "(all posts)", response, {200}):
            ElementTree.fromstring(response.content)  # well-formed

    def test_feeds_survive_control_characters_in_titles_and_bodies(self):
        make_post(title="Bell\x07 in a title", body="<p>Back\x08space \x01 in a body</p>")
        for url in ("/feed/", "/feed/atom/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            ElementTree.fromstring(response.content)

    def check_admin(self, posts, harmless):
        """The changelist of every post; the change form of the team's first strings."""
        # The 11 harmless posts, paged by five so that the baseline has pagination links too.
        with mock.patch.object(PostAdmin, "list_per_page", 5):
            baseline = baseline_of(self.staff.get("/admin/posts/post/?q=Harmless").content)
        for number in range(1, -(-Post.objects.count() // 100) + 1):
            response = self.staff.get(f"/admin/posts/post/?p={number}")
            if self.findings.status("post changelist", f"page {number}", response, {200}):
                self.findings.page(
                    "post changelist", f"page {number}", response.content, baseline,
                    uncounted={"input"},
                )  # fmt: skip
        change = baseline_of(self.staff.get(f"/admin/posts/post/{harmless.pk}/change/").content)
        for post in posts:
            response = self.staff.get(f"/admin/posts/post/{post.pk}/change/")
            if self.findings.status("post change form", post.body, response, {200}):
                self.findings.page("post change form", post.title, response.content, change)


class NumericParameterTests(HostileInputCase):
    """Query parameters that hold a number take any string with a digit in it: Unicode
    digits (superscripts, other scripts), huge numbers, signs. Never a 500."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.post = make_post()
        cls.campaign = make_campaign()

    def numbers(self):
        numbers = [
            payload
            for payload in hostile_strings()
            if any(c.isdigit() for c in payload)
            and all(c.isdigit() or c in " +-.,/'eE" for c in payload)
        ]
        return [*numbers, "²", "¹²", "٣", "１２", "9" * 30, "-1", "0"]

    def test_page_and_reply_parameters(self):
        client = self.client_class(raise_request_exception=False)
        get = {
            "replyto": [self.post.get_comment_url(), f"{self.campaign.get_absolute_url()}comment/"],
            "page": ["/", "/search/?q=post"],
            "comments": [self.post.get_absolute_url()],
        }
        for value in self.numbers():
            for parameter, urls in get.items():
                for url in urls:
                    joiner = "&" if "?" in url else "?"
                    response = client.get(f"{url}{joiner}{urlencode({parameter: value})}")
                    self.findings.status(f"?{parameter}= on {url}", value, response, {200, 404})
        self.assertNoFindings()

    def test_old_wordpress_short_links(self):
        for parameter in ("p", "page_id"):
            response = self.client.get("/", {parameter: "²"})
            self.assertEqual(response.status_code, 404, parameter)
