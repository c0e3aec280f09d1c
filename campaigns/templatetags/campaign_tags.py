import zoneinfo

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def date_span(first, last):
    """The days a campaign runs, as its cities count them: "Dec. 1, 2011", or a range."""
    if first is None or last is None:
        return ""

    def day(value):
        return format_html(
            '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "DATE_FORMAT")
        )

    if first == last:
        return day(first)
    return format_html("{} – {}", day(first), day(last))


def zone_label(moment):
    """A short name for the zone at that moment: "GMT", "AEDT", or "UTC+04" where none exists."""
    name = moment.tzname() or ""
    if name.isalpha():
        return name
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@register.simple_tag
def time_span(start, end, zone_name, show_zone=True):
    """Start and end of an action as read in `zone_name`: "Thu 1 Dec, 16:00–18:00 GMT".

    Each date and each time range stays on one line, so a narrow column wraps between them.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = start.astimezone(zone), end.astimezone(zone)

    def moment(value):
        return format_html(
            '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "H:i")
        )

    def day(value):
        return format_html('<span class="nowrap">{},</span>', date_format(value, "D j M"))

    if start.date() == end.date():
        span = format_html(
            '{} <span class="nowrap">{}–{}</span>', day(start), moment(start), moment(end)
        )
    else:
        span = format_html(
            '{} <span class="nowrap">{}–</span> {} <span class="nowrap">{}</span>',
            day(start),
            moment(start),
            day(end),
            moment(end),
        )
    zone_html = format_html(' <span class="zone">{}</span>', zone_label(start)) if show_zone else ""
    return format_html('<span class="time-span">{}{}</span>', span, zone_html)
