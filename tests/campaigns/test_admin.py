import csv
import io

from django.contrib.auth.models import Permission
from django.test import TestCase

from campaigns.models import Action, Campaign, Pledge
from tests.factories import make_action, make_campaign, make_user

ADD_URL = "/admin/campaigns/campaign/add/"


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def campaign_form(**fields):
    data = {
        "title": "Embassy protests",
        "slug": "embassy-protests",
        "summary": "Thirteen cities, one statement.",
        "body": "<p>Why we protest.</p>",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "language": "en",
        "pledges_open": "on",
        **management("demands", 0),
        **management("actions", 0),
        **management("updates", 0),
    }
    return data | fields


def demand_forms(*demands, initial=()):
    """Inline rows: (position, text) for new demands, then (pk, position, text, delete)."""
    data = management("demands", len(initial) + len(demands), initial=len(initial))
    rows = [(pk, position, text, delete) for pk, position, text, delete in initial]
    rows += [("", position, text, False) for position, text in demands]
    for number, (pk, position, text, delete) in enumerate(rows):
        data[f"demands-{number}-id"] = str(pk)
        data[f"demands-{number}-position"] = str(position)
        data[f"demands-{number}-text"] = text
        if delete:
            data[f"demands-{number}-DELETE"] = "on"
    return data


def action_form(**fields):
    data = {
        "city": "London",
        "country": "United Kingdom",
        "status": "planned",
        "time_zone": "Europe/London",
        "start_date": "2025-12-01",
        "start_time": "16:00",
        "end_date": "",
        "end_time": "18:00",
        "venue": "",
        "address": "",
        "location_visibility": "city",
        "latitude": "",
        "longitude": "",
        "safety_notes": "",
    }
    data |= fields
    return {f"actions-0-{name}": value for name, value in data.items()} | management("actions", 1)


class CampaignAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=["Editors"])

    def setUp(self):
        self.client.force_login(self.editor)

    def test_demands_are_numbered_without_gaps(self):
        data = campaign_form(
            **demand_forms(
                (7, "fund needle programmes;"), (3, "legalise OST;"), ("", "listen to us.")
            )
        )
        response = self.client.post(ADD_URL, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        campaign = Campaign.objects.get(slug="embassy-protests")
        self.assertEqual(
            list(campaign.demands.values_list("order", "text")),
            [(1, "legalise OST;"), (2, "fund needle programmes;"), (3, "listen to us.")],
        )
        first, second, third = campaign.demands.all()
        change = f"/admin/campaigns/campaign/{campaign.pk}/change/"
        data = campaign_form(
            **demand_forms(
                initial=[
                    (first.pk, 1, first.text, True),
                    (second.pk, 9, second.text, False),
                    (third.pk, 2, third.text, False),
                ]
            )
        )
        response = self.client.post(change, data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        self.assertEqual(
            list(campaign.demands.values_list("order", "text")),
            [(1, "listen to us."), (2, "fund needle programmes;")],
        )

    def test_an_action_that_ends_before_it_starts_is_a_form_error(self):
        data = campaign_form(**action_form(start_time="18:00", end_time="16:00"))
        response = self.client.post(ADD_URL, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "An action must end after it starts.")
        self.assertFalse(Campaign.objects.exists())
        # What was typed is still in the form.
        self.assertContains(response, 'value="Embassy protests"')

    def test_an_action_saved_through_the_admin_sets_the_campaign_dates(self):
        data = campaign_form(**action_form(time_zone="Australia/Sydney"))
        self.assertEqual(self.client.post(ADD_URL, data).status_code, 302)
        campaign = Campaign.objects.get()
        self.assertEqual(campaign.starts_at.isoformat(), "2025-12-01T05:00:00+00:00")
        self.assertEqual(Action.objects.get().end_date.isoformat(), "2025-12-01")

    def test_an_unknown_time_zone_is_a_form_error(self):
        response = self.client.post(
            ADD_URL, campaign_form(**action_form(time_zone="Europe/Atlantis"))
        )
        self.assertContains(response, "is not a time zone name")
        self.assertFalse(Campaign.objects.exists())

    def test_a_taken_slug_is_a_form_error(self):
        make_campaign(slug="embassy-protests")
        response = self.client.post(ADD_URL, campaign_form())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Campaign with this Slug already exists.")

    def test_pages_of_the_admin_open(self):
        campaign = make_campaign()
        action = make_action(campaign)
        for url in (
            "/admin/campaigns/campaign/",
            ADD_URL,
            f"/admin/campaigns/campaign/{campaign.pk}/change/",
            "/admin/campaigns/action/",
            f"/admin/campaigns/action/{action.pk}/change/",
            "/admin/campaigns/organisation/",
            "/admin/campaigns/update/add/",
            "/admin/campaigns/pledge/",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)


class PledgeAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.campaign = make_campaign(title="Embassy protests")
        for name, message in [("Sasha", '=HYPERLINK("http://evil.example")'), ("Lena", "Hi")]:
            Pledge.objects.create(
                campaign=cls.campaign,
                name=name,
                email=f"{name.lower()}@example.org",
                message=message,
                consent_text="I agree.",
                language="en",
            )
        Pledge.objects.create(
            campaign=cls.campaign, name="@mention", city="+city", consent_text="-1", language="en"
        )
        cls.editor = make_user(groups=["Editors"])
        cls.moderator = make_user(groups=["Moderators"])
        cls.url = "/admin/campaigns/pledge/"

    def export(self):
        ids = list(Pledge.objects.values_list("pk", flat=True))
        return self.client.post(self.url, {"action": "export_csv", "_selected_action": ids})

    def test_editors_and_moderators_export_csv_with_formulas_neutralised(self):
        for user in (self.editor, self.moderator):
            with self.subTest(user=user.groups.get().name):
                self.client.force_login(user)
                response = self.export()
                self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
                self.assertIn("attachment", response["Content-Disposition"])
                content = response.content.decode("utf-8-sig")
                rows = list(csv.DictReader(io.StringIO(content)))
                self.assertEqual(len(rows), 3)
                by_name = {row["Name or pseudonym"]: row for row in rows}
                self.assertEqual(by_name["Sasha"]["E-mail"], "sasha@example.org")
                self.assertEqual(by_name["Sasha"]["Message"], '\'=HYPERLINK("http://evil.example")')
                self.assertIn("'@mention", by_name)
                self.assertEqual(by_name["'@mention"]["City"], "'+city")
                self.assertEqual(by_name["'@mention"]["Consent given"], "'-1")
                self.assertEqual(by_name["Lena"]["Campaign"], "Embassy protests")

    def test_export_is_refused_to_people_who_are_not_staff(self):
        self.client.force_login(make_user())
        response = self.export()
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])
        self.client.logout()
        response = self.export()
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_export_is_refused_to_staff_without_the_export_permission(self):
        reader = make_user(is_staff=True)
        reader.user_permissions.add(Permission.objects.get(codename="view_pledge"))
        self.client.force_login(reader)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        response = self.export()
        self.assertNotEqual(response.get("Content-Type"), "text/csv; charset=utf-8")
        self.assertNotIn(b"sasha@example.org", response.content.split(b"<tbody")[0])

    def test_moderators_read_pledges_but_change_nothing(self):
        self.client.force_login(self.moderator)
        pledge = Pledge.objects.get(name="Sasha")
        response = self.client.get(f"{self.url}{pledge.pk}/change/")
        self.assertContains(response, "sasha@example.org")
        self.assertEqual(self.client.get(f"{self.url}add/").status_code, 403)
        data = {"name": "Changed"}
        self.assertEqual(self.client.post(f"{self.url}{pledge.pk}/change/", data).status_code, 403)
        change = f"/admin/campaigns/campaign/{self.campaign.pk}/change/"
        self.assertEqual(self.client.post(change, campaign_form()).status_code, 403)
        pledge.refresh_from_db()
        self.assertEqual(pledge.name, "Sasha")

    def test_filters_narrow_the_list(self):
        self.client.force_login(self.moderator)
        response = self.client.get(self.url, {"wants_to_organise__exact": "1"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["cl"].result_count, 0)
        response = self.client.get(self.url, {"campaign__id__exact": self.campaign.pk})
        self.assertEqual(response.context["cl"].result_count, 3)
