"""Fragments: made once, kept while their versions stand, never shared with editors."""

import pytest
from django.contrib.auth.models import Group

from newsdesk.articles.story import StoryView
from newsdesk.comments import moderation
from newsdesk.comments.models import Comment, CommentState
from newsdesk.core import fragments
from newsdesk.live import coverage


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.NEWSDESK_FRAGMENTS = True


def _counting(monkeypatch, cls, name):
    calls = []
    original = getattr(cls, name)

    def counted(self, *args, **kwargs):
        calls.append(name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


def test_a_fragment_is_made_once_and_again_when_a_version_changes(rf, db):
    request = rf.get("/")
    made = []

    def make():
        made.append(1)
        return f"made {len(made)}"

    def fetch():
        return fragments.cached("x", ["a"], ["gen:test"], make, rf.get("/"))

    assert fetch() == "made 1"
    assert fetch() == "made 1"
    fragments.bump("gen:test")
    assert fetch() == "made 2"
    assert fragments.cached("x", ["b"], ["gen:test"], make, request) == "made 3"


def test_an_inner_fragments_versions_make_the_outer_one_again(rf, db):
    made = []

    def outer():
        made.append("outer")
        return "[" + fragments.cached("inner", [], ["gen:inner"], inner) + "]"

    def inner():
        made.append("inner")
        return "inner"

    fragments.cached("outer", [], ["gen:outer"], outer)
    fragments.cached("outer", [], ["gen:outer"], outer)
    assert made == ["outer", "inner"]

    fragments.bump("gen:inner")
    fragments.cached("outer", [], ["gen:outer"], outer)
    assert made == ["outer", "inner", "outer", "inner"]


def test_a_new_release_never_serves_what_older_code_made(rf, db, monkeypatch):
    fragments.cached("x", [], [], lambda: "old")
    monkeypatch.setattr(fragments, "release", lambda: "another")

    assert fragments.cached("x", [], [], lambda: "new") == "new"


def test_a_comment_makes_the_parts_again_and_leaves_the_body(
    client, article, monkeypatch, django_user_model, django_capture_on_commit_callbacks
):
    bodies = _counting(monkeypatch, StoryView, "_render_body")
    parts = _counting(monkeypatch, StoryView, "_render_parts")
    client.get(article.url)
    client.get(article.url)
    assert (len(bodies), len(parts)) == (1, 1)
    desk = django_user_model.objects.create_user("desk", "desk@example.org", "x")
    desk.groups.add(Group.objects.get(name="Editors"))
    comment = Comment.objects.create(
        article=article, name="Asha", email="a@example.org", body="A fair point.", state="pending"
    )

    with django_capture_on_commit_callbacks(execute=True):
        moderation.set_state(Comment.objects.filter(pk=comment.pk), CommentState.APPROVED, desk)
    html = client.get(article.url).content.decode()

    assert "A fair point." in html
    assert (len(bodies), len(parts)) == (1, 2)

    with django_capture_on_commit_callbacks(execute=True):
        coverage.correct(article, desk, kind="correction", note="The vote was 31 to 12.")
    html = client.get(article.url).content.decode()

    assert "The vote was 31 to 12." in html
    assert len(parts) == 3


@pytest.mark.parametrize("who", ["editor", "preview"])
def test_editors_and_previews_never_get_kept_fragments(
    client, article, django_user_model, who, monkeypatch
):
    client.get(article.url)  # kept for readers
    bodies = _counting(monkeypatch, StoryView, "_render_body")
    editor = django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(editor)
    article.title = "Draft headline nobody has published"
    article.body = [{"type": "paragraph", "value": "<p>Unpublished words.</p>"}]
    revision = article.save_revision(user=editor)

    if who == "editor":
        html = client.get(article.url).content.decode()
        assert "Unpublished words." not in html
    else:
        html = client.get(
            f"/admin/pages/{article.pk}/revisions/{revision.pk}/view/"
        ).content.decode()
        assert "Unpublished words." in html
    assert len(bodies) == 1
    client.logout()
    assert "Unpublished words." not in client.get(article.url).content.decode()
