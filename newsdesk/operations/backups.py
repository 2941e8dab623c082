"""
Backups: one archive with a consistent database snapshot, every media file and a manifest
of checksums; and restoring one into an empty instance.

SQLite is copied with its online backup API (consistent while the site runs);
PostgreSQL with ``pg_dump --format=custom`` and restored with ``pg_restore``. Media files
are read and written through Django's storage, so local folders and S3-compatible
buckets are handled alike. A restore checks every checksum before it changes anything,
and refuses an instance that already holds content.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from rich.progress import Progress
from wagtail.documents import get_document_model
from wagtail.models import Page

from newsdesk.images.models import NewsImage

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on, with a sentence saying why."""


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(storage=default_storage, folder=""):
    """Every file name in the storage, depth first."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from media_files(storage, f"{folder}/{name}" if folder else name)


def _dump_database(workdir):
    vendor = connection.vendor
    if vendor == "sqlite":
        target = workdir / SQLITE_DUMP
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        with copy:
            connection.connection.backup(copy)
        copy.close()
        return target
    if vendor == "postgresql":
        target = workdir / POSTGRES_DUMP
        _run_postgres("pg_dump", "--format=custom", "--no-owner", f"--file={target}")
        return target
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")


def _run_postgres(program, *arguments):
    params = connection.get_connection_params()
    env = {**os.environ, "PGPASSWORD": str(params.get("password") or "")}
    command = [program, *arguments]
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            command.append(f"{flag}={params[key]}")
    command.append(f"--dbname={params.get('dbname') or params.get('database')}")
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed; install PostgreSQL's client tools.")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()[:500]}")


def create(archive, progress=None):
    """Write a backup archive; returns its manifest."""
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        dump = _dump_database(workdir)
        entries = [{"name": dump.name, "sha256": _sha256(dump), "size": dump.stat().st_size}]
        names = list(media_files())
        partial = archive.with_suffix(archive.suffix + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname=dump.name)
            for name in names:
                with default_storage.open(name, "rb") as handle:
                    data = handle.read()
                entries.append(
                    {
                        "name": f"media/{name}",
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "size": len(data),
                    }
                )
                info = tarfile.TarInfo(f"media/{name}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                if progress:
                    progress()
            manifest = {
                "format": FORMAT,
                "created": datetime.now(UTC).isoformat(),
                "database": connection.vendor,
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "files": entries,
            }
            body = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
        # Only a complete archive takes the final name.
        partial.replace(archive)
    return manifest


def verify(archive, workdir):
    """Unpack into ``workdir`` and check every checksum; returns the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(workdir, filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"“{archive}” is not a readable newsdesk backup ({error}).") from None
    try:
        manifest = json.loads((workdir / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(
            f"“{archive}” has no readable manifest; it is not a newsdesk backup."
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"“{archive}” was made by another version of newsdesk's backups.")
    for entry in manifest["files"]:
        path = workdir / entry["name"]
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise BackupError(
                f"“{entry['name']}” in the backup is missing or damaged; nothing was restored."
            )
    return manifest


# What Wagtail's first migration leaves in a new instance: a root and a welcome page.
WELCOME_PAGE = {"depth": 2, "slug": "home", "content_type__app_label": "wagtailcore"}


def instance_is_empty():
    """
    True for an instance with nothing to lose: its database not yet migrated, or migrated
    and holding no pages (beyond Wagtail's welcome page), pictures or documents.
    """
    if Page._meta.db_table not in connection.introspection.table_names():
        return True
    pages = Page.objects.filter(depth__gt=1).exclude(**WELCOME_PAGE, numchild=0)
    return not (
        pages.exists() or NewsImage.objects.exists() or get_document_model().objects.exists()
    )


def restore(archive, progress=None):
    """Restore a verified archive into this (empty) instance; returns the manifest."""
    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        manifest = verify(archive, workdir)
        if manifest["database"] != connection.vendor:
            raise BackupError(
                f"The backup holds a {manifest['database']} database; this instance runs "
                f"{connection.vendor}. Restore it into a {manifest['database']} instance."
            )
        if not instance_is_empty():
            raise BackupError(
                "This instance already has content (pages, pictures or documents), and a "
                "restore would replace it. Restore into a new instance: an empty database, "
                "migrated or not, so nothing here is overwritten."
            )
        if connection.vendor == "sqlite":
            source = sqlite3.connect(workdir / SQLITE_DUMP)
            connection.ensure_connection()
            with source:
                source.backup(connection.connection)
            source.close()
        else:
            _run_postgres(
                "pg_restore", "--clean", "--if-exists", "--no-owner", str(workdir / POSTGRES_DUMP)
            )
        for entry in manifest["files"]:
            if not entry["name"].startswith("media/"):
                continue
            name = entry["name"].removeprefix("media/")
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile((workdir / entry["name"]).read_bytes()))
            if saved != name:
                raise BackupError(f"The storage renamed “{name}” to “{saved}”; check its settings.")
            if progress:
                progress()
    return manifest


def with_progress(verbosity, total, work):
    """``work(advance)`` under a bar counting media files; no bar at verbosity 0."""
    with Progress(disable=verbosity == 0) as progress:
        bar = progress.add_task("Media files", total=total)
        return work(lambda: progress.advance(bar))


def default_archive():
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"newsdesk-{stamp}.tar.gz"
