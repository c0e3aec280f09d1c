"""Who may do what: every admin URL and every public write route, for every role.

The tables below are the expected outcome, written out. A cell is either allowed (200, or a
302 that is not a refusal) or refused. Refusals look like this:

- anonymous visitors and readers (no staff account): 302 to the admin login page;
- staff without the permission: 403, with three shapes Django's admin gives instead:
  an object outside the user's queryset redirects to the admin index ("hidden"), an app
  the user has nothing in is a 404, and an action the user may not run is dropped from the
  action list, so the POST comes back with "No action selected." ("no action").

Every request runs in a savepoint that is rolled back, so one cell cannot change the next;
a refused POST must also leave its object's row exactly as it was.
"""

from collections import Counter
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_tasks_db.models import DBTaskResult, get_date_max
from taggit.models import Tag

from campaigns.models import Organisation, Pledge, Update
from comments import tokens
from comments.models import Comment, CommentStatus, ModerationSettings
from posts.models import Post, Status
from tests.campaigns.helpers import started
from tests.comments.helpers import comment_data
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
from tests.posts.test_admin import post_form
from tests.two_factor import authenticator

ROLES = ("anonymous", "reader", "author", "moderator", "editor", "superuser")
STAFF = {"author", "moderator", "editor", "superuser"}
NOBODY = set()
EVERYONE = set(ROLES)

# The admin pages of one object of each registered model: l changelist, a add page,
# c change page (a read-only page counts), s change form POST, d delete page, h history.
# A dash is a refusal. Anonymous visitors and readers are refused every admin URL.
PAGES = {
    # object                          author    moderator  editor    superuser
    "auth.group":                    ("------", "------", "------", "lacsdh"),
    "auth.user":                     ("------", "------", "------", "lacsdh"),
    "sites.site":                    ("------", "------", "------", "lacsdh"),
    "redirects.redirect":            ("------", "------", "------", "lacsdh"),
    "taggit.tag":                    ("lac--h", "------", "lacsdh", "lacsdh"),
    "django_tasks_database.dbtaskresult": (
                                      "------", "------", "------", "l-c--h"),
    "otp_totp.totpdevice":           ("------", "------", "------", "lacsdh"),
    "otp_static.staticdevice":       ("------", "------", "------", "lacsdh"),
    # someone else's published post; authors see and change only their own drafts
    "posts.post":                    ("la----", "------", "lacsdh", "lacsdh"),
    "posts.post:own draft":          ("lacs-h", "------", "lacsdh", "lacsdh"),
    "posts.page":                    ("------", "------", "lacsdh", "lacsdh"),
    "posts.category":                ("l-c--h", "------", "lacsdh", "lacsdh"),
    "posts.byline":                  ("l-c--h", "------", "lacsdh", "lacsdh"),
    "posts.image":                   ("lacs-h", "------", "lacsdh", "lacsdh"),
    "posts.document":                ("lac--h", "------", "lacsdh", "lacsdh"),
    "campaigns.campaign":            ("------", "l-c--h", "lacsdh", "lacsdh"),
    "campaigns.action":              ("------", "------", "lacsdh", "lacsdh"),
    "campaigns.organisation":        ("------", "------", "lacsdh", "lacsdh"),
    "campaigns.update":              ("------", "------", "lacsdh", "lacsdh"),
    # pledges come from supporters: nobody adds or edits them in the admin
    "campaigns.pledge":              ("------", "l-c--h", "l-c-dh", "l-c-dh"),
    # comments come from readers; moderators decide, editors may also delete
    "comments.comment":              ("------", "l-cs-h", "l-csdh", "l-csdh"),
    # one settings row: no add page once it exists, never deleted
    "comments.moderationsettings":   ("------", "------", "l-cs-h", "l-cs-h"),
}  # fmt: skip
PAGE_VIEWS = {
    "l": "changelist",
    "a": "add",
    "c": "change",
    "s": "change",
    "d": "delete",
    "h": "history",
}

