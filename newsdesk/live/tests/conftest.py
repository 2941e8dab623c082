import pytest
from django.contrib.auth.models import Group, Permission

from newsdesk.live import coverage
from newsdesk.live.factories import paragraph
from newsdesk.people.factories import AuthorFactory


@pytest.fixture
def make_user(django_user_model):
    def make_user(username, group=None, *permissions):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "x")
        if group:
            user.groups.add(Group.objects.get(name=group))
        for codename in permissions:
            user.user_permissions.add(Permission.objects.get(codename=codename))
        return user

    return make_user


@pytest.fixture
def writer():
    return AuthorFactory(name="Asha Menon")


@pytest.fixture
def live_story(article, editor):
    coverage.start(article, editor)
    return article


@pytest.fixture
def post(live_story, editor, writer):
    """Post an update to the live story as the editor."""

    def post(text="Leaders arrive at the summit venue.", user=None, story=None, **fields):
        fields.setdefault("author", writer)
        return coverage.add_update(
            story or live_story, user or editor, body=paragraph(text), **fields
        )

    return post
