import datetime
from datetime import timedelta
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from campaigns.models import ActionStatus, LocationVisibility, Organisation, Relationship, Update
from posts.models import Status
from tests.campaigns.helpers import by_id, parse_html, text
from tests.factories import (
    make_action,
    make_campaign,
    make_document,
    make_post,
    make_user,
)
from tests.sitemaps import sitemap_locations


def rows(tree):
    return tree.findall(".//table[@class='action-table']/tbody/tr")


class CampaignListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        today = timezone.now().date()
        cls.past = make_campaign(
            title="Last year's day", published_at=timezone.now() - timedelta(days=400)
        )
        make_action(cls.past, start_date=today - timedelta(days=300))
        cls.older = make_campaign(
            title="An older day", published_at=timezone.now() - timedelta(days=900)
        )
        make_action(cls.older, start_date=today - timedelta(days=700))
        cls.later = make_campaign(title="A later day")
        make_action(cls.later, start_date=today + timedelta(days=60))
        cls.soon = make_campaign(title="A day soon")
        for city in ("Lagos", "Lima", "Lyon"):
            make_action(cls.soon, city=city, start_date=today + timedelta(days=5))
        make_action(cls.soon, city="Leeds", status=ActionStatus.CANCELLED)
        cls.draft = make_campaign(title="A draft day", status=Status.DRAFT, published_at=None)
        cls.editor = make_user(groups=["Editors"])

    def titles(self, response, heading):
        """The campaign titles in the section headed by `heading`, in page order."""
        tree = parse_html(response.content)
        section = tree.find(f".//section[@aria-labelledby='{heading}']")
        return [text(h3) for h3 in section.findall(".//h3")]

    def test_current_and_upcoming_first_then_past(self):
        response = self.client.get("/campaigns/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.titles(response, "current-heading"), ["A day soon", "A later day"])
        self.assertEqual(self.titles(response, "past-heading"), ["Last year's day", "An older day"])
        self.assertNotContains(response, "A draft day")

    def test_each_campaign_shows_its_dates_and_cities(self):
        tree = parse_html(self.client.get("/campaigns/").content)
        soon = next(article for article in tree.iter("article") if "A day soon" in text(article))
        # Cancelled actions are not counted as cities.
        self.assertIn("3 cities", text(soon))
        day = soon.find(".//time").get("datetime")
        self.assertEqual(day, (timezone.now().date() + timedelta(days=5)).isoformat())

    def test_staff_preview_the_draft_and_nothing_is_cached(self):
        self.client.force_login(self.editor)
        response = self.client.get("/campaigns/")
        self.assertContains(response, "A draft day")
        self.assertIn("no-cache", response["Cache-Control"])

    def test_header_links_to_the_campaigns(self):
        tree = parse_html(self.client.get("/").content)
        menu = tree.find(".//nav[@class='menu']")
        self.assertIn("/campaigns/", [link.get("href") for link in menu.iter("a")])


class CampaignPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(
            title="World AIDS Day at the embassies",
            slug="embassies",
            demands_intro="We call upon the government to:",
            hashtag="OSTnow",
        )
        for order, demand in enumerate(["legalise methadone;", "fund needle programmes;"], 1):
            cls.campaign.demands.create(order=order, text=demand)
        day = datetime.date(2025, 12, 1)
        partner = Organisation.objects.create(
            name="Peers of London", website="https://example.org/peers", country="UK"
        )
        member = Organisation.objects.create(
            name="Tbilisi Peers", relationship=Relationship.MEMBER, country="Georgia"
        )
        cls.london = make_action(
            cls.campaign,
            city="London",
            country="United Kingdom",
            time_zone="Europe/London",
            start_date=day,
            venue="Embassy of the Russian Federation",
            address="6/7 Kensington Palace Gardens",
            location_visibility=LocationVisibility.EXACT,
            latitude=Decimal("51.50634"),
            longitude=Decimal("-0.18953"),
            organisations=[partner],
            safety_notes="Observers stand by the park gate.",
        )
        cls.tbilisi = make_action(
            cls.campaign,
            city="Tbilisi",
            country="Georgia",
            time_zone="Asia/Tbilisi",
            start_date=day,
            venue="Swiss embassy",
            address="11 Secret Street",
            location_visibility=LocationVisibility.CITY,
            latitude=Decimal("41.71537"),
            longitude=Decimal("44.82711"),
            organisations=[member],
        )
        cls.sydney = make_action(
            cls.campaign,
            city="Sydney",
            country="Australia",
            time_zone="Australia/Sydney",
            start_date=day,
            status=ActionStatus.CANCELLED,
        )
        now = timezone.now()
        Update.objects.create(
            campaign=cls.campaign, title="Older news", posted_at=now - timedelta(hours=2)
        )
        Update.objects.create(
            campaign=cls.campaign,
            action=cls.tbilisi,
            title="Tbilisi under way",
            posted_at=now - timedelta(hours=1),
        )
        Update.objects.create(
            campaign=cls.campaign, title="Not yet", posted_at=now + timedelta(hours=1)
        )
        cls.campaign.documents.set(
            [make_document(title="Statement"), make_document(title="Draft", status=Status.DRAFT)]
        )
        cls.campaign.related_posts.set(
            [make_post(title="Report back"), make_post(title="Hidden", status=Status.DRAFT)]
        )
        cls.url = cls.campaign.get_absolute_url()

    def test_demands_are_an_ordered_list(self):
        tree = parse_html(self.client.get(self.url).content)
        section = tree.find(".//section[@aria-labelledby='demands']")
        self.assertIn("We call upon the government to:", text(section))
        self.assertEqual(
            [text(li) for li in section.findall("ol/li")],
            ["legalise methadone;", "fund needle programmes;"],
        )

    def test_actions_table_is_in_utc_order_with_local_and_utc_times(self):
        tree = parse_html(self.client.get(self.url).content)
        found = rows(tree)
        self.assertEqual(
            [text(row.find("th/span[@class='city']")) for row in found],
            ["Sydney", "Tbilisi", "London"],
        )
        london = by_id(tree, f"action-{self.london.pk}")
        local, in_utc = london.findall("td[@class='time']")
        self.assertEqual(
            [time.get("datetime") for time in local.iter("time")],
            ["2025-12-01T16:00:00+00:00", "2025-12-01T18:00:00+00:00"],
        )
        sydney_local, sydney_utc = by_id(tree, f"action-{self.sydney.pk}").findall(
            "td[@class='time']"
        )
        self.assertIn("16:00–18:00 AEDT", text(sydney_local))
        self.assertIn("05:00–07:00", text(sydney_utc))
        self.assertIn("Cancelled", text(by_id(tree, f"action-{self.sydney.pk}")))
        headers = [text(th) for th in tree.findall(".//table[@class='action-table']/thead/tr/th")]
        self.assertEqual(headers[:4], ["City", "Place", "Local time", "UTC"])

    def test_reader_picks_a_time_zone_without_javascript(self):
        tree = parse_html(self.client.get(self.url, {"tz": "Europe/Moscow"}).content)
        headers = [text(th) for th in tree.findall(".//table[@class='action-table']/thead/tr/th")]
        self.assertIn("Your time (Europe/Moscow)", headers)
        yours = by_id(tree, f"action-{self.london.pk}").findall("td[@class='time']")[2]
        self.assertIn("Mon 1 Dec, 19:00–21:00", text(yours))
        selected = tree.find(".//select[@name='tz']/option[@selected]")
        self.assertEqual(selected.get("value"), "Europe/Moscow")

    def test_an_unknown_time_zone_falls_back_to_utc_with_a_message(self):
        response = self.client.get(self.url, {"tz": "Mars/Olympus"})
        self.assertEqual(response.status_code, 200)
        tree = parse_html(response.content)
        self.assertIn("not a time zone we know", text(by_id(tree, "tz-error")))
        headers = [text(th) for th in tree.findall(".//table[@class='action-table']/thead/tr/th")]
        self.assertFalse(any(header.startswith("Your time") for header in headers))
        self.assertNotContains(response, "<script", html=False)

    def test_city_only_hides_the_address_and_blurs_the_point(self):
        response = self.client.get(self.url)
        self.assertNotContains(response, "11 Secret Street")
        self.assertNotContains(response, "Swiss embassy")
        self.assertContains(response, "6/7 Kensington Palace Gardens")
        tree = parse_html(response.content)
        points = {
            text(circle.find("title")): circle
            for circle in tree.iter("circle")
            if circle.get("class", "").startswith("map-point")
        }
        self.assertEqual(set(points), {"London", "Tbilisi"})
        # Tbilisi is drawn at 41.7° N, 44.8° E: x = lon + 180, y = 90 − lat.
        self.assertEqual(points["Tbilisi"].get("cx"), "224.80")
        self.assertEqual(points["Tbilisi"].get("cy"), "48.30")
        self.assertEqual(points["London"].get("cx"), "179.81")

    def test_the_map_is_inline_svg_with_a_text_list(self):
        tree = parse_html(self.client.get(self.url).content)
        svg = tree.find(".//figure[@class='campaign-map']/svg")
        self.assertEqual(svg.get("role"), "img")
        self.assertEqual(text(svg.find("title")), "World map of the actions")
        self.assertTrue(text(svg.find("desc")))
        listed = [text(li) for li in tree.findall(".//div[@class='map-list']/ul/li")]
        self.assertEqual(listed, ["Tbilisi, Georgia", "London, United Kingdom"])
        self.assertFalse([img for img in tree.iter("img") if "//" in img.get("src", "")[:8]])

    def test_safety_notes_never_reach_the_page(self):
        self.assertNotContains(self.client.get(self.url), "Observers stand")

    def test_organisations_updates_documents_and_posts(self):
        tree = parse_html(self.client.get(self.url).content)
        groups = tree.find(".//section[@class='organisations']")
        self.assertIn("https://example.org/peers", [a.get("href") for a in groups.iter("a")])
        self.assertIn("Tbilisi Peers", text(groups))
        timeline = [text(h3) for h3 in tree.findall(".//ol[@class='timeline']/li/article/h3")]
        self.assertEqual(timeline, ["Tbilisi under way", "Older news"])
        downloads = text(tree.find(".//section[@aria-labelledby='downloads-heading']"))
        self.assertIn("Statement", downloads)
        self.assertNotIn("Draft", downloads)
        related = text(tree.find(".//section[@aria-labelledby='related-heading']"))
        self.assertIn("Report back", related)
        self.assertNotIn("Hidden", related)
        feeds = [link.get("href") for link in tree.iter("link") if link.get("rel") == "alternate"]
        self.assertIn(f"{self.url}updates/atom/", feeds)
        self.assertIn("#OSTnow", text(tree.find(".//header[@class='campaign-header narrow']")))

    def test_calendar_links(self):
        tree = parse_html(self.client.get(self.url).content)
        links = {a.get("href") for a in tree.iter("a")}
        self.assertIn(f"{self.url}calendar.ics", links)
        self.assertIn(f"{self.url}actions/{self.london.pk}/calendar.ics", links)


class VisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.draft = make_campaign(slug="draft-day", status=Status.DRAFT, published_at=None)
        cls.scheduled = make_campaign(
            slug="scheduled-day", published_at=timezone.now() + timedelta(days=2)
        )
        cls.action = make_action(cls.draft)
        cls.editor = make_user(groups=["Editors"])

    def test_unpublished_campaigns_are_404_everywhere_for_the_public(self):
        for campaign in (self.draft, self.scheduled):
            base = campaign.get_absolute_url()
            for url in (base, f"{base}calendar.ics", f"{base}updates/atom/"):
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 404)
        url = f"/campaigns/draft-day/actions/{self.action.pk}/calendar.ics"
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertFalse([url for url in sitemap_locations(self.client) if "draft-day" in url])

    def test_editors_preview_with_noindex_and_no_cache(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.draft.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<meta name="robots" content="noindex">')
        self.assertContains(response, "The pledge form opens when the campaign is published.")
        self.assertIn("no-cache", response["Cache-Control"])

    def test_sitemap_lists_published_campaigns_and_the_list(self):
        make_campaign(slug="public-day")
        locations = sitemap_locations(self.client)
        self.assertIn("http://testserver/campaigns/public-day/", locations)
        self.assertIn("http://testserver/campaigns/", locations)
