"""Tests for the streaming WXR reader (posts/wxr.py); no database needed."""

import datetime as dt
import io
import json
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

from posts.wxr import WxrAuthor, WxrCategory, WxrError, WxrItem, WxrTag, parse

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PEER_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "wordpress"


def of_type(records, cls):
    return [r for r in records if isinstance(r, cls)]


@pytest.fixture(scope="module")
def records():
    return list(parse(FIXTURES / "wxr12_http.xml"))


@pytest.fixture(scope="module")
def items(records):
    return {item.post_id: item for item in of_type(records, WxrItem)}


def test_definitions_come_first_in_file_order(records):
    kinds = [type(r).__name__ for r in records]
    assert kinds[:6] == ["WxrAuthor"] * 2 + ["WxrCategory"] * 2 + ["WxrTag"] * 2
    assert set(kinds[6:]) == {"WxrItem"}
    assert len(kinds) == 6 + 11  # the <wp:term> nav menu is not yielded


def test_authors_categories_tags(records):
    assert of_type(records, WxrAuthor) == [
        WxrAuthor("maria", "maria@example.org", "Maria Ortega", "Maria", "Ortega", 1),
        WxrAuthor("ken", "ken@example.org", "Ken", "", "", 2),
    ]
    assert of_type(records, WxrCategory) == [
        WxrCategory(3, "news", "News & Updates", "", "What the network is doing"),
        WxrCategory(4, "harm-reduction", "Harm reduction", "news", ""),
    ]
    assert of_type(records, WxrTag) == [
        WxrTag(7, "naloxone", "Naloxone", "Overdose reversal"),
        WxrTag(8, "policy", "Policy", ""),
    ]


def test_published_post_fields(items):
    post = items[10]
    assert (post.post_type, post.status, post.title) == ("post", "publish", "Naloxone saves lives")
    assert post.link == "https://peers.example.org/2024/03/naloxone-saves-lives/"
    assert post.slug == "naloxone-saves-lives"
    assert post.creator == "maria"
    assert post.content == "<p>Peers carry naloxone.</p>"
    assert post.excerpt == "Why peers carry naloxone."
    assert post.date_gmt == dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert post.categories == ("news", "harm-reduction")
    assert post.tags == ("naloxone", "policy")  # the post_format domain is left out
    assert post.postmeta == {"_thumbnail_id": "30", "_edit_last": "1"}
    assert (post.post_parent, post.menu_order, post.is_sticky, post.password) == (0, 0, False, "")


def test_comments_threading_and_types(items):
    comments = {c.comment_id: c for c in items[10].comments}
    assert list(comments) == [100, 101, 102, 103, 104, 105, 106]
    first = comments[100]
    assert (first.author, first.email, first.url, first.ip) == (
        "Ana",
        "ana@example.org",
        "https://ana.example.org/",
        "192.0.2.1",
    )
    assert first.date_gmt == dt.datetime(2024, 3, 2, 11, 0, tzinfo=dt.UTC)
    assert first.content == "Thank you <b>all</b>!"
    assert comments[101].content == "A reply, & escaped without CDATA."
    assert (comments[101].parent_id, comments[101].user_id) == (100, 1)
    assert comments[102].parent_id == 101
    assert {i: c.approved for i, c in comments.items()} == {
        100: "1",
        101: "1",
        102: "0",
        103: "1",
        104: "1",
        105: "spam",
        106: "trash",
    }
    assert [c.comment_type for c in comments.values()] == [
        "",
        "comment",
        "",
        "pingback",
        "trackback",
        "",
        "",
    ]
    assert items[21].comments[0].ip == ""


def test_pages_attachment_and_statuses(items):
    assert (items[20].post_type, items[21].post_type) == ("page", "page")
    assert (items[21].post_parent, items[21].menu_order) == (20, 2)
    attachment = items[30]
    assert (attachment.post_type, attachment.status, attachment.post_parent) == (
        "attachment",
        "inherit",
        10,
    )
    assert attachment.attachment_url == (
        "https://peers.example.org/wp-content/uploads/2024/03/meeting.jpg"
    )
    assert attachment.postmeta == {"_wp_attached_file": "2024/03/meeting.jpg"}
    assert (items[40].status, items[40].date_gmt, items[40].slug) == ("draft", None, "")
    assert items[41].status == "future"
    assert items[41].date_gmt == dt.datetime(2030, 1, 1, 8, 0, tzinfo=dt.UTC)
    assert items[41].content == "<p>Coming soon.</p>"  # escaped markup, no CDATA
    assert items[42].status == "private"
    assert items[43].password == "s3cret & safe"
    assert [i.post_id for i in items.values() if i.is_sticky] == [44]
    assert items[45].slug == "ελληνικά"
    assert items[45].content == "Καλημέρα"


