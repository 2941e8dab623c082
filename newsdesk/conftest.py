from pathlib import Path

import pytest
from wagtail.models import Page

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.testing import make_user, site_home


@pytest.fixture(scope="session", autouse=True)
def _media_folder():
    """The run's own media folder (settings/test.py makes it), removed when the run ends."""
    import shutil

    from django.conf import settings

    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: ids repeat between tests' rolled-back data."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def home(db):
    """A published front page serving as the default Site's root."""
    return site_home()


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


@pytest.fixture
def publish():
    """Publish a page through the publish gate, as an editor's click would."""

    def publish(page, user=None):
        page.save_revision(user=user).publish(user=user)
        page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def article(section, publish):
    return publish(ArticlePageFactory(parent=section, title="Council passes budget"))


@pytest.fixture
def page_changes():
    """Every ``page_changed`` signal sent during the test, as (page id, reason)."""
    from newsdesk.core.signals import page_changed

    seen = []

    def receiver(sender, instance, reason, **kwargs):
        seen.append((instance.pk, reason))

    page_changed.connect(receiver)
    yield seen
    page_changed.disconnect(receiver)


@pytest.fixture(scope="session", autouse=True)
def _migrated_snapshot(django_db_setup, django_db_blocker):
    """
    A copy of the freshly migrated test database, taken before any test can flush it:
    SQLite's online backup, or PostgreSQL's COPY of every table.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            return _SqliteSnapshot(connection)
        return _PostgresSnapshot(connection)


class _SqliteSnapshot:
    """The whole database, by SQLite's online backup."""

    def __init__(self, connection):
        import sqlite3

        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self, connection):
        self.copy.backup(connection.connection)


class _PostgresSnapshot:
    """Every table's rows, copied out with COPY and back in after a test flushed them."""

    def __init__(self, connection):
        self.tables = {}
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                if data:
                    self.tables[table] = data

    def restore(self, connection):
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import transaction

        with transaction.atomic(), connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            # The flush's post_migrate made content types and permissions again, with
            # other ids: clear everything, then copy the migrated rows back. Django's
            # foreign keys are deferred, so the order of the copies does not matter.
            for statement in connection.ops.sql_flush(no_style(), tables):
                cursor.execute(statement)
            for table, data in self.tables.items():
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
            for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(statement)


@pytest.fixture
def migrated_data(_migrated_snapshot, transactional_db):
    """
    The rows migrations create (Wagtail's root page, groups, workflow, permissions),
    restored for a transactional test after an earlier one flushed them, on SQLite and
    PostgreSQL alike. (Django's serialized_rollback cannot round-trip Wagtail's task
    models.)
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches
    from django.db import connection

    if not Page.objects.exists():
        connection.ensure_connection()
        _migrated_snapshot.restore(connection)
        ContentType.objects.clear_cache()
        for each in caches.all():
            each.clear()


@pytest.fixture
def database_file(tmp_path):
    """
    On SQLite, run the test's connections against a file copy of the test database, for
    tests of concurrent writers: SQLite's in-memory test database (shared cache) reports
    a busy lock at once instead of waiting as a database file does. On PostgreSQL the
    test database is used as it is.
    """
    import sqlite3

    from django.db import connection

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
def committed_article(migrated_data, database_file):
    """A published story, committed, for transactional tests whose threads must see it."""
    article = ArticlePageFactory(parent=SectionPageFactory(parent=site_home()))
    article.save_revision().publish()
    article.refresh_from_db()
    return article


REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "reference-article.txt"


@pytest.fixture
def reference_text():
    """The reference news page as a reader saw it; it lives beside the repository, not in it."""
    if not REFERENCE.exists():
        pytest.skip("the reference page is not beside this checkout (shared/reference/)")
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture
def editor(db):
    """A login in the newsroom's Editors group (they approve and publish)."""
    return make_user("editor", "Editors")


@pytest.fixture
def reporter(db):
    """A login in the newsroom's Reporters group (they write and submit for review)."""
    return make_user("reporter", "Reporters")
