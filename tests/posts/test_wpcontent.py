"""posts.wpcontent: WordPress post HTML to our stored HTML, without a database."""

import re
from pathlib import Path

import pytest

from posts.wpcontent import convert
from posts.wxr import WxrItem, parse

FIXTURE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "fixtures"
    / "wordpress"
    / "theme-unit-test-data.xml"
)
UPLOAD = "https://old.example/wp-content/uploads/2020/01/"
HANDLER = re.compile(r"\son\w+\s*=", re.I)


def local_copy(url):
    """A media_url that has every file: /media/wp/<file name>."""
    return "/media/wp/" + url.rsplit("/", 1)[-1]


def test_blank_lines_make_paragraphs_and_single_newlines_breaks():
    html = convert("One\ntwo\n\nThree").html
    assert html == "<p>One<br>\ntwo</p>\n<p>Three</p>"


def test_blocks_are_not_wrapped_and_pre_is_untouched():
    content = (
        "<h2>Title</h2>\n<ul>\n<li>a\nb</li>\n</ul>\n<blockquote>q1\n\nq2</blockquote>\n"
        "<pre>line [foo]\n\n  indented</pre>\n<table><tr><td>cell</td></tr></table>"
    )
    result = convert(content)
    assert "<p><h2>" not in result.html and "<h2>Title</h2>" in result.html
    assert "<li>a<br>\nb</li>" in result.html
    assert "<blockquote><p>q1</p><p>q2</p></blockquote>" in result.html
    assert "<pre>line [foo]\n\n  indented</pre>" in result.html
    assert "<td>cell</td>" in result.html and "<p><table>" not in result.html
    assert result.unknown_shortcodes == ()  # a shortcode inside <pre> is just text


def test_gutenberg_comments_are_removed_and_their_html_kept():
    content = "<!-- wp:paragraph -->\n<p>Hello</p>\n<!-- /wp:paragraph -->\n\nAfter"
    assert convert(content).html == "<p>Hello</p>\n<p>After</p>"


def test_caption_becomes_figure():
    content = (
        f'[caption id="attachment_1" align="alignleft" width="300"]<a href="{UPLOAD}a.jpg">'
        f'<img src="{UPLOAD}a-300.jpg" alt="A cat" width="300" class="x"/></a> A cat.[/caption]'
    )
    result = convert(content, media_url=local_copy)
    assert result.html == (
        '<figure><a href="/media/wp/a.jpg" rel="noopener noreferrer">'
        '<img src="/media/wp/a-300.jpg" alt="A cat" width="300"></a>'
        "<figcaption>A cat.</figcaption></figure>"
    )
    assert result.media == (f"{UPLOAD}a.jpg", f"{UPLOAD}a-300.jpg")


def test_caption_attribute_and_unlinked_image():
    content = f'[caption caption="Said so"]<img src="{UPLOAD}b.jpg" alt="B" />[/caption]'
    html = convert(content, media_url=local_copy).html
    assert html == (
        '<figure><img src="/media/wp/b.jpg" alt="B"><figcaption>Said so</figcaption></figure>'
    )


def test_unavailable_image_becomes_link_with_alt_text():
    content = '<p>See <img src="https://other.example/pic.png" alt="the chart"> here</p>'
    result = convert(content, media_url=lambda url: None)
    assert "<img" not in result.html
    assert '<a href="https://other.example/pic.png" rel="noopener noreferrer">the chart</a>' in (
        result.html
    )
    assert result.media == ("https://other.example/pic.png",)
    assert "<img" not in convert(content).html  # no media_url at all: same


def test_gallery_lists_known_attachments_and_reports_the_rest():
    attachments = {1: (f"{UPLOAD}one.jpg", "One"), 3: (f"{UPLOAD}three.jpg", "")}
    result = convert('[gallery ids="1,2,3"]', media_url=local_copy, attachments=attachments)
    assert result.html == (
        '<ul><li><figure><img src="/media/wp/one.jpg" alt="One"></figure></li>'
        '<li><figure><img src="/media/wp/three.jpg" alt=""></figure></li></ul>'
    )  # the sanitiser drops class="gallery"
    assert result.missing_attachments == (2,)
    assert result.media == (f"{UPLOAD}one.jpg", f"{UPLOAD}three.jpg")
    unmapped = convert('[gallery ids="4, 5"]')
    assert unmapped.html == "" and unmapped.missing_attachments == (4, 5)
    idless = convert("[gallery columns=3]")
    assert idless.html == "" and idless.galleries_without_ids == 1


