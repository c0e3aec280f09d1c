"""Images and campaigns for the benchmark's archive, added after the WordPress import.

Run inside the benchmark's own database (`manage.py shell -c`, see the bench command), with
tasks run inline so that every image has its renditions before the server starts.
"""

import datetime
import io
import json
import random
from datetime import UTC, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.db.models.functions import Mod
from django.utils import timezone
from PIL import Image as PILImage

from campaigns.models import Action, ActionStatus, Campaign, Demand, Organisation, Pledge, Update
from comments.models import Comment
from posts.models import Image, Post, Status

CITIES = [
    ("London", "United Kingdom", "Europe/London", "51.50735", "-0.12776"),
    ("Tbilisi", "Georgia", "Asia/Tbilisi", "41.71513", "44.82710"),
    ("Kyiv", "Ukraine", "Europe/Kyiv", "50.45010", "30.52340"),
    ("Nairobi", "Kenya", "Africa/Nairobi", "-1.29207", "36.82195"),
    ("Mexico City", "Mexico", "America/Mexico_City", "19.43261", "-99.13321"),
    ("Bogotá", "Colombia", "America/Bogota", "4.71099", "-74.07209"),
    ("Kathmandu", "Nepal", "Asia/Kathmandu", "27.71725", "85.32396"),
    ("Jakarta", "Indonesia", "Asia/Jakarta", "-6.20876", "106.84559"),
    ("Sydney", "Australia", "Australia/Sydney", "-33.86882", "151.20930"),
    ("Vancouver", "Canada", "America/Vancouver", "49.28273", "-123.12074"),
    ("Dakar", "Senegal", "Africa/Dakar", "14.71667", "-17.46768"),
    ("Tehran", "Iran", "Asia/Tehran", "35.68920", "51.38900"),
    ("Lisbon", "Portugal", "Europe/Lisbon", "38.72225", "-9.13934"),
    ("Manila", "Philippines", "Asia/Manila", "14.59951", "120.98422"),
    ("São Paulo", "Brazil", "America/Sao_Paulo", "-23.55052", "-46.63331"),
    ("Chatham", "New Zealand", "Pacific/Chatham", "-43.95000", "-176.55000"),
]
VISIBILITY = ("exact", "city", "on_request")


def jpeg(rng, size=(1200, 800)):
    """A photo-like JPEG: a few random colours blown up smoothly, so it compresses like one."""
    small = PILImage.new("RGB", (8, 6))
    small.putdata([tuple(rng.randrange(256) for _ in range(3)) for _ in range(48)])
    buffer = io.BytesIO()
    small.resize(size, PILImage.Resampling.BICUBIC).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def add_images(count, rng):
    """`count` images (with their renditions), each the featured image of every count-th post."""
    images = []
    for number in range(count):
        upload = SimpleUploadedFile(f"bench-{number}.jpg", jpeg(rng), content_type="image/jpeg")
        images.append(
            Image.objects.create(file=upload, alt_text=f"Outreach workers, photo {number}")
        )
    for slot, image in enumerate(images):
        Post.objects.annotate(slot=Mod(F("pk"), count)).filter(slot=slot).update(
            featured_image=image
        )
    return images


def add_campaigns(count, actions, images, rng, now):
    """`count` published campaigns, a quarter of them past, each with `actions` cities."""
    organisations = [
        Organisation.objects.create(name=f"Network {n}", country=CITIES[n % len(CITIES)][1])
        for n in range(30)
    ]
    related = list(Post.objects.published().order_by("-published_at")[: count * 3])
    campaigns = []
    for number in range(count):
        past = number >= count - count // 4
        day = (now + timedelta(days=14 + 7 * number)).date()
        if past:
            day = (now - timedelta(days=30 * (number - count + count // 4 + 1))).date()
        campaign = Campaign.objects.create(
            title=f"Day of action {number + 1}",
            slug=f"day-of-action-{number + 1}",
            summary="Support. Don't punish: one day, many cities, one message.",
            body="<p>"
            + " ".join(["Drug policy that respects people who use drugs."] * 20)
            + "</p>",
            hashtag="SupportDontPunish",
            demands_intro="We call upon our governments to:",
            contact_role="Campaign coordination team",
            contact_email="campaigns@example.org",
            pledge_call="Pledge your support, or offer to organise an action in your city.",
            hero_image=images[number % len(images)] if images else None,
            status=Status.PUBLISHED,
            published_at=now - timedelta(days=60),
        )
        for order in range(1, 5):
            Demand.objects.create(
                campaign=campaign, order=order, text=f"Demand {order}: end the criminalisation."
            )
        for index, (city, country, zone, lat, lon) in enumerate(CITIES[:actions]):
            action = Action(
                campaign=campaign, city=city, country=country, time_zone=zone,
                start_date=day, start_time=datetime.time(16), end_time=datetime.time(18),
                venue=f"Ministry of Health, {city}", address=f"{index + 1} Main Street",
                location_visibility=VISIBILITY[index % 3],
                latitude=Decimal(lat), longitude=Decimal(lon),
                status=ActionStatus.DONE if past else ActionStatus.CONFIRMED,
            )  # fmt: skip
            action.save()
            action.organisations.set(rng.sample(organisations, 2))
        for hour in range(5):
            Update.objects.create(
                campaign=campaign,
                title=f"Update {hour + 1}",
                text="The action is under way: people are gathering.",
                posted_at=now - timedelta(days=70 - hour),
            )
        campaign.related_posts.set(related[number * 3 : number * 3 + 3])
        Pledge.objects.bulk_create(
            Pledge(campaign=campaign, name=f"Supporter {n}", city=CITIES[n % len(CITIES)][0],
                   consent_text="I agree.", language="en", wants_to_organise=n % 5 == 0)
            for n in range(25)
        )  # fmt: skip
        campaigns.append(campaign)
    return campaigns


def seed(*, images=300, campaigns=20, actions=15, seed=1):
    """Add the images and campaigns; print what the benchmark needs to know, as JSON."""
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    now = timezone.now().replace(microsecond=0)
    made = add_images(images, rng)
    add_campaigns(campaigns, min(actions, len(CITIES)), made, rng, now)
    return describe()


def describe():
    """What the benchmark needs to know of the data set, printed as JSON (and returned)."""
    now = timezone.now()
    campaigns = Campaign.objects.published()
    upcoming = campaigns.filter(starts_at__gt=now).order_by("starts_at").first()
    posts = Post.objects.count()
    hot = Post.objects.filter(slug=f"post-{posts // 2 + 1}").first()  # see posts.wxrsample
    facts = {
        "posts": posts,
        "published_posts": Post.objects.published().count(),
        "images": Image.objects.count(),
        "posts_with_image": Post.objects.filter(featured_image__isnull=False).count(),
        "comments": Comment.objects.count(),
        "post_comments_shown": hot.comment_count if hot else 0,
        "campaigns": campaigns.count(),
        "actions": Action.objects.count(),
        "campaign": (upcoming or campaigns.order_by("pk").first()).slug,
        "at": datetime.datetime.now(UTC).isoformat(),
    }
    print("BENCH_DATA " + json.dumps(facts))
    return facts
