from django.contrib import admin
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
            *super().get_urls(),
        ]
