"""The staff roles: Authors, Editors and Moderators, as groups with permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ["post", "page", "category", "byline", "image", "document"]

ROLES = {
    # Authors write their own posts and upload media; the admin keeps them to
    # their own posts and away from publishing (posts.admin.PostAdmin).
    "Authors": [
        "posts.add_post", "posts.change_post", "posts.view_post",
        "posts.add_image", "posts.change_image", "posts.view_image",
        "posts.add_document", "posts.view_document",
        "posts.view_category", "posts.view_byline",
        "taggit.add_tag", "taggit.view_tag",
    ],
    "Editors": [
        *[f"posts.{action}_{model}" for model in CONTENT_MODELS
          for action in ("add", "change", "delete", "view")],
        "posts.publish_post",
        "taggit.add_tag", "taggit.change_tag", "taggit.delete_tag", "taggit.view_tag",
    ],
    # Moderators get the comment and pledge permissions in those apps' migrations.
    "Moderators": ["posts.view_post", "posts.view_page"],
}  # fmt: skip


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("posts", "0002_search_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
