"""import_wordpress on small hand-written exports: what lands in the database, what the public
pages show and hide, what the report says, and how re-runs and bad files behave."""

import datetime as dt
from unittest import mock

from django.contrib.redirects.models import Redirect
from django.core.management import CommandError
from django.db import DatabaseError, connection
from django.test import TestCase

from comments.models import Comment, CommentStatus
from posts.models import Category, ImportedItem, Page, Post, Status
from posts.wpimport import Importer
from posts.wpthreads import Threads
from tests.factories import make_user
from tests.posts.wp_import_helpers import (
    FIXTURES,
    report_list,
    report_table,
    row_counts,
    run_import,
    write_temp,
)

V1, V2 = "wxr12_http.xml", "import_v2.xml"


class WxrImportTests(TestCase):
    """wxr12_http.xml imported once; every test reads the result."""

    @classmethod
    def setUpTestData(cls):
        cls.output = run_import(V1)

    def test_posts_pages_terms_and_bylines(self):
        post = Post.objects.get(slug="naloxone-saves-lives")
        self.assertEqual(post.title, "Naloxone saves lives")
        self.assertEqual(post.published_at, dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC))
        self.assertEqual(post.byline.name, "Maria Ortega")
        self.assertIsNone(post.byline.user)  # a byline, not a login account
        self.assertEqual(post.excerpt, "Why peers carry naloxone.")
        self.assertEqual({c.slug for c in post.categories.all()}, {"news", "harm-reduction"})
        self.assertEqual({t.slug for t in post.tags.all()}, {"naloxone", "policy"})
        news = Category.objects.get(slug="news")
        self.assertEqual(news.name, "News & Updates")
        self.assertEqual(Category.objects.get(slug="harm-reduction").parent, news)
        self.assertEqual(Page.objects.get(slug="team").parent, Page.objects.get(slug="about"))
        self.assertEqual(Post.objects.get(slug="ελληνικά").title, "Ελληνικά")

    def test_status_mapping_decides_what_the_public_sees(self):
        self.assertEqual(
            set(Post.objects.published().values_list("slug", flat=True)),
            {"naloxone-saves-lives", "read-this-first", "ελληνικά", "spring-meeting"},
        )
        expected = {
            "unfinished-thoughts": Status.DRAFT,
            "conference-announcement": Status.PUBLISHED,  # scheduled for 2030
            "board-minutes": Status.PRIVATE,
            "members-only": Status.PRIVATE,  # password-protected
        }
        for slug, status in expected.items():
            with self.subTest(slug):
                self.assertEqual(Post.objects.get(slug=slug).status, status)
                self.assertEqual(self.client.get(f"/posts/{slug}/").status_code, 404)
        self.assertEqual(self.client.get("/posts/spring-meeting/").status_code, 200)
        self.assertEqual(self.client.get("/team/").status_code, 200)

    def test_sticky_post_leads_the_home_page(self):
        self.assertEqual(list(Post.objects.filter(is_sticky=True)), [self.post("read-this-first")])
        html = self.client.get("/").content.decode()
        first = html.index('<article class="summary')
        self.assertIn("sticky", html[first : first + 40])
        self.assertLess(html.index("Read this first"), html.index("Spring meeting in pictures"))

    def test_old_links_answer_301_to_the_new_address(self):
        for old, new in [
            ("/?p=10", "/posts/naloxone-saves-lives/"),
            ("/2024/03/naloxone-saves-lives/", "/posts/naloxone-saves-lives/"),
            ("/read-this-first/", "/posts/read-this-first/"),
            ("/?page_id=21", "/team/"),
            ("/about/team/", "/team/"),
            ("/%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC/", self.post("ελληνικά").url),
        ]:
            with self.subTest(old):
                self.assertRedirects(self.client.get(old), new, status_code=301)
        for hidden in ("/?p=43", "/members-only/", "/?p=40", "/?p=42"):
            with self.subTest(hidden):
                self.assertEqual(self.client.get(hidden).status_code, 404)

    def test_comment_statuses_threading_and_pings(self):
        by_text = {c.text: c for c in Comment.objects.all()}
        self.assertEqual(
            {text: c.status for text, c in by_text.items()},
            {
                "Thank you all!": CommentStatus.APPROVED,
                "A reply, & escaped without CDATA.": CommentStatus.APPROVED,
                "A reply to the reply.": CommentStatus.PENDING,
                "Buy now": CommentStatus.SPAM,
                "Binned": CommentStatus.REMOVED,
                "Nice team.": CommentStatus.APPROVED,
            },
        )
        top, reply = by_text["Thank you all!"], by_text["A reply, & escaped without CDATA."]
        nested = by_text["A reply to the reply."]
        self.assertEqual((reply.parent, reply.depth), (top, 1))
        self.assertEqual((nested.parent, nested.root, nested.depth), (reply, top, 2))
        self.assertEqual(by_text["Nice team."].page, Page.objects.get(slug="team"))
        self.assertIn("pingbacks and trackbacks left out of comment threads: 2", self.output)
        self.assertEqual(self.post("naloxone-saves-lives").comment_count, 2)

    def test_only_approved_comments_are_shown_and_pings_never(self):
        html = self.client.get("/posts/naloxone-saves-lives/").content.decode()
        for shown in ("Thank you all!", "A reply, &amp; escaped without CDATA."):
            self.assertIn(shown, html)
        for hidden in (
            "A reply to the reply.",
            "Buy now",
            "Binned",
            "they wrote about",
            "Trackback",
        ):
            self.assertNotIn(hidden, html)

    def test_comment_html_becomes_plain_text(self):
        self.assertEqual(Comment.objects.get(name="Ana", status="approved").text, "Thank you all!")
        self.assertFalse(Comment.objects.filter(text__contains="<").exists())

    def test_commenter_emails_and_ips_are_not_kept(self):
        self.assertEqual(set(Comment.objects.values_list("email", flat=True)), {""})
        for table in (Comment._meta.db_table, ImportedItem._meta.db_table):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a model's own table)
                stored = repr(cursor.fetchall())
            for address in ("192.0.2.", "198.51.100.", "203.0.113.", "@example."):
                self.assertNotIn(address, stored)

    def test_comment_by_a_registered_author_is_a_staff_reply(self):
        staff = Comment.objects.get(is_staff_reply=True)
        self.assertEqual(staff.text, "A reply, & escaped without CDATA.")
        html = self.client.get("/posts/naloxone-saves-lives/").content.decode()
        for comment, badge in ((staff, True), (staff.parent, False)):
            start = html.index(f'id="comment-{comment.pk}"')
            header = html[start : html.index("</header>", start)]
            self.assertEqual('<span class="badge">Staff</span>' in header, badge)

    def test_more_sets_the_excerpt_shown_on_the_home_page(self):
        html = self.client.get("/").content.decode()
        start = html.index("Spring meeting in pictures")
        summary = html[start : html.index("</article>", start)]
        self.assertIn("We met in Lisbon.", summary)
        self.assertNotIn("youtube", summary)

    def test_caption_becomes_a_figure_and_video_urls_click_to_load(self):
        html = self.client.get("/posts/spring-meeting/").content.decode()
        self.assertRegex(html, r"<figure>.*<figcaption>Peers at the meeting</figcaption></figure>")
        self.assertIn(">Watch on youtube.com</a>", html)
        self.assertNotIn("<iframe", html)
        self.assertNotIn("[caption", html)

    def test_report(self):
        table = report_table(self.output)
        self.assertEqual(
            {kind: row["created"] for kind, row in table.items()},
            {"authors": 2, "categories": 2, "tags": 2, "posts": 8, "pages": 2, "images": 0,
             "documents": 0, "comments": 6, "redirects": 14},
        )  # fmt: skip
        self.assertEqual(
            table["posts"]["statuses"], {"draft": 1, "private": 2, "published": 4, "scheduled": 1}
        )
        self.assertEqual(
            table["comments"]["statuses"], {"approved": 3, "pending": 1, "removed": 1, "spam": 1}
        )
        self.assertEqual(Redirect.objects.count(), 14)
        self.assertEqual(table["images"]["skipped"], 1)
        self.assertEqual(
            report_list(self.output, "missing media files"),
            [
                "https://peers.example.org/wp-content/uploads/2024/03/meeting.jpg "
                "(no --media-dir given)"
            ],
        )
        self.assertIn("unknown shortcodes left as text: none", self.output)
        self.assertIn("skipped: none", self.output)

    def post(self, slug):
        post = Post.objects.get(slug=slug)
        post.url = post.get_absolute_url()
        return post


