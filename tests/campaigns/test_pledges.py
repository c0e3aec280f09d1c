from datetime import timedelta
from unittest import mock

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from campaigns.models import LocationVisibility, Pledge, Update
from posts.models import Status
from tests.campaigns.helpers import by_id, parse_html, pledge_data, text
from tests.factories import make_action, make_campaign


class PledgeFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(slug="embassies")
        make_action(cls.campaign)
        cls.url = "/campaigns/embassies/pledge/"

    def setUp(self):
        cache.clear()  # the rate limit's counters live in the cache

    def test_a_pledge_is_stored_with_the_consent_shown_and_counted(self):
        page = parse_html(self.client.get(self.url).content)
        shown = text(page.find(".//label[@for='id_consent']")).rstrip("*")
        response = self.client.post(self.url, pledge_data(), follow=True)
        self.assertRedirects(response, self.campaign.get_absolute_url() + "#pledge")
        pledge = Pledge.objects.get()
        self.assertEqual(
            (pledge.campaign, pledge.name, pledge.email, pledge.city),
            (self.campaign, "Sasha", "sasha@example.org", "Vilnius"),
        )
        self.assertTrue(pledge.wants_to_organise)
        self.assertEqual(pledge.consent_text, shown)
        self.assertEqual(pledge.language, "en")
        tree = parse_html(response.content)
        self.assertIn("your pledge is counted", text(tree.find(".//div[@class='wrap messages']")))
        self.assertIn("1 person has pledged support.", text(by_id(tree, "pledge")))
        # The reader who has just pledged is not asked again; the next visit is a new one.
        self.assertIsNone(by_id(tree, "pledge").find(".//a[@class='button']"))
        again = parse_html(self.client.get(self.campaign.get_absolute_url()).content)
        self.assertIsNotNone(by_id(again, "pledge").find(".//a[@class='button']"))

    def test_consent_is_stored_in_the_language_shown(self):
        self.client.post(f"/ru{self.url}", pledge_data())
        pledge = Pledge.objects.get()
        self.assertEqual(pledge.language, "ru")
        page = parse_html(self.client.get(f"/ru{self.url}").content)
        self.assertEqual(
            pledge.consent_text, text(page.find(".//label[@for='id_consent']")).rstrip("*")
        )

    def assert_refused_and_kept(self, data, field, message):
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Pledge.objects.exists())
        tree = parse_html(response.content)
        self.assertIn(message, text(tree.find(f".//*[@id='id_{field}_error']")))
        form = tree.find(".//form[@class='pledge-form']")
        self.assertEqual(form.find(".//input[@name='name']").get("value"), data["name"])
        self.assertEqual(text(form.find(".//textarea[@name='message']")), data["message"][:60])
        return tree

    def test_missing_consent_is_refused_and_what_was_typed_kept(self):
        data = pledge_data(message="Count me in")
        del data["consent"]
        self.assert_refused_and_kept(data, "consent", "without your consent")

    def test_a_name_nobody_could_see_is_refused_and_kept(self):
        data = pledge_data(name="\u200b\u2060\u200d", message="Count me in")
        self.assert_refused_and_kept(data, "name", "This field is required")

    def test_an_over_long_message_is_refused_and_kept(self):
        data = pledge_data(message="x" * 60)
        data["message"] = "x" * 1001
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Pledge.objects.exists())
        tree = parse_html(response.content)
        self.assertIn("at most 1000 characters", text(by_id(tree, "id_message_error")))
        self.assertEqual(text(tree.find(".//textarea[@name='message']")), "x" * 1001)

    def test_an_invalid_email_is_refused_and_kept(self):
        tree = self.assert_refused_and_kept(
            pledge_data(email="not an address", message="Hello"), "email", "valid email"
        )
        self.assertEqual(tree.find(".//input[@name='email']").get("value"), "not an address")

    def test_the_honeypot_refuses_robots(self):
        response = self.client.post(self.url, pledge_data(homepage_url="http://spam.example"))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Pledge.objects.exists())
        self.assertContains(response, "automated submission", status_code=400)

    def test_quick_repeats_are_slowed_down(self):
        self.assertEqual(self.client.post(self.url, pledge_data()).status_code, 302)
        response = self.client.post(self.url, pledge_data(name="Again"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Please wait", status_code=429)
        self.assertEqual(Pledge.objects.count(), 1)
        value = parse_html(response.content).find(".//input[@name='name']").get("value")
        self.assertEqual(value, "Again")

    def test_at_most_five_pledges_an_hour_from_one_address(self):
        clock = [timezone.now().timestamp()]
        with mock.patch("inpud_site.abuse.time.time", lambda: clock[0]):
            for number in range(6):
                clock[0] += 31
                response = self.client.post(self.url, pledge_data(name=f"Person {number}"))
        self.assertEqual(response.status_code, 429)
        self.assertEqual(Pledge.objects.count(), 5)

    def test_the_campaign_page_links_to_the_form_on_its_own_page(self):
        # The campaign page holds no CSRF token, so it can come from the cache.
        campaign_page = self.client.get(self.campaign.get_absolute_url())
        self.assertNotContains(campaign_page, "csrfmiddlewaretoken")
        link = by_id(parse_html(campaign_page.content), "pledge").find(".//a[@class='button']")
        self.assertEqual(link.get("href"), self.url)
        form_page = self.client.get(self.url)
        self.assertContains(form_page, 'class="pledge-form"')
        self.assertIn("no-store", form_page["Cache-Control"])
        self.assertEqual(self.client.put(self.url).status_code, 405)


class ClosedPledgeTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_unpublished_campaigns_take_no_pledges(self):
        draft = make_campaign(slug="draft", status=Status.DRAFT, published_at=None)
        make_action(draft)
        response = self.client.post("/campaigns/draft/pledge/", pledge_data())
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Pledge.objects.exists())

    def test_finished_campaigns_refuse_with_a_notice(self):
        past = make_campaign(slug="past")
        make_action(past, start_date=timezone.now().date() - timedelta(days=3))
        response = self.client.post("/campaigns/past/pledge/", pledge_data(), follow=True)
        self.assertRedirects(response, "/campaigns/past/#pledge")
        self.assertFalse(Pledge.objects.exists())
        self.assertContains(response, "no longer taking pledges")
        self.assertNotContains(response, 'class="pledge-form"')

    def test_closed_pledges_refuse_with_a_notice(self):
        closed = make_campaign(slug="closed", pledges_open=False)
        make_action(closed)
        response = self.client.post("/campaigns/closed/pledge/", pledge_data(), follow=True)
        self.assertFalse(Pledge.objects.exists())
        self.assertContains(response, "no longer taking pledges")


class PledgePrivacyTests(TestCase):
    """No name or e-mail of a supporter reaches any public page, feed or calendar."""

    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(slug="embassies")
        cls.action = make_action(
            cls.campaign,
            city="Tbilisi",
            country="Georgia",
            address="11 Hidden Street",
            location_visibility=LocationVisibility.CITY,
        )
        Update.objects.create(
            campaign=cls.campaign,
            action=cls.action,
            title="Under way",
            posted_at=timezone.now() - timedelta(minutes=5),
        )
        Pledge.objects.create(
            campaign=cls.campaign,
            name="Zyxwv Secretname",
            email="zyxwv@example.org",
            city="Qwertyville",
            organisation="Qwerty Collective",
            message="Quietly supportive message",
            consent_text="I agree.",
            language="en",
        )

    def test_no_public_page_shows_a_pledge(self):
        base = self.campaign.get_absolute_url()
        urls = [
            "/",
            "/campaigns/",
            base,
            f"{base}?tz=Europe/Moscow",
            f"/ru{base}",
            f"{base}calendar.ics",
            f"{base}actions/{self.action.pk}/calendar.ics",
            f"{base}updates/atom/",
            "/sitemap.xml",
            "/sitemap-campaigns.xml",
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                body = response.content.decode()
                for private in ("Zyxwv", "zyxwv@example.org", "Qwerty", "Quietly supportive"):
                    self.assertNotIn(private, body)
                self.assertNotIn("11 Hidden Street", body)
        self.assertContains(self.client.get(base), "1 person has pledged support.")
        self.assertContains(self.client.get("/search/?q=Qwerty"), "0 posts found")