@pytest.mark.parametrize(
    ("content", "href", "text"),
    [
        ("[embed]https://vimeo.com/123[/embed]", "https://vimeo.com/123", "Watch on vimeo.com"),
        ('[video mp4="https://v.example/a.mp4"][/video]', "https://v.example/a.mp4", "Watch on"),
        ('[video src="https://v.example/b.webm"]', "https://v.example/b.webm", "Watch on"),
        ("[audio https://a.example/s.mp3]", "https://a.example/s.mp3", "Listen on a.example"),
        ("Intro\nhttps://youtu.be/abc\nOutro", "https://youtu.be/abc", "Watch on youtu.be"),
        (
            "https://www.youtube.com/watch?v=x&amp;t=2",
            "https://www.youtube.com/watch?v=x&amp;t=2",
            "Watch on youtube.com",
        ),
        ("https://soundcloud.com/a/b", "https://soundcloud.com/a/b", "Listen on soundcloud.com"),
        ("https://x.com/a/status/1", "https://x.com/a/status/1", "Watch on x.com"),
    ],
)
def test_embeds_become_click_to_load_links(content, href, text):
    html = convert(content).html
    assert f'<p><a href="{href}" rel="noopener noreferrer">{text}' in html
    assert "<iframe" not in html and "<video" not in html and "<audio" not in html


def test_bare_url_of_unknown_host_or_inside_text_stays_text():
    assert "<a" not in convert("https://example.com/page").html
    assert "<a" not in convert("Watch https://youtu.be/abc now").html


def test_uploaded_audio_links_to_our_copy():
    result = convert(f'[audio mp3="{UPLOAD}song.mp3"][/audio]', media_url=local_copy)
    assert '<a href="/media/wp/song.mp3" rel="noopener noreferrer">song.mp3</a>' in result.html
    assert result.media == (f"{UPLOAD}song.mp3",)


def test_unknown_shortcodes_are_text_and_reported():
    content = '[contact-form-7 id="5"]\n\n[foo]x[/foo] [simple boat] [[bar]] [note/] [1] [see also]'
    result = convert(content)
    assert result.unknown_shortcodes == ("contact-form-7", "foo", "note")
    assert '[contact-form-7 id="5"]' in result.html
    assert "[foo]x[/foo] [simple boat] [bar] [note/] [1] [see also]" in result.html


def test_more_marker_kept_and_nextpage_removed():
    result = convert("Intro\n\n<!--more Read on-->\n\nBody\n\n<!--nextpage-->\n\nPage two")
    assert result.excerpt_break is True
    assert result.html == "<p>Intro</p><!--more--><p>Body</p>\n<p>Page two</p>"
    assert "<!--more-->" in convert("Before<!--more-->After").html
    assert convert("No break").excerpt_break is False


def test_links_to_uploads_are_rewritten():
    result = convert(f'<a href="{UPLOAD}doc.pdf">Report</a>', media_url=local_copy)
    assert result.html == '<p><a href="/media/wp/doc.pdf" rel="noopener noreferrer">Report</a></p>'
    assert result.media == (f"{UPLOAD}doc.pdf",)
    kept = convert(f'<a href="{UPLOAD}doc.pdf">Report</a>', media_url=lambda url: None)
    assert f'href="{UPLOAD}doc.pdf"' in kept.html


HOSTILE = (
    '<script>alert("x")</script>text1\n\n'
    '<img src="/media/a.jpg" alt="" onerror="alert(1)">text2\n\n'
    '<a href="javascript:alert(1)">text3</a> <a href="JaVaScRiPt:alert(1)">text4</a>\n\n'
    '<iframe src="https://evil.example"></iframe>text5\n\n'
    '<p style="color:red" onmouseover="alert(1)">text6</p>\n\n'
    '<svg onload="alert(1)"><circle/></svg>text7\n\n'
    '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="text8">\n\n'
    '[caption]<img src="javascript:alert(1)" alt="text9">[/caption]\n\n'
    "[embed]javascript:alert(1)[/embed]text10\n\n"
    '<style>body{display:none}</style>text11 <object data="x.swf"></object>'
)


def assert_clean(html):
    lowered = html.lower()
    for needle in ("<script", "javascript:", "<iframe", "<svg", "<style", "style=", "data:"):
        assert needle not in lowered, needle
    assert not HANDLER.search(html)


def test_hostile_input_is_neutralised_and_text_kept():
    for media_url in (None, local_copy):
        html = convert(HOSTILE, media_url=media_url).html
        assert_clean(html)
        for n in range(1, 12):
            assert f"text{n}" in html


@pytest.mark.skipif(not FIXTURE.exists(), reason="theme unit test export not available")
def test_theme_unit_test_export():
    items = [r for r in parse(FIXTURE) if isinstance(r, WxrItem) and r.content]
    assert items
    seen = {"caption": 0, "gallery": 0, "boat": 0}
    for item in items:
        result = convert(item.content)
        assert_clean(result.html)
        assert "<img" not in result.html  # nothing is copied here, so nothing may be embedded
        if "[caption" in item.content:
            seen["caption"] += 1
            assert "<figure>" in result.html and "<figcaption>" in result.html, item.post_id
        if "[gallery" in item.content:
            seen["gallery"] += 1
            assert result.missing_attachments or result.galleries_without_ids, item.post_id
        if "[simple boat]" in item.content:
            seen["boat"] += 1
            assert "simple" not in result.unknown_shortcodes
            assert "[simple boat]" in result.html
        assert "caption" not in result.unknown_shortcodes
        assert "<!-- wp:" not in result.html
    assert all(seen.values()), seen
