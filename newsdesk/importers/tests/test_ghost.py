"""Ghost's own exports (Ghost 6 with Lexical bodies, Ghost 4 with mobiledoc), brought in whole."""

import json
import re

import pytest
from django.core.management.base import CommandError
from PIL import Image
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.comments.models import Comment
from newsdesk.home.models import StandardPage
from newsdesk.images.models import NewsImage
from newsdesk.importers import ghost_content
from newsdesk.importers.models import ImportRecord
from newsdesk.newsletters.models import (
    Newsletter,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

pytestmark = pytest.mark.django_db


def _tables(path):
    return json.loads(path.read_text(encoding="utf-8"))["db"][0]["data"]


def _types(slug):
    return [block.block_type for block in ArticlePage.objects.get(slug=slug).body]


def _everything():
    return (
        Page.objects.count(),
        Author.objects.count(),
        Topic.objects.count(),
        Comment.objects.count(),
        Redirect.objects.count(),
        ImportRecord.objects.count(),
        Newsletter.objects.count(),
        Subscriber.objects.count(),
        Subscription.objects.count(),
    )


@pytest.mark.database
def test_the_ghost_6_export_comes_in_whole(ghost_export, run_ghost_import, client):
    path = ghost_export("ghost-6-export-with-members-comments.json")
    tables = _tables(path)
    output = run_ghost_import(path)
    posts = [p for p in tables["posts"] if p["type"] == "post"]
    pages = [p for p in tables["posts"] if p["type"] == "page"]
    public_tags = [t for t in tables["tags"] if t["visibility"] == "public"]
    assert ArticlePage.objects.count() == len(posts) == 11
    assert StandardPage.objects.count() == len(pages) == 2
    assert Author.objects.count() == len(tables["users"]) == 4
    assert Topic.objects.count() == len(public_tags) == 16
    assert Comment.objects.count() == len(tables["comments"]) == 4
    assert "could not be imported" not in output

    # Statuses: 9 published, the draft, the scheduled post, the members-only post.
    live = ArticlePage.objects.live()
    assert live.count() == 8  # nine published, less the members-only one
    assert not ArticlePage.objects.get(slug="harbour-street-bakery-fifty-years").live
    scheduled = ArticlePage.objects.get(slug="riverside-arts-festival-2027-programme")
    assert not scheduled.live and scheduled.go_live_at.isoformat() == "2026-12-12T08:00:00+00:00"
    members = ArticlePage.objects.get(slug="school-meals-pilot-expands")
    assert not members.live and "Members-only or paid" in output

    # Internal tags stay out of topics and are kept with the story.
    flood = ArticlePage.objects.get(
        slug="council-approves-flood-barrier-upgrade-millrace-embankment"
    )
    assert not Topic.objects.filter(name__startswith="#").exists()
    record = ImportRecord.objects.get(kind="post", object_id=str(flood.pk))
    assert record.data["internal_tags"] == ["#front-page"]
    # Bylines in Ghost's order; the first publication time; the old address redirects.
    two = [p for p in ArticlePage.objects.all() if len(p.authors) == 2]
    assert len(two) == 2
    assert flood.first_published_at.isoformat() == "2026-11-18T09:30:00+00:00"
    response = client.get("/council-approves-flood-barrier-upgrade-millrace-embankment/")
    assert response.status_code == 301 and response["Location"] == flood.url

    # Every card type the export holds, in the block it should become.
    assert "html" in _types("riverside-tram-line-to-reopen-in-2028")  # image card, no file
    assert "embed" in _types("watch-volunteers-rebuild-old-ferry-landing")
    assert "table" in _types("live-results-riverside-north-by-election")  # HTML card's table
    assert "code" in _types("how-we-counted-1312-potholes")
    assert "separator" in _types("how-we-counted-1312-potholes")
    assert "fact_box" in _types("school-meals-pilot-expands")  # the callout
    assert "quote" in _types("riverside-library-sunday-opening")
    bus = ArticlePage.objects.get(slug="bus-timetable-changes-january-what-you-need-to-know")
    # The bookmark card to the council's page is an Also Read link card, counted.
    (card,) = [b.value for b in bus.body if b.block_type == "also_read"]
    assert card["article"] is None and card["title"]
    assert "riverside-council.example/transport/bus-timetables-2027" in card["url"]
    assert "Also Read link cards to stories on other sites" in output
    assert "bookmark card" in output
    assert re.search(r"^  paywall ×1$", output, re.M)
    code = next(
        b.value
        for b in ArticlePage.objects.get(slug="how-we-counted-1312-potholes").body
        if b.block_type == "code"
    )
    assert code["language"] == "python" and "import pandas as pd" in code["code"]

    # Members' comments keep their thread.
    reply = Comment.objects.get(reply_to__isnull=False)
    assert reply.thread == reply.reply_to and reply.email.endswith("example.invalid")
    for page in Page.objects.live().type(ArticlePage, StandardPage):
        assert client.get(page.url).status_code == 200, page.url


def test_the_ghost_4_fixture_comes_in_from_mobiledoc(ghost_export, run_ghost_import, client):
    path = ghost_export("ghost-4-export-fixture.json")
    tables = _tables(path)
    output = run_ghost_import(path)
    assert ArticlePage.objects.count() == len([p for p in tables["posts"] if p["type"] == "post"])
    assert StandardPage.objects.count() == 4
    assert Author.objects.count() == len(tables["users"])
    assert "could not be imported" not in output
    assert not ArticlePage.objects.get(slug="sell").live  # a paid post
    write = _types("write")
    assert "embed" in write and "separator" in write
    assert write.count("html") >= 5  # image and gallery cards whose files are elsewhere
    assert "code" in _types("design")
    assert "separator" in _types("grow")
    # The markdown card became blocks of its own, not Markdown source.
    integrations = ArticlePage.objects.get(slug="integrations")
    text = " ".join(str(b.value) for b in integrations.body)
    assert "](" not in text
    # The bookmark card (to another site) is an Also Read link card with its title.
    (card,) = [
        b.value for b in ArticlePage.objects.get(slug="write").body if b.block_type == "also_read"
    ]
    assert (card["url"], card["title"]) == (
        "https://opensubscriptionplatforms.com/",
        "Open Subscription Platforms",
    )
    assert "independent subscription data" in card["description"]
    for page in ArticlePage.objects.live():
        assert client.get(page.url).status_code == 200


def test_every_card_type_has_a_mapping(ghost_export):
    names = set()
    for name in ("ghost-6-export.json", "ghost-4-export-fixture.json"):
        for post in _tables(ghost_export(name))["posts"]:
            if post.get("lexical"):
                nodes = [json.loads(post["lexical"])["root"]]
                while nodes:
                    node = nodes.pop()
                    names.add(ghost_content.ALIASES.get(node["type"], node["type"]))
                    nodes += node.get("children") or []
            if post.get("mobiledoc"):
                names |= {card[0] for card in json.loads(post["mobiledoc"])["cards"]}
    cards = names - {
        "root",
        "paragraph",
        "extended-text",
        "text",
        "link",
        "listitem",
        "list",
        "extended-heading",
        "extended-quote",
        "linebreak",
    }
    cards = {ghost_content.ALIASES.get(name, name) for name in cards}
    assert cards <= set(ghost_content.CARDS), cards - set(ghost_content.CARDS)
    assert {
        "image",
        "gallery",
        "bookmark",
        "embed",
        "code",
        "markdown",
        "html",
        "callout",
        "hr",
        "paywall",
    } <= cards


def test_pictures_come_with_the_credit_and_licence_their_caption_states(
    ghost_export, run_ghost_import, tmp_path
):
    folder = tmp_path / "images" / "2026" / "11"
    folder.mkdir(parents=True)
    Image.new("RGB", (1200, 675), "#68a").save(folder / "millrace-embankment.jpg", "JPEG")
    run_ghost_import(ghost_export("ghost-6-export.json"), "--media-dir", str(tmp_path / "images"))
    image = NewsImage.objects.get()
    assert image.creator == "Priya Raman"
    assert image.source_name == "The Riverside Courier"
    assert image.licence == "cc-by-sa-4.0"
    assert image.description.startswith("Stone embankment wall")
    assert image.default_caption.startswith("The embankment wall near Weaver’s Bridge")
    flood = ArticlePage.objects.get(
        slug="council-approves-flood-barrier-upgrade-millrace-embankment"
    )
    assert flood.lead_image == image


@pytest.mark.parametrize(
    ("caption", "text", "rights"),
    [
        (
            'The wall. Photo: Priya Raman / The Courier, licensed <a href="https://'
            'creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>',
            "The wall.",
            {"creator": "Priya Raman", "source": "The Courier", "licence": "cc-by-sa-4.0"},
        ),
        ("Shelves. Illustration: Tomasz Wójcik", "Shelves.", {"creator": "Tomasz Wójcik"}),
        ("Just a caption.", "Just a caption.", {}),
    ],
)
def test_captions_are_read_for_credits(caption, text, rights):
    found_text, found = ghost_content.read_caption(caption)
    assert found_text == text
    assert {k: v for k, v in found.items() if k in rights and v} == rights


@pytest.mark.database
def test_running_again_duplicates_nothing(ghost_export, run_ghost_import):
    path = ghost_export("ghost-6-export-with-members-comments.json")
    run_ghost_import(path)
    before = _everything()
    output = run_ghost_import(path)
    assert _everything() == before
    assert "unchanged post: 11" in output


def test_ghosts_newsletters_and_members_come_in_with_their_subscriptions(
    ghost_export, run_ghost_import
):
    path = ghost_export("ghost-6-export-with-members-comments.json")
    tables = _tables(path)
    subscribed = {row["member_id"] for row in tables["members_newsletters"]}
    members = {m["id"]: m for m in tables["members"]}

    output = run_ghost_import(path)

    (ghost_list,) = tables["newsletters"]
    newsletter = Newsletter.objects.get(name=ghost_list["name"])
    assert newsletter.public == (ghost_list["status"] == "active")
    on_list = {
        s.subscriber.email: s
        for s in Subscription.objects.filter(newsletter=newsletter).select_related("subscriber")
    }
    assert set(on_list) == {members[m]["email"] for m in subscribed}
    for member_id in subscribed:
        subscription = on_list[members[member_id]["email"]]
        assert subscription.status == SubscriptionStatus.ACTIVE
        assert (
            subscription.consented_at.strftime("%Y-%m-%d %H:%M:%S")
            == (members[member_id]["created_at"])
        )
    never = [m["email"] for m in members.values() if m["id"] not in subscribed]
    assert never, "the export has a member who took no newsletter"
    for email in never:
        assert Subscriber.objects.get(email=email).status == SubscriberStatus.UNSUBSCRIBED
        assert not Subscription.objects.filter(subscriber__email=email).exists()
    assert "created member: 3" in output and "created newsletter: 1" in output


def test_a_dry_run_writes_nothing(ghost_export, run_ghost_import):
    before = _everything()
    output = run_ghost_import(ghost_export("ghost-6-export.json"), "--dry-run")
    assert _everything() == before
    assert "created post: 11" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"db": [{"meta": {"version": "6.65.0"}, "data": {"posts": [', "is not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "is not text"),
        (b'{"posts": []}', "not a Ghost export"),
        (b"[1, 2, 3]", "not a Ghost export"),
        (b'{"db": [{"meta": {"version": "2.1.0"}, "data": {}}]}', "version 2.1.0"),
        (b'{"db": [{"meta": {}, "data": {}}]}', "version unknown"),
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(
    tmp_path, run_ghost_import, content, message
):
    path = tmp_path / "export.json"
    path.write_bytes(content)
    before = _everything()
    with pytest.raises(CommandError, match=re.escape(message)):
        run_ghost_import(path)
    assert _everything() == before


def test_an_editor_change_survives_a_re_run(ghost_export, run_ghost_import, tmp_path):
    path = ghost_export("ghost-6-export.json")
    run_ghost_import(path)
    story = ArticlePage.objects.get(slug="riverside-library-sunday-opening")
    story.title = "Library opens on Sundays"
    story.save_revision().publish()
    changed = json.loads(path.read_text(encoding="utf-8"))
    for post in changed["db"][0]["data"]["posts"]:
        if post["slug"] == "riverside-library-sunday-opening":
            post["title"] = "Riverside Library to open on Sundays from 5 January"
    again = tmp_path / "changed.json"
    again.write_text(json.dumps(changed), encoding="utf-8")
    output = run_ghost_import(again)
    story.refresh_from_db()
    assert story.title == "Library opens on Sundays" and story.live
    assert story.get_latest_revision().as_object().title.endswith("from 5 January")
    assert "Changed by editors since the last import" in output


def test_a_feature_image_without_its_file_keeps_caption_credit_and_alt(
    ghost_export, run_ghost_import
):
    output = run_ghost_import(ghost_export("ghost-6-export.json"))
    flood = ArticlePage.objects.get(
        slug="council-approves-flood-barrier-upgrade-millrace-embankment"
    )
    assert flood.lead_image is None
    placeholder = flood.body[0]
    assert placeholder.block_type == "html"
    text = str(placeholder.value)
    assert "The embankment wall near Weaver’s Bridge" in text
    assert "Priya Raman" in text and "Stone embankment wall" in text
    record = ImportRecord.objects.get(kind="post", object_id=str(flood.pk))
    feature = record.data["feature_image"]
    assert feature["caption"].startswith("The embankment wall near Weaver’s Bridge")
    assert feature["url"].endswith("millrace-embankment.jpg")
    assert "millrace-embankment.jpg" in output  # listed among pictures not imported
