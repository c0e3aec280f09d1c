"""
One of everything the site shows, and a concrete address for every URL pattern.

The security tests walk the URLconf instead of listing URLs by hand, so a new page or
form is covered as soon as it is added; `concrete_url` fills each pattern's parameters
with an object made here.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from taggit.models import Tag

from campaigns.models import Organisation, Pledge, Update
from comments import tokens
from comments.models import Comment, CommentStatus, ModerationSettings
from tests.factories import (
    make_action,
    make_byline,
    make_campaign,
    make_category,
    make_document,
    make_image,
    make_page,
    make_post,
    make_user,
)
from tests.security.helpers import make_superuser, walk_urlconf

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def populate(emails=None):
    """Published content of every kind, staff of every role, and what readers sent.

    `emails` names the address to give each kind of person (staff, byline user,
    commenter, pledger); the privacy tests seed unique ones and look for them.
    """
    emails = emails or {}
    site = SimpleNamespace()
    site.root = make_superuser(email=emails.get("root", "root@staff.example"))
    site.editor = make_user(
        "editor", groups=["Editors"], email=emails.get("editor", "editor@staff.example")
    )
    site.byline = make_byline(
        name="Network team", slug="network-team", bio="Peers.", user=site.editor
    )
    site.category = make_category(name="News", slug="news")
    site.image = make_image()
    site.document = make_document(title="Naloxone guide")
    site.post = make_post(
        title="Peer work is work", slug="peer-work", byline=site.byline,
        tags=["harm-reduction"], categories=[site.category], featured_image=site.image,
    )  # fmt: skip
    site.post.documents.add(site.document)
    site.page = make_page(title="About us", slug="about", allow_comments=True)
    site.tag = Tag.objects.get(slug="harm-reduction")
    site.campaign = make_campaign(title="Support, don't punish", slug="support")
    site.organisation = Organisation.objects.create(name="Peers United", city="Vilnius")
    site.action = make_action(site.campaign, organisations=[site.organisation])
    site.update = Update.objects.create(
        campaign=site.campaign, title="We are marching", text="Join us.",
        posted_at=timezone.now() - timedelta(hours=1),
    )  # fmt: skip
    site.comments = [
        Comment.objects.create(
            **{target._meta.model_name: target},
            name=f"Reader {number}",
            email=emails.get("commenter", "reader@readers.example").replace("@", f"{number}@"),
            url="https://example.org/",
            text="Thank you for this.",
            notify_replies=True,
            status=CommentStatus.APPROVED,
        )
        for number, target in enumerate((site.post, site.page, site.campaign))
    ]
    site.comment = site.comments[0]
    site.pledge = Pledge.objects.create(
        campaign=site.campaign, name="Sasha", email=emails.get("pledger", "s@readers.example"),
        city="Vilnius", message="Count me in.", consent_text="Yes", language="en",
    )  # fmt: skip
    site.redirect = Redirect.objects.create(
        site_id=1, old_path="/?p=7", new_path="/posts/peer-work/"
    )
    site.totp = TOTPDevice.objects.create(user=site.root, name="Phone", confirmed=True)
    site.static = StaticDevice.objects.create(user=site.root, name="Recovery codes")
    site.settings = ModerationSettings.current()
    return site


def first_pk(app_label, model_name):
    model = apps.get_model(app_label, model_name)
    found = model.objects.order_by("pk").values_list("pk", flat=True).first()
    return found if found is not None else 1


def parameter_value(site, view_name, route, parameter):
    """A value for one URL parameter that makes the pattern name a real object."""
    name = view_name or ""
    if parameter == "slug":
        for prefix, value in (
            ("campaigns:", site.campaign.slug),
            ("posts:category", site.category.slug),
            ("posts:tag", site.tag.slug),
            ("posts:byline", site.byline.slug),
            ("posts:page", site.page.slug),
        ):
            if name.startswith(prefix):
                return value
        return site.post.slug
    if parameter == "token":
        salt = tokens.UNSUBSCRIBE_SALT if "unsubscribe" in name else tokens.DELETE_SALT
        return tokens.signing.dumps(site.comment.pk, salt=salt)
    if parameter == "pk":
        return site.totp.pk if "otp_totp" in name else site.action.pk
    if parameter in ("year", "month"):
        published = site.post.published_at
        return published.year if parameter == "year" else published.month
    if parameter == "id":  # the admin's password change for a user
        return site.editor.pk
    if parameter == "object_id":
        if name == "admin:view_on_site":
            return site.post.pk
        app_label, model_name = route.split("/")[1:3]
        return first_pk(app_label, model_name)
    if parameter == "content_type_id":
        return ContentType.objects.get_for_model(site.post).pk
    if parameter == "app_label":
        return "posts"
    if parameter == "name":  # a document's file
        return site.document.file.name.split("/", 1)[1]
    if parameter == "path":  # media, while DEBUG serves it
        return site.image.file.name
    if parameter == "url":  # the admin's catch-all
        return "no-such-page/"
    if parameter == "section":  # a section of the sitemap
        return "posts"
    raise AssertionError(f"no sample value for <{parameter}> in {route!r} ({view_name})")


def concrete_url(site, view_name, route):
    def fill(match):
        parameter = match.group("name") or match.group("group")
        return str(parameter_value(site, view_name, route, parameter))

    return "/" + PARAMETER.sub(fill, route).replace("^", "").replace("$", "")


def every_url(site):
    """(view name, route, URL, view) for every pattern in the URLconf."""
    found = []
    for route, name, callback, _default_args in walk_urlconf():
        found.append((name, route, concrete_url(site, name, route), callback))
    return found
