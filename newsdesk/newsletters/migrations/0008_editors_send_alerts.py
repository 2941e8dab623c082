"""Editors may send breaking-news alerts; reporters may not."""

from django.db import migrations


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="newsletters", model="breakingalert"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="send_breaking_alert",
        defaults={"name": "Can send breaking-news alerts"},
    )
    editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0007_breaking_alerts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
