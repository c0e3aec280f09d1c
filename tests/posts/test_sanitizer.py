from django.test import TestCase

from inpud_site.html import sanitize_html
from tests.factories import make_page, make_post

HOSTILE = [
    '<script>alert("x")</script><p>kept</p>',
    '<p>kept<img src="/media/a.jpg" alt="" onerror="alert(1)"></p>',
    '<p><a href="javascript:alert(1)">kept</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">kept</a></p>',
    '<p><a href="&#106;avascript:alert(1)">kept</a></p>',
    '<p style="background:url(javascript:alert(1))">kept</p>',
    '<p>kept</p><iframe src="https://example.com"></iframe>',
    '<p>kept</p><svg onload="alert(1)"><circle/></svg>',
    "<p>kept</p><style>body{display:none}</style>",
    '<p onmouseover="alert(1)">kept</p>',
    '<p>kept</p><object data="x.swf"></object><embed src="x">',
    '<p>kept<img src="https://tracker.example/pixel.gif"></p>',
    '<p>kept<img src="//tracker.example/pixel.gif"></p>',
    '<p>kept<img src="data:image/svg+xml;base64,PHN2Zz4="></p>',
    '<form action="/x"><input name="a"></form><p>kept</p>',
    '<p>kept</p><meta http-equiv="refresh" content="0;url=https://example.com">',
]


class SanitizerTests(TestCase):
    def assert_clean(self, html):
        lowered = html.lower()
        for needle in (
            "<script",
            "onerror",
            "onload",
            "onmouseover",
            "javascript:",
            "style=",
            "<iframe",
            "<svg",
            "<style",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<meta",
            "tracker.example",
            "data:",
        ):
            self.assertNotIn(needle, lowered)

    def test_hostile_post_bodies_are_cleaned_on_save(self):
        for hostile in HOSTILE:
            with self.subTest(hostile=hostile):
                post = make_post(body=hostile)
                post.refresh_from_db()
                self.assert_clean(post.body)
                self.assertIn("kept", post.body)

    def test_pages_are_cleaned_too(self):
        page = make_page(body=HOSTILE[0] + HOSTILE[2])
        page.refresh_from_db()
        self.assert_clean(page.body)

    def test_allowed_markup_survives(self):
        html = (
            "<h2>Heading</h2><p><strong>b</strong> <em>i</em> "
            '<a href="https://example.org/report">link</a></p>'
            "<ul><li>one</li></ul><blockquote><p>quote</p></blockquote>"
            '<figure><img src="/media/images/a.jpg" alt="Alt"><figcaption>Cap</figcaption></figure>'
        )
        cleaned = sanitize_html(html)
        for kept in (
            "<h2>",
            "<strong>",
            "<em>",
            'href="https://example.org/report"',
            "<ul>",
            "<blockquote>",
            '<img src="/media/images/a.jpg" alt="Alt">',
            "<figcaption>",
        ):
            self.assertIn(kept, cleaned)
        self.assertIn('rel="noopener noreferrer"', cleaned)

    def test_hostile_body_is_escaped_on_the_public_page(self):
        post = make_post(body='<p>"><script>alert(1)</script><img src=x onerror=alert(1)></p>')
        response = self.client.get(post.get_absolute_url())
        self.assertNotContains(response, "<script>alert(1)")
        self.assertNotContains(response, "onerror")
