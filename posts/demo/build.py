"""
Create the demo content, or bring it back in line with posts.demo when run again.

Everything is found again by a stable key (a slug, a username, an image caption or a
document title), so running load() twice creates nothing new and uploads no file twice.
"""

import io
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import ExifTags, ImageDraw, ImageFilter, ImageOps
from PIL import Image as PILImage
from taggit.models import Tag

from comments.demo import ensure_comments
from comments.models import Comment
from posts.demo import articles, content, more_articles
from posts.demo.pdf import make_pdf
from posts.models import Byline, Category, Document, Image, Page, Post, Status

ADMIN_USERNAME = "admin"
ARTWORK_SIZE = (1600, 900)
ARTICLES = [*articles.ARTICLES, *more_articles.ARTICLES]


@dataclass
class Report:
    """What load() did: object counts before and after, and the new admin's password."""

    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    admin_password: str | None = None

    @staticmethod
    def models():
        from campaigns.models import Action, Campaign, Organisation, Pledge, Update

        return [
            get_user_model(), Category, Byline, Tag, Image, Document, Page, Post, Comment,
            Campaign, Action, Organisation, Update, Pledge,
        ]  # fmt: skip

    def snapshot(self):
        return {model: model.objects.count() for model in self.models()}

    def rows(self):
        """(model, total, new) for each kind of object."""
        return [
            (model, self.after[model], self.after[model] - self.before[model])
            for model in self.models()
        ]


def load(now=None):
    """Create or update all demo content in one transaction; return a Report."""
    now = now or timezone.now()
    report = Report()
    with transaction.atomic():
        report.before = report.snapshot()
        report.admin_password = ensure_admin()
        users = ensure_staff()
        categories = ensure_categories()
        bylines = ensure_bylines(users)
        images = ensure_images(users.get("demo-editor"))
        documents = ensure_documents(users.get("demo-editor"), now)
        ensure_pages(now)
        ensure_posts(now, categories, bylines, images, documents)
        from campaigns.demo import build as campaigns_demo  # campaigns depend on posts, not back

        campaigns_demo.load(now)
        ensure_comments(now)
        report.after = report.snapshot()
    return report


def ensure_admin():
    """Create the superuser "admin" if missing; return its new password, else None."""
    User = get_user_model()
    if User.objects.filter(username=ADMIN_USERNAME).exists():
        return None
    password = secrets.token_urlsafe(18)
    User.objects.create_superuser(ADMIN_USERNAME, email="", password=password)
    return password


def ensure_staff():
    """One staff account per role, with an unusable password."""
    User = get_user_model()
    users = {}
    for spec in content.STAFF_USERS:
        user, _ = User.objects.get_or_create(
            username=spec["username"],
            defaults={
                "first_name": spec["first_name"],
                "email": f"{spec['username']}@example.org",
                "is_staff": True,
                "password": make_password(None),
            },
        )
        group = Group.objects.filter(name=spec["group"]).first()
        if group is not None:
            user.groups.add(group)
        users[spec["username"]] = user
    return users


def ensure_categories():
    categories = {}
    for spec in content.CATEGORIES:
        categories[spec["slug"]], _ = Category.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "parent": categories.get(spec["parent"]),
            },
        )
    return categories


def ensure_bylines(users):
    bylines = {}
    for spec in content.BYLINES:
        bylines[spec["slug"]], _ = Byline.objects.update_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "bio": spec["bio"], "user": users.get(spec["user"])},
        )
    return bylines


