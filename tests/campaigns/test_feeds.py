from datetime import timedelta
from xml.etree import ElementTree

from django.test import TestCase
from django.utils import timezone

from campaigns.models import LocationVisibility, Update
from posts.models import Status
from tests.factories import make_action, make_byline, make_campaign

ATOM = "{http://www.w3.org/2005/Atom}"


class UpdatesFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(title="Day of action", slug="day")
        tbilisi = make_action(
            cls.campaign,
            city="Tbilisi",
            country="Georgia",
            venue="Swiss embassy",
            address="11 Secret Street",
            location_visibility=LocationVisibility.CITY,
        )
        now = timezone.now()
        Update.objects.create(
            campaign=cls.campaign,
            title="Statement ready",
            text="Read it <b>aloud</b>.",
            posted_at=now - timedelta(days=2),
        )
        Update.objects.create(
            campaign=cls.campaign,
            action=tbilisi,
            title="Tbilisi under way",
            text="Names of friends read out.",
            byline=make_byline(name="Tbilisi peers"),
            posted_at=now - timedelta(hours=1),
        )
        Update.objects.create(
            campaign=cls.campaign, title="Scheduled", posted_at=now + timedelta(hours=3)
        )

    def test_atom_lists_posted_updates_newest_first_with_author_and_updated(self):
        response = self.client.get("/campaigns/day/updates/atom/")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        feed = ElementTree.fromstring(response.content)
        self.assertEqual(feed.findtext(f"{ATOM}title"), "Day of action: updates")
        entries = feed.findall(f"{ATOM}entry")
        self.assertEqual(
            [entry.findtext(f"{ATOM}title") for entry in entries],
            ["Tbilisi under way", "Statement ready"],
        )
        for entry in entries:
            self.assertTrue(entry.findtext(f"{ATOM}author/{ATOM}name"))
            self.assertTrue(entry.findtext(f"{ATOM}updated"))
            self.assertTrue(entry.findtext(f"{ATOM}id"))
        self.assertEqual(entries[0].findtext(f"{ATOM}author/{ATOM}name"), "Tbilisi peers")
        self.assertEqual(entries[1].findtext(f"{ATOM}author/{ATOM}name"), "INPUD")
        # Plain text is escaped into the HTML summary, never passed through as markup.
        self.assertIn("&lt;b&gt;aloud", entries[1].findtext(f"{ATOM}summary"))
        self.assertIn("Tbilisi, Georgia", entries[0].findtext(f"{ATOM}summary"))

    def test_city_only_address_stays_out_of_the_feed(self):
        body = self.client.get("/campaigns/day/updates/atom/").content.decode()
        self.assertNotIn("11 Secret Street", body)
        self.assertNotIn("Swiss embassy", body)

    def test_unpublished_campaign_has_no_feed(self):
        make_campaign(slug="draft", status=Status.DRAFT, published_at=None)
        self.assertEqual(self.client.get("/campaigns/draft/updates/atom/").status_code, 404)
