"""
Issue 6, figure 7: what the site gives away about the people who use it.

- No e-mail address in any public response: unique addresses are seeded on staff, a
  byline's account, commenters and pledgers, and every public URL pattern (the URLconf
  is walked), in every language, plus the error pages, is searched for them.
- No raw IP address in the database, the logs, the e-mails or the cache after comments,
  pledges and failed staff sign-ins from 203.0.113.77 and 2001:db8::77.
- An anonymous reader gets no cookie, except `csrftoken` on a page with a form.
- No page loads anything from another origin.
- No EXIF in any stored image file (the upload and every rendition).
"""

import contextlib
import io
import logging
import pickle
import re

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory, TestCase
from django.urls import Resolver404, resolve
from django.utils import translation
from django.views.defaults import server_error
from PIL import Image as PILImage

from posts.models import Image
from tests.campaigns.helpers import pledge_data
from tests.comments.helpers import comment_data
from tests.factories import image_bytes, make_post, make_user, upload
from tests.posts.test_uploads import exif_with_gps
from tests.security.dom import parse
from tests.security.helpers import is_same_origin, quiet_request_log
from tests.security.site import every_url, populate

SEEDED = {
    "root": "seed-root-q7x@staff.example",
    "editor": "seed-editor-k2m@staff.example",
    "commenter": "seed-commenter-v9p@readers.example",
    "pledger": "seed-pledger-z4t@readers.example",
}
# The local parts are unique, so they are found whatever encodes the "@".
SEEDED_PARTS = [address.split("@")[0].encode() for address in SEEDED.values()]
EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+(?:@|%40|&#64;|&#x40;)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
ADDRESSES = ("203.0.113.77", "2001:db8::77")
# Every way the two addresses (and their networks) could be written down.
ADDRESS_TRACES = (
    "203.0.113.", "203-0-113", "2001:db8:", "2001:0db8:", "2001:db8::77",
    "2001:0db8:0000:0000:0000:0000:0000:0077",
)  # fmt: skip
# Elements whose URL the browser loads by itself (as opposed to links a reader follows).
LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
          "video": "src", "embed": "src", "object": "data", "track": "src"}  # fmt: skip
LOADED_LINKS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                "apple-touch-icon", "mask-icon"}  # fmt: skip


def public_urls(site):
    """Every non-admin URL pattern, made concrete, in the default language and in Russian."""
    urls = []
    for name, _route, url, _view in every_url(site):
        if url.startswith("/admin/"):
            continue
        urls.append((name, url))
        # Only the patterns under i18n_patterns take a language prefix.
        with contextlib.suppress(Resolver404), translation.override("ru"):
            resolve(f"/ru{url}")
            urls.append((name, f"/ru{url}"))
    return urls + [
        ("search with results", "/search/?q=peer"),
        ("campaign in a time zone", f"{site.campaign.get_absolute_url()}?tz=Europe/Paris"),
        ("reply form", f"{site.post.get_comment_url()}?replyto={site.comment.pk}"),
        ("older posts", "/?before=0.4102444800000000.1"),
        ("404", "/no-such-page/"),
        ("404 post", "/posts/no-such-post/"),
        ("404 in Russian", "/ru/no-such-page/"),
    ]


class PublicResponseTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = populate(SEEDED)
        for _number in range(12):  # a second page of posts
            make_post(byline=cls.site.byline)

    def setUp(self):
        self.responses = []
        for name, url in public_urls(self.site):
            response = Client().get(url)
            self.responses.append((name, url, response))
        # The error pages that a GET does not reach.
        forbidden = Client(enforce_csrf_checks=True).post(self.site.post.get_absolute_url())
        self.responses.append(("403 (CSRF)", "POST without a token", forbidden))
        request = RequestFactory().get("/broken/")
        self.responses.append(("500", "/broken/", server_error(request)))

    def test_every_public_page_type_was_fetched(self):
        statuses = {url: response.status_code for _name, url, response in self.responses}
        errors = [url for name, url, _r in self.responses if statuses[url] >= 500 and name != "500"]
        self.assertEqual(errors, [])
        ok = [url for url, status in statuses.items() if status == 200]
        self.assertGreaterEqual(len(ok), 50, statuses)
        for url in (
            "/",
            "/feed/",
            "/comments/feed/",
            "/sitemap.xml",
            "/sitemap-posts.xml",
            "/campaigns/support/calendar.ics",
        ):
            self.assertEqual(statuses[url], 200, url)

    def test_no_email_address_in_any_public_response(self):
        hits = []
        for _name, url, response in self.responses:
            content = b"".join(response) if response.streaming else response.content
            hits += [f"{url}: {part!r}" for part in SEEDED_PARTS if part in content]
            hits += [f"{url}: {match.group(0)!r}" for match in EMAIL.finditer(content)]
        self.assertEqual(hits, [])

    def test_anonymous_readers_get_no_cookie_but_the_csrf_one_with_a_form(self):
        for _name, url, response in self.responses:
            with self.subTest(url=url):
                cookies = set(response.cookies)
                self.assertLessEqual(cookies, {settings.CSRF_COOKIE_NAME})
                content = b"" if response.streaming else response.content
                has_form = b'name="csrfmiddlewaretoken"' in content
                self.assertEqual(settings.CSRF_COOKIE_NAME in cookies, has_form)

    def test_no_page_loads_anything_from_another_origin(self):
        loaded = []
        for _name, url, response in self.responses:
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            for element in parse(response.content).iter():
                tag = element.tag if isinstance(element.tag, str) else ""
                urls = []
                if tag in LOADED:
                    urls.append(element.get(LOADED[tag], ""))
                    urls += [
                        part.strip().split(" ")[0] for part in element.get("srcset", "").split(",")
                    ]
                if tag == "link" and LOADED_LINKS & set(element.get("rel", "").lower().split()):
                    urls.append(element.get("href", ""))
                if tag == "form":
                    urls.append(element.get("action", ""))
                loaded += [
                    f"{url}: <{tag}> {src}" for src in urls if src and not is_same_origin(src)
                ]
        self.assertEqual(loaded, [])


