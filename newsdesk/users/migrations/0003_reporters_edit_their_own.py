"""
Reporters edit their own stories and pictures; editors edit everything.

Wagtail's model does this by permission: "add" on pages (and pictures) lets a user edit
what they created, "change" lets them edit everything. Reporters keep "add" and lose
"change" on pages and pictures; the articles app lets them edit stories they are bylined
on too. Editors get the right to change pictures that readers see.
"""

from django.db import migrations


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def _groups(apps):
    Group = apps.get_model("auth", "Group")
    return Group.objects.filter(name="Reporters").first(), Group.objects.filter(name="Editors").first()


def forwards(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    reporters, editors = _groups(apps)
    if reporters:
        GroupPagePermission.objects.filter(
            group=reporters, permission__codename="change_page"
        ).delete()
        GroupCollectionPermission.objects.filter(
            group=reporters, permission__codename__in=["change_image", "delete_image"]
        ).delete()
    if editors:
        editors.permissions.add(
            _permission(
                apps,
                "images",
                "newsimage",
                "change_published_image",
                "Can change or delete pictures readers see (on live pages)",
            )
        )


def backwards(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    reporters, _editors = _groups(apps)
    if not reporters:
        return
    for page in Page.objects.filter(depth=1):
        GroupPagePermission.objects.get_or_create(
            group=reporters,
            page=page,
            permission=_permission(apps, "wagtailcore", "page", "change_page", "Can change page"),
        )
    for collection in Collection.objects.filter(depth=1):
        for codename in ("change_image", "delete_image"):
            GroupCollectionPermission.objects.get_or_create(
                group=reporters,
                collection=collection,
                permission=_permission(
                    apps, "wagtailimages", "image", codename, f"Can {codename.split('_')[0]} image"
                ),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_newsroom_roles"),
        ("images", "0004_published_image_permission"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
