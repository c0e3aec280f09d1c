"""The pure parts of the site audit (inpud_site/audit): feed rules, tool output, the table.

The audit itself (a server, Chromium, Java, Lighthouse) is run by hand: scripts/audit.sh.
"""

import pytest

from inpud_site.audit import feeds, lighthouse, table, vnu, weight

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>INPUD</title><link>http://127.0.0.1:8300/</link><description>News</description>
<atom:link href="http://127.0.0.1:8300/feed/" rel="self"/>
<lastBuildDate>Sun, 22 Nov 2026 09:30:00 +0000</lastBuildDate>
<item><title>One</title><link>http://127.0.0.1:8300/posts/one/</link>
<pubDate>Sat, 21 Nov 2026 09:30:00 +0000</pubDate>
<guid>http://127.0.0.1:8300/posts/one/</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>INPUD</title><id>http://127.0.0.1:8300/</id><updated>2026-11-22T09:30:00Z</updated>
<link href="http://127.0.0.1:8300/" rel="alternate"/>
<link href="http://127.0.0.1:8300/feed/atom/" rel="self"/>
<entry><title>One</title><id>http://127.0.0.1:8300/posts/one/</id>
<updated>2026-11-21T09:30:00+00:00</updated><author><name>Sasha</name></author>
<link href="http://127.0.0.1:8300/posts/one/" rel="alternate"/></entry>
</feed>"""


def test_valid_feeds_have_no_errors():
    assert feeds.check(RSS) == ("rss", 1, [])
    assert feeds.check(ATOM) == ("atom", 1, [])


def test_malformed_xml_and_entities_are_errors():
    kind, _, errors = feeds.check(b"<rss version='2.0'><channel>")
    assert kind is None
    assert "not well-formed" in errors[0]
    bomb = b'<!DOCTYPE r [<!ENTITY a "aaaa">]><rss version="2.0">&a;</rss>'
    assert feeds.check(bomb)[2]


def test_rss_rules():
    broken = (
        RSS.replace(b"<description>News</description>", b"")
        .replace(b"Sat, 21 Nov 2026 09:30:00 +0000", b"2026-11-21T09:30:00")
        .replace(b'<atom:link href="http://127.0.0.1:8300/feed/" rel="self"/>', b"")
    )
    errors = feeds.check(broken)[2]
    assert "channel: no <description>" in errors
    assert any("not an RFC 822 date" in error for error in errors)
    assert any('atom:link rel="self"' in error for error in errors)


def test_rss_guids_must_be_unique():
    item = RSS[RSS.index(b"<item>") : RSS.index(b"</item>") + 7]
    twice = RSS.replace(item, item + item)
    assert any("repeats" in error for error in feeds.check(twice)[2])


def test_every_atom_entry_needs_updated_and_author():
    broken = ATOM.replace(b"<author><name>Sasha</name></author>", b"").replace(
        b"<updated>2026-11-21T09:30:00+00:00</updated>", b""
    )
    errors = feeds.check(broken)[2]
    assert "entry 1: no <author>" in errors
    assert "entry 1: 0 <updated> elements, expected 1" in errors


def test_atom_dates_ids_and_self_link():
    broken = (
        ATOM.replace(b"2026-11-22T09:30:00Z", b"22 Nov 2026")
        .replace(b"<id>http://127.0.0.1:8300/posts/one/</id>", b"<id>one</id>")
        .replace(b'rel="self"', b'rel="related"')
    )
    errors = feeds.check(broken)[2]
    assert any("not an RFC 3339 date" in error for error in errors)
    assert any("not an absolute IRI" in error for error in errors)
    assert 'feed: no <link rel="self"> with an absolute href' in errors


def test_check_response_wants_200_and_xml():
    errors = feeds.check_response(404, "text/html; charset=utf-8", ATOM)[2]
    assert errors[:2] == [
        "Content-Type 'text/html; charset=utf-8' is not an XML type",
        "HTTP status 404",
    ]
    assert feeds.check_response(200, "application/atom+xml; charset=utf-8", ATOM)[2] == []


def test_lighthouse_scores_median_and_lost_points():
    report = {
        "categories": {
            "performance": {"score": 0.97, "auditRefs": [{"id": "lcp", "weight": 25}]},
            "seo": {"score": 1, "auditRefs": [{"id": "manual", "weight": 0}]},
        },
        "audits": {"lcp": {"score": 0.8, "displayValue": "2.6 s"}, "manual": {"score": 0}},
    }
    assert lighthouse.scores(report) == {"performance": 97, "seo": 100}
    assert lighthouse.lost_points(report) == {"performance": [("lcp", "2.6 s")]}
    runs = [
        {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
        {"performance": 99, "accessibility": 100, "best-practices": 96, "seo": 100},
        {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100},
    ]
    assert lighthouse.median_scores(runs) == {
        "performance": 98,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 100,
    }


def test_vnu_counts_errors_per_file_and_finds_stylesheets():
    messages = [
        {"url": "file:/tmp/x/page0.html", "type": "error", "lastLine": 3, "message": "Bad."},
        {"url": "file:/tmp/x/page0.html", "type": "info", "subType": "warning", "message": "Hm"},
        {"url": "file:/tmp/x/style0.css", "type": "info", "message": "Fine."},
    ]
    found = vnu.count(messages, ["page0.html", "style0.css"])
    assert found["page0.html"] == {"errors": 1, "warnings": 1, "first": ["L3: Bad."]}
    assert found["style0.css"]["errors"] == 0
    html = (
        '<link rel="stylesheet" href="/static/css/site.0123456789ab.css">'
        '<link rel="stylesheet" href="https://cdn.example.org/x.css"><link rel="icon" href="/i">'
    )
    base = "http://127.0.0.1:8300/posts/one/"
    assert vnu.stylesheets(html, base) == ["http://127.0.0.1:8300/static/css/site.0123456789ab.css"]
    assert vnu.strip_hash("http://127.0.0.1:8300/static/css/site.0123456789ab.css") == "site.css"


def test_weight_summary_leaves_out_images_and_names_other_origins():
    requests = {
        "1": {"url": "http://127.0.0.1:8300/posts/one/", "type": "Document", "bytes": 20_000},
        "2": {"url": "http://127.0.0.1:8300/static/site.css", "type": "Stylesheet", "bytes": 5_000},
        "3": {"url": "http://127.0.0.1:8300/media/a.jpg", "type": "Image", "bytes": 90_000},
        "4": {"url": "https://fonts.example.com/f.woff2", "type": "Font", "bytes": 0},
    }
    summary = weight.summarise("http://127.0.0.1:8300/posts/one/", requests)
    assert summary["bytes_without_images"] == 25_000
    assert summary["requests"] == 4
    assert summary["other_origins"] == ["https://fonts.example.com"]


def results(**changes):
    page = {
        "name": "home",
        "path": "/",
        "lighthouse": {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100},
        "axe": 0,
        "vnu": 0,
    }
    base = {
        "date": "2026-11-22",
        "machine": "2 cores",
        "runs": 3,
        "versions": {"lighthouse": "13.5.0", "axe": "4.14.1", "vnu": "26.9.27"},
        "pages": [page],
        "css": [{"name": "site.css", "errors": 0}],
        "feeds": [
            {"name": "site RSS", "path": "/feed/", "kind": "rss", "entries": 9, "errors": []}
        ],
        "weight": {
            "path": "/posts/one/",
            "comments": 50,
            "bytes_without_images": 30 * 1024,
            "limit": 60 * 1024,
            "requests": 4,
            "other_origins": [],
            "document_encoding": "gzip",
        },
    }
    base["pages"][0].update(changes)
    return base


def test_targets_met_and_missed():
    assert table.missed(results()) == []
    scores = {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 92}
    missed = table.missed(results(lighthouse=scores, axe=2))
    assert missed == [
        "home: Lighthouse performance 97",
        "home: Lighthouse seo 92",
        "home: 2 axe finding(s)",
    ]
    assert table.missed(results(lighthouse=scores, waived={"seo": "404 status"})) == [
        "home: Lighthouse performance 97"
    ]
    heavy = results()
    heavy["weight"]["bytes_without_images"] = 61 * 1024
    heavy["feeds"][0]["errors"] = ["entry 1: no <author>"]
    heavy["weight"]["document_encoding"] = ""
    assert table.missed(heavy) == [
        "site RSS feed: 1 error(s)",
        "post weight: 61.0 KB",
        "post: sent uncompressed",
    ]


def test_render_has_one_row_per_page_and_the_verdict():
    block = table.render(results())
    assert "| home | `/` | 99 | 100 | 100 | 100 | 0 | 0 |" in block
    assert "median of 3 run(s)" in block
    assert "| site RSS | `/feed/` | rss | 9 | 0 |" in block
    assert "30.0 KB transferred compressed without images (limit 60.0 KB)" in block
    assert block.endswith("Every target is met.")
    assert "Missed: home: 1 vnu finding(s)." in table.render(results(vnu=1))


def test_replace_block_keeps_the_rest_of_the_readme():
    text = f"# Site\n\nbefore\n{table.START}\nold table\n{table.END}\nafter\n"
    assert (
        table.replace_block(text, "new")
        == f"# Site\n\nbefore\n{table.START}\nnew\n{table.END}\nafter\n"
    )
    with pytest.raises(ValueError, match="audit:start"):
        table.replace_block("# no markers", "new")


def test_waivers_apply_only_when_nothing_else_lost_points():
    assert table.waived("404", {"seo": [("http-status-code", 0)]}) == {
        "seo": "404 status, by design"
    }
    assert table.waived("search results", {"seo": [("is-crawlable", 0)]}) == {
        "seo": "noindex, by design"
    }
    assert table.waived("search results", {"seo": [("is-crawlable", 0), ("link-text", 0)]}) == {}
    assert table.waived("home", {"seo": [("is-crawlable", 0)]}) == {}


def test_a_404_page_may_log_its_own_status_but_nothing_else():
    lost = {"best-practices": [("errors-in-console", 0)], "seo": [("http-status-code", 404)]}
    url = "http://127.0.0.1:8300/nowhere/"
    assert set(table.waived("404", lost, [url], url)) == {"best-practices", "seo"}
    broken = [url, "http://127.0.0.1:8300/static/site.css"]
    assert set(table.waived("404", lost, broken, url)) == {"seo"}


@pytest.mark.django_db
def test_migrate_names_the_site_after_site_url():
    """Found by the audit: feeds linked to example.com on a freshly migrated database."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    assert Site.objects.get(pk=settings.SITE_ID).domain == "testserver"


def test_feed_links_stay_on_the_feeds_own_site():
    url = "http://127.0.0.1:8300/feed/atom/"
    assert feeds.check(ATOM, url)[2] == []
    moved = ATOM.replace(b"http://127.0.0.1:8300/posts/", b"http://example.com/posts/")
    assert feeds.check(moved, url)[2] == ["link 'http://example.com/posts/one/' is on another site"]
    assert feeds.check(RSS, "http://127.0.0.1:8300/feed/?page=2")[2] == [
        "self link 'http://127.0.0.1:8300/feed/' is not the feed's address "
        "'http://127.0.0.1:8300/feed/?page=2'"
    ]