class NoAddressKeptTests(TestCase):
    """Comments, pledges and failed staff sign-ins leave no trace of the sender's address."""

    @classmethod
    def setUpTestData(cls):
        cls.site = populate()
        make_user("moderator", groups=["Moderators"], email="mod@staff.example")

    def setUp(self):
        self.cached = []

    def empty_cache(self):
        """Clear the rate limits, keeping a copy of what the cache held for the search."""
        stored = getattr(cache, "_cache", {})  # the local-memory cache of the test settings
        self.cached += [repr(key) for key in stored]
        self.cached += [repr(pickle.loads(value)) for value in stored.values()]  # noqa: S301
        cache.clear()

    def exercise(self):
        post, campaign = self.site.post, self.site.campaign
        for address in ADDRESSES:
            for extra in ({}, {"HTTP_X_FORWARDED_FOR": f"{address}, 10.0.0.1"}):
                client = Client(REMOTE_ADDR=address, **extra)
                pledge = f"{campaign.get_absolute_url()}pledge/"
                steps = [
                    (302, True, post.get_absolute_url(), comment_data(text="A comment.")),
                    # Sent again at once: refused by the flood limit.
                    (429, False, post.get_absolute_url(), comment_data(text="Again.")),
                    (400, True, campaign.get_absolute_url(), comment_data(name="")),
                    (302, True, campaign.get_absolute_url(), comment_data(
                        text="Reply, please.", email="me@readers.example", notify_replies="on",
                        is_urgent="on",
                    )),
                    (302, True, pledge, pledge_data()),
                    (429, False, pledge, pledge_data()),
                    (400, True, pledge, pledge_data(name="")),
                ]  # fmt: skip
                for status, fresh, url, data in steps:
                    if fresh:
                        self.empty_cache()
                    with self.captureOnCommitCallbacks(execute=True):
                        response = client.post(url, data)
                    self.assertEqual(response.status_code, status, (url, data))
                self.assertEqual(client.get("/no-such-page/").status_code, 404)
                forged = Client(REMOTE_ADDR=address, enforce_csrf_checks=True, **extra)
                self.assertEqual(forged.post("/admin/login/").status_code, 403)
                for username in ("editor", "nobody"):
                    for _attempt in range(7):
                        client.post(
                            "/admin/login/", {"username": username, "password": "wrong password"}
                        )

    def test_no_raw_ip_in_the_database_the_logs_the_mail_or_the_cache(self):
        records = []
        handler = logging.Handler(level=logging.DEBUG)
        handler.emit = records.append
        root = logging.getLogger()
        level = root.level
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        try:
            with quiet_request_log():
                self.exercise()
        finally:
            root.removeHandler(handler)
            root.setLevel(level)

        self.assertGreater(len(records), 20)
        dump = io.StringIO()
        call_command("dumpdata", stdout=dump)
        everything = [dump.getvalue()]
        everything += [str(session.get_decoded()) for session in Session.objects.all()]
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                everything.append(repr(cursor.fetchall()))
        for record in records:
            everything.append(record.getMessage())
            everything.append(repr(record.args))
            everything.append(repr(record.__dict__.get("request", "")))
        self.assertTrue(mail.outbox)
        everything += [repr(message.message().as_bytes()) for message in mail.outbox]
        self.empty_cache()
        self.assertTrue(self.cached)
        text = "\n".join(everything + self.cached)
        for trace in ADDRESS_TRACES:
            with self.subTest(trace=trace):
                self.assertNotIn(trace, text)


class ExifTests(TestCase):
    def test_no_exif_in_any_stored_image_file(self):
        """The upload test in tests/posts checks the original; here, every file kept."""
        self.client.force_login(make_user(groups=["Editors"]))
        data = image_bytes(size=(2000, 1200), exif=exif_with_gps())
        self.assertTrue(PILImage.open(io.BytesIO(data)).getexif())
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                "/admin/posts/image/add/",
                {"alt_text": "A banner", "caption": "", "credit": "", "credit_url": "",
                 "file": upload("IMG_2041.jpg", data, "image/jpeg")},
            )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        image = Image.objects.get()
        names = [image.file.name, *image.renditions.values()]
        self.assertGreaterEqual(len(names), 3)
        for name in names:
            with self.subTest(name=name), image.file.storage.open(name) as handle:
                raw = handle.read()
                stored = PILImage.open(io.BytesIO(raw))
                self.assertEqual(dict(stored.getexif()), {})
                self.assertFalse({"exif", "xmp", "XML:com.adobe.xmp"} & set(stored.info))
                self.assertNotIn(b"Exif\x00\x00", raw)
                self.assertNotIn(b"PhoneMaker", raw)
