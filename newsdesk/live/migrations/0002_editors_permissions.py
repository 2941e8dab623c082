"""
Editors may run live coverage: start and end it, post, edit and remove updates, and
publish corrections. Reporters get none of this by default; give a group "Can add live
update" (Settings → Groups) to let its members post updates to stories they may edit.
"""

from django.db import migrations

PERMISSIONS = [
    ("coverage", "manage_coverage", "Can start and end live coverage"),
    ("liveupdate", "add_liveupdate", "Can add live update"),
    ("liveupdate", "change_liveupdate", "Can change live update"),
    ("liveupdate", "delete_liveupdate", "Can delete live update"),
    ("correction", "add_correction", "Can add correction"),
]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="live", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_initial"),
        ("users", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
