"""Pledges as CSV for the campaign team, safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell's text, prefixed with a quote if a spreadsheet would run it as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def pledges_csv(pledges):
    """An attachment with one row per pledge, UTF-8 with a byte-order mark for spreadsheets."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"pledges-{timezone.now():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Sent (UTC)"), _("Campaign"), _("Name or pseudonym"), _("E-mail"), _("City"),
            _("Organisation"), _("Wants to organise"), _("Message"), _("Language"),
            _("Consent given"),
        ]
    )  # fmt: skip
    for pledge in pledges:
        row = [
            pledge.created_at.strftime("%Y-%m-%d %H:%M"),
            pledge.campaign.title,
            pledge.name,
            pledge.email,
            pledge.city,
            pledge.organisation,
            _("yes") if pledge.wants_to_organise else _("no"),
            pledge.message,
            pledge.language,
            pledge.consent_text,
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return response
