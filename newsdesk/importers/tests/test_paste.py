"""HTML and text pasted into a story's body: blocks by the page importer's cleaning path."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from newsdesk.importers import extract

pytestmark = pytest.mark.django_db

PAGE = (Path(__file__).parent / "pages" / "coast-daily-ferry.html").read_text()


@pytest.fixture
def reporter_client(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("paster", password="x")
    user.groups.add(Group.objects.get(name="Reporters"))
    client.force_login(user)
    return client


def _paste(client, **data):
    response = client.post(reverse("newsdesk_paste"), data)
    return response.status_code, json.loads(response.content)


def test_a_saved_page_becomes_blocks_without_its_boilerplate(reporter_client):
    status, reply = _paste(reporter_client, html=PAGE, text="ignored")
    assert status == 200
    types = [b["type"] for b in reply["blocks"]]
    assert types == ["paragraph", "heading", "paragraph", "paragraph", "html", "quote", "paragraph"]
    everything = json.dumps(reply["blocks"])
    for boilerplate in ("ADVERTISEMENT", "Share on", "Home", "All rights reserved", "Dana Reyes"):
        assert boilerplate not in everything, boilerplate
    # Rich text comes in the editor's own form, a list stays a list.
    assert "What changed" in everything and "unordered-list-item" in everything
    assert reply["headline"] == "Ferry service to the islands resumes after storm"
    assert {"a menu", "an advertisement", "share buttons"} <= set(reply["dropped"])
    # The picture cannot come with its rights: a placeholder asks for them.
    assert reply["pictures"] == 1
    assert "Picture to add" in everything and "coastdaily.example/img/ferry.jpg" in everything
    assert reply["message"].startswith("7 blocks made from the paste. Left out: ")
    assert reply["message"].endswith("1 picture needs uploading with its credit and licence.")


def test_plain_text_with_blank_lines_makes_paragraphs(reporter_client):
    text = "First paragraph, line one\nline two.\n\n\nSecond <script>x</script> paragraph.\n"
    status, reply = _paste(reporter_client, text=text)
    assert status == 200
    assert [b["type"] for b in reply["blocks"]] == ["paragraph", "paragraph"]
    # What was typed is text: kept as the words, never as markup.
    states = [json.loads(b["value"]) for b in reply["blocks"]]
    assert states[0]["blocks"][0]["text"] == "First paragraph, line one\nline two."
    assert states[1]["blocks"][0]["text"] == "Second <script>x</script> paragraph."


def test_nothing_readable_and_oversized_pastes_are_refused_with_a_reason(reporter_client):
    status, reply = _paste(reporter_client, html="<div><script>alert(1)</script></div>")
    assert status == 400 and reply["error"] == "No text was found in what was pasted."
    deep = "<html><body>" + "<div>x" * 400 + "<p>Deep.</p>" + "</div>" * 400 + "</body></html>"
    status, reply = _paste(reporter_client, html=deep)
    assert status == 400 and "nested 402 levels deep" in reply["error"]


def test_only_admin_users_may_paste(client, django_user_model):
    response = client.post(reverse("newsdesk_paste"), {"text": "a\n\nb"})
    assert response.status_code == 302  # to the admin's login
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    response = client.post(reverse("newsdesk_paste"), {"text": "a\n\nb"})
    assert response.status_code in (302, 403)
    assert client.get(reverse("newsdesk_paste")).status_code in (302, 405)


def test_wrappers_hundreds_deep_are_unwrapped_not_refused():
    deep = "<html><body>" + "<div>" * 400 + "<p>Text at the bottom.</p>" + "</div>" * 400
    found = extract.page_blocks(deep + "</body></html>")
    assert [b["value"] for b in found.blocks] == ["<p>Text at the bottom.</p>"]


def test_related_links_in_a_paste_become_also_read_blocks(reporter_client, article):
    markup = (
        "<article><p>The council met on Monday to agree the spending plan for next year.</p>"
        f"<p>Also Read: <a href='https://elsewhere.example/x/'>{article.title}</a></p>"
        "<p>The vote was close, with seven councillors in favour and six against.</p>"
        '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
        'href="https://ferries.example/winter/"><div class="kg-bookmark-content">'
        '<div class="kg-bookmark-title">Winter ferry times</div>'
        '<div class="kg-bookmark-description">Sailings until March.</div></div></a></figure>'
        "<p>The plan goes to a second vote in the new year.</p></article>"
    )
    status, reply = _paste(reporter_client, html=markup, text="")
    assert status == 200
    cards = [b["value"] for b in reply["blocks"] if b["type"] == "also_read"]
    # The headline names a story here; the bookmark is a card to the other site.
    assert cards[0]["article"]["id"] == article.pk and not cards[0]["url"]
    assert (cards[1]["url"], cards[1]["title"]) == (
        "https://ferries.example/winter/",
        "Winter ferry times",
    )
    assert cards[1]["description"] == "Sailings until March."
