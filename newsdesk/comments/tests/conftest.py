from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from newsdesk.comments.forms import CommentForm


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", "mod@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def form_data():
    """What a person's browser posts: the form was shown a minute ago."""

    def form_data(**fields):
        data = {
            "name": "Priya Nair",
            "email": "priya@example.org",
            "body": "The agenda leaves out climate finance.",
            "website": "",
            "started": CommentForm.started_token(timezone.now() - timedelta(minutes=1)),
        }
        data.update(fields)
        return data

    return form_data


@pytest.fixture
def comment_on(client, form_data):
    """Post a comment through the form, as a reader; returns the response."""

    def comment_on(story, **fields):
        return client.post(
            f"/comments/{story.pk}/", form_data(**fields), REMOTE_ADDR="198.51.100.7"
        )

    return comment_on
