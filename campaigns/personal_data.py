"""Export, erasure and retention for pledges (the commenter commands call these too)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from campaigns.models import Pledge

EMAIL_DAYS_AFTER_CAMPAIGN = 90


def pledges_by(email):
    email = email.strip()
    return Pledge.objects.filter(email__iexact=email) if email else Pledge.objects.none()


def export(email):
    return [
        {
            "campaign": pledge.campaign.title,
            "name": pledge.name,
            "email": pledge.email,
            "city": pledge.city,
            "organisation": pledge.organisation,
            "message": pledge.message,
            "wants_to_organise": pledge.wants_to_organise,
            "consent": pledge.consent_text,
            "sent": pledge.created_at.isoformat(),
        }
        for pledge in pledges_by(email).select_related("campaign")
    ]


def erase(email):
    """Pledges are private, so erasing means deleting them. Returns how many."""
    deleted, _counts = pledges_by(email).delete()
    return deleted


def purge(now=None):
    """Drop pledge e-mail addresses 90 days after their campaign ended. Returns how many."""
    now = now or timezone.now()
    ended = Q(campaign__ends_at__lt=now - timedelta(days=EMAIL_DAYS_AFTER_CAMPAIGN))
    return Pledge.objects.filter(ended).exclude(email="").update(email="")
