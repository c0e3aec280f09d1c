from html.parser import HTMLParser
from xml.etree import ElementTree

from django.test import TestCase

from comments import moderation
from comments.models import Comment, CommentStatus, ModerationSettings
from tests.comments.factories import make_comment
from tests.comments.helpers import comment_data
from tests.factories import make_post, make_user

ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=//evil.example></iframe>",
    "<body onload=alert(1)>",
    "<style>*{display:none}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    'http://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>alert(1)</script>",
    "www.example.org/?q=<b>bold</b>",
    "data:text/html,<script>alert(1)</script>",
    "\u202eevil\u202c reversed text",
    "right-to-left override \u202egnp.exe",
    "zero\u200bwidth\u200djoiner",
    "emoji 🧪💉 and non-BMP 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎",
    "x" * 10000,
    "{{ 7*7 }} {% debug %}",
    "${7*7} #{7*7}",
    "'; DROP TABLE comments_comment; --",
    "<!-- comment --><![CDATA[ x ]]>",
    "<base href=//evil.example/>",
    "<meta http-equiv=refresh content=0;url=//evil.example>",
    "<form action=//evil.example><button>go</button></form>",
    "line one\r\nline two\rline three\nline four",
    "\t tabs \t and spaces   ",
    "Ünïcödé Кириллица العربية עברית",
]


class ScriptFinder(HTMLParser):
    """Collects anything in the comment list that is not plain comment markup."""

    allowed = {
        "li",
        "ol",
        "article",
        "header",
        "strong",
        "a",
        "span",
        "time",
        "div",
        "br",
        "p",
        "bdi",
    }

    def __init__(self, own=()):
        super().__init__()
        self.found = []
        self.own = ("http", "#", "?", *own)  # the site's own reply links are expected

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src"} and not (value or "").startswith(self.own):
                self.found.append(f"{tag}[{name}={value}]")


class HostileInputTests(TestCase):
    def test_hostile_names_websites_and_texts_come_out_inert_and_readable(self):
        post = make_post(title="Hostile")
        moderator = make_user("mod", groups=["Moderators"])
        rules = ModerationSettings.current()
        rules.per_page = 500  # every thread on one page
        rules.save()
        for n, payload in enumerate(HOSTILE):
            for i, field in enumerate(("name", "url", "text")):
                data = comment_data(
                    name=payload[:80] if field == "name" else "Reader",
                    url=payload if field == "url" else "",
                    text=payload if field == "text" else "Plain text.",
                )
                self.client.post(post.get_absolute_url(), data, REMOTE_ADDR=f"10.{n}.{i}.1")
        stored = Comment.objects.all()
        # Every name and text is kept; websites that are not URLs were refused.
        self.assertGreaterEqual(stored.count(), 2 * len(HOSTILE))
        for comment in stored:
            moderation.approve(comment, by=moderator)
        response = self.client_class().get(post.get_absolute_url())
        html = response.content.decode()
        start, end = html.index('<ol class="comment-list">'), html.index('class="write-comment"')
        section = html[start:end]
        finder = ScriptFinder(own=[post.get_comment_url() + "?replyto="])
        finder.feed(section)
        self.assertEqual(finder.found, [])
        for readable in (
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "Кириллица",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "line one<br>line two",
            'rel="ugc nofollow noopener"',
            "x" * 80,
            "<bdi>\u202eevil\u202c reversed text</bdi>",
        ):
            self.assertTrue(readable in section, f"not found: {readable[:40]!r}")

    def test_null_bytes_are_refused_with_a_message(self):
        post = make_post()
        response = self.client.post(post.get_absolute_url(), comment_data(text="a\x00b"))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Null characters are not allowed", status_code=400)


class ThreadTests(TestCase):
    def test_threads_oldest_first_with_replies_nested(self):
        post = make_post()
        first = make_comment(post, text="first")
        make_comment(post, text="second")
        make_comment(post, text="reply to first", parent=first)
        make_comment(post, text="still waiting", status=CommentStatus.PENDING)
        make_comment(post, text="junk", status=CommentStatus.SPAM)
        html = self.client.get(post.get_absolute_url()).text
        self.assertLess(html.index("first"), html.index("reply to first"))
        self.assertLess(html.index("reply to first"), html.index("second"))
        self.assertIn('<ol class="comment-replies">', html)
        self.assertNotIn("still waiting", html)
        self.assertNotIn("junk", html)

    def test_no_email_or_avatar_is_ever_shown(self):
        post = make_post()
        make_comment(post, email="secret@example.org", url="https://my.example")
        html = self.client.get(post.get_absolute_url()).text
        self.assertNotIn("secret@example.org", html)
        self.assertNotIn("gravatar", html.lower())

    def test_paginated_past_fifty_threads(self):
        post = make_post()
        for n in range(55):
            make_comment(post, text=f"comment number {n:02d}")
        first = self.client.get(post.get_absolute_url()).text
        self.assertIn("comment number 49", first)
        self.assertNotIn("comment number 50", first)
        second = self.client.get(post.get_absolute_url(), {"comments": 2}).text
        self.assertIn("comment number 54", second)

    def test_counts_on_listings(self):
        post = make_post(title="Counted")
        for _ in range(3):
            comment = make_comment(post, status=CommentStatus.PENDING)
            moderation.approve(comment, by=None)
        for url in ("/", "/search/?q=Counted", f"/archive/{post.published_at.year}/"):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), "3 comments")

    def test_comments_feed_lists_approved_public_comments(self):
        post = make_post(title="On naloxone")
        make_comment(post, name="Ana", text="Visible <b>text</b>")
        make_comment(post, name="Ben", text="Waiting", status=CommentStatus.PENDING)
        make_comment(post, name="Cy", text="Private", is_private=True)
        feed = ElementTree.fromstring(self.client.get("/comments/feed/").content)
        entries = feed.findall(f"{ATOM}entry")
        self.assertEqual([e.findtext(f"{ATOM}author/{ATOM}name") for e in entries], ["Ana"])
        self.assertIn("&lt;b&gt;", entries[0].findtext(f"{ATOM}summary"))
        self.assertTrue(entries[0].findtext(f"{ATOM}updated"))


class CommentQueryBudgetTests(TestCase):
    def test_two_hundred_comments_same_queries_as_two(self):
        from comments.models import ModerationSettings

        counts = []
        for size in (2, 200):
            post = make_post()
            top = [make_comment(post, text=f"top {n}") for n in range(size // 2)]
            for parent in top:
                make_comment(post, text="a reply", parent=parent)
            ModerationSettings.current()
            # Post, categories, tags, documents, translations, the older and newer posts (no
            # related posts: it has no tags or categories), the menu, and three for the
            # thread: the count, a page of threads, their replies.
            with self.assertNumQueries(10):
                response = self.client.get(post.get_absolute_url())
                self.assertEqual(response.status_code, 200)
            counts.append(response.text.count('class="comment"'))
        self.assertEqual(counts, [2, 100])  # 50 threads of two on the first page
