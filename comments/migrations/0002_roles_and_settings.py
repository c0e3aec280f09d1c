"""Moderators work the comment queue and see nothing else of the content; Editors also
set the discussion rules. The discussion settings row exists from the start."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR = [
    "comments.view_comment", "comments.change_comment", "comments.moderate_comment",
]
EDITOR = [
    *MODERATOR,
    "comments.delete_comment",
    "comments.view_moderationsettings",
    "comments.change_moderationsettings",
]
NOT_FOR_MODERATORS = ["view_post", "view_page"]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators.permissions.add(*[permission(name) for name in MODERATOR])
    moderators.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="posts", codename__in=NOT_FOR_MODERATORS
        )
    )
    editors.permissions.add(*[permission(name) for name in EDITOR])
    apps.get_model("comments", "ModerationSettings").objects.get_or_create(pk=1)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    comment_permissions = Permission.objects.filter(content_type__app_label="comments")
    for group in Group.objects.filter(name__in=["Moderators", "Editors"]):
        group.permissions.remove(*comment_permissions)


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial"), ("posts", "0004_comment_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
