import datetime
from datetime import UTC, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from campaigns.models import Action, Campaign, Demand, LocationVisibility, Pledge, Update
from posts.models import Status
from tests.factories import make_action, make_campaign


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


class LocalTimeTests(TestCase):
    """16:00 local is a different UTC instant on each side of a daylight-saving change."""

    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign()

    def start_in(self, zone, day, at=datetime.time(16)):
        action = Action(
            campaign=self.campaign,
            city=zone,
            country="Somewhere",
            time_zone=zone,
            start_date=day,
            start_time=at,
            end_time=datetime.time(23, 59),
        )
        action.full_clean()
        return action.starts_at

    def test_four_pm_in_three_cities_around_europes_spring_change(self):
        # Europe moves its clocks on 30 March 2025, New York moved on 9 March and
        # Sydney leaves summer time on 6 April.
        expected = {
            datetime.date(2025, 3, 29): {
                "Europe/London": utc(2025, 3, 29, 16),
                "Australia/Sydney": utc(2025, 3, 29, 5),
                "America/New_York": utc(2025, 3, 29, 20),
            },
            datetime.date(2025, 3, 30): {
                "Europe/London": utc(2025, 3, 30, 15),
                "Australia/Sydney": utc(2025, 3, 30, 5),
                "America/New_York": utc(2025, 3, 30, 20),
            },
            datetime.date(2025, 4, 6): {
                "Europe/London": utc(2025, 4, 6, 15),
                "Australia/Sydney": utc(2025, 4, 6, 6),
                "America/New_York": utc(2025, 4, 6, 20),
            },
        }
        for day, zones in expected.items():
            for zone, instant in zones.items():
                with self.subTest(day=day, zone=zone):
                    self.assertEqual(self.start_in(zone, day), instant)

    def test_saved_action_stores_the_utc_instants(self):
        action = make_action(
            self.campaign,
            time_zone="America/New_York",
            start_date=datetime.date(2025, 11, 2),
            start_time=datetime.time(16),
            end_time=datetime.time(18),
        )
        action.refresh_from_db()
        self.assertEqual(action.starts_at, utc(2025, 11, 2, 21))
        self.assertEqual(action.ends_at, utc(2025, 11, 2, 23))
        self.assertEqual(action.end_date, action.start_date)

    def test_an_action_may_run_past_midnight(self):
        action = make_action(
            self.campaign,
            start_date=datetime.date(2025, 12, 31),
            start_time=datetime.time(22),
            end_date=datetime.date(2026, 1, 1),
            end_time=datetime.time(1),
        )
        self.assertEqual(action.ends_at - action.starts_at, timedelta(hours=3))

    def test_a_skipped_time_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.start_in("Europe/London", datetime.date(2025, 3, 30), datetime.time(1, 30))
        self.assertIn("start_time", caught.exception.message_dict)
        self.assertIn("skip", caught.exception.message_dict["start_time"][0])

    def test_a_repeated_time_is_its_first_occurrence(self):
        start = self.start_in("Europe/London", datetime.date(2025, 10, 26), datetime.time(1, 30))
        self.assertEqual(start, utc(2025, 10, 26, 0, 30))

    def test_unknown_time_zone_is_refused(self):
        action = Action(
            campaign=self.campaign,
            city="Atlantis",
            country="Sea",
            time_zone="Atlantis/Capital",
            start_date=datetime.date(2025, 1, 1),
            start_time=datetime.time(16),
            end_time=datetime.time(18),
        )
        with self.assertRaises(ValidationError) as caught:
            action.full_clean()
        self.assertIn("time_zone", caught.exception.message_dict)


class IntegrityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign()
        cls.action = make_action(cls.campaign, city="London", country="United Kingdom")

    def test_end_before_start_is_a_form_error(self):
        action = Action(
            campaign=self.campaign,
            city="Paris",
            country="France",
            time_zone="Europe/Paris",
            start_date=datetime.date(2025, 6, 26),
            start_time=datetime.time(18),
            end_time=datetime.time(16),
        )
        with self.assertRaises(ValidationError) as caught:
            action.full_clean()
        self.assertEqual(
            caught.exception.message_dict["end_time"], ["An action must end after it starts."]
        )

    def test_database_refuses_an_action_that_ends_before_it_starts(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Action.objects.filter(pk=self.action.pk).update(ends_at=self.action.starts_at)

    def test_database_refuses_half_a_coordinate(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Action.objects.filter(pk=self.action.pk).update(latitude=Decimal("51.5"))

    def test_half_a_coordinate_is_a_form_error(self):
        self.action.latitude = Decimal("51.5")
        with self.assertRaises(ValidationError):
            self.action.full_clean()

    def test_one_action_per_city(self):
        duplicate = Action(
            campaign=self.campaign,
            city="London",
            country="United Kingdom",
            time_zone="Europe/London",
            start_date=datetime.date(2025, 6, 26),
            start_time=datetime.time(16),
            end_time=datetime.time(18),
        )
        with self.assertRaises(ValidationError):
            duplicate.full_clean()

    def test_one_campaign_per_slug(self):
        twin = Campaign(title="Twin", slug=self.campaign.slug, summary="Twin.")
        with self.assertRaises(ValidationError) as caught:
            twin.full_clean()
        self.assertIn("slug", caught.exception.message_dict)

    def test_demands_keep_one_place_each_and_start_at_one(self):
        Demand.objects.create(campaign=self.campaign, order=1, text="First.")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Demand.objects.create(campaign=self.campaign, order=1, text="Also first.")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Demand.objects.create(campaign=self.campaign, order=0, text="Zeroth.")

    def test_a_pledge_needs_its_consent_text(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            Pledge.objects.create(campaign=self.campaign, name="Sasha", consent_text="")

    def test_an_update_names_an_action_of_its_own_campaign(self):
        other = make_action(make_campaign())
        update = Update(campaign=self.campaign, action=other, title="Wrong city")
        with self.assertRaises(ValidationError) as caught:
            update.full_clean()
        self.assertIn("action", caught.exception.message_dict)

    def test_pledges_keep_nothing_about_the_request(self):
        names = {field.name for field in Pledge._meta.get_fields()}
        self.assertFalse({"ip", "ip_address", "user_agent", "address"} & names)
        kinds = {type(field).__name__ for field in Pledge._meta.get_fields()}
        self.assertNotIn("GenericIPAddressField", kinds)


class CampaignDatesTests(TestCase):
    def test_dates_follow_the_actions(self):
        campaign = make_campaign()
        self.assertIsNone(campaign.starts_at)
        sydney = make_action(
            campaign, time_zone="Australia/Sydney", start_date=datetime.date(2025, 12, 1)
        )
        toronto = make_action(
            campaign, time_zone="America/Toronto", start_date=datetime.date(2025, 12, 1)
        )
        campaign.refresh_from_db()
        self.assertEqual(campaign.starts_at, utc(2025, 12, 1, 5))
        self.assertEqual(campaign.ends_at, utc(2025, 12, 1, 23))
        self.assertEqual((campaign.first_day, campaign.last_day), (sydney.start_date,) * 2)
        toronto.delete()
        campaign.refresh_from_db()
        self.assertEqual(campaign.ends_at, utc(2025, 12, 1, 7))

    def test_a_finished_campaign_takes_no_pledges(self):
        campaign = make_campaign()
        make_action(campaign, start_date=timezone.now().date() - timedelta(days=2))
        campaign.refresh_from_db()
        self.assertTrue(campaign.is_past)
        self.assertFalse(campaign.accepts_pledges)


class PublishedTests(TestCase):
    def test_only_published_and_due_campaigns_are_public(self):
        now = timezone.now()
        cases = {
            "published-past": (Status.PUBLISHED, now - timedelta(hours=1), True),
            "published-future": (Status.PUBLISHED, now + timedelta(hours=1), False),
            "draft": (Status.DRAFT, None, False),
            "pending": (Status.PENDING, None, False),
            "private": (Status.PRIVATE, now - timedelta(hours=1), False),
        }
        for slug, (status, published_at, _public) in cases.items():
            make_campaign(slug=slug, status=status, published_at=published_at)
        public = set(Campaign.objects.published().values_list("slug", flat=True))
        self.assertEqual(public, {slug for slug, case in cases.items() if case[2]})


class LocationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.action = make_action(
            make_campaign(),
            city="London",
            country="United Kingdom",
            venue="Embassy",
            address="6/7 Kensington Palace Gardens",
            latitude=Decimal("51.50634"),
            longitude=Decimal("-0.18953"),
        )

    def test_public_location_follows_the_setting(self):
        action = self.action
        action.location_visibility = LocationVisibility.EXACT
        self.assertEqual(
            action.public_location(),
            "Embassy, 6/7 Kensington Palace Gardens, London, United Kingdom",
        )
        self.assertEqual(action.public_coordinates(), (Decimal("51.50634"), Decimal("-0.18953")))
        action.location_visibility = LocationVisibility.CITY
        self.assertEqual(action.public_location(), "London, United Kingdom")
        self.assertEqual(action.public_place, "")
        self.assertEqual(action.public_coordinates(), (Decimal("51.5"), Decimal("-0.2")))
        action.location_visibility = LocationVisibility.ON_REQUEST
        self.assertEqual(
            action.public_location(), "London, United Kingdom (exact place on request)"
        )
        self.assertNotIn("Kensington", action.public_place)
        self.assertEqual(action.public_coordinates(), (Decimal("51.5"), Decimal("-0.2")))

    def test_new_actions_hide_the_address_until_told_otherwise(self):
        self.assertEqual(self.action.location_visibility, LocationVisibility.CITY)


class RoleTests(TestCase):
    def test_editors_run_campaigns_and_moderators_read_pledges(self):
        editors = set(
            Group.objects.get(name="Editors")
            .permissions.filter(content_type__app_label="campaigns")
            .values_list("codename", flat=True)
        )
        self.assertEqual(len(editors), 6 * 4 + 1)
        self.assertLessEqual({"change_campaign", "export_pledge", "delete_pledge"}, editors)
        moderators = set(
            Group.objects.get(name="Moderators")
            .permissions.filter(content_type__app_label="campaigns")
            .values_list("codename", flat=True)
        )
        self.assertEqual(moderators, {"view_campaign", "view_pledge", "export_pledge"})
