"""Editors define lists and look after subscribers; reporters see neither."""

from django.db import migrations

GRANTS = {"newsletter": ("add", "change", "view"), "subscriber": ("change", "view")}


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for model, actions in GRANTS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="newsletters", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("users", "0003_reporters_edit_their_own"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
