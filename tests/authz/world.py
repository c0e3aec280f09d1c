"""The objects the authorisation tests act on, and how they read a response."""

from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_tasks_db.models import DBTaskResult, get_date_max
from taggit.models import Tag

from campaigns.models import Organisation, Pledge, Update
from comments.models import Comment, CommentStatus, ModerationSettings
from posts.models import Status
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
from tests.two_factor import authenticator


def snapshot(obj):
    if obj is None:
        return None
    return list(type(obj)._base_manager.filter(pk=obj.pk).values())


def messages_of(response):
    request = getattr(response, "wsgi_request", None)
    return [str(message) for message in get_messages(request)] if request else []


LIST = "admin/change_list.html"


def outcome(response):
    """allowed, or the shape of the refusal."""
    status = response.status_code
    if status == 302 and response.url.startswith(reverse("admin:login")):
        return "login"
    if status == 302 and response.url == reverse("admin:index"):
        return "hidden"
    if status in (403, 404):
        return str(status)
    if status == 302 and "No action selected." in messages_of(response):
        return "no action"
    # A user with no action at all on a changelist gets the list back, and nothing ran.
    shown = {template.name for template in response.templates}
    if status == 200 and response.request["REQUEST_METHOD"] == "POST" and LIST in shown:
        return "no action"
    if status in (200, 302):
        return "allowed"
    return f"HTTP {status}"


class World:
    """One object of each registered model, made by someone other than the author."""

    @classmethod
    def build(cls, test):
        users = {
            "reader": make_user("reader"),
            "author": make_user("author", groups=["Authors"]),
            "moderator": make_user("moderator", groups=["Moderators"]),
            "editor": make_user("editor", groups=["Editors"]),
            "superuser": User.objects.create_superuser("boss", password="a-long-test-password"),
        }
        byline = make_byline()
        category = make_category()
        post = make_post(
            title="Published post", byline=byline, categories=[category], tags=["outreach"]
        )
        post.created_by = users["editor"]
        post.save()
        own = make_post(title="Author's draft", status=Status.DRAFT, created_by=users["author"])
        campaign = make_campaign(pledges_open=True)
        action = make_action(campaign)
        organisation = Organisation.objects.create(name="Peer group")
        objects = {
            "auth.group": Group.objects.get(name="Authors"),
            "auth.user": users["reader"],
            "sites.site": Site.objects.get_current(),
            "redirects.redirect": Redirect.objects.create(
                site_id=1, old_path="/?p=1", new_path="/"
            ),
            "taggit.tag": Tag.objects.get(name="outreach"),
            "django_tasks_database.dbtaskresult": DBTaskResult.objects.create(
                task_path="comments.tasks.notify_moderators",
                args_kwargs={"args": [1], "kwargs": {}},
                queue_name="default",
                backend_name="default",
                run_after=get_date_max(),
            ),
            "otp_totp.totpdevice": authenticator(users["superuser"]),
            "otp_static.staticdevice": StaticDevice.objects.create(
                user=users["superuser"], name="Backup codes"
            ),
            "posts.post": post,
            "posts.post:own draft": own,
            "posts.page": make_page(allow_comments=True),
            "posts.category": category,
            "posts.byline": byline,
            "posts.image": make_image(),
            "posts.document": make_document(),
            "campaigns.campaign": campaign,
            "campaigns.action": action,
            "campaigns.organisation": organisation,
            "campaigns.update": Update.objects.create(campaign=campaign, title="Under way"),
            "campaigns.pledge": Pledge.objects.create(
                campaign=campaign, name="Sasha", consent_text="I agree.", language="en"
            ),
            "comments.comment": Comment.objects.create(
                post=post, name="Reader", text="Pending.", status=CommentStatus.PENDING
            ),
            "comments.moderationsettings": ModerationSettings.current(),
        }
        test.users, test.objects = users, objects