def test_content_keeps_shortcodes_more_and_bare_urls(items):
    content = items[46].content
    assert '[caption id="attachment_30"' in content
    assert "[/caption]" in content
    assert '[gallery ids="30,31" columns="2"]' in content
    assert "<!--more-->" in content
    assert "\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n" in content


def test_records_are_frozen(items):
    with pytest.raises(AttributeError):
        items[10].title = "changed"


def test_https_and_wxr_11_namespaces_read_the_same(tmp_path, records):
    text = (FIXTURES / "wxr12_http.xml").read_text(encoding="utf-8")
    text = text.replace("http://wordpress.org/export/1.2/", "https://wordpress.org/export/1.1/")
    assert "https://wordpress.org/export/1.1/excerpt/" in text
    path = tmp_path / "https.xml"
    path.write_text(text, encoding="utf-8")
    assert list(parse(path)) == records


def test_accepts_an_open_binary_file(records):
    data = (FIXTURES / "wxr12_http.xml").read_bytes()
    assert list(parse(io.BytesIO(data))) == records


def test_wxr_10():
    records = list(parse(FIXTURES / "wxr10.xml"))
    assert of_type(records, WxrAuthor) == []
    assert of_type(records, WxrCategory) == [
        WxrCategory(0, "uncategorized", "Uncategorized", "", "")
    ]
    assert of_type(records, WxrTag) == [WxrTag(0, "history", "History", "")]
    [item] = of_type(records, WxrItem)
    assert (item.post_id, item.slug, item.creator) == (1, "hello-world", "admin")
    assert item.excerpt == "Old excerpt"
    assert item.categories == ("uncategorized",)
    assert item.tags == ("history",)  # WXR 1.0 wrote the domain as "tag"
    assert item.is_sticky is False
    assert [c.author for c in item.comments] == ["Mr WordPress"]


def test_malformed_file_reports_the_line():
    with pytest.raises(WxrError, match=r"malformed XML at line 10\b"):
        list(parse(FIXTURES / "malformed.xml"))


def test_malformed_file_still_yields_what_came_before():
    records = parse(FIXTURES / "malformed.xml")
    assert next(records).post_id == 1
    with pytest.raises(WxrError, match="line 10"):
        next(records)


@pytest.mark.parametrize("name", ["xxe.xml", "billion_laughs.xml"])
def test_dtd_and_entities_are_refused(name):
    with pytest.raises(WxrError, match="refused"):
        list(parse(FIXTURES / name))


def test_entities_without_dtd_check_are_still_refused():
    # Even if the DTD guard were dropped, defusedxml must refuse the entity declarations.
    from defusedxml import EntitiesForbidden
    from defusedxml.ElementTree import iterparse

    with pytest.raises(EntitiesForbidden):
        list(iterparse(str(FIXTURES / "billion_laughs.xml")))


