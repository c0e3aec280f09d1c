"""A synthetic WordPress export of any size, written as WordPress writes them.

Used by the import benchmark (and the site benchmark, which imports it to get a realistic
archive). Deterministic: the same arguments always give the same file.
"""

import random
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Sample network</title><link>https://old.example.org</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example.org</wp:base_site_url>
"""
WORDS = str.split(
    "peer support naloxone overdose prevention harm reduction rights community health "
    "policy drug users network outreach services dignity safety evidence campaign city "
    "people experience stigma access treatment housing justice voices respect research"
)
START = datetime(2009, 1, 1, tzinfo=UTC)


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def body(rng, number):
    paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(rng.randint(3, 6))]
    if number % 7 == 0:
        paragraphs.insert(1, "<!--more-->")
    if number % 11 == 0:
        paragraphs.append(
            '[caption width="300"]<img src="https://old.example.org/wp-content/'
            f'uploads/2015/01/photo-{number}.jpg" alt="Outreach"> Outreach[/caption]'
        )
    if number % 13 == 0:
        paragraphs.append("https://www.youtube.com/watch?v=abc" + str(number))
    return "\n\n".join(paragraphs)


def write(path, posts=10_000, comments=100_000, hot=50, seed=1):
    """Write an export with `posts` posts and `comments` comments to `path`, `hot` of them
    on one post in the middle and the rest spread evenly."""
    rng = random.Random(seed)  # noqa: S311 - sample text, not secrets
    hot = min(hot, comments) if posts > 1 else comments
    base, spare = divmod(comments - hot, max(posts - 1, 1))
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        out.write("<wp:author><wp:author_id>1</wp:author_id><wp:author_login>editor"
                  "</wp:author_login><wp:author_display_name>The editors</wp:author_display_name>"
                  "</wp:author>\n")  # fmt: skip
        for n in range(20):
            parent = f"topic-{n // 5}" if n >= 5 else ""
            out.write(f"<wp:category><wp:term_id>{n + 1}</wp:term_id><wp:category_nicename>"
                      f"topic-{n}</wp:category_nicename><wp:category_parent>{parent}"
                      f"</wp:category_parent><wp:cat_name>{cdata(f'Topic {n}')}</wp:cat_name>"
                      "</wp:category>\n")  # fmt: skip
        for n in range(200):
            out.write(f"<wp:tag><wp:term_id>{100 + n}</wp:term_id><wp:tag_slug>tag-{n}"
                      f"</wp:tag_slug><wp:tag_name>Tag {n}</wp:tag_name></wp:tag>\n")  # fmt: skip
        comment_id = 0
        hot_number = posts // 2 + 1
        for number in range(1, posts + 1):
            if number == hot_number:
                count = hot
            else:
                index = number if number < hot_number else number - 1  # among the others
                count = base + (1 if index <= spare else 0)
            comment_id = _item(out, rng, number, count, comment_id)
        out.write("</channel>\n</rss>\n")


def _item(out, rng, number, comments, comment_id):
    date = START + timedelta(hours=number * 6)
    stamp = date.strftime("%Y-%m-%d %H:%M:%S")
    slug = f"post-{number}"
    status = "draft" if number % 50 == 0 else "publish"
    out.write(f"<item><title>{cdata(sentence(rng, 6))}</title>"
              f"<link>https://old.example.org/{date:%Y/%m}/{slug}/</link>"
              f"<dc:creator>{cdata('editor')}</dc:creator>"
              f"<content:encoded>{cdata(body(rng, number))}</content:encoded>"
              "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
              f"<wp:post_id>{number}</wp:post_id><wp:post_date>{stamp}</wp:post_date>"
              f"<wp:post_date_gmt>{stamp}</wp:post_date_gmt>"
              "<wp:comment_status>open</wp:comment_status>"
              f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
              "<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>"
              "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
              "<wp:is_sticky>0</wp:is_sticky>"
              f'<category domain="category" nicename="topic-{number % 20}">Topic</category>'
              f'<category domain="post_tag" nicename="tag-{number % 200}">Tag</category>'
              f'<category domain="post_tag" nicename="tag-{number * 7 % 200}">Tag</category>\n'
    )  # fmt: skip
    first = comment_id + 1
    for n in range(comments):
        comment_id += 1
        parent = rng.randrange(first, comment_id) if n and rng.random() < 0.3 else 0
        written = (date + timedelta(minutes=10 * (n + 1))).strftime("%Y-%m-%d %H:%M:%S")
        approved = "0" if n % 17 == 5 else "spam" if n % 23 == 7 else "1"
        out.write(f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                  f"<wp:comment_author>{cdata(f'Reader {comment_id % 997}')}</wp:comment_author>"
                  f"<wp:comment_author_email>reader{comment_id % 997}@example.org"
                  "</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
                  "<wp:comment_author_IP>192.0.2.1</wp:comment_author_IP>"
                  f"<wp:comment_date>{written}</wp:comment_date>"
                  f"<wp:comment_date_gmt>{written}</wp:comment_date_gmt>"
                  f"<wp:comment_content>{escape(sentence(rng, 20))}</wp:comment_content>"
                  f"<wp:comment_approved>{approved}</wp:comment_approved>"
                  "<wp:comment_type></wp:comment_type>"
                  f"<wp:comment_parent>{parent}</wp:comment_parent>"
                  "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n")  # fmt: skip
    out.write("</item>\n")
    return comment_id
