"""
Several editors posting to one live story at the same moment: every update lands, each
with its own number, in the order the numbers say.

SQLite's in-memory test database (shared cache) reports a busy lock at once instead of
waiting, which is not how a site's database file behaves, so on SQLite the test copies
the database to a file and points every connection there while it runs.
"""

import sqlite3
import threading

import pytest
from django.db import connection, connections

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.home.factories import HomePageFactory
from newsdesk.live import coverage
from newsdesk.live.factories import paragraph
from newsdesk.live.models import Coverage, LiveUpdate
from newsdesk.people.factories import AuthorFactory

pytestmark = [pytest.mark.database, pytest.mark.django_db(transaction=True)]

WRITERS = 8


@pytest.fixture
def database_file(tmp_path):
    """On SQLite, run the test's connections against a file copy of the test database."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    memory = connection.connection
    path = tmp_path / "concurrency.sqlite3"
    copy = sqlite3.connect(path)
    memory.backup(copy)
    copy.close()
    original = connection.settings_dict["NAME"]
    # Keep the in-memory database open (it vanishes with its last connection) while
    # this thread's connection and every new thread's go to the file.
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        connection.connection = memory


@pytest.fixture
def story(migrated_data, database_file, django_user_model):
    from django.contrib.auth.models import Group
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "root_page": home}
    )
    section = SectionPageFactory(parent=home)
    article = ArticlePageFactory(parent=section)
    article.save_revision().publish()
    editors = []
    for n in range(WRITERS):
        user = django_user_model.objects.create_user(f"editor{n}", password="x")
        user.groups.add(Group.objects.get(name="Editors"))
        editors.append(user)
    coverage.start(article, editors[0])
    return ArticlePage.objects.get(pk=article.pk), editors


def test_updates_posted_at_the_same_moment_all_land_in_order(story):
    article, editors = story
    author = AuthorFactory()
    barrier = threading.Barrier(WRITERS)
    errors = []

    def write(n):
        try:
            barrier.wait(timeout=30)
            coverage.add_update(
                article, editors[n], author=author, body=paragraph(f"Report from desk {n}.")
            )
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    updates = list(LiveUpdate.objects.filter(article=article).order_by("sequence"))
    assert [u.sequence for u in updates] == list(range(1, WRITERS + 1))
    assert sorted(u.created_by_id for u in updates) == sorted(e.pk for e in editors)
    times = [u.published_at for u in updates]
    assert times == sorted(times)
    assert Coverage.objects.get(article=article).last_sequence == WRITERS
    assert ArticlePage.objects.get(pk=article.pk).updated_at == times[-1]
