"""Campaign permissions for the roles: Editors run campaigns, Moderators read and export pledges."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CAMPAIGN_MODELS = ["campaign", "demand", "action", "organisation", "update", "pledge"]

ROLES = {
    "Editors": [
        *[f"{action}_{model}" for model in CAMPAIGN_MODELS
          for action in ("add", "change", "delete", "view")],
        "export_pledge",
    ],
    "Moderators": ["view_campaign", "view_pledge", "export_pledge"],
}  # fmt: skip


def grant(apps, schema_editor):
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="campaigns", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    campaign_permissions = Permission.objects.filter(content_type__app_label="campaigns")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*campaign_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("posts", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
