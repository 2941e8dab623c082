"""
Who may change or delete a picture.

Wagtail's image permissions (by collection, with uploaders owning their uploads) apply,
with two newsroom rules on top:

- a picture that readers see (on a live page, an author's page, a live update) is changed
  or deleted only by those with *Can change pictures readers see* (Editors, admins):
  its credit, alt text and caption are part of what was published;
- a picture that a page cannot do without (a story's lead picture) is not deleted by
  anyone: choose another picture for the page first.

docs/roles.md has the whole table.
"""

from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from .uses import published_uses

CHANGE_PUBLISHED = "images.change_published_image"


class NewsImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_permission_for_instance(self, user, action, instance):
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        if action not in ("change", "delete"):
            return True
        if action == "delete" and ReferenceIndex.get_grouped_references_to(instance).is_protected:
            return False
        if user.has_perm(CHANGE_PUBLISHED):
            return True
        return not published_uses(instance)


def image_permission_policy():
    return NewsImagePermissionPolicy(
        get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"
    )
