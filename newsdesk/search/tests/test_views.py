from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.people.factories import AuthorFactory
from newsdesk.topics.factories import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]

HOSTILE = [
    "",
    "a",
    "x" * 10_000,
    "ferry " * 3000,
    '"""',
    'he said "harbour',
    "'; DROP TABLE wagtailcore_page; --",
    "1 OR 1=1",
    "<script>alert('x')</script>",
    "AND OR NOT NEAR",
    "ferry* -harbour +(council)",
    "\x00\x1f",
]


def _story(section, publish, title, days_ago=0, **kwargs):
    page = ArticlePageFactory(parent=section, title=title, live=False, **kwargs)
    publish(page)
    page.first_published_at = timezone.now() - timedelta(days=days_ago)
    page.save()
    return page


@pytest.fixture
def stories(home, section, publish):
    business = SectionPageFactory(parent=home, title="Business", slug="business")
    ferry = _story(
        section,
        publish,
        "Harbour ferry returns after repairs",
        standfirst="Crossings resume on Monday.",
        authors=[AuthorFactory(name="Meera Raghavan")],
        days_ago=3,
    )
    ferry.topics = [TopicFactory(name="Transport")]
    ferry.save_revision().publish()
    budget = _story(
        business,
        publish,
        "Council passes budget",
        standfirst="Bus routes gain, roads lose.",
        article_type="analysis",
        body=[{"type": "paragraph", "value": "<p>The ferry subsidy is cut by a third.</p>"}],
        authors=[AuthorFactory(name="Tomás Ferreira")],
        days_ago=1,
    )
    return ferry, budget


def _titles(response):
    return [story.title for story, _snippet in response.context["results"] or []]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("harbour", ["Harbour ferry returns after repairs"]),
        ("crossings", ["Harbour ferry returns after repairs"]),
        ("subsidy", ["Council passes budget"]),
        ("Raghavan", ["Harbour ferry returns after repairs"]),
        ("transport", ["Harbour ferry returns after repairs"]),
    ],
)
def test_search_covers_headline_standfirst_body_authors_and_topics(
    client, stories, query, expected
):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert _titles(response) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Possessives: "Raghavan's" is the name.
        ("Raghavan's", ["Harbour ferry returns after repairs"]),
        ("Raghavan’s", ["Harbour ferry returns after repairs"]),
        # Stems, both ways: the plural finds the singular and the verb its other forms.
        ("ferries", ["Council passes budget", "Harbour ferry returns after repairs"]),
        ("repaired", ["Harbour ferry returns after repairs"]),
        ("passing budgets", ["Council passes budget"]),
    ],
)
def test_possessives_and_other_forms_of_a_word_are_found(client, stories, query, expected):
    response = client.get("/search/", {"q": query, "order": "newest"})

    assert sorted(_titles(response)) == expected


def test_a_search_that_finds_nothing_suggests_the_newsrooms_own_word(client, stories):
    response = client.get("/search/", {"q": "Ragavan"})

    assert _titles(response) == []
    assert response.context["suggestion"] == "Raghavan"
    html = response.content.decode()
    assert 'Did you mean <a href="?q=Raghavan">Raghavan</a>?' in html
    followed = client.get("/search/", {"q": response.context["suggestion"]})
    assert _titles(followed) == ["Harbour ferry returns after repairs"]


@pytest.mark.parametrize("query", ["zzyzx", "a b c", "Council zzyzx"])
def test_no_suggestion_when_nothing_is_close_or_it_would_find_nothing(client, stories, query):
    response = client.get("/search/", {"q": query})

    assert _titles(response) == []
    assert response.context["suggestion"] == ""
    assert "Did you mean" not in response.content.decode()


def test_filters_narrow_the_results(client, stories):
    def titles(**params):
        return sorted(_titles(client.get("/search/", {"q": "ferry", **params})))

    both = ["Council passes budget", "Harbour ferry returns after repairs"]
    assert titles() == both
    assert titles(section="business") == ["Council passes budget"]
    assert titles(type="analysis") == ["Council passes budget"]
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    assert titles(since=since) == ["Council passes budget"]
    assert titles(until=since) == ["Harbour ferry returns after repairs"]


def test_newest_first_orders_by_publication(client, stories):
    response = client.get("/search/", {"q": "ferry", "order": "newest"})

    assert _titles(response) == ["Council passes budget", "Harbour ferry returns after repairs"]


def test_snippets_highlight_the_words_found(client, stories):
    html = client.get("/search/", {"q": "subsidy"}).content.decode()

    assert "<mark>subsidy</mark>" in html


def test_results_are_paginated(client, section, publish):
    for n in range(12):
        _story(section, publish, f"Lighthouse story {n}")

    first = client.get("/search/", {"q": "lighthouse"})
    second = client.get("/search/", {"q": "lighthouse", "page": 2})

    assert len(first.context["results"].object_list) == 10
    assert len(second.context["results"].object_list) == 2
    assert "page=2" in first.content.decode()
    assert client.get("/search/", {"q": "lighthouse", "page": 9}).status_code == 404


def test_drafts_are_never_found(client, section, stories):
    ArticlePageFactory(parent=section, title="Secret harbour draft", live=False)

    assert "Secret harbour draft" not in _titles(client.get("/search/", {"q": "secret"}))


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_normal_page(client, stories, query):
    response = client.get("/search/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Search</h1>" in html
    assert "<script>alert" not in html


def test_invalid_filters_are_reported_not_raised(client, stories):
    response = client.get("/search/", {"q": "ferry", "since": "yesterday", "section": "nope"})

    assert response.status_code == 200
    assert response.context["form"].errors


# The admin's page search


def _admin_titles(client, query):
    from django.urls import reverse

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return sorted(page.title for page in response.context["pages"])


def test_editors_find_stories_by_body_standfirst_byline_and_topic_drafts_included(
    client, stories, section
):
    from newsdesk.articles.factories import ArticlePageFactory
    from newsdesk.testing import make_user

    draft = ArticlePageFactory(
        parent=section,
        title="Untitled draft",
        live=False,
        standfirst="Notes so far.",
        body=[{"type": "paragraph", "value": "<p>The quarry permit lapses in June.</p>"}],
    )
    draft.save_revision()
    client.force_login(make_user("editor", "Editors"))

    assert _admin_titles(client, "subsidy") == ["Council passes budget"]
    assert _admin_titles(client, "Crossings") == ["Harbour ferry returns after repairs"]
    assert _admin_titles(client, "Raghavan") == ["Harbour ferry returns after repairs"]
    assert _admin_titles(client, "Transport") == ["Harbour ferry returns after repairs"]
    assert _admin_titles(client, "quarry") == ["Untitled draft"]
    # Partial words, as an editor types them.
    assert _admin_titles(client, "subsid") == ["Council passes budget"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_admin_searches_get_a_normal_page(client, stories, query):
    from django.urls import reverse

    from newsdesk.testing import make_user

    client.force_login(make_user("editor", "Editors"))
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