def gps_exif():
    """Camera and GPS metadata of the kind a phone writes into a photo."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "Demo Camera Company"
    exif[ExifTags.Base.Model] = "Pocket 3"
    exif[ExifTags.Base.DateTime] = "2024:06:26 14:05:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 40.0)
    return exif


def artwork(spec):
    """JPEG bytes of a calm abstract picture: a gradient with soft translucent shapes."""
    width, height = ARTWORK_SIZE
    ramp = PILImage.linear_gradient("L").resize(ARTWORK_SIZE)
    picture = ImageOps.colorize(ramp, spec["top"], spec["bottom"]).convert("RGBA")
    for kind, *geometry, colour, opacity in spec["shapes"]:
        # A transparent layer of the shape's own colour, so that blurred edges do not darken.
        layer = PILImage.new("RGBA", ARTWORK_SIZE, (*colour, 0))
        draw = ImageDraw.Draw(layer)
        fill = (*colour, round(255 * opacity))
        if kind == "circle":
            x, y, radius = geometry
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
        else:
            top, bottom = geometry
            draw.rectangle((0, top, width, bottom), fill=fill)
        picture = PILImage.alpha_composite(picture, layer.filter(ImageFilter.GaussianBlur(6)))
    options = {"quality": 90}
    if spec.get("gps"):
        options["exif"] = gps_exif()
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, "JPEG", **options)
    return buffer.getvalue()


def ensure_images(uploader):
    """The artwork, uploaded once; on later runs only the texts are brought up to date."""
    images = {}
    for spec in content.IMAGES:
        texts = {"alt_text": spec["alt_text"], "credit": content.CREDIT, "is_decorative": False}
        image = Image.objects.filter(caption=spec["caption"]).order_by("pk").first()
        if image is None:
            image = Image(caption=spec["caption"], uploaded_by=uploader, **texts)
            # A new file: Image.save() verifies it and re-encodes it without metadata.
            image.file = ContentFile(artwork(spec), name=f"{spec['key']}.jpg")
            image.save()
        elif any(getattr(image, name) != value for name, value in texts.items()):
            for name, value in texts.items():
                setattr(image, name, value)
            image.save(update_fields=list(texts))
        images[spec["key"]] = image
    return images


def ensure_documents(uploader, now):
    """The PDF guides, written and uploaded once, found again by their title."""
    documents = {}
    for spec in content.DOCUMENTS:
        fields = {
            "language": spec["language"],
            "description": spec["description"],
            "status": Status.PUBLISHED,
        }
        document = Document.objects.filter(title=spec["title"]).order_by("pk").first()
        if document is None:
            document = Document(
                title=spec["title"],
                uploaded_by=uploader,
                published_at=days_ago(now, 22),
                **fields,
            )
            pdf = make_pdf(
                spec["title"],
                spec["blocks"],
                author="INPUD",
                language=spec["language"],
                footer="International Network of People who Use Drugs",
            )
            document.file = ContentFile(pdf, name=spec["filename"])
            document.save()  # Document.save() checks the content really is a PDF
        else:
            for name, value in fields.items():
                setattr(document, name, value)
            document.save()
        documents[spec["key"]] = document
    return documents


def ensure_pages(now):
    for spec in content.PAGES:
        fields = {
            "title": spec["title"],
            "body": spec["body"].strip(),
            "menu_order": spec["menu_order"],
            "show_in_menu": True,
            "role": spec.get("role", "") if role_is_free(spec) else "",
            "language": "en",
            "status": Status.PUBLISHED,
        }
        Page.objects.update_or_create(
            slug=spec["slug"],
            defaults=fields,
            create_defaults={**fields, "published_at": days_ago(now, 90)},
        )


def role_is_free(spec):
    """Whether the demo page may become the footer's privacy or contact page: not when an
    editor has already given that role to another English page."""
    role = spec.get("role")
    if not role:
        return False
    return not Page.objects.filter(role=role, language="en").exclude(slug=spec["slug"]).exists()


def days_ago(now, days):
    """A morning `days` days before `now`."""
    return now.replace(hour=9, minute=30, second=0, microsecond=0) - timedelta(days=days)


def last_world_aids_day(now):
    """The most recent 1 December that is at least two days past."""
    year = now.year if now >= datetime(now.year, 12, 3, 12, tzinfo=UTC) else now.year - 1
    return datetime(year, 12, 1, tzinfo=UTC)


def publish_date(spec, now):
    if spec.get("status") == Status.DRAFT:
        return None
    if "in_days" in spec:
        return now + timedelta(days=spec["in_days"])
    if "after_world_aids_day" in spec:
        return last_world_aids_day(now) + timedelta(days=spec["after_world_aids_day"], hours=10)
    return days_ago(now, spec["days_ago"])


def ensure_posts(now, categories, bylines, images, documents):
    posts = {}
    for spec in ARTICLES:
        byline = bylines[spec["byline"]]
        published_at = publish_date(spec, now)
        fields = {
            "title": spec["title"],
            "byline": byline,
            "body": spec["body"].strip(),
            "excerpt": spec.get("excerpt", ""),
            "status": spec.get("status", Status.PUBLISHED),
            "language": spec.get("language", "en"),
            "translation_of": posts.get(spec.get("translation_of")),
            "featured_image": images.get(spec.get("image")),
            "is_sticky": spec.get("sticky", False),
            "allow_comments": spec.get("allow_comments", True),
            "content_warning": spec.get("content_warning", ""),
        }
        if "in_days" in spec or published_at is None:
            # A scheduled post stays in the future and a draft stays undated on every run.
            fields["published_at"] = published_at
        post, _ = Post.objects.update_or_create(
            slug=spec["slug"],
            defaults=fields,
            create_defaults={**fields, "published_at": published_at, "created_by": byline.user},
        )
        post.categories.set([categories[slug] for slug in spec["categories"]])
        post.tags.set(spec["tags"])
        post.documents.set([documents[key] for key in spec.get("documents", [])])
        if post.is_published:
            # Written "at" its publish date, so the site does not label every demo post updated.
            Post.objects.filter(pk=post.pk).update(
                created_at=post.published_at, updated_at=post.published_at
            )
        posts[spec["slug"]] = post
    return posts
