from pathlib import Path

import pytest
from wagtail.models import Page, Site

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.home.factories import HomePageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat between tests' rolled-back data."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home(db):
    """A published front page serving as the default Site's root."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Gazette"},
    )
    return home


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


@pytest.fixture(scope="session")
def _migrated_snapshot(django_db_setup, django_db_blocker):
    """A copy of the freshly migrated test database (SQLite's online backup)."""
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip(
            "restores SQLite's migrated rows; on PostgreSQL only the `database` tests run, "
            "and none of them uses this fixture"
        )
    with django_db_blocker.unblock():
        connection.ensure_connection()
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
    return snapshot


@pytest.fixture
def migrated_data(_migrated_snapshot, transactional_db):
    """
    The rows migrations create (Wagtail's root page, groups, workflow, permissions),
    restored for a transactional test after an earlier one flushed them. (Django's
    serialized_rollback cannot round-trip Wagtail's task models.)
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists():
        connection.ensure_connection()
        _migrated_snapshot.backup(connection.connection)
        ContentType.objects.clear_cache()
        cache.clear()


REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "reference-article.txt"


@pytest.fixture
def reference_text():
    """The reference news page as a reader saw it; it lives beside the repository, not in it."""
    if not REFERENCE.exists():
        pytest.skip("the reference page is not beside this checkout (shared/reference/)")
    return REFERENCE.read_text(encoding="utf-8")