class StatusMappingTests(TestCase):
    """statuses.xml: one post per WordPress status, one comment per comment status."""

    @classmethod
    def setUpTestData(cls):
        cls.output = run_import("statuses.xml")

    def test_every_post_status(self):
        expected = {
            "published-post": (Status.PUBLISHED, True),
            "private-post": (Status.PRIVATE, False),
            "pending-post": (Status.PENDING, False),
            "draft-post": (Status.DRAFT, False),
            "scheduled-past": (Status.PUBLISHED, True),  # its date came: public, as in WordPress
            "scheduled-future": (Status.PUBLISHED, False),
            "password-post": (Status.PRIVATE, False),
        }
        self.assertEqual({p.slug: (p.status, p.is_published) for p in Post.objects.all()}, expected)
        for slug, (_status, public) in expected.items():
            with self.subTest(slug):
                response = self.client.get(f"/posts/{slug}/")
                self.assertEqual(response.status_code, 200 if public else 404)
        future = Post.objects.get(slug="scheduled-future")
        self.assertEqual(future.published_at, dt.datetime(2099, 6, 1, 8, 0, tzinfo=dt.UTC))
        self.assertIn("not imported, posts with status “trash”: 1", self.output)
        self.assertFalse(Post.objects.filter(title="Trashed post").exists())
        self.assertEqual(
            {p.slug: p.status for p in Page.objects.all()},
            {"draft-page": Status.DRAFT, "private-page": Status.PRIVATE},
        )
        self.assertEqual(self.client.get("/private-page/").status_code, 404)

    def test_every_comment_status(self):
        self.assertEqual(
            dict(Comment.objects.values_list("text", "status")),
            {
                "Approved words": CommentStatus.APPROVED,
                "Pending words": CommentStatus.PENDING,
                "Spam words": CommentStatus.SPAM,
                "Trashed words": CommentStatus.REMOVED,
                "Staff answer words": CommentStatus.APPROVED,
                "Subscriber words": CommentStatus.APPROVED,
            },
        )
        self.assertIn("pingbacks and trackbacks left out of comment threads: 2", self.output)
        html = self.client.get("/posts/published-post/").content.decode()
        for words in ("Approved words", "Staff answer words", "Subscriber words"):
            self.assertIn(words, html)
        for words in ("Pending words", "Spam words", "Trashed words", "Pingback", "Trackback"):
            self.assertNotIn(words, html)
        # Only a comment whose user id is one of the export's authors is a staff reply.
        staff = Comment.objects.get(is_staff_reply=True)
        self.assertEqual((staff.text, staff.parent.text), ("Staff answer words", "Approved words"))


