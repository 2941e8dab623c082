"""A reader opens the flagship story in headless Chromium."""

import pytest

from newsdesk.articles.models import ArticlePage
from newsdesk.demo import content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_reader_sees_the_flagship_story_on_a_phone(page, newsroom):
    base = newsroom[0]
    page.set_viewport_size({"width": 375, "height": 812})
    flagship = ArticlePage.objects.get(slug=content.FLAGSHIP)

    page.goto(base + flagship.url)

    assert page.locator("h1").inner_text() == flagship.title
    headings = page.locator(".article__body h2").all_inner_texts()
    assert headings == [
        "Introduction",
        "Main Details",
        "Background",
        "Latest Updates",
        "Conclusion",
    ]
    credit = page.locator(".figure--lead .figure__credit")
    assert credit.is_visible()
    assert credit.inner_text() == (
        "Credit: newsdesk demo studio, CC BY 4.0, via the newsdesk demo library"
    )
    for name, address in (
        ("newsdesk demo studio", "https://github.com/newsdesk"),
        ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    ):
        link = credit.get_by_role("link", name=name)
        assert link.get_attribute("href") == address
    # Every picture on the page offers sizes to choose from.
    without_srcset = page.locator("img").evaluate_all(
        "imgs => imgs.filter(img => !img.srcset || !img.sizes).map(img => img.src)"
    )
    assert without_srcset == []
    lead_image = page.locator(".figure--lead img")
    lead_image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=lead_image.element_handle()
    )
    also_read = page.locator(".also-read")
    assert also_read.locator(".card__headline").inner_text() == (
        ArticlePage.objects.get(slug="stranger-things-final-season-volume-one").title
    )
    also_read.locator(".card__headline a").click()
    page.wait_for_url("**/culture/stranger-things-final-season-volume-one/")
    page.go_back()
    # The licence link works: it leads to the deed (answered here, the machine is offline).
    page.route(
        "https://creativecommons.org/**",
        lambda route: route.fulfill(body="<title>Deed</title>CC BY 4.0", content_type="text/html"),
    )
    credit.get_by_role("link", name="CC BY 4.0").click()
    page.wait_for_url("https://creativecommons.org/licenses/by/4.0/")
    page.go_back()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
