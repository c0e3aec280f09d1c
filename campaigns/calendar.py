"""
iCalendar files: one VEVENT per action at its local wall time with a TZID, and a
VTIMEZONE for each zone used, so calendars apply the city's daylight-saving rules.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from campaigns.models import ActionStatus

EVENT_STATUS = {
    ActionStatus.PLANNED: "TENTATIVE",
    ActionStatus.CONFIRMED: "CONFIRMED",
    ActionStatus.DONE: "CONFIRMED",
    ActionStatus.CANCELLED: "CANCELLED",
}
# How far around the actions the VTIMEZONE rules reach.
ZONE_MARGIN = datetime.timedelta(days=366)


def build_calendar(campaign, actions, *, request):
    """The iCalendar bytes for `actions` of `campaign`."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Campaigns//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", campaign.title)
    for action in actions:
        calendar.add_component(action_event(campaign, action, request=request))
    if actions:
        calendar.add_missing_timezones(
            first_date=min(action.start_date for action in actions) - ZONE_MARGIN,
            last_date=max(action.end_date for action in actions) + ZONE_MARGIN,
        )
    return calendar.to_ical()


def action_event(campaign, action, *, request):
    zone = zoneinfo.ZoneInfo(action.time_zone)
    url = request.build_absolute_uri(action.get_absolute_url())
    leaders = ", ".join(organisation.name for organisation in action.organisations.all())
    description = [campaign.summary]
    if leaders:
        description.append(_("Led by %(organisations)s.") % {"organisations": leaders})
    description.append(url)

    event = Event()
    event.add("uid", f"campaign-action-{action.pk}@{request.get_host()}")
    event.add("dtstamp", action.updated_at)
    event.add("last-modified", action.updated_at)
    event.add("dtstart", datetime.datetime.combine(action.start_date, action.start_time, zone))
    event.add("dtend", datetime.datetime.combine(action.end_date, action.end_time, zone))
    event.add("summary", f"{campaign.title}: {action.city}")
    event.add("location", action.public_location())
    event.add("description", "\n\n".join(description))
    event.add("url", url)
    event.add("status", EVENT_STATUS[action.status])
    coordinates = action.public_coordinates()
    if coordinates is not None:
        event.add("geo", (float(coordinates[0]), float(coordinates[1])))
    return event
