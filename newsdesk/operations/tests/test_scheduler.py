from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def _run():
    call_command("run_scheduler", "--runs", "1", "--interval", "0")


def test_an_embargoed_story_goes_live_when_its_time_comes(section, client):
    story = ArticlePageFactory(parent=section, live=False)
    story.go_live_at = timezone.now() + timedelta(hours=1)
    revision = story.save_revision()
    revision.publish()
    assert client.get(story.url).status_code == 404
    _run()
    assert not ArticlePage.objects.get(pk=story.pk).live

    revision.refresh_from_db()
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    _run()
    story.refresh_from_db()
    assert story.live
    assert client.get(story.url).status_code == 200


def test_a_story_comes_down_at_its_expiry_time(article, client):
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    _run()
    article.refresh_from_db()
    assert not article.live and article.expired
    assert client.get(article.url).status_code == 404


def test_a_failing_run_does_not_end_the_loop(monkeypatch):
    from newsdesk.operations.management.commands import run_scheduler

    calls = []

    def flaky(name, *args, **kwargs):
        calls.append(name)
        if len(calls) == 1:
            raise RuntimeError("database restarting")

    monkeypatch.setattr(run_scheduler, "call_command", flaky)
    call_command("run_scheduler", "--runs", "2", "--interval", "0")
    # The first run failed at once; the second also did the newsletters' scheduled work.
    assert calls == ["publish_scheduled", "publish_scheduled", "newsletter"]
