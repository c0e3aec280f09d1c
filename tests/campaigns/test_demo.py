import io
import zoneinfo

from django.core.management import call_command
from django.test import TestCase

from campaigns.demo import world_aids_day
from campaigns.models import (
    Action,
    ActionStatus,
    Campaign,
    Demand,
    LocationVisibility,
    Organisation,
    Pledge,
    Relationship,
    Update,
)
from tests.campaigns.helpers import parse_html, text

MODELS = [Campaign, Demand, Action, Organisation, Update, Pledge]


def run_demo():
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", "--force", stdout=io.StringIO())


def counts():
    return {model: model.objects.count() for model in MODELS}


class DemoCampaignTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        run_demo()
        cls.campaign = Campaign.objects.get(slug=world_aids_day.SLUG)

    def test_a_second_run_creates_nothing(self):
        before = counts()
        run_demo()
        self.assertEqual(counts(), before)

    def test_the_world_aids_day_campaign_is_complete(self):
        campaign = self.campaign
        self.assertTrue(campaign.is_published)
        actions = list(campaign.actions.all())
        self.assertGreaterEqual(len(actions), 10)
        zones = {action.time_zone for action in actions}
        self.assertGreaterEqual(len(zones), 8)
        self.assertLessEqual(zones, zoneinfo.available_timezones())
        for action in actions:
            with self.subTest(city=action.city):
                self.assertEqual((action.start_time.hour, action.end_time.hour), (16, 18))
                self.assertTrue(action.organisations.exists())
                self.assertIsNotNone(action.latitude)
        eve = {action.city for action in actions if action.start_date < campaign.last_day}
        self.assertEqual(eve, {"New York", "Mexico City"})
        self.assertGreaterEqual(campaign.demands.count(), 3)
        self.assertGreaterEqual(campaign.updates.count(), 5)
        self.assertTrue(campaign.updates.filter(action__city="Tbilisi").exists())
        relationships = set(
            Organisation.objects.filter(actions__campaign=campaign).values_list(
                "relationship", flat=True
            )
        )
        self.assertEqual(relationships, {Relationship.MEMBER, Relationship.PARTNER})
        self.assertIn(
            "world-aids-day-protests-russian-embassies",
            campaign.related_posts.values_list("slug", flat=True),
        )
        self.assertTrue(campaign.is_past)
        self.assertTrue(all(action.status == ActionStatus.DONE for action in actions))

    def test_the_demo_pages_show_the_campaigns_and_hide_private_places(self):
        tbilisi = self.campaign.actions.get(city="Tbilisi")
        self.assertEqual(tbilisi.location_visibility, LocationVisibility.CITY)
        response = self.client.get(self.campaign.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, tbilisi.address)
        tree = parse_html(response.content)
        self.assertEqual(len(tree.findall(".//table[@class='action-table']/tbody/tr")), 13)
        listing = text(parse_html(self.client.get("/campaigns/").content).find(".//main"))
        self.assertIn("Current and upcoming", listing)
        self.assertIn("Past campaigns", listing)
        self.assertIn("13 cities", listing)
        upcoming = Campaign.objects.exclude(pk=self.campaign.pk).get()
        self.assertContains(self.client.get(upcoming.get_absolute_url()), 'class="write-pledge"')
        pledge_page = self.client.get(upcoming.get_absolute_url() + "pledge/")
        self.assertContains(pledge_page, 'class="pledge-form"')
