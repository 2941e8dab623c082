"""Editors prepare and start sends and see their numbers; reporters do neither."""

from django.db import migrations

ACTIONS = ("add", "view")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="newsletters", model="send")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_send",
            defaults={"name": f"Can {action} send"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0003_sends")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
