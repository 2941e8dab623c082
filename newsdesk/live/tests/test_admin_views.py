import pytest
from django.urls import reverse

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.images.factories import NewsImageFactory
from newsdesk.live import coverage
from newsdesk.live.models import Correction, Coverage, LiveUpdate

pytestmark = pytest.mark.django_db


def _stream(prefix, blocks):
    """Form data for a StreamField as Wagtail's editor posts it."""
    data = {f"{prefix}-count": str(len(blocks))}
    for i, (block_type, value) in enumerate(blocks):
        data[f"{prefix}-{i}-type"] = block_type
        data[f"{prefix}-{i}-deleted"] = ""
        data[f"{prefix}-{i}-order"] = str(i)
        data[f"{prefix}-{i}-id"] = ""
        if isinstance(value, dict):
            for name, sub in value.items():
                data[f"{prefix}-{i}-value-{name}"] = sub
        else:
            data[f"{prefix}-{i}-value"] = value
    return data


def _draftail(text):
    import json

    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                }
            ],
            "entityMap": {},
        }
    )


def _update_form(writer, text="Talks have begun.", headline="", key_event=False, blocks=None):
    data = {"author": str(writer.pk), "headline": headline}
    if key_event:
        data["key_event"] = "on"
    data.update(_stream("body", blocks or [("paragraph", _draftail(text))]))
    return data