class RerunTests(TestCase):
    def test_second_run_changes_nothing_and_says_so(self):
        first = report_table(run_import(V1))
        counts = row_counts()
        updated_at = dict(Post.objects.values_list("pk", "updated_at"))
        second = report_table(run_import(V1))
        self.assertEqual(row_counts(), counts)
        self.assertEqual(dict(Post.objects.values_list("pk", "updated_at")), updated_at)
        for kind, row in second.items():
            with self.subTest(kind):
                self.assertEqual((row["created"], row["updated"]), (0, 0))
                self.assertEqual(row["unchanged"], first[kind]["created"])
                # Only the one missing media file is skipped, as it was the first time.
                self.assertEqual(row["skipped"], first[kind]["skipped"])

    def test_newer_export_updates_exactly_what_changed(self):
        run_import(V1)
        counts = row_counts()
        untouched = Post.objects.get(slug="spring-meeting").updated_at
        output = run_import(V2)
        table = report_table(output)
        changes = {k: (r["created"], r["updated"], r["unchanged"]) for k, r in table.items()}
        self.assertEqual(changes["posts"], (0, 2, 6))  # post 10 edited, post 44 trashed
        self.assertEqual(changes["comments"], (0, 1, 5))
        self.assertEqual(changes["pages"], (0, 0, 2))
        self.assertEqual(changes["redirects"], (0, 0, 12))
        for kind in ("authors", "categories", "tags"):
            self.assertEqual(changes[kind], (0, 0, 2))
        # Nothing new; the trashed post's two old addresses no longer lead to it.
        self.assertEqual(row_counts(), counts | {"Redirect": counts["Redirect"] - 2})
        self.assertEqual(self.client.get("/read-this-first/").status_code, 404)
        self.assertEqual(Post.objects.get(slug="spring-meeting").updated_at, untouched)
        html = self.client.get("/posts/naloxone-saves-lives/").content.decode()
        self.assertIn("Peers carry naloxone everywhere they go.", html)
        self.assertIn("A reply to the reply.", html)  # approved since
        self.assertEqual(self.client.get("/posts/read-this-first/").status_code, 404)
        self.assertEqual(Post.objects.get(slug="read-this-first").status, Status.DRAFT)
        # The unknown shortcode is kept as text and listed.
        self.assertIn("[contact-form-7 id=", html)
        self.assertEqual(
            report_list(output, "unknown shortcodes left as text"),
            ["[contact-form-7] in 1 item(s)"],
        )

    def test_dry_run_writes_nothing_and_reports_what_a_real_run_would(self):
        dry = run_import(V1, "--dry-run")
        self.assertEqual(set(row_counts().values()), {0})
        self.assertEqual(dry.splitlines()[0], "Dry run: nothing was written.")
        real = run_import(V1)
        self.assertEqual(dry.splitlines()[1:], real.splitlines()[1:])

    def test_keep_commenter_emails(self):
        run_import(V1, "--keep-commenter-emails")
        self.assertEqual(Comment.objects.get(text="Thank you all!").email, "ana@example.org")
        self.assertEqual(Comment.objects.get(text="Buy now").email, "spam@example.com")

    def test_author_map_links_the_byline_and_staff_replies_to_the_account(self):
        user = make_user("mortega", is_staff=True)
        author_map = self.write_map("wordpress_login,username\nmaria,mortega\n")
        run_import(V1, "--author-map", author_map)
        post = Post.objects.get(slug="naloxone-saves-lives")
        self.assertEqual((post.byline.user, post.created_by), (user, user))
        self.assertIsNone(Post.objects.get(slug="board-minutes").byline.user)  # ken: unmapped
        self.assertEqual(Comment.objects.get(is_staff_reply=True).user, user)

    def test_unknown_account_in_the_author_map_stops_before_writing(self):
        author_map = self.write_map("maria,nobody-here\n")
        with self.assertRaisesMessage(CommandError, "nobody-here"):
            run_import(V1, "--author-map", author_map)
        self.assertEqual(set(row_counts().values()), {0})

    def test_wxr_10_export(self):
        run_import("wxr10.xml")
        post = Post.objects.get(slug="hello-world")
        self.assertTrue(post.is_published)
        self.assertEqual([t.slug for t in post.tags.all()], ["history"])
        self.assertEqual([c.slug for c in post.categories.all()], ["uncategorized"])
        self.assertTrue(Comment.objects.filter(post=post, text="Hi, this is a comment.").exists())

    def write_map(self, text):
        return str(write_temp(self, "author-map.csv", text))


