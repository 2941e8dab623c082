"""
Background work with the database task backend, as production runs it: work is queued
by the request and done by ``newsdesk db_worker``; nothing waits on the request path.
"""

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.images.factories import NewsImageFactory
from newsdesk.images.models import NewsRendition

# The worker claims tasks with SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL.
pytestmark = pytest.mark.database


class RecordingBackend(BaseBackend):
    """A frontend cache that remembers what it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def database_tasks(db, settings, monkeypatch):
    # The worker drops connections it finds inside a transaction, as a test's is; here
    # it shares the test's connection to see what the test queued.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "purge"],
        }
    }


@pytest.fixture
def changes(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _work(queue="*"):
    call_command("db_worker", "--batch", "--queue-name", queue, "--no-startup-delay", verbosity=0)


def test_renditions_are_made_by_the_worker_not_the_upload(database_tasks, changes):
    with changes():
        image = NewsImageFactory()

    queued = DBTaskResult.objects.get(task_path__endswith="prepare_renditions")
    assert queued.status == TaskResultStatus.READY
    assert not NewsRendition.objects.filter(image=image).exists()

    _work()

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert NewsRendition.objects.filter(image=image).exists()


def test_publishing_queues_the_related_refresh_and_the_proxy_purge(
    database_tasks, changes, section, settings
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "newsdesk.core.tests.test_tasks.RecordingBackend",
        }
    }
    story = ArticlePageFactory(parent=section, live=False)

    with changes():
        story.save_revision().publish()

    queued = {
        (result.task_path.rsplit(".", 1)[1], result.queue_name)
        for result in DBTaskResult.objects.ready()
    }
    assert ("refresh_related", "default") in queued
    assert ("purge_proxies", "purge") in queued

    _work("purge")

    purge = DBTaskResult.objects.get(task_path__endswith="purge_proxies")
    assert purge.status == TaskResultStatus.SUCCESSFUL
    assert story.full_url in RecordingBackend.purged
    # The purge worker leaves the slower default queue to its own worker.
    assert DBTaskResult.objects.get(task_path__endswith="refresh_related").status == (
        TaskResultStatus.READY
    )
