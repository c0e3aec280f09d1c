"""
Create the demo campaigns, or bring them back in line with their data when run again.

Called by posts.demo.build.load() after the posts, images and documents exist: it finds
those again by their stable keys (slug, image caption, document title). Everything here
is found again by a stable key too, so a second run creates nothing new.
"""

import datetime
from datetime import UTC, timedelta
from decimal import Decimal

from django.utils import timezone

from campaigns.demo import overdose_day, world_aids_day
from campaigns.forms import CONSENT_TEXT
from campaigns.models import (
    Action,
    ActionStatus,
    Campaign,
    Demand,
    Organisation,
    Pledge,
    Update,
)
from posts.demo import build as posts_demo
from posts.demo import content
from posts.models import Document, Image, Post, Status

START, END = datetime.time(16), datetime.time(18)


def load(now=None):
    """Create or update both demo campaigns; return them."""
    now = now or timezone.now()
    return [load_world_aids_day(now), load_overdose_day(now)]


def next_overdose_day(now):
    """The next 31 August that is at least a week away."""
    day = datetime.date(now.year, 8, 31)
    return day if day - now.date() >= timedelta(days=7) else day.replace(year=now.year + 1)


def load_world_aids_day(now):
    data = world_aids_day
    day = posts_demo.last_world_aids_day(now).date()
    campaign = ensure_campaign(data.CAMPAIGN, published_at=day - timedelta(days=40))
    organisations = ensure_organisations(data.ORGANISATIONS)
    status = ActionStatus.DONE if day < now.date() else ActionStatus.CONFIRMED
    actions = {}
    for city, country, zone, eve, venue, address, visibility, (lat, lon), leaders in data.ACTIONS:
        actions[city] = ensure_action(
            campaign,
            organisations,
            leaders,
            city=city,
            country=country,
            time_zone=zone,
            start_date=day - timedelta(days=1) if eve else day,
            venue=venue,
            address=address,
            location_visibility=visibility,
            latitude=lat,
            longitude=lon,
            status=status,
            safety_notes=data.SAFETY_NOTES,
        )
    midnight = datetime.datetime.combine(day, datetime.time(0), UTC)
    ensure_updates(campaign, data.UPDATES, actions, midnight=midnight, now=now)
    ensure_pledges(campaign, data.PLEDGES)
    return campaign


def load_overdose_day(now):
    data = overdose_day
    day = next_overdose_day(now)
    campaign = ensure_campaign(data.CAMPAIGN, published_at=now - timedelta(days=9))
    organisations = ensure_organisations(data.ORGANISATIONS)
    actions = {}
    for city, country, zone, venue, address, visibility, (
        lat,
        lon,
    ), leaders, status in data.ACTIONS:
        actions[city] = ensure_action(
            campaign,
            organisations,
            leaders,
            city=city,
            country=country,
            time_zone=zone,
            start_date=day,
            venue=venue,
            address=address,
            location_visibility=visibility,
            latitude=lat,
            longitude=lon,
            status=status,
        )
    ensure_updates(campaign, data.UPDATES, actions, midnight=None, now=now)
    ensure_pledges(campaign, data.PLEDGES)
    return campaign


def ensure_campaign(spec, *, published_at):
    fields = {
        "title": spec["title"],
        "summary": spec["summary"],
        "body": spec["body"].strip(),
        "hashtag": spec["hashtag"],
        "demands_intro": spec["demands_intro"],
        "contact_role": spec["contact_role"],
        "contact_email": spec["contact_email"],
        "contact_url": spec["contact_url"],
        "pledge_call": spec["pledge_call"],
        "hero_image": find_image(spec["image"]),
        "language": "en",
        "status": Status.PUBLISHED,
    }
    published_at = datetime.datetime.combine(published_at, datetime.time(9, 30), UTC)
    campaign, _ = Campaign.objects.update_or_create(
        slug=spec["slug"],
        defaults=fields,
        create_defaults={**fields, "published_at": published_at},
    )
    for order, text in enumerate(spec["demands"], start=1):
        Demand.objects.update_or_create(campaign=campaign, order=order, defaults={"text": text})
    campaign.demands.filter(order__gt=len(spec["demands"])).delete()
    campaign.related_posts.set(Post.objects.filter(slug__in=spec["related_posts"]))
    titles = [document["title"] for document in content.DOCUMENTS
              if document["key"] in spec.get("documents", [])]  # fmt: skip
    campaign.documents.set(Document.objects.filter(title__in=titles))
    return campaign


def find_image(key):
    caption = next(image["caption"] for image in content.IMAGES if image["key"] == key)
    return Image.objects.filter(caption=caption).order_by("pk").first()


def ensure_organisations(specs):
    found = {}
    for key, (name, relationship, city, country) in specs.items():
        found[key], _ = Organisation.objects.update_or_create(
            name=name,
            country=country,
            defaults={
                "relationship": relationship,
                "city": city,
                "website": f"https://example.org/{key}",
            },
        )
    return found


def ensure_action(campaign, organisations, leaders, *, city, country, **fields):
    fields.update(start_time=START, end_time=END, end_date=fields["start_date"])
    fields["latitude"], fields["longitude"] = (
        Decimal(fields["latitude"]),
        Decimal(fields["longitude"]),
    )
    action = Action.objects.filter(campaign=campaign, city=city, country=country).first()
    if action is None:
        action = Action(campaign=campaign, city=city, country=country)
    for name, value in fields.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    action.organisations.set([organisations[key] for key in leaders])
    return action


def ensure_updates(campaign, specs, actions, *, midnight, now):
    for title, text, when in specs:
        kind, *values = when
        action = None
        if kind == "after":
            city, minutes = values
            action = actions[city]
            posted_at = action.starts_at + timedelta(minutes=minutes)
        elif kind == "day":
            posted_at = midnight + timedelta(hours=values[0])
        else:
            posted_at = now.replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(
                days=values[0]
            )
        update, _ = Update.objects.update_or_create(
            campaign=campaign,
            title=title,
            defaults={"text": text, "action": action, "posted_at": posted_at},
        )
        # Written "at" its time, so feeds do not show every demo update as just edited.
        Update.objects.filter(pk=update.pk).update(updated_at=posted_at)


def ensure_pledges(campaign, specs):
    """Sign-ups from made-up supporters, so that staff see the pledge list and its export."""
    for name, email, city, organisation, message, organise in specs:
        Pledge.objects.update_or_create(
            campaign=campaign,
            name=name,
            defaults={
                "email": email,
                "city": city,
                "organisation": organisation,
                "message": message,
                "wants_to_organise": organise,
                "consent_text": str(CONSENT_TEXT),
                "language": "en",
            },
        )