class RefusedInputTests(TestCase):
    def test_malformed_file_stops_with_the_line_before_writing_anything(self):
        with self.assertRaisesMessage(CommandError, "line 10") as caught:
            run_import("malformed.xml")
        self.assertIn("Nothing was written", str(caught.exception))
        # Broken only after every post: still nothing is written.
        text = (FIXTURES / V1).read_text(encoding="utf-8")
        broken = write_temp(self, "broken.xml", text.replace("</channel>", "</chanel>"))
        line = text[: text.index("</channel>")].count("\n") + 1
        with self.assertRaisesMessage(CommandError, f"line {line}"):
            run_import(broken)
        self.assertEqual(set(row_counts().values()), {0})

    def test_xxe_and_billion_laughs_are_refused(self):
        for name in ("xxe.xml", "billion_laughs.xml"):
            with self.subTest(name), self.assertRaisesMessage(CommandError, "refused"):
                run_import(name)
        self.assertEqual(set(row_counts().values()), {0})

    def test_one_failing_item_is_reported_and_skipped_without_losing_the_rest(self):
        save = Importer._save

        def failing_save(importer, obj, item, values):
            if item.post_id == 44:
                raise DatabaseError("could not write: disk full")
            return save(importer, obj, item, values)

        with mock.patch.object(Importer, "_save", failing_save):
            output = run_import(V1)
        table = report_table(output)
        self.assertEqual((table["posts"]["created"], table["posts"]["skipped"]), (7, 1))
        self.assertEqual(
            report_list(output, "skipped"),
            ["post 44 “Read this first”: could not write: disk full"],
        )
        self.assertFalse(Post.objects.filter(slug="read-this-first").exists())
        self.assertFalse(Redirect.objects.filter(old_path="/?p=44").exists())
        self.assertEqual(Post.objects.published().count(), 3)
        self.assertEqual(Comment.objects.count(), 6)
        self.assertEqual(self.client.get("/?p=10").status_code, 301)
        self.assertEqual(table["comments"]["created"], Comment.objects.count())
        # The next run picks the skipped post up.
        table = report_table(run_import(V1))
        self.assertEqual((table["posts"]["created"], table["posts"]["unchanged"]), (1, 7))

    def test_a_failure_in_comments_rolls_back_the_item_and_its_counts(self):
        run_threads = Threads.run

        def failing_run(threads, item, target):
            run_threads(threads, item, target)
            if item.post_id == 10:
                raise DatabaseError("could not write: disk full")

        with mock.patch.object(Threads, "run", failing_run):
            output = run_import(V1)
        table = report_table(output)
        self.assertEqual((table["posts"]["created"], table["posts"]["skipped"]), (7, 1))
        self.assertEqual(Post.objects.count(), 7)
        self.assertEqual(table["comments"]["created"], Comment.objects.count())
        self.assertEqual(table["redirects"]["created"], Redirect.objects.count())
        self.assertEqual(
            report_list(output, "skipped"),
            ["post 10 “Naloxone saves lives”: could not write: disk full"],
        )
