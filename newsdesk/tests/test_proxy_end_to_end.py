"""
End to end through the reference deployment's reverse proxy: Debian's Varnish with
``deploy/varnish/newsdesk.vcl`` in front of the site, Redis (Debian's ``redis-server``)
as its caches. An editor's correction must reach readers through the proxy within a
second.

Both servers are started here on free loopback ports and stopped afterwards;
``scripts/install-proxy.sh`` installs them (CI runs it).
"""

import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from newsdesk.articles.models import ArticlePage
from newsdesk.demo import content
from newsdesk.live import coverage
from newsdesk.users.models import User

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "newsdesk.vcl"

pytestmark = [
    pytest.mark.proxy,
    # On CI also with PostgreSQL behind it: the deployment's three real engines.
    pytest.mark.database,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (shutil.which("varnishd") and shutil.which("redis-server")),
        reason="needs Debian's varnish and redis-server (scripts/install-proxy.sh)",
    ),
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_healthy_backend(address):
    """
    Varnish starts with the backend counted sick until its first health probe answers
    (``.initial`` is one below ``.threshold``): wait for that, rather than race it.
    """
    for _ in range(100):
        try:
            with urllib.request.urlopen(address + "/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("Varnish never found the application healthy")


def _wait_for(port, process, what):
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped: {process.stdout.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start on port {port}")


@pytest.fixture
def redis(settings):
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (fixed argv)
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(port, server, "redis-server")
        url = f"redis://127.0.0.1:{port}/0"
        settings.CACHES = {
            name: {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": f"newsdesk:{name}",
            }
            for name in ("default", "pages")
        }
        settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": True}
        yield url
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def varnish(live_server, redis, settings):
    """Varnish with the reference VCL in front of the live server; yields its address."""
    port = _free_port()
    backend = live_server.url.rsplit(":", 1)[1]
    # Run as root, varnishd reads its files as its own unprivileged user.
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-varnish-"))
    folder.chmod(0o755)
    vcl = folder / "newsdesk.vcl"
    vcl.write_text(re.sub(r'\.port = "\d+";', f'.port = "{backend}";', VCL.read_text(), count=1))
    vcl.chmod(0o644)
    server = subprocess.Popen(  # noqa: S603 (fixed argv)
        [
            shutil.which("varnishd"),
            "-F",
            "-n",
            str(folder / "state"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,64m",
            "-p",
            "ban_lurker_sleep=0.01",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(port, server, "varnishd")
        _wait_for_healthy_backend(f"http://127.0.0.1:{port}")
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{port}",
            }
        }
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


def _get(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return response.status, response.headers, response.read().decode()


def test_a_correction_reaches_readers_through_the_proxy_within_a_second(
    newsroom, varnish, client, record_property
):
    story = ArticlePage.objects.get(slug=content.FLAGSHIP)
    address = varnish + story.url

    status, first, _body = _get(address)
    status_again, second, body = _get(address)
    assert status == status_again == 200
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert "s-maxage=300" in second["Cache-Control"]
    assert "Set-Cookie" not in second
    note = "The talks were held on 4 December, not 5 December."
    assert note not in body

    corrected = time.monotonic()
    coverage.correct(story, User.objects.get(username="editor"), kind="correction", note=note)
    while True:
        _status, headers, body = _get(address)
        if note in body or time.monotonic() - corrected > 5:
            break
        time.sleep(0.02)
    seen_after = time.monotonic() - corrected
    record_property("correction_seen_after_seconds", round(seen_after, 3))

    assert note in body
    assert seen_after < 1.0
    # Readers keep being served from the proxy once it has the corrected page.
    assert _get(address)[1]["X-Cache"] == "HIT"


def test_a_logged_in_editor_gets_past_the_proxy(newsroom, varnish, client):
    story = ArticlePage.objects.get(slug=content.FLAGSHIP)
    client.force_login(User.objects.get(username="editor"))
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    _get(varnish + story.url)

    for _ in range(2):
        _status, headers, body = _get(varnish + story.url, cookie=cookie)
        assert headers["X-Cache"] == "MISS"
        assert "private" in headers["Cache-Control"]
        assert "X-Newsdesk-Cache" not in headers


def test_the_proxy_serves_a_link_with_trackers_from_the_same_copy(newsroom, varnish):
    story = ArticlePage.objects.get(slug=content.FLAGSHIP)
    _get(varnish + story.url)

    for query in ("utm_source=newsletter&utm_medium=email", "fbclid=IwAR0", "gclid=a&_ga=b"):
        _status, headers, _body = _get(f"{varnish}{story.url}?{query}")
        assert headers["X-Cache"] == "HIT", query
    # Parameters that are not trackers reach the application, which knows what they mean.
    _status, headers, _body = _get(f"{varnish}{story.url}?page=2&utm_source=x")
    assert headers["X-Cache"] == "MISS"
