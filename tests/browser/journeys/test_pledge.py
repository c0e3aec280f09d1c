"""
Journey 3: a supporter on a phone finds a campaign, pledges support (offering to
organise in their own city), and adds an action to their calendar from its .ics link.
"""

import datetime
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from campaigns.forms import CONSENT_TEXT, PledgeForm
from campaigns.models import ActionStatus, LocationVisibility, Pledge
from tests.browser.journeys.steps import (
    Journey,
    attachment_name,
    click_and_load,
    downloaded,
    fetch,
    reader_options,
    variant,
)
from tests.factories import make_action, make_campaign

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def campaign():
    campaign = make_campaign(
        title="Support. Don't Punish",
        slug="support-dont-punish",
        summary="A global day of action for drug policies that respect human rights.",
        pledge_call="Tell us if you can hold an action in your city.",
    )
    day = timezone.now().date() + timedelta(days=20)
    make_action(
        campaign,
        city="Lisbon",
        country="Portugal",
        time_zone="Europe/Lisbon",
        start_date=day,
        venue="Praça do Comércio",
        address="Terreiro do Paço",
        location_visibility=LocationVisibility.EXACT,
    )
    make_action(
        campaign,
        city="Almaty",
        country="Kazakhstan",
        time_zone="Asia/Almaty",
        start_date=day,
        venue="Community centre",
        address="12 Secret Street",
        location_visibility=LocationVisibility.ON_REQUEST,
        status=ActionStatus.CONFIRMED,
    )
    return campaign


def action_event(ics_bytes):
    """The one VEVENT of an action's calendar file."""
    calendar = Calendar.from_ical(ics_bytes)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


@pytest.mark.parametrize("javascript", [True, False], ids=variant)
def test_supporter_pledges_and_adds_the_action_to_a_calendar(
    visit, campaign, monkeypatch, javascript
):
    monkeypatch.setattr(PledgeForm, "min_seconds", 0)
    journey = Journey(f"pledge-{variant(javascript)}")
    supporter = visit(**reader_options(javascript))
    page = supporter.page

    supporter.open("/campaigns/")
    click_and_load(page, page.get_by_role("link", name="Support. Don't Punish").first)
    assert page.get_by_role("heading", level=1).inner_text() == "Support. Don't Punish"
    assert "0 people have pledged support." in page.locator("#pledge").inner_text()
    journey.shot(supporter, "campaign")

    click_and_load(page, page.get_by_role("link", name="Pledge your support"))
    assert page.url == f"{supporter.base}/campaigns/support-dont-punish/pledge/"
    assert page.get_by_role("heading", level=1).inner_text() == "Sign up and support"
    assert page.get_by_text("Tell us if you can hold an action in your city.").is_visible()
    page.get_by_label("Name or pseudonym").fill("Aigerim")
    page.get_by_label("E-mail (optional)").fill("aigerim@example.org")
    page.get_by_label("City (optional)").fill("Almaty")
    page.get_by_label("Message (optional)").fill("We can bring twenty people.")
    page.get_by_label("I want to organise an action in my city").check()
    page.locator("#id_consent").check()
    journey.shot(supporter, "pledge-form")

    click_and_load(page, page.get_by_role("button", name="Send my pledge"))
    assert page.url == f"{supporter.base}/campaigns/support-dont-punish/#pledge"
    thanks = page.locator(".messages")
    assert "Thank you: your pledge is counted." in thanks.inner_text()
    # The page opens at the pledge section: the thanks must be there, not above, off screen.
    assert thanks.evaluate("e => e.getBoundingClientRect().top >= 0")
    assert thanks.evaluate("e => e.getBoundingClientRect().bottom <= innerHeight")
    assert "1 person has pledged support." in page.locator("#pledge").inner_text()
    # Nothing the supporter wrote is shown in public.
    assert page.get_by_text("Aigerim").count() == 0
    assert page.get_by_text("twenty people").count() == 0
    journey.shot(supporter, "pledged")

    pledge = Pledge.objects.get()
    assert (pledge.campaign, pledge.name, pledge.email) == (
        campaign,
        "Aigerim",
        "aigerim@example.org",
    )
    assert (pledge.city, pledge.message) == ("Almaty", "We can bring twenty people.")
    assert pledge.wants_to_organise is True
    assert pledge.consent_text == str(CONSENT_TEXT)
    assert pledge.language == "en"

    almaty = campaign.actions.get(city="Almaty")
    row = page.locator(f"tr#action-{almaty.pk}")
    assert "Exact place on request" in row.inner_text()
    assert "Secret Street" not in page.locator("body").inner_text()
    link = row.get_by_role("link", name="calendar entry for Almaty")
    download, saved = downloaded(page, link)
    assert download.suggested_filename.endswith(".ics")
    response = fetch(supporter, link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    assert attachment_name(response) == f"support-dont-punish-{almaty.pk}.ics"
    assert response.body() == saved

    calendar, event = action_event(saved)
    assert str(calendar["X-WR-CALNAME"]) == "Support. Don't Punish"
    assert str(event["SUMMARY"]) == "Support. Don't Punish: Almaty"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.datetime.combine(
        almaty.start_date, datetime.time(16), zoneinfo.ZoneInfo("Asia/Almaty")
    )
    assert end - start == timedelta(hours=2)
    assert event["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Almaty"
    # The hidden address stays hidden in the calendar too.
    assert str(event["LOCATION"]) == "Almaty, Kazakhstan (exact place on request)"
    assert "Secret Street" not in saved.decode()
    assert str(event["URL"]).startswith(supporter.base)
    assert str(event["STATUS"]) == "CONFIRMED"
    journey.shot(supporter, "after-calendar")
    supporter.assert_same_origin()
