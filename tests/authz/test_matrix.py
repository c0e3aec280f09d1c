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
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse

from campaigns.models import Pledge
from comments import tokens
from comments.models import Comment
from posts.models import Status
from tests.authz.expected import (
    ACTIONS,
    APP_INDEXES,
    AUTOCOMPLETE,
    EXTRA_PAGES,
    PAGE_VIEWS,
    PAGES,
    PUBLIC,
    ROLES,
    SITE_PAGES,
    STAFF,
    STAFF_REFUSALS,
    allowed_by,
)
from tests.authz.world import World, outcome, snapshot
from tests.campaigns.helpers import started
from tests.comments.helpers import comment_data
from tests.factories import (
    make_campaign,
    make_page,
    make_post,
)


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
