from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """Django's admin app with `admin.site` made a StaffAdminSite (two factors required)."""

    default_site = "inpud_site.accounts.admin_site.StaffAdminSite"

    def ready(self):
        super().ready()
        from inpud_site.accounts import signals  # noqa: F401  (connects the receivers)
