"""Backup and restore: every page renders the same, every media file matches its checksum."""

import hashlib
import io
import tarfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from newsdesk.images.models import NewsImage
from newsdesk.operations import backups
from newsdesk.testing import site_home

# Transactional tests (``migrated_data`` restores what migrations create between them);
# those marked ``database`` also run on PostgreSQL in CI, through pg_dump and pg_restore.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom(migrated_data, settings, tmp_path):
    """A small newsroom: two stories with pictures, a standard page, a redirect."""
    from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory

    settings.DATA_DIR = tmp_path
    home = site_home()
    world = SectionPageFactory(parent=home, title="World", slug="world")
    for title in ("Harbour reopens", "Council votes on the budget"):
        story = ArticlePageFactory(parent=world, title=title, live=False)
        story.save_revision().publish()
        story.save_revision()  # a draft on top of the live version
    Redirect.objects.create(old_path="/old-story", redirect_link="/world/")
    return tmp_path


def _pages():
    client = Client()
    urls = [page.url for page in Page.objects.live().specific() if page.depth > 1]
    return {url: client.get(url).content for url in sorted(urls)}


def _media():
    result = {}
    for name in backups.media_files():
        with default_storage.open(name, "rb") as handle:
            result[name] = hashlib.sha256(handle.read()).hexdigest()
    return result


def _empty_the_instance():
    for name in backups.media_files():
        default_storage.delete(name)
    call_command("flush", "--no-input", verbosity=0)


def test_a_backup_restores_every_story_revision_image_and_redirect(newsroom, tmp_path):
    pages, media = _pages(), _media()
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        Redirect.objects.count(),
        NewsImage.objects.count(),
    )
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    assert media and archive.exists()

    _empty_the_instance()
    assert Page.objects.count() == 0 and not _media()
    call_command("restore", str(archive), verbosity=0)

    assert (
        Page.objects.count(),
        Revision.objects.count(),
        Redirect.objects.count(),
        NewsImage.objects.count(),
    ) == counts
    assert _media() == media
    assert _pages() == pages


def test_a_damaged_archive_is_refused_and_nothing_changes(newsroom, tmp_path):
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    # Replace the end of one picture inside the archive with other bytes.
    damaged = tmp_path / "damaged.tar.gz"
    changed = []
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/original_images/") and not changed:
                data = data[:-10] + b"0123456789"
                changed.append(member.name)
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    assert changed
    _empty_the_instance()

    with pytest.raises(CommandError, match="is missing or damaged; nothing was restored"):
        call_command("restore", str(damaged), verbosity=0)
    assert Page.objects.count() == 0 and not _media()

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[:2000])
    with pytest.raises(CommandError, match="is not a readable newsdesk backup"):
        call_command("restore", str(truncated), verbosity=0)


def test_a_restore_never_overwrites_an_instance_with_content(newsroom, tmp_path):
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    with pytest.raises(CommandError, match="already has content"):
        call_command("restore", str(archive), verbosity=0)


def _counts():
    from newsdesk.comments.models import Comment

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "comments": Comment.objects.count(),
        "images": NewsImage.objects.count(),
    }


def _with_a_comment():
    from newsdesk.articles.models import ArticlePage
    from newsdesk.comments.models import Comment

    story = ArticlePage.objects.live().first()
    Comment.objects.create(
        article=story, name="Reader", email="reader@example.org", body="Thanks.", state="approved"
    )


@pytest.mark.database
def test_a_backup_restores_into_a_freshly_installed_instance(
    newsroom, tmp_path, _migrated_snapshot
):
    """What `newsdesk migrate` leaves (Wagtail's welcome page) is a new instance, not content."""
    from django.db import connection

    _with_a_comment()
    counts, media, pages = _counts(), _media(), _pages()
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    _empty_the_instance()
    _migrated_snapshot.restore(connection)
    assert Page.objects.filter(depth=2).count() == 1  # the welcome page
    call_command("restore", str(archive), verbosity=0)

    assert _counts() == counts
    assert _media() == media
    assert _pages() == pages


def test_a_restore_into_a_database_never_migrated_works_in_one_command(newsroom, tmp_path):
    """`newsdesk restore ARCHIVE` on a new machine: no tables yet, no media folder yet."""
    import os
    import sqlite3
    import subprocess
    import sys

    _with_a_comment()
    counts, media = _counts(), _media()
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    fresh = tmp_path / "new-machine"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DATABASE"))}
    env.update(DJANGO_SETTINGS_MODULE="newsdesk.settings.dev", NEWSDESK_DATA_DIR=str(fresh))

    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "restore", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "Restored the backup" in result.stdout
    database = sqlite3.connect(fresh / "newsdesk.sqlite3")
    restored = {
        "pages": database.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0],
        "revisions": database.execute("SELECT count(*) FROM wagtailcore_revision").fetchone()[0],
        "comments": database.execute("SELECT count(*) FROM comments_comment").fetchone()[0],
        "images": database.execute("SELECT count(*) FROM images_newsimage").fetchone()[0],
    }
    database.close()
    assert restored == counts
    files = {
        str(path.relative_to(fresh / "media")): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in (fresh / "media").rglob("*")
        if path.is_file()
    }
    assert files == media


def test_a_second_restore_says_in_a_sentence_what_is_wrong(newsroom, tmp_path):
    archive = tmp_path / "nightly.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    with pytest.raises(CommandError) as refusal:
        call_command("restore", str(archive), verbosity=0)
    assert "Restore into a new instance" in str(refusal.value)
    with pytest.raises(CommandError, match="is not a readable newsdesk backup"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), verbosity=0)
