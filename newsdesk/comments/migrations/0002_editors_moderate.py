"""Editors moderate reader comments; Reporters do not, by default."""

from django.db import migrations


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="comments", model="comment")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_comment",
        defaults={"name": "Can moderate reader comments"},
    )
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("users", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
