import json
import os
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise
# refuse the test's own database calls as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from newsdesk import chromium


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time():
    """
    Serve the browser's requests one at a time. With SQLite's in-memory test database every
    thread of Django's live server shares one connection, so two requests in flight at
    once (a page and a script's fetch) would interleave their transactions; one failing
    query then breaks the other's ("An error occurred in the current transaction"). A
    server without threads answers each request in turn and closes the connection after
    it, which browsers handle as any HTTP/1.1 server's ``Connection: close``.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class OneAtATime(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LiveServerThread, "server_class", OneAtATime)
        yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium.executable()
    if executable is None:
        pytest.fail("Chromium is not installed: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=chromium.FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open pages in browser contexts of their own (one per person), closed after the test."""
    contexts = []

    def new_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def newsroom(live_server, migrated_data, settings, tmp_path):
    """The demo newsroom served by the live server: its address and the demo's logins."""
    from django.core.management import call_command

    settings.DATA_DIR = tmp_path
    address = urlsplit(live_server.url)
    call_command("load_demo", "--host", address.hostname, "--port", str(address.port), "--no-warm")
    return live_server.url, json.loads((tmp_path / "demo-logins.json").read_text())


@pytest.fixture
def log_in(newsroom):
    """Log a browser page in to the admin as one of the demo's logins."""
    base, logins = newsroom

    def log_in(page, username):
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", logins[username])
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/admin/")

    return log_in