def test_the_desk_shows_coverage_updates_and_corrections(client, editor, live_story, post):
    post(headline="Talks begin")
    coverage.correct(live_story, editor, kind="correction", note="Fixes the date.")
    client.force_login(editor)
    response = client.get(reverse("live:desk", args=[live_story.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "End live coverage" in content and "Talks begin" in content
    assert "Fixes the date." in content
    assert reverse("live:add_update", args=[live_story.pk]) in content


def test_the_page_editor_links_to_the_live_desk(client, editor, article):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert reverse("live:desk", args=[article.pk]) in response.content.decode()


def test_an_editor_starts_coverage_and_posts_an_update_from_the_short_form(
    client, editor, article, writer
):
    client.force_login(editor)
    response = client.post(reverse("live:start", args=[article.pk]))
    assert response.status_code == 302 and Coverage.objects.get(article=article).is_live
    form = client.get(reverse("live:add_update", args=[article.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("live:add_update", args=[article.pk]),
        _update_form(writer, headline="Talks begin", key_event=True),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = LiveUpdate.objects.get()
    assert (update.sequence, update.headline, update.key_event) == (1, "Talks begin", True)
    assert update.body[0].value.source == '<p data-block-key="a1b2c">Talks have begun.</p>'
    assert update.created_by == editor


def test_the_form_starts_with_the_user_byline(client, editor, live_story, writer):
    writer.user = editor
    writer.save()
    client.force_login(editor)
    response = client.get(reverse("live:add_update", args=[live_story.pk]))
    assert response.context["form"]["author"].value() == writer.pk


def test_an_empty_update_is_refused_with_a_message(client, editor, live_story, writer):
    client.force_login(editor)
    response = client.post(
        reverse("live:add_update", args=[live_story.pk]), _update_form(writer, text="   ")
    )
    assert response.status_code == 200
    assert not LiveUpdate.objects.exists()
    assert response.context["form"].errors


def test_an_uncredited_picture_is_refused_on_the_form(client, editor, live_story, writer):
    picture = NewsImageFactory(creator="", source_name="", source_url="", title="Crowd")
    client.force_login(editor)
    response = client.post(
        reverse("live:add_update", args=[live_story.pk]),
        _update_form(
            writer,
            blocks=[("image", {"image": str(picture.pk), "caption": "", "decorative": ""})],
        ),
    )
    assert response.status_code == 200
    assert "“Crowd” lacks" in response.content.decode()
    assert not LiveUpdate.objects.exists()


def test_the_form_for_a_story_not_under_coverage_says_so(client, editor, article):
    client.force_login(editor)
    response = client.get(reverse("live:add_update", args=[article.pk]), follow=True)
    assert "not under live coverage" in response.content.decode()


def test_forged_story_ids_get_a_message_and_change_nothing(client, editor, writer):
    client.force_login(editor)
    for name in ("desk", "add_update", "add_correction"):
        response = client.get(reverse(f"live:{name}", args=[999999]), follow=True)
        assert "That story does not exist" in response.content.decode()
    response = client.post(reverse("live:start", args=[999999]), follow=True)
    assert "That story does not exist" in response.content.decode()
    response = client.post(reverse("live:add_update", args=[999999]), _update_form(writer))
    assert response.status_code == 302
    assert not LiveUpdate.objects.exists() and not Coverage.objects.exists()


def test_a_forged_update_number_is_not_found(client, editor, live_story):
    client.force_login(editor)
    assert client.get(reverse("live:edit_update", args=[live_story.pk, 7])).status_code == 404
    assert client.post(reverse("live:remove_update", args=[live_story.pk, 7])).status_code == 404


def test_an_update_on_another_story_cannot_be_reached_through_this_one(
    client, editor, live_story, post, section, publish
):
    other = publish(ArticlePageFactory(parent=section))
    post()
    client.force_login(editor)
    assert client.get(reverse("live:edit_update", args=[other.pk, 1])).status_code == 404


def test_editing_an_update_keeps_its_number_and_time(client, editor, live_story, post, writer):
    update = post("Talks have begun.")
    client.force_login(editor)
    url = reverse("live:edit_update", args=[live_story.pk, update.sequence])
    assert client.get(url).status_code == 200
    response = client.post(url, _update_form(writer, text="Talks began at noon."))
    assert response.status_code == 302
    edited = LiveUpdate.objects.get()
    assert (edited.sequence, edited.published_at) == (update.sequence, update.published_at)
    assert edited.body[0].value.source == '<p data-block-key="a1b2c">Talks began at noon.</p>'
    assert edited.edited_at is not None


def test_removing_an_update_asks_first(client, editor, live_story, post):
    update = post()
    client.force_login(editor)
    url = reverse("live:remove_update", args=[live_story.pk, update.sequence])
    assert "Yes, remove it" in client.get(url).content.decode()
    assert LiveUpdate.objects.exists()
    assert client.post(url).status_code == 302
    assert not LiveUpdate.objects.exists()


def test_an_editor_records_a_correction_from_the_desk(client, editor, article):
    client.force_login(editor)
    response = client.post(
        reverse("live:add_correction", args=[article.pk]),
        {
            "kind": "correction",
            "note": "The council vote was 31 to 9.",
            "published_at": "2026-11-26 10:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = Correction.objects.get()
    assert correction.note == "The council vote was 31 to 9." and correction.created_by == editor


def test_an_empty_correction_is_refused(client, editor, article):
    client.force_login(editor)
    response = client.post(
        reverse("live:add_correction", args=[article.pk]),
        {"kind": "correction", "note": "  ", "published_at": "2026-11-26 10:00"},
    )
    assert response.status_code == 200 and not Correction.objects.exists()


def test_starting_twice_says_so(client, editor, live_story):
    client.force_login(editor)
    response = client.post(reverse("live:start", args=[live_story.pk]), follow=True)
    assert "already started" in response.content.decode()


@pytest.mark.parametrize("who", ["reader", "reporter", "anonymous"])
def test_without_permission_nothing_changes(client, who, live_story, post, make_user, writer):
    update = post()
    if who == "reader":
        client.force_login(make_user("reader"))
    elif who == "reporter":
        client.force_login(make_user("reporter", "Reporters"))
    story = live_story.pk
    requests = [
        ("get", reverse("live:desk", args=[story]), None),
        ("post", reverse("live:add_update", args=[story]), _update_form(writer)),
        ("post", reverse("live:end", args=[story]), {}),
        ("post", reverse("live:start", args=[story]), {}),
        (
            "post",
            reverse("live:add_correction", args=[story]),
            {"kind": "correction", "note": "No.", "published_at": "2026-11-26 10:00"},
        ),
        ("post", reverse("live:edit_update", args=[story, 1]), _update_form(writer, "Changed")),
        ("post", reverse("live:remove_update", args=[story, 1]), {}),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            # To the login page, or to the dashboard with "you do not have permission".
            assert response["Location"].startswith("/admin/")
            assert not response["Location"].startswith(reverse("live:desk", args=[story]))
    assert list(LiveUpdate.objects.values_list("pk", flat=True)) == [update.pk]
    assert LiveUpdate.objects.get().body[0].value.source == update.body[0].value.source
    assert Coverage.objects.get(article=live_story).is_live
    assert not Correction.objects.exists()
