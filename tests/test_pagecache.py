"""Anonymous pages come from the cache, and every change that makes one stale drops it."""

from datetime import timedelta
from gzip import decompress
from unittest import mock

from django.test import TestCase, override_settings
from django.utils import timezone

from campaigns.models import Pledge
from comments import moderation
from comments.models import CommentStatus, ModerationSettings
from posts.models import Status
from tests.comments.factories import make_comment
from tests.factories import make_action, make_campaign, make_page, make_post, make_user


@override_settings(PAGE_CACHE_ENABLED=True)
class PageCacheTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.post = make_post(title="Peer work is work")
        cls.other = make_post(title="Another story")
        cls.moderator = make_user("mod", is_staff=True, is_superuser=True)

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def assertCached(self, url):
        self.get(url)
        with self.assertNumQueries(0):
            response = self.get(url)
        self.assertEqual(response["X-Page-Cache"], "hit")
        return response

    def change(self):
        """Run what the change queued for after its transaction, as a real commit would."""
        return self.captureOnCommitCallbacks(execute=True)

    def test_a_second_anonymous_visit_costs_no_query(self):
        response = self.assertCached("/")
        self.assertIn("Peer work is work", response.text)
        self.assertIn("s-maxage=60", response["Cache-Control"])
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("Cookie", response["Vary"])
        for url in ("/feed/", "/comments/feed/", "/campaigns/", "/sitemap.xml"):
            self.assertCached(url)

    def test_a_hit_is_the_finished_response_in_the_form_the_reader_asked_for(self):
        gzip = {"accept-encoding": "gzip, br"}
        self.get("/", headers=gzip)
        with self.assertNumQueries(0):
            packed = self.get("/", headers=gzip)
        self.assertEqual(packed["X-Page-Cache"], "hit")
        self.assertEqual(packed["Content-Encoding"], "gzip")
        self.assertIn("Peer work is work", decompress(packed.content).decode())
        plain = self.get("/")  # a reader that cannot read gzip is not given it
        self.assertEqual(plain["X-Page-Cache"], "miss")
        self.assertNotIn("Content-Encoding", plain)
        for response in (packed, self.assertCached("/")):
            self.assertIn("default-src 'self'", response["Content-Security-Policy"])
            self.assertEqual(response["X-Frame-Options"], "DENY")
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_a_hit_still_refuses_a_host_not_allowed(self):
        self.assertCached("/")
        self.assertEqual(self.get("/", headers={"host": "evil.example"}).status_code, 400)

    def test_a_cached_page_still_answers_conditional_requests(self):
        etag = self.get("/")["ETag"]
        self.assertEqual(self.get("/", headers={"if-none-match": etag}).status_code, 304)

    def test_publishing_a_post_shows_it_at_once(self):
        self.assertCached("/")
        with self.change():
            make_post(title="Fresh news")
        response = self.get("/")
        self.assertEqual(response["X-Page-Cache"], "miss")
        self.assertIn("Fresh news", response.text)

    def test_every_language_is_cached_and_refreshed_whatever_came_before(self):
        # Each address after one in another language: the cache must not read a page's
        # address in the language the previous request left active.
        post = self.post.get_absolute_url()
        urls = ["/ru/", "/", "/es/", f"/fr{post}", "/fr/", post, f"/ru{post}", "/ru/"]
        for url in urls:
            with self.subTest(url=url):
                self.assertCached(url)
        with self.change():
            make_post(title="Fresh news")
        for url in ("/", "/ru/", "/es/", "/fr/"):
            with self.subTest(url=url):
                response = self.get(url)
                self.assertEqual(response["X-Page-Cache"], "miss")
                self.assertIn("Fresh news", response.text)

    def test_an_approval_refreshes_its_post_and_the_lists_but_not_other_posts(self):
        comment = make_comment(
            self.post, text="Solidarity from Lagos", status=CommentStatus.PENDING
        )
        url, other_url = self.post.get_absolute_url(), self.other.get_absolute_url()
        for page in (url, other_url, "/"):
            self.get(page)
        with self.change():
            self.assertTrue(moderation.approve(comment, by=self.moderator))
        post_page = self.get(url)
        self.assertIn("Solidarity from Lagos", post_page.text)
        self.assertIn("1 comment", self.get("/").text)
        self.assertEqual(self.get(other_url)["X-Page-Cache"], "hit")

    def test_a_scheduled_post_appears_when_its_time_comes(self):
        soon = timezone.now() + timedelta(minutes=5)
        make_post(title="Embargoed report", published_at=soon)
        self.assertNotIn("Embargoed report", self.assertCached("/").text)
        later = soon + timedelta(seconds=1)
        with (
            mock.patch("django.utils.timezone.now", return_value=later),
            mock.patch("inpud_site.pagecache.time.time", return_value=later.timestamp()),
        ):
            self.assertIn("Embargoed report", self.get("/").text)

    def test_a_menu_page_change_refreshes_every_page(self):
        self.assertCached(self.post.get_absolute_url())
        with self.change():
            make_page(title="Our history", slug="history", show_in_menu=True)
        self.assertIn("Our history", self.get(self.post.get_absolute_url()).text)

    def test_discussion_settings_refresh_pages(self):
        self.assertCached("/")
        with self.change():
            ModerationSettings.current().save()
        self.assertEqual(self.get("/")["X-Page-Cache"], "miss")

    def test_a_pledge_refreshes_its_campaign_only(self):
        campaign, other = make_campaign(slug="day"), make_campaign(slug="other-day")
        make_action(campaign)
        make_action(other)
        self.get(campaign.get_absolute_url())
        self.get(other.get_absolute_url())
        with self.change():
            Pledge.objects.create(campaign=campaign, name="Sasha", consent_text="yes")
        self.assertNotEqual(self.get(campaign.get_absolute_url())["X-Page-Cache"], "hit")
        self.assertEqual(self.get(other.get_absolute_url())["X-Page-Cache"], "hit")

    def test_never_cached_for_staff_commenters_or_previews(self):
        self.get("/")
        self.client.force_login(self.moderator)
        self.assertNotIn("X-Page-Cache", self.get("/"))
        self.client.logout()
        self.client.cookies["inpud_my_comments"] = "anything"
        self.assertNotIn("X-Page-Cache", self.get("/"))
        del self.client.cookies["inpud_my_comments"]
        self.assertNotIn("X-Page-Cache", self.get("/?preview=1"))
        self.assertNotIn("X-Page-Cache", self.get("/search/?q=peer"))

    def test_a_page_that_uses_a_csrf_token_or_fails_is_never_stored(self):
        with mock.patch("inpud_site.pagecache.cache.set") as stored:
            self.get("/campaigns/")  # no form on it
            self.assertTrue(stored.called)  # noqa: the control: stored, as it should be
            stored.reset_mock()
            self.assertIn("csrfmiddlewaretoken", self.get(self.post.get_comment_url()).text)
            draft = make_post(title="Draft", status=Status.DRAFT)
            self.assertEqual(self.get(draft.get_absolute_url()).status_code, 404)
            pages = [c for c in stored.call_args_list if c.args[0].startswith("pagecache:page:")]
            self.assertEqual(pages, [])
