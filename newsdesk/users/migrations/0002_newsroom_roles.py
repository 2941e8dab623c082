"""
Newsroom roles on Wagtail's own groups and moderation workflow.

Wagtail creates two groups: "Editors" (may edit and submit pages) and "Moderators" (may
also publish, and approve in the default workflow). In a newsroom those are reporters and
editors, so the groups are renamed, keeping every permission and the workflow Wagtail
set up; then both get what they need on authors and topics.
"""

from django.db import migrations

RENAMES = [("Editors", "Reporters"), ("Moderators", "Editors")]
TASK_NAMES = ("Moderators approval", "Editors approval")
SNIPPETS = [("people", "author"), ("topics", "topic")]
ACTIONS = ("add", "change", "delete", "view")


def _permissions(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return {
        action: Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {model}"},
        )[0]
        for action in ACTIONS
    }


def _rename(apps, renames, task_names):
    Group = apps.get_model("auth", "Group")
    for old, new in renames:
        Group.objects.filter(name=old).update(name=new)
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    old_task, new_task = task_names
    Task.objects.filter(name=old_task).update(name=new_task)
    Workflow.objects.filter(name=old_task).update(name=new_task)


def forwards(apps, schema_editor):
    _rename(apps, RENAMES, TASK_NAMES)
    Group = apps.get_model("auth", "Group")
    reporters = Group.objects.filter(name="Reporters").first()
    editors = Group.objects.filter(name="Editors").first()
    for app_label, model in SNIPPETS:
        permissions = _permissions(apps, app_label, model)
        if editors:
            editors.permissions.add(*permissions.values())
        if reporters:
            reporters.permissions.add(permissions["view"])


def backwards(apps, schema_editor):
    _rename(apps, [(new, old) for old, new in reversed(RENAMES)], TASK_NAMES[::-1])


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("people", "0002_initial"),
        ("topics", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