# Admin actions, POSTed from the changelist with the object ticked: who may run each.
ACTIONS = {
    "auth.group:delete_selected": {"superuser"},
    "auth.user:delete_selected": {"superuser"},
    "sites.site:delete_selected": {"superuser"},
    "redirects.redirect:delete_selected": {"superuser"},
    "taggit.tag:delete_selected": {"editor", "superuser"},
    "taggit.tag:render_tag_form": {"editor", "superuser"},  # merging rewrites others' posts
    "django_tasks_database.dbtaskresult:delete_selected": NOBODY,
    "otp_totp.totpdevice:delete_selected": {"superuser"},
    "otp_static.staticdevice:delete_selected": {"superuser"},
    "posts.post:delete_selected": {"editor", "superuser"},
    "posts.post:publish_now": {"editor", "superuser"},
    "posts.post:unpublish": {"editor", "superuser"},
    "posts.page:delete_selected": {"editor", "superuser"},
    "posts.page:publish_now": {"editor", "superuser"},
    "posts.page:unpublish": {"editor", "superuser"},
    "posts.category:delete_selected": {"editor", "superuser"},
    "posts.byline:delete_selected": {"editor", "superuser"},
    "posts.image:delete_selected": {"editor", "superuser"},
    "posts.document:delete_selected": {"editor", "superuser"},
    "posts.document:publish_now": {"editor", "superuser"},
    "posts.document:unpublish": {"editor", "superuser"},
    "campaigns.campaign:delete_selected": {"editor", "superuser"},
    "campaigns.campaign:publish_now": {"editor", "superuser"},
    "campaigns.campaign:unpublish": {"editor", "superuser"},
    "campaigns.action:delete_selected": {"editor", "superuser"},
    "campaigns.organisation:delete_selected": {"editor", "superuser"},
    "campaigns.update:delete_selected": {"editor", "superuser"},
    "campaigns.pledge:delete_selected": {"editor", "superuser"},
    "campaigns.pledge:export_csv": {"moderator", "editor", "superuser"},
    "comments.comment:delete_selected": {"editor", "superuser"},
    "comments.comment:approve": {"moderator", "editor", "superuser"},
    "comments.comment:mark_spam": {"moderator", "editor", "superuser"},
    "comments.comment:remove": {"moderator", "editor", "superuser"},
    "comments.comment:restore": {"moderator", "editor", "superuser"},
}

# Admin URLs a ModelAdmin adds to the standard five.
EXTRA_PAGES = {
    "auth_user_password_change": {"superuser"},
    "taggit_tag_merge_tags": {"editor", "superuser"},
    # OTP_ADMIN_HIDE_SENSITIVE_DATA: nobody reads an authenticator's secret back
    "otp_totp_totpdevice_config": NOBODY,
    "otp_totp_totpdevice_qrcode": NOBODY,
}

# The admin index, each app's index and the other pages of the admin site itself.
SITE_PAGES = {
    "index": STAFF,
    "password_change": STAFF,
    "password_change_done": STAFF,
    "jsi18n": STAFF,
}
APP_INDEXES = {
    "auth": {"superuser"},
    "sites": {"superuser"},
    "redirects": {"superuser"},
    "taggit": {"author", "editor", "superuser"},
    "django_tasks_database": {"superuser"},
    "otp_totp": {"superuser"},
    "otp_static": {"superuser"},
    "posts": {"author", "editor", "superuser"},
    "campaigns": {"moderator", "editor", "superuser"},
    "comments": {"moderator", "editor", "superuser"},
}