def test_not_a_wordpress_export(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>')
    with pytest.raises(WxrError, match="not a WordPress export"):
        list(parse(feed))
    other = tmp_path / "other.xml"
    other.write_text("<html><body/></html>")
    with pytest.raises(WxrError, match="not a WordPress export"):
        list(parse(other))


def test_bad_number_is_reported(tmp_path):
    text = (FIXTURES / "wxr10.xml").read_text(encoding="utf-8")
    path = tmp_path / "bad.xml"
    path.write_text(text.replace("<wp:post_id>1<", "<wp:post_id>one<"), encoding="utf-8")
    with pytest.raises(WxrError, match="post_id"):
        list(parse(path))


def test_theme_unit_test_data_matches_expected_counts():
    source = PEER_CORPUS / "theme-unit-test-data.xml"
    if not source.exists():
        pytest.skip(f"peer corpus not present at {source} (it lives outside the repository)")
    counts = json.loads((PEER_CORPUS / "expected.json").read_text(encoding="utf-8"))["counts"]
    records = list(parse(source))
    authors = of_type(records, WxrAuthor)
    categories = of_type(records, WxrCategory)
    tags = of_type(records, WxrTag)
    items = of_type(records, WxrItem)

    assert sorted(a.login for a in authors) == counts["authors"]["logins"]
    assert len(categories) == counts["categories"]["count"]
    assert sum(1 for c in categories if c.parent_slug) == counts["categories"]["with_parent"]
    assert len(tags) == counts["tags"]["count"]

    expected_items = counts["items"]
    assert len(items) == expected_items["total"]
    by_type = {k: v for k, v in expected_items["by_post_type"].items() if k != "others"}
    by_type |= expected_items["by_post_type"]["others"]
    assert Counter(i.post_type for i in items) == Counter(by_type)
    by_status = {k: v for k, v in expected_items["by_status"].items() if k != "others" and v}
    by_status |= expected_items["by_status"]["others"]
    assert Counter(i.status for i in items) == Counter(by_status)
    assert len({i.post_id for i in items}) == expected_items["unique_post_ids"]
    assert Counter(i.creator for i in items) == Counter(expected_items["dc_creator_counts"])

    comments = [c for i in items for c in i.comments]
    expected_comments = counts["comments"]
    assert len(comments) == expected_comments["total"]
    by_approved = {k: v for k, v in expected_comments["by_approved"].items() if k != "others"}
    assert Counter(c.approved for c in comments) == +Counter(by_approved)
    kinds = Counter(c.comment_type or "comment" for c in comments)
    assert kinds == Counter(expected_comments["by_type"])
    assert Counter(c.comment_type for c in comments)[""] == 28
    assert sum(1 for c in comments if c.parent_id) == expected_comments["with_parent"]

    sticky = [i.slug for i in items if i.is_sticky]
    assert sticky == [s["slug"] for s in counts["sticky"]["items"]] == ["template-sticky"]
    protected = [(i.slug, i.password) for i in items if i.password]
    assert protected == [(p["slug"], p["password"]) for p in counts["password_protected"]["items"]]

    slugs = {i.slug for i in items}
    for encoded in counts["slugs"]["percent_encoded_slugs"]:
        assert encoded not in slugs
    assert {"επίπεδο-2", "επίπεδο-3"} <= slugs

    with_thumbnail = [i for i in items if "_thumbnail_id" in i.postmeta]
    assert len(with_thumbnail) == counts["featured_images"]["items_with__thumbnail_id"]
    attachment_ids = {i.post_id for i in items if i.post_type == "attachment"}
    assert all(int(i.postmeta["_thumbnail_id"]) in attachment_ids for i in with_thumbnail)


def write_big_export(path, items=3000, comments=3):
    """A synthetic WXR 1.2 file, written in chunks so the test itself stays small."""
    comment = (
        "<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
        "<wp:comment_author><![CDATA[Reader {cid}]]></wp:comment_author>"
        "<wp:comment_date_gmt>2024-01-01 00:00:00</wp:comment_date_gmt>"
        "<wp:comment_content><![CDATA[{body}]]></wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved><wp:comment_type/>"
        "<wp:comment_parent>0</wp:comment_parent></wp:comment>\n"
    )
    body = "<p>" + "Peer support saves lives. " * 40 + "</p>"
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        )
        for n in range(1, items + 1):
            out.write(
                f"<item><title>Post {n}</title><dc:creator>maria</dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded>"
                f"<wp:post_id>{n}</wp:post_id><wp:post_name>post-{n}</wp:post_name>"
                "<wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                '<category domain="category" nicename="news"><![CDATA[News]]></category>\n'
            )
            for c in range(comments):
                out.write(comment.format(cid=n * 10 + c, body=body))
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


def test_memory_stays_flat_on_a_big_file(tmp_path):
    path = tmp_path / "big.xml"
    write_big_export(path)
    size_mb = path.stat().st_size / 1e6
    assert size_mb > 10  # big enough that keeping the tree would show

    item_count = comment_count = 0
    tracemalloc.start()
    started = time.perf_counter()
    try:
        for record in parse(path):
            item_count += 1
            comment_count += len(record.comments)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started

    assert (item_count, comment_count) == (3000, 9000)
    peak_mb = peak / 1e6
    print(f"\n{size_mb:.1f} MB file parsed in {elapsed:.2f}s, peak traced {peak_mb:.2f} MB")
    assert peak_mb < 20
