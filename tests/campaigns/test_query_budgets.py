"""Every campaign page runs the same number of queries with 1 action or 50."""

import datetime
from datetime import timedelta
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from campaigns.models import Action, Campaign, Demand, Organisation, Pledge, Update
from campaigns.timezones import COMMON_ZONES, wall_time_to_utc
from comments.models import Comment, ModerationSettings
from tests.factories import make_campaign, make_document, make_image, make_page, make_post

# URL -> queries for an anonymous reader.
BUDGETS = {
    "/campaigns/": 3,
    "/campaigns/day/": 12,  # + comments: count, a page of threads, their replies
    "/campaigns/day/?tz=Europe/Moscow": 12,  # + comments: count, a page of threads, their replies
    "/ru/campaigns/day/": 12,  # + comments: count, a page of threads, their replies
    "/campaigns/day/calendar.ics": 3,
    "/campaigns/day/actions/{action}/calendar.ics": 2,
    "/campaigns/day/updates/atom/": 2,
    "/sitemap.xml": 5,
}


def build_campaign(size):
    """A campaign with `size` actions, each led by two organisations and with an update."""
    campaign = make_campaign(slug="day", hero_image=make_image())
    make_page(title="About", slug="about")
    for number in range(size):
        make_campaign(slug=f"other-{number}")
    Demand.objects.bulk_create(
        Demand(campaign=campaign, order=n, text=f"Demand {n}.") for n in range(1, 6)
    )
    day = timezone.now().date() + timedelta(days=20)
    actions = []
    for number in range(size):
        zone = COMMON_ZONES[number % len(COMMON_ZONES)]
        start, end = datetime.time(16), datetime.time(18)
        actions.append(
            Action(
                campaign=campaign,
                city=f"City {number}",
                country="Country",
                time_zone=zone,
                start_date=day,
                start_time=start,
                end_date=day,
                end_time=end,
                starts_at=wall_time_to_utc(day, start, zone),
                ends_at=wall_time_to_utc(day, end, zone),
                latitude=Decimal(number % 80),
                longitude=Decimal(number * 7 % 360 - 180),
            )
        )
    actions = Action.objects.bulk_create(actions)
    campaign.update_dates()
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Group {n}", website="https://example.org/", country="Country")
        for n in range(size + 1)
    )
    Through = Action.organisations.through
    Through.objects.bulk_create(
        Through(action=action, organisation=organisations[n + offset])
        for n, action in enumerate(actions)
        for offset in (0, 1)
    )
    Update.objects.bulk_create(
        Update(
            campaign=campaign,
            action=action,
            title=f"Update {n}",
            text="Under way.",
            posted_at=timezone.now() - timedelta(minutes=n + 1),
        )
        for n, action in enumerate(actions)
    )
    Pledge.objects.bulk_create(
        Pledge(campaign=campaign, name=f"Person {n}", consent_text="I agree.", language="en")
        for n in range(size)
    )
    threads = Comment.objects.bulk_create(
        Comment(campaign=campaign, name=f"Reader {n}", text="Solidarity.", status="approved")
        for n in range(size)
    )
    Comment.objects.bulk_create(
        Comment(
            campaign=campaign,
            parent=top,
            root=top,
            depth=1,
            name="Staff",
            text="Thanks.",
            status="approved",
        )
        for top in threads
    )
    campaign.documents.set([make_document() for _ in range(min(size, 5))])
    campaign.related_posts.set([make_post() for _ in range(min(size, 5))])
    return campaign, actions[0]


class QueryBudgetMixin:
    size = 1

    @classmethod
    def setUpTestData(cls):
        cls.campaign, cls.action = build_campaign(cls.size)

    def test_budgets(self):
        ModerationSettings.current()  # cached for the site's lifetime, like in production
        self.assertEqual(self.campaign.actions.count(), self.size)
        self.assertEqual(Campaign.objects.published().count(), self.size + 1)
        for pattern, budget in BUDGETS.items():
            url = pattern.format(action=self.action.pk)
            with self.subTest(url=url), self.assertNumQueries(budget):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                response.content  # noqa: B018 (render lazily built content)


class OneActionBudgetTests(QueryBudgetMixin, TestCase):
    size = 1


class FiftyActionsBudgetTests(QueryBudgetMixin, TestCase):
    size = 50
