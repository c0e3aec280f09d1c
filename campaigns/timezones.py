"""
Wall-clock times in a city's own time zone, and the UTC instants they stand for.

An action is planned as "16:00 in London": that wall time and the IANA zone are
what the organisers know, so both are stored, and the UTC instant is derived from
them with zoneinfo, which knows each zone's daylight-saving rules.
"""

import datetime
import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UTC = datetime.UTC

# Offered in the reader's time-zone menu besides the zones of a campaign's own
# actions: one or two per region where the network has members.
COMMON_ZONES = [
    "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York",
    "America/Mexico_City", "America/Bogota", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
    "Atlantic/Azores", "Europe/London", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
    "Africa/Lagos", "Africa/Johannesburg", "Africa/Cairo", "Europe/Bucharest", "Europe/Kyiv",
    "Europe/Istanbul", "Europe/Moscow", "Africa/Nairobi", "Asia/Tbilisi", "Asia/Tehran",
    "Asia/Dubai", "Asia/Kabul", "Asia/Karachi", "Asia/Tashkent", "Asia/Almaty", "Asia/Kolkata",
    "Asia/Kathmandu", "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Manila",
    "Asia/Shanghai", "Asia/Tokyo", "Australia/Perth", "Australia/Sydney", "Pacific/Auckland",
]  # fmt: skip


@functools.cache
def all_zones():
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in all_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name. Use a name such as Europe/London."),
            code="invalid_time_zone",
            params={"value": value},
        )


def wall_time_to_utc(day, time, zone_name):
    """The UTC instant of a wall-clock time in a zone.

    A time that the clocks skip (the hour lost when summer time starts) raises
    ValidationError; a time that happens twice (the hour repeated in autumn) is
    taken at its first occurrence.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    local = datetime.datetime.combine(day, time, tzinfo=zone)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s on that day: the clocks skip it."),
            code="skipped_time",
            params={"time": time.strftime("%H:%M"), "zone": zone_name},
        )
    return instant


def reader_zone(value):
    """The reader's chosen zone name if it is a real one, else None."""
    return value if value in all_zones() else None


def zone_choices(names, at):
    """(name, label) pairs for a <select>, ordered by their offset from UTC at `at`."""

    def offset(name):
        return at.astimezone(zoneinfo.ZoneInfo(name)).utcoffset()

    def label(name):
        minutes = int(offset(name).total_seconds() // 60)
        sign = "+" if minutes >= 0 else "−"
        hours, minutes = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours:02d}:{minutes:02d} {name.replace('_', ' ')}"

    known = (set(names) & all_zones()) - {"UTC"}
    ordered = sorted(known, key=lambda name: (offset(name), name))
    return [("UTC", "UTC"), *((name, label(name)) for name in ordered)]
