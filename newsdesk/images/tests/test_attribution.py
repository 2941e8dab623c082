"""Credits read as each licence asks, in the order the reference page and Commons use."""

import pytest
from django.template.loader import render_to_string

from newsdesk.images import licences
from newsdesk.images.factories import NewsImageFactory
from newsdesk.images.models import NewsImage

DEED = "https://creativecommons.org/licenses/by/4.0/"

# A new image asks the database for its default collection.
pytestmark = pytest.mark.django_db


def image(**fields):
    defaults = {"title": "Talks", "description": "Two leaders shake hands."}
    return NewsImage(**{**defaults, **fields})


def test_every_licence_knows_its_terms():
    by = licences.LICENCES["cc-by-4.0"]
    assert (by.url, by.requires_attribution, by.allows_derivatives, by.allows_commercial_use) == (
        DEED,
        True,
        True,
        True,
    )
    nc_nd = licences.LICENCES["cc-by-nc-nd-2.5"]
    assert nc_nd.url == "https://creativecommons.org/licenses/by-nc-nd/2.5/"
    assert (nc_nd.allows_derivatives, nc_nd.allows_commercial_use) == (False, False)
    assert licences.LICENCES["cc-by-sa-3.0"].name == "CC BY-SA 3.0"
    assert not licences.LICENCES["cc0-1.0"].requires_attribution
    assert not licences.LICENCES["public-domain"].requires_attribution
    assert not licences.LICENCES["agency"].allows_derivatives
    # Six Creative Commons licences in four versions, and the five others.
    assert len(licences.LICENCES) == 6 * 4 + 5


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://creativecommons.org/licenses/by-sa/4.0/deed.en", "cc-by-sa-4.0"),
        ("http://creativecommons.org/licenses/by/2.0", "cc-by-2.0"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "cc0-1.0"),
        ("https://example.com/terms", None),
    ],
)
def test_licences_are_recognised_from_their_deeds(url, code):
    found = licences.from_url(url)
    assert (found.code if found else None) == code


def test_the_reference_page_credit(reference_text):
    line = next(line for line in reference_text.splitlines() if line.startswith("Photo Credits:"))
    expected = line.removeprefix("Photo Credits:").strip()
    picture = image(
        creator="kremlin.ru",
        licence="cc-by-4.0",
        source_name="Wikimedia Commons",
        source_url="http://kremlin.ru/events/president/news/66182",
    )

    assert picture.attribution == expected == "kremlin.ru, CC BY 4.0, via Wikimedia Commons"
    assert picture.attribution_parts() == [
        ("kremlin.ru", "http://kremlin.ru/events/president/news/66182"),
        ("CC BY 4.0", DEED),
        ("via Wikimedia Commons", ""),
    ]


@pytest.mark.parametrize(
    ("fields", "text", "links"),
    [
        (  # Creative Commons, with the work's title first
            {
                "work_title": "Evening market",
                "creator": "A. Rao",
                "licence": "cc-by-sa-3.0",
                "source_name": "Flickr",
                "source_url": "https://flickr.example/p/1",
            },
            "“Evening market”, A. Rao, CC BY-SA 3.0, via Flickr",
            {
                "A. Rao": "https://flickr.example/p/1",
                "CC BY-SA 3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
            },
        ),
        (  # public domain dedication: credited as a courtesy
            {"creator": "NASA", "licence": "cc0-1.0"},
            "NASA, CC0 1.0",
            {"CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/"},
        ),
        (
            {
                "licence": "public-domain",
                "source_name": "Library of Congress",
                "source_url": "https://loc.example/1",
            },
            "Public domain, via Library of Congress",
            {
                "Public domain": "https://creativecommons.org/publicdomain/mark/1.0/",
                "via Library of Congress": "https://loc.example/1",
            },
        ),
        (  # staff: the photographer's name alone
            {"creator": "Dev Malhotra", "licence": "staff"},
            "Dev Malhotra",
            {},
        ),
        (
            {"creator": "The Okafor family", "licence": "permission"},
            "The Okafor family, used with permission",
            {},
        ),
        (  # agency: its name stands for the licence, linked to its terms when given
            {
                "creator": "Jane Doe",
                "licence": "agency",
                "agency": "Reuters",
                "licence_url": "https://agency.example/terms",
            },
            "Jane Doe, Reuters",
            {"Reuters": "https://agency.example/terms"},
        ),
        (  # an exact credit line replaces the names, never a CC licence notice
            {
                "credit_line": "Photo: J. Doe/Example Press",
                "licence": "cc-by-4.0",
                "creator": "J. Doe",
            },
            "Photo: J. Doe/Example Press, CC BY 4.0",
            {"CC BY 4.0": DEED},
        ),
    ],
)
def test_attribution_for_each_licence_family(fields, text, links):
    picture = image(**fields)

    assert picture.attribution == text
    assert {part: url for part, url in picture.attribution_parts() if url} == links


def test_the_figure_links_creator_and_licence():
    picture = NewsImageFactory(
        creator="kremlin.ru",
        licence="cc-by-4.0",
        source_name="Wikimedia Commons",
        source_url="http://kremlin.ru/events/",
        default_caption="The leaders in Moscow.",
    )

    html = render_to_string("images/includes/figure.html", {"image": picture, "caption": ""})

    assert '<span class="figure__caption">The leaders in Moscow.</span>' in html
    assert (
        'Credit: <a href="http://kremlin.ru/events/" rel="nofollow noopener">kremlin.ru</a>, '
        f'<a href="{DEED}" rel="license">CC BY 4.0</a>, via Wikimedia Commons'
    ) in html


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"licence": ""}, ["a licence"]),
        (
            {"licence": "cc-by-4.0", "creator": "", "source_url": "https://x.example/"},
            ["the creator's name (or an exact credit line)"],
        ),
        (
            {"licence": "cc-by-4.0", "creator": "A", "source_url": ""},
            ["the address of the page it came from (source URL)"],
        ),
        ({"licence": "agency", "creator": "A", "agency": ""}, ["the agency's name"]),
        ({"licence": "cc0-1.0"}, []),
        ({"licence": "staff", "creator": "Dev"}, []),
    ],
)
def test_what_each_licence_requires(fields, missing):
    assert image(**fields).missing_rights() == missing


def test_text_is_escaped_in_the_credit():
    picture = NewsImageFactory(
        creator="<script>alert(1)</script>", licence="staff", description='"><img onerror=x>'
    )

    html = render_to_string("images/includes/figure.html", {"image": picture})

    assert "<script>" not in html and "<img onerror" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