# Autocomplete searches behind each autocomplete field: allowed to whoever may view the
# model searched (Django checks that model's view permission).
AUTOCOMPLETE = {
    "posts.post.byline": {"author", "editor", "superuser"},
    "posts.post.categories": {"author", "editor", "superuser"},
    "posts.post.featured_image": {"author", "editor", "superuser"},
    "posts.post.documents": {"author", "editor", "superuser"},
    "posts.post.translation_of": {"author", "editor", "superuser"},
    "posts.category.parent": {"author", "editor", "superuser"},
    "campaigns.campaign.hero_image": {"author", "editor", "superuser"},
    "campaigns.campaign.documents": {"author", "editor", "superuser"},
    "campaigns.campaign.related_posts": {"author", "editor", "superuser"},
    "campaigns.campaign.translation_of": {"moderator", "editor", "superuser"},
    "campaigns.action.campaign": {"moderator", "editor", "superuser"},
    "campaigns.action.organisations": {"editor", "superuser"},
    "campaigns.update.campaign": {"moderator", "editor", "superuser"},
    "campaigns.update.action": {"editor", "superuser"},
    "campaigns.update.byline": {"author", "editor", "superuser"},
}

# "View on site" (/admin/r/<type>/<id>/) answers only those who may open the object's
# change page (the "c" column above): it would otherwise tell any staff account where a
# draft will be published.

# Public write routes: the same for every role. Published items take comments and pledges;
# unpublished ones answer 404 to everyone, editors included, and store nothing.
PUBLIC = {
    "comment on a published post": EVERYONE,
    "comment on a published page": EVERYONE,
    "comment on a published campaign": EVERYONE,
    "comment on a draft post": NOBODY,
    "comment on a scheduled post": NOBODY,
    "comment on a draft page": NOBODY,
    "comment on a draft campaign": NOBODY,
    "pledge on a published campaign": EVERYONE,
    "pledge on a draft campaign": NOBODY,
    "pledge on a scheduled campaign": NOBODY,
    # the signed link in the commenter's e-mail or on their device is the key
    "comment delete link (GET)": EVERYONE,
    "comment delete link (POST)": EVERYONE,
    "comment delete link, tampered (POST)": NOBODY,
    "unsubscribe link (GET)": EVERYONE,
    "unsubscribe link (POST)": EVERYONE,
    "unsubscribe link, tampered (POST)": NOBODY,
}


def allowed_by(row, letter):
    """The roles a PAGES row lets do `letter`."""
    return {role for role, letters in zip(ROLES[2:], row, strict=True) if letter in letters}


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


# The refusal shapes each kind of URL may give staff (anonymous and readers: login only).
STAFF_REFUSALS = {
    "page": {"403", "hidden"},
    "extra": {"403", "hidden"},
    "action": {"403", "no action"},
    "site": {"403"},
    "app": {"404"},
    "autocomplete": {"403"},
    "view on site": {"403", "404"},
    "public": {"404"},
}


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


class AuthorisationMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        World.build(cls)

    def setUp(self):
        self.clients = {"anonymous": Client()}
        for role, user in self.users.items():
            self.clients[role] = Client()
            self.clients[role].force_login(user)
        self.results = []

    def attempt(self, kind, name, allowed, method, url, data=None, obj=None, check=None):
        """Send the request as every role, each in a savepoint rolled back afterwards."""
        for role in ROLES:
            cache.clear()  # rate limits of the public forms
            client = self.clients[role]
            client.cookies.pop("messages", None)  # only this request's messages count
            with transaction.atomic():
                before = snapshot(obj)
                response = getattr(client, method)(url, data or {})
                got = outcome(response)
                unchanged = snapshot(obj) == before
                stored = check() if check else None
                transaction.set_rollback(True)
            self.results.append(
                {
                    "kind": kind,
                    "name": name,
                    "role": role,
                    "expected": role in allowed,
                    "got": got,
                    "method": method,
                    "unchanged": unchanged,
                    "stored": stored,
                }
            )

    def admin_cells(self):
        registry = {model._meta.label_lower: ma for model, ma in admin.site._registry.items()}
        self.assertEqual(
            {key.split(":")[0] for key in PAGES}, set(registry), "a model admin not in PAGES"
        )
        for key, row in PAGES.items():
            label = key.split(":")[0]
            obj = self.objects[key]
            info = f"admin:{label.replace('.', '_')}"
            urls = {
                "l": reverse(f"{info}_changelist"),
                "a": reverse(f"{info}_add"),
                "c": reverse(f"{info}_change", args=[obj.pk]),
                "s": reverse(f"{info}_change", args=[obj.pk]),
                "d": reverse(f"{info}_delete", args=[obj.pk]),
                "h": reverse(f"{info}_history", args=[obj.pk]),
            }
            for letter, url in urls.items():
                method = "post" if letter == "s" else "get"
                name = f"{key} {PAGE_VIEWS[letter]} {method.upper()}"
                self.attempt("page", name, allowed_by(row, letter), method, url, obj=obj)
            if ":" in key:
                continue
            model_admin = registry[label]
            for pattern in model_admin.get_urls():
                standard = {f"{label.replace('.', '_')}_{view}" for view in PAGE_VIEWS.values()}
                if pattern.name is None or pattern.name in standard:
                    continue
                self.assertIn(pattern.name, EXTRA_PAGES, "an admin URL not in EXTRA_PAGES")
                kwargs = {
                    key: obj.pk
                    for key in ("pk", "object_id", "id")
                    if f"<{key}>" in str(pattern.pattern) or f":{key}>" in str(pattern.pattern)
                }
                url = reverse(f"admin:{pattern.name}", kwargs=kwargs)
                self.attempt("extra", pattern.name, EXTRA_PAGES[pattern.name], "get", url)
            actions = model_admin._get_base_actions() if model_admin.actions is not None else []
            for action in (action.name for action in actions):
                name = f"{label}:{action}"
                self.assertIn(name, ACTIONS, "an admin action not in ACTIONS")
                data = {"action": action, "_selected_action": [obj.pk]}
                url = reverse(f"{info}_changelist")
                self.attempt("action", name, ACTIONS[name], "post", url, data, obj=obj)
            if hasattr(obj, "get_absolute_url"):
                content_type = ContentType.objects.get_for_model(obj)
                url = reverse("admin:view_on_site", args=[content_type.pk, obj.pk])
                who = allowed_by(row, "c")
                self.attempt("view on site", f"{key} view on site", who, "get", url)
        tried = {r["name"] for r in self.results if r["kind"] == "action"}
        self.assertEqual(set(ACTIONS), tried, "ACTIONS lists an action that no longer exists")

    def site_cells(self):
        for name, who in SITE_PAGES.items():
            self.attempt("site", name, who, "get", reverse(f"admin:{name}"))
        self.assertEqual(set(APP_INDEXES), {m._meta.app_label for m in admin.site._registry})
        for app_label, who in APP_INDEXES.items():
            url = reverse("admin:app_list", args=[app_label])
            self.attempt("app", f"{app_label} index", who, "get", url)
        fields = set()
        for model_admin in admin.site._registry.values():
            for holder in (model_admin, *model_admin.inlines):
                source = holder.model._meta.label_lower
                fields.update(f"{source}.{field}" for field in holder.autocomplete_fields)
        self.assertEqual(fields, set(AUTOCOMPLETE), "AUTOCOMPLETE is not every field")
        for field, who in AUTOCOMPLETE.items():
            app_label, model_name, field_name = field.split(".")
            query = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
            url = f"{reverse('admin:autocomplete')}?{urlencode(query | {'term': ''})}"
            self.attempt("autocomplete", field, who, "get", url)

    def public_cells(self):
        post, campaign = self.objects["posts.post"], self.objects["campaigns.campaign"]
        page = self.objects["posts.page"]
        comment = Comment.objects.create(
            post=post, name="Ana", text="Mine.", email="ana@example.org", notify_replies=True
        )
        hidden = {
            "draft post": make_post(status=Status.DRAFT),
            "scheduled post": make_post(published_at=post.published_at.replace(year=2999)),
            "draft page": make_page(status=Status.DRAFT, allow_comments=True),
            "draft campaign": make_campaign(status=Status.DRAFT, published_at=None),
            "scheduled campaign": make_campaign(
                published_at=post.published_at.replace(year=2999), pledges_open=True
            ),
        }
        targets = {
            "published post": post,
            "published page": page,
            "published campaign": campaign,
            **hidden,
        }
        comments_before = Comment.objects.count()
        pledges_before = Pledge.objects.count()

        def one_more_comment():
            return Comment.objects.count() == comments_before + 1

        def one_more_pledge():
            return Pledge.objects.count() == pledges_before + 1

        for name, target in targets.items():
            route = f"comment on a {name}"
            if route in PUBLIC:
                data = comment_data(text=f"About the {name}.")
                self.attempt(
                    "public", route, PUBLIC[route], "post", target.get_absolute_url(),
                    data, check=one_more_comment,
                )  # fmt: skip
            route = f"pledge on a {name}"
            if route in PUBLIC:
                url = reverse("campaigns:pledge", args=[target.slug])
                data = {
                    "name": "Sasha", "email": "", "city": "Vilnius", "organisation": "",
                    "message": "", "consent": "on", "started": started(), "homepage_url": "",
                }  # fmt: skip
                self.attempt(
                    "public", route, PUBLIC[route], "post", url, data, check=one_more_pledge
                )
        links = {
            "comment delete link": ("comments:delete", tokens.delete_token(comment)),
            "unsubscribe link": ("comments:unsubscribe", tokens.unsubscribe_token(comment)),
        }
        for name, (url_name, token) in links.items():
            url = reverse(url_name, args=[token])
            self.attempt("public", f"{name} (GET)", PUBLIC[f"{name} (GET)"], "get", url)
            self.attempt("public", f"{name} (POST)", PUBLIC[f"{name} (POST)"], "post", url)
            tampered = reverse(url_name, args=[token[:-2] + ("AA" if token[-2:] != "AA" else "BB")])
            route = f"{name}, tampered (POST)"
            self.attempt("public", route, PUBLIC[route], "post", tampered, obj=comment)
        self.assertEqual({r["name"] for r in self.results if r["kind"] == "public"}, set(PUBLIC))

    def test_matrix(self):
        self.admin_cells()
        self.site_cells()
        self.public_cells()
        results = self.results
        allowed = [r for r in results if r["got"] == "allowed"]
        errors = [r for r in results if r["got"].startswith("HTTP")]
        unexpected_allows = [r for r in allowed if not r["expected"]]
        unexpected_refusals = [r for r in results if r["expected"] and r["got"] != "allowed"]
        wrong_shape = [
            r
            for r in results
            if not r["expected"]
            and r["got"] != "allowed"
            and r["got"]
            not in (
                STAFF_REFUSALS[r["kind"]]
                if r["role"] in STAFF
                else {"login"}
                if r["kind"] != "public"
                else {"404"}
            )
        ]
        refused_but_changed = [
            r for r in results if r["got"] != "allowed" and r["method"] == "post" and not (
                r["unchanged"] and r["stored"] in (None, False)
            )
        ]  # fmt: skip
        public_not_stored = [
            r for r in results if r["kind"] == "public" and r["got"] == "allowed"
            and r["stored"] is False
        ]  # fmt: skip
        names = {r["name"] for r in results}
        shapes = Counter(r["got"] for r in results if r["got"] != "allowed")
        print(
            f"\nauthorisation matrix: {len(names)} URLs × {len(ROLES)} roles = {len(results)} "
            f"requests; {len(allowed)} allowed, {len(results) - len(allowed)} refused "
            f"({dict(shapes)}); {len(unexpected_allows)} unexpected allows, "
            f"{len(unexpected_refusals)} unexpected refusals"
        )

        def show(rows):
            return "\n".join(f"{r['role']:>10} {r['name']}: {r['got']}" for r in rows)

        self.assertEqual(errors, [], show(errors))
        self.assertEqual(unexpected_allows, [], "unexpected allows:\n" + show(unexpected_allows))
        self.assertEqual(
            unexpected_refusals, [], "unexpected refusals:\n" + show(unexpected_refusals)
        )
        self.assertEqual(wrong_shape, [], "refusals of the wrong shape:\n" + show(wrong_shape))
        self.assertEqual(refused_but_changed, [], show(refused_but_changed))
        self.assertEqual(public_not_stored, [], show(public_not_stored))


