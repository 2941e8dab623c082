"""Creating a topic from the desk checks' offer of a new name."""

import pytest
from django.urls import reverse

from newsdesk.topics.models import Topic

pytestmark = pytest.mark.django_db
URL = "newsdesk_topic_quick_create"


def test_an_editor_creates_a_topic_and_gets_the_same_one_again(client, editor):
    client.force_login(editor)
    first = client.post(reverse(URL), {"name": "  Amara   Diallo "})
    assert first.status_code == 201
    topic = Topic.objects.get(pk=first.json()["id"])
    assert (topic.name, topic.slug) == ("Amara Diallo", "amara-diallo")
    again = client.post(reverse(URL), {"name": "amara diallo"})
    assert again.status_code == 200
    assert again.json() == {"id": topic.pk, "name": "Amara Diallo", "created": False}
    assert Topic.objects.count() == 1


def test_a_name_whose_slug_is_taken_gets_a_free_one(client, editor):
    Topic.objects.create(name="Halden", slug="halden-securities")
    client.force_login(editor)
    answer = client.post(reverse(URL), {"name": "Halden Securities"})
    assert Topic.objects.get(pk=answer.json()["id"]).slug == "halden-securities-2"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give the topic a name."),
        ("<script>alert(1)</script>", "no markup"),
        ("!!!", "no markup"),
        ("x" * 300, "under 255 characters"),
    ],
)
def test_bad_names_are_refused_and_nothing_is_made(client, editor, name, message):
    client.force_login(editor)
    answer = client.post(reverse(URL), {"name": name})
    assert answer.status_code == 400 and message in answer.json()["error"]
    assert not Topic.objects.exists()


def test_a_reporter_may_not_create_topics(client, reporter):
    client.force_login(reporter)
    answer = client.post(reverse(URL), {"name": "Amara Diallo"})
    assert answer.status_code == 403 and "editors" in answer.json()["error"]
    assert not Topic.objects.exists()


def test_strangers_and_gets_make_nothing(client, editor):
    assert client.post(reverse(URL), {"name": "Amara Diallo"}).status_code == 302  # to log in
    client.force_login(editor)
    assert client.get(reverse(URL), {"name": "Amara Diallo"}).status_code == 405
    assert not Topic.objects.exists()
