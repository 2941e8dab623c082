"""
Every hostile string through every field a person can write, then every output that
shows it: nothing unescaped, no server error, no broken XML or JSON.

Each round builds a small newsroom of ``PER_ROUND`` stories, each with its own author,
topic, picture, live update, correction, significant-update note and reader comment,
written through the forms the admin and the reader pages use. Field ``f`` of item ``j``
in round ``r`` holds string ``(r * PER_ROUND + j + f) % len(CORPUS)``, so over the
rounds every string passes through every field once. A value a form refuses (too long,
a control character) must be refused with a sentence; those refused for a control
character are then stored directly, as an importer or the shell could, so the outputs'
own defence is tested too.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from newsdesk.live.models import CorrectionsPage

from .hostile_newsroom import (
    FIELDS,
    PER_ROUND,
    ROUNDS,
    Newsroom,
    query_string,
    string_for,
)
from .hostile_outputs import Outputs
from .hostile_strings import CONTROLS, CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("desk", password="pw")


@pytest.fixture
def corrections_page(home):
    page = CorrectionsPage(title="Corrections", slug="corrections")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_hostile_text_in_every_field_comes_out_escaped_everywhere(
    round_number, section, corrections_page, editor
):
    newsroom = Newsroom(round_number, section, corrections_page, editor)
    strings = {string_for(round_number, j, f) for j in range(PER_ROUND) for f in FIELDS}
    reader = Outputs(Client(), strings)

    reader.html("/")
    reader.html(section.url)
    reader.html(corrections_page.url)
    for story, author, topic in zip(
        newsroom.stories, newsroom.authors, newsroom.topics, strict=True
    ):
        reader.html(story.url)
        reader.html(reverse("author", args=[author.slug]))
        reader.html(reverse("topic", args=[topic.slug]))
        reader.json(reverse("live_updates_json", args=[story.pk]))
        reader.feed(reverse("live_updates_feed", args=[story.pk]))
    for value in list(strings)[:4]:
        reader.html(reverse("search") + "?" + query_string(value))
    for name in ("feed_rss", "feed_atom"):
        reader.feed(reverse(name))
    for kind in ("section", "topic", "author"):
        slug = {
            "section": section.slug,
            "topic": newsroom.topics[0].slug,
            "author": newsroom.authors[0].slug,
        }[kind]
        for format in ("rss", "atom"):
            reader.feed(reverse(f"{kind}_feed_{format}", args=[slug]))
    reader.feed(corrections_page.url + "feed/")
    reader.xml(reverse("sitemap"))
    for part in ("articles", "sections", "topics", "authors", "pages"):
        reader.xml(reverse("sitemap_section", args=[part]))
    reader.xml(reverse("news_sitemap"))

    desk = Outputs(Client(), strings)
    desk.client.force_login(editor)
    desk.html(reverse("wagtailadmin_explore", args=[section.pk]))
    desk.html(reverse("wagtailadmin_pages:edit", args=[newsroom.stories[0].pk]))
    desk.html(reverse("wagtailimages:index"))
    desk.html(reverse("newsdesk_image_rights"))
    desk.html(reverse("comments:queue") + "?state=approved")
    desk.html(reverse("wagtailsnippets_people_author:list"))
    desk.html(reverse("wagtailsnippets_topics_topic:list"))
    desk.html(reverse("live:desk", args=[newsroom.stories[0].pk]))
    desk.csv(reverse("newsdesk_image_rights") + "?export=csv")
    desk.xlsx(reverse("newsdesk_image_rights") + "?export=xlsx")

    assert reader.problems + desk.problems == []


def test_every_refusal_is_a_sentence_and_control_characters_are_refused(
    section, corrections_page, editor
):
    # The round whose strings include the control characters.
    first = CORPUS.index(CONTROLS[0])
    newsroom = Newsroom(first // PER_ROUND, section, corrections_page, editor)
    refused_for_control = [s for _field, s in newsroom.refusals.sentences if "control" in s]

    assert refused_for_control, "no field refused a control character"
    assert all(
        "invisible control character" in s or "control characters" in s for s in refused_for_control
    )