class RoleSeparationTests(TestCase):
    """The cases SECURITY.md row 20 names, with real form data rather than empty POSTs."""

    @classmethod
    def setUpTestData(cls):
        World.build(cls)

    def test_moderator_post_to_a_post_change_view_is_refused_and_changes_nothing(self):
        post = self.objects["posts.post"]
        before = snapshot(post)
        self.client.force_login(self.users["moderator"])
        response = self.client.post(
            f"/admin/posts/post/{post.pk}/change/",
            post_form(post.byline, title="Rewritten", slug=post.slug, status=Status.DRAFT),
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(snapshot(post), before)

    def test_author_cannot_publish_their_draft(self):
        own = self.objects["posts.post:own draft"]
        self.client.force_login(self.users["author"])
        url = f"/admin/posts/post/{own.pk}/change/"
        form = post_form(own.byline, title=own.title, slug=own.slug, status=Status.PUBLISHED)
        response = self.client.post(url, form | {"published_at_0": "2020-01-01"})
        self.assertContains(response, "Select a valid choice")
        response = self.client.post(
            "/admin/posts/post/", {"action": "publish_now", "_selected_action": [own.pk]}
        )
        self.assertEqual(outcome(response), "no action")
        own.refresh_from_db()
        self.assertEqual(own.status, Status.DRAFT)
        self.assertFalse(Post.objects.published().filter(pk=own.pk).exists())

    def test_author_cannot_edit_someone_elses_post(self):
        post = self.objects["posts.post"]
        before = snapshot(post)
        self.client.force_login(self.users["author"])
        response = self.client.post(
            f"/admin/posts/post/{post.pk}/change/",
            post_form(post.byline, title="Rewritten", slug=post.slug, status=Status.PENDING),
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(snapshot(post), before)

    def test_moderator_cannot_see_the_user_model(self):
        self.client.force_login(self.users["moderator"])
        index = self.client.get("/admin/")
        self.assertNotContains(index, "/admin/auth/")
        for url in (
            "/admin/auth/user/",
            f"/admin/auth/user/{self.users['superuser'].pk}/change/",
            f"/admin/auth/user/{self.users['superuser'].pk}/password/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 403)
                self.assertNotContains(response, "md5$", status_code=403)

    def test_moderator_view_on_site_does_not_reveal_a_draft_address(self):
        draft = make_post(title="Raid planned", slug="raid-planned", status=Status.DRAFT)
        content_type = ContentType.objects.get_for_model(Post)
        self.client.force_login(self.users["moderator"])
        response = self.client.get(f"/admin/r/{content_type.pk}/{draft.pk}/")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("raid-planned", response.get("Location", ""))

    def test_author_cannot_merge_tags(self):
        self.client.force_login(self.users["author"])
        tag = self.objects["taggit.tag"]
        url = reverse("admin:taggit_tag_merge_tags")
        session = self.client.session
        session["selected_tag_ids"] = str(tag.pk)
        session.save()
        response = self.client.post(url, {"new_tag_name": "merged"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(list(self.objects["posts.post"].tags.names()), ["outreach"])
