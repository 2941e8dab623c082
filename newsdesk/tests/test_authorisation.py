"""
Who may do what, as a table: each role tries each action through the admin as a browser
would, and the outcome (what changed, or what was shown) must be the cell's. The same
table is in docs/roles.md; a test below keeps the two equal.

"reporter (own)" acts on a story they created and a picture they uploaded; "reporter
(other's)" on another reporter's. Pictures "in use" are shown by a published story.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.comments.models import Comment
from newsdesk.images.factories import NewsImageFactory
from newsdesk.images.models import NewsImage
from newsdesk.live import coverage
from newsdesk.live.models import Coverage
from newsdesk.people.factories import AuthorFactory
from newsdesk.testing import make_user, post_story_edit, story_form

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter (own)", "reporter (other's)", "editor", "admin"]
Y, N = True, False

# action: (anonymous, reporter own, reporter other's, editor, admin)
TABLE = {
    "view a story in the editor": (N, Y, N, Y, Y),
    "edit a story (save a draft)": (N, Y, N, Y, Y),
    "submit a story for review": (N, Y, N, Y, Y),
    "publish a story": (N, N, N, Y, Y),
    "unpublish a story": (N, N, N, Y, Y),
    "delete a draft story": (N, Y, N, Y, Y),
    "edit a picture not in use": (N, Y, N, Y, Y),
    "edit a picture in use": (N, N, N, Y, Y),
    "delete a picture not in use": (N, Y, N, Y, Y),
    "delete a picture in use": (N, N, N, Y, Y),
    "moderate comments": (N, N, N, Y, Y),
    "open and export the rights report": (N, Y, Y, Y, Y),
    "dismiss a desk-check warning": (N, Y, N, Y, Y),
    "post a live update": (N, N, N, Y, Y),
    "record a correction": (N, N, N, Y, Y),
    "change the newsroom settings": (N, N, N, N, Y),
    "manage users": (N, N, N, N, Y),
}


class World:
    """What one cell needs: the acting user, a story and a picture of the right owner."""

    def __init__(self, role, section):
        self.reporter = make_user("reporter", "Reporters")
        self.colleague = make_user("colleague", "Reporters")
        self.editor = make_user("editor", "Editors")
        self.admin = get_user_model().objects.create_superuser("admin", password="pw")
        self.user = {
            "anonymous": None,
            "reporter (own)": self.reporter,
            "reporter (other's)": self.reporter,
            "editor": self.editor,
            "admin": self.admin,
        }[role]
        owner = self.colleague if role == "reporter (other's)" else self.reporter
        self.owner = owner
        self.section = section
        self.image = NewsImageFactory(uploaded_by_user=owner, creator="Ada Lens")
        self.author = AuthorFactory(name="Sam Reporter")

    def story(self, live=False, **fields):
        story = ArticlePageFactory(
            parent=self.section, owner=self.owner, authors=[self.author], live=False, **fields
        )
        if live:
            story.save_revision().publish()
            story.refresh_from_db()
        return story

    def picture_in_use(self):
        """The picture, shown in the body of a published story."""
        body = [
            {"type": "paragraph", "value": "<p>Text.</p>"},
            {
                "type": "image",
                "value": {"image": self.image.pk, "caption": "", "decorative": False},
            },
        ]
        self.story(live=True, body=body)
        return self.image


def _image_form(image, **changes):
    data = {
        "title": image.title,
        "collection": image.collection_id,
        "tags": "",
        "description": image.description,
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
    }
    for name in NewsImage.admin_form_fields:
        if name not in data and name != "file":
            data[name] = getattr(image, name, "") or ""
    data.update(changes)
    return data


def _ok(response):
    return response.status_code == 200


def view_story(client, world):
    return _ok(client.get(reverse("wagtailadmin_pages:edit", args=[world.story().pk])))


def edit_story(client, world):
    story = world.story()
    before = Revision.page_revisions.filter(object_id=str(story.pk)).count()
    post_story_edit(client, story, "", authors=[world.author], image=story.lead_image)
    return Revision.page_revisions.filter(object_id=str(story.pk)).count() > before


def submit_story(client, world):
    story = world.story()
    post_story_edit(client, story, "action-submit", authors=[world.author], image=story.lead_image)
    return WorkflowState.objects.filter(
        base_content_type__isnull=False, object_id=str(story.pk)
    ).exists()


def publish_story(client, world):
    story = world.story()
    post_story_edit(client, story, "action-publish", authors=[world.author], image=story.lead_image)
    return Page.objects.get(pk=story.pk).live


def unpublish_story(client, world):
    story = world.story(live=True)
    client.post(reverse("wagtailadmin_pages:unpublish", args=[story.pk]))
    return not Page.objects.get(pk=story.pk).live


def delete_story(client, world):
    story = world.story()
    client.post(reverse("wagtailadmin_pages:delete", args=[story.pk]))
    return not Page.objects.filter(pk=story.pk).exists()


def _edit_picture(client, world, image):
    client.post(reverse("wagtailimages:edit", args=[image.pk]), _image_form(image, creator="Bo"))
    return NewsImage.objects.get(pk=image.pk).creator == "Bo"


def edit_picture_not_in_use(client, world):
    return _edit_picture(client, world, world.image)


def edit_picture_in_use(client, world):
    return _edit_picture(client, world, world.picture_in_use())


def _delete_picture(client, image):
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    return not NewsImage.objects.filter(pk=image.pk).exists()


def delete_picture_not_in_use(client, world):
    return _delete_picture(client, world.image)


def delete_picture_in_use(client, world):
    return _delete_picture(client, world.picture_in_use())


def moderate_comments(client, world):
    story = world.story(live=True)
    comment = Comment.objects.create(
        article=story, name="Reader", email="r@example.org", body="Hello.", state="pending"
    )
    client.post(reverse("comments:queue"), {"one": f"approve:{comment.pk}"})
    return Comment.objects.get(pk=comment.pk).state == "approved"


def rights_report(client, world):
    listing = client.get(reverse("newsdesk_image_rights"))
    export = client.get(reverse("newsdesk_image_rights") + "?export=csv")
    return _ok(listing) and _ok(export) and export["Content-Type"].startswith("text/csv")


def dismiss_warning(client, world):
    story = world.story()
    data = story_form(story, "", authors=[world.author], image=story.lead_image)
    data.update({"dismiss": "none", "dismiss_reason_none": "Checked."})
    response = client.post(reverse("newsdesk_checks_dismiss", args=[story.pk]), data)
    # Allowed: the editor is sent back to the story (this warning no longer applies).
    return response.status_code == 302 and response.url.endswith(f"/pages/{story.pk}/edit/")


def post_live_update(client, world):
    story = world.story(live=True)
    coverage.start(story, world.admin)
    return _ok(client.get(reverse("live:add_update", args=[story.pk])))


def record_correction(client, world):
    story = world.story(live=True)
    Coverage.objects.filter(article=story).delete()
    return _ok(client.get(reverse("live:add_correction", args=[story.pk])))


def change_settings(client, world):
    # The settings address leads to the default site's own form.
    response = client.get(
        reverse("wagtailsettings:edit", args=["core", "newsroomsettings"]), follow=True
    )
    return _ok(response) and "/settings/core/newsroomsettings/" in response.request["PATH_INFO"]


def manage_users(client, world):
    return _ok(client.get(reverse("wagtailusers_users:index")))


ACTIONS = {
    "view a story in the editor": view_story,
    "edit a story (save a draft)": edit_story,
    "submit a story for review": submit_story,
    "publish a story": publish_story,
    "unpublish a story": unpublish_story,
    "delete a draft story": delete_story,
    "edit a picture not in use": edit_picture_not_in_use,
    "edit a picture in use": edit_picture_in_use,
    "delete a picture not in use": delete_picture_not_in_use,
    "delete a picture in use": delete_picture_in_use,
    "moderate comments": moderate_comments,
    "open and export the rights report": rights_report,
    "dismiss a desk-check warning": dismiss_warning,
    "post a live update": post_live_update,
    "record a correction": record_correction,
    "change the newsroom settings": change_settings,
    "manage users": manage_users,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(TABLE))
def test_each_role_may_do_what_the_table_says(client, section, role, action):
    world = World(role, section)
    if world.user is not None:
        client.force_login(world.user)

    allowed = ACTIONS[action](client, world)

    expected = TABLE[action][ROLES.index(role)]
    assert allowed is expected, f"{role} {'may' if expected else 'may not'} {action}"


def test_a_reporter_edits_a_story_they_are_bylined_on_that_someone_else_created(client, section):
    reporter = make_user("reporter", "Reporters")
    editor = make_user("editor", "Editors")
    author = AuthorFactory(name="Sam Reporter", user=reporter)
    bylined = ArticlePageFactory(parent=section, owner=editor, authors=[author], live=False)
    not_bylined = ArticlePageFactory(parent=section, owner=editor, live=False)
    client.force_login(reporter)

    assert client.get(reverse("wagtailadmin_pages:edit", args=[bylined.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[not_bylined.pk])).status_code != 200


def test_a_picture_in_use_cannot_be_deleted_without_seeing_where(client, section):
    world = World("editor", section)
    image = world.picture_in_use()
    client.force_login(world.editor)

    page = client.get(reverse("wagtailimages:delete", args=[image.pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Readers see this picture now." in text
    story = Page.objects.live().type(ArticlePageFactory._meta.model).get()
    assert story.title in text


def _markdown_table():
    lines = [
        "| action | " + " | ".join(ROLES) + " |",
        "| --- |" + " --- |" * len(ROLES),
    ]
    for action, cells in TABLE.items():
        lines.append(f"| {action} | " + " | ".join("yes" if c else "no" for c in cells) + " |")
    return "\n".join(lines)


def test_docs_roles_shows_the_same_table():
    roles = Path(__file__).resolve().parents[2] / "docs" / "roles.md"
    text = roles.read_text(encoding="utf-8")
    match = re.search(r"<!-- matrix -->\n(.*?)\n<!-- /matrix -->", text, re.S)
    assert match, "docs/roles.md must hold the table between <!-- matrix --> markers"
    assert match.group(1).strip() == _markdown_table(), (
        "docs/roles.md's table differs from the tested one; paste this:\n" + _markdown_table()
    )
