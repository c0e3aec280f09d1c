import datetime
from datetime import UTC

from django.test import TestCase
from icalendar import Calendar

from campaigns.models import ActionStatus, LocationVisibility
from tests.factories import make_action, make_campaign

DAY = datetime.date(2025, 3, 30)  # Europe's clocks go forward; Sydney and New York do not.
EXPECTED_UTC = {
    "London": datetime.datetime(2025, 3, 30, 15, tzinfo=UTC),
    "Sydney": datetime.datetime(2025, 3, 30, 5, tzinfo=UTC),
    "New York": datetime.datetime(2025, 3, 30, 20, tzinfo=UTC),
}


def events(calendar):
    return {str(event["SUMMARY"]).rsplit(": ", 1)[1]: event for event in calendar.walk("VEVENT")}


class CalendarTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(title="Day of action", slug="day")
        cls.london = make_action(
            cls.campaign,
            city="London",
            country="United Kingdom",
            time_zone="Europe/London",
            start_date=DAY,
            venue="Embassy",
            address="6/7 Kensington Palace Gardens",
            location_visibility=LocationVisibility.EXACT,
            status=ActionStatus.CONFIRMED,
        )
        cls.sydney = make_action(
            cls.campaign,
            city="Sydney",
            country="Australia",
            time_zone="Australia/Sydney",
            start_date=DAY,
            venue="Consulate",
            address="7-9 Secret Road",
            location_visibility=LocationVisibility.CITY,
        )
        cls.new_york = make_action(
            cls.campaign,
            city="New York",
            country="United States",
            time_zone="America/New_York",
            start_date=DAY,
            address="9 Hidden Street",
            location_visibility=LocationVisibility.ON_REQUEST,
            status=ActionStatus.CANCELLED,
            safety_notes="Meet at the side entrance.",
        )

    def get_calendar(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        return response.content, Calendar.from_ical(response.content)

    def test_one_event_per_action_at_the_right_instant(self):
        raw, calendar = self.get_calendar("/campaigns/day/calendar.ics")
        found = events(calendar)
        self.assertEqual(set(found), set(EXPECTED_UTC))
        zones = {str(zone["TZID"]): zone.to_tz() for zone in calendar.walk("VTIMEZONE")}
        self.assertEqual(set(zones), {"Europe/London", "Australia/Sydney", "America/New_York"})
        for city, expected in EXPECTED_UTC.items():
            with self.subTest(city=city):
                event = found[city]
                start = event.decoded("DTSTART")
                self.assertEqual(start.astimezone(UTC), expected)
                self.assertEqual((start.hour, start.minute), (16, 0))
                # The VTIMEZONE in the file, read on its own, gives the same instant.
                tzid = event["DTSTART"].params["TZID"]
                local = start.replace(tzinfo=None)
                own_rules = local.replace(tzinfo=zones[tzid])
                self.assertEqual(own_rules.astimezone(UTC), expected)
                end = event.decoded("DTEND")
                self.assertEqual(end - start, datetime.timedelta(hours=2))
        self.assertEqual(len({str(event["UID"]) for event in found.values()}), 3)

    def test_status_and_location_follow_the_action(self):
        raw, calendar = self.get_calendar("/campaigns/day/calendar.ics")
        found = events(calendar)
        self.assertEqual(str(found["New York"]["STATUS"]), "CANCELLED")
        self.assertEqual(str(found["London"]["STATUS"]), "CONFIRMED")
        self.assertEqual(str(found["Sydney"]["STATUS"]), "TENTATIVE")
        self.assertEqual(
            str(found["London"]["LOCATION"]),
            "Embassy, 6/7 Kensington Palace Gardens, London, United Kingdom",
        )
        self.assertEqual(str(found["Sydney"]["LOCATION"]), "Sydney, Australia")
        self.assertEqual(
            str(found["New York"]["LOCATION"]),
            "New York, United States (exact place on request)",
        )
        text = raw.decode()
        unfolded = text.replace("\r\n ", "")
        for private in ("Secret Road", "Consulate", "Hidden Street", "side entrance"):
            self.assertNotIn(private, unfolded)

    def test_one_action_alone(self):
        url = f"/campaigns/day/actions/{self.sydney.pk}/calendar.ics"
        raw, calendar = self.get_calendar(url)
        found = events(calendar)
        self.assertEqual(list(found), ["Sydney"])
        self.assertEqual(found["Sydney"].decoded("DTSTART").astimezone(UTC), EXPECTED_UTC["Sydney"])
        self.assertEqual(
            [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")], ["Australia/Sydney"]
        )
        self.assertNotIn("Secret Road", raw.decode().replace("\r\n ", ""))

    def test_an_action_of_another_campaign_is_not_found(self):
        other = make_action(make_campaign(slug="other"))
        self.assertEqual(
            self.client.get(f"/campaigns/day/actions/{other.pk}/calendar.ics").status_code, 404
        )
