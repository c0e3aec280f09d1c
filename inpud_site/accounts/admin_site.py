from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404
from django.urls import path

from inpud_site.accounts import views
from inpud_site.accounts.forms import StaffLoginForm


def is_verified(user):
    """True once this session has passed the second factor (set by django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class StaffAdminSite(admin.AdminSite):
    """The admin, opened only to staff who have passed both the password and a second factor.

    The two-factor pages sit inside the admin's URLs, under `admin:two_factor…` names,
    outside `admin_view()`, which would send a half-signed-in user back to the login page.
    """

    login_form = StaffLoginForm

    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)

    def get_urls(self):
        extra = {"site": self}
        return [
            path("two-factor/", views.verify, extra, name="two_factor"),
            path("two-factor/setup/", views.setup, extra, name="two_factor_setup"),
            path("two-factor/sign-out/", views.sign_out, extra, name="two_factor_sign_out"),
            # Ahead of Django's own pattern of the same name, which it replaces.
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "View on site" redirect, only for objects this user may open here.

        Django answers it for any staff account, which would tell a moderator the address
        of a draft post before it is published.
        """
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404 from None
        model_admin = self._registry.get(model)
        obj = model_admin.get_object(request, object_id) if model_admin else None
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)
