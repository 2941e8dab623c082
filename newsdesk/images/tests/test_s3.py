"""
Pictures in S3-compatible object storage through django-storages, as production stores
them when ``NEWSDESK_S3_BUCKET`` is set.

The server is moto's standalone server: an emulator of the S3 API that runs locally, not
Amazon's service. It proves the storage settings, uploads, renditions and backups work
over the S3 protocol; a real provider's permissions and consistency are not tested here.
"""

import hashlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.files.storage import default_storage

from newsdesk.images import renditions
from newsdesk.images.factories import NewsImageFactory
from newsdesk.operations import backups

BUCKET = "newsdesk-media"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 emulator on a free loopback port; yields its address."""
    program = shutil.which("moto_server", path=str(sys.prefix) + "/bin")
    if program is None:
        pytest.skip("moto's server is not installed (pip install -e '.[dev]')")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (fixed argv)
        [program, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(address, timeout=1)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.1)
        yield address
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """Media stored in a fresh bucket of the emulator, as production settings name it."""
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "newsdesk-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "newsdesk-test")
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "newsdesk.core.s3.MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "file_overwrite": False,
                "querystring_auth": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _objects(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.django_db
def test_an_uploaded_picture_and_its_renditions_live_in_the_bucket(bucket):
    image = NewsImageFactory()
    image.refresh_from_db()

    stored = _objects(bucket)
    assert image.file.name in stored
    assert image.file.url.startswith(f"{default_storage.endpoint_url}/{BUCKET}/")
    rendition = renditions.rendition(image, "card")
    assert rendition is not None
    assert rendition.file.name in _objects(bucket)
    with default_storage.open(image.file.name, "rb") as handle:
        assert handle.read()[:2] in (b"\xff\xd8", b"\x89P", b"GI", b"RI")
    # Renditions are named by what they hold, so the bucket tells every cache to keep them.
    assert rendition.file.name.startswith("renditions/")
    head = bucket.head_object(Bucket=BUCKET, Key=rendition.file.name)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert "CacheControl" not in bucket.head_object(Bucket=BUCKET, Key=image.file.name)


def test_a_backup_holds_every_file_of_the_bucket_with_its_checksum(migrated_data, bucket, tmp_path):
    # The database is snapshotted as committed data, as on a running site.
    image = NewsImageFactory()
    renditions.rendition(image, "card")
    expected = {}
    for key in _objects(bucket):
        with default_storage.open(key, "rb") as handle:
            expected[f"media/{key}"] = hashlib.sha256(handle.read()).hexdigest()
    archive = tmp_path / "site.tar.gz"

    backups.create(archive)
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    manifest = backups.verify(archive, unpacked)

    media = {e["name"]: e["sha256"] for e in manifest["files"] if e["name"].startswith("media/")}
    assert len(expected) >= 2
    assert media == expected
