"""
Every way of publishing refuses a picture without the credit its licence requires or
without alt text, naming the picture; a use marked decorative needs no alt text.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.core import publishing
from newsdesk.images.factories import NewsImageFactory
from newsdesk.people.factories import AuthorFactory
from newsdesk.testing import post_story_edit as _edit
from newsdesk.testing import schedule_and_make_due as _schedule_and_make_due

pytestmark = pytest.mark.django_db

UNCREDITED = {"title": "Harbour at noon", "creator": "", "credit_line": ""}


def _problems(page):
    return [str(problem) for problem in publishing.check(page)]


def test_an_uncredited_lead_image_is_named_with_what_it_lacks(section):
    page = ArticlePageFactory(parent=section, lead_image=NewsImageFactory(**UNCREDITED))

    assert _problems(page) == [
        "The lead image “Harbour at noon” lacks the creator's name (or an exact credit "
        "line). Edit the image and fill in its rights, or choose another picture."
    ]


def test_an_unlicensed_image_in_the_body_is_refused(section):
    image = NewsImageFactory(title="Crowd", licence="")
    page = ArticlePageFactory(
        parent=section, body=[{"type": "image", "value": {"image": image.pk, "caption": ""}}]
    )

    (problem,) = publishing.check(page)

    assert problem.message == "The image in the body “Crowd” lacks a licence."
    assert (problem.field, problem.block) == ("body", (0, "image"))


def test_a_decorative_use_needs_no_alt_text_but_still_its_credit(section):
    undescribed = NewsImageFactory(title="Pattern", description="")
    decorative = {"image": undescribed.pk, "caption": "", "decorative": True}
    page = ArticlePageFactory(parent=section, body=[{"type": "image", "value": decorative}])
    assert _problems(page) == []

    page.lead_image = undescribed
    assert _problems(page)[0].startswith("The lead image “Pattern” has no alt text.")
    page.lead_image_decorative = True
    assert _problems(page) == []

    undescribed.creator = ""
    undescribed.save()
    page = ArticlePageFactory(
        parent=section,
        lead_image=undescribed,
        lead_image_decorative=True,
        body=[{"type": "image", "value": decorative}],
    )
    assert len(_problems(page)) == 2  # the credit, for the lead image and the body's use


def test_the_edit_view_shows_the_problem_on_the_block(client, section, editor):
    page = ArticlePageFactory(parent=section, live=False)
    uncredited = NewsImageFactory(**UNCREDITED)
    client.force_login(editor)
    body = [
        ("paragraph", rich_text("<p>Text.</p>")),
        ("image", {"image": uncredited.pk, "caption": "", "decorative": ""}),
    ]

    response = _edit(
        client, page, "action-publish", authors=[AuthorFactory()], image=page.lead_image, body=body
    )

    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["body"][0]
    message = error.block_errors[1].block_errors["image"].messages[0]
    assert "“Harbour at noon” lacks the creator's name" in message
    assert not Page.objects.get(pk=page.pk).live


def test_the_edit_view_shows_missing_alt_text_on_the_lead_image(client, section, editor):
    page = ArticlePageFactory(parent=section, live=False)
    undescribed = NewsImageFactory(title="Quayside", description="")
    client.force_login(editor)

    response = _edit(client, page, "action-publish", authors=[AuthorFactory()], image=undescribed)

    assert (
        response.context["form"]
        .errors["lead_image"][0]
        .startswith("The lead image “Quayside” has no alt text.")
    )
    assert not Page.objects.get(pk=page.pk).live


def test_the_edit_view_publishes_a_decorative_lead_image(client, section, editor):
    page = ArticlePageFactory(parent=section, live=False)
    undescribed = NewsImageFactory(description="")
    client.force_login(editor)

    response = _edit(
        client,
        page,
        "action-publish",
        authors=[AuthorFactory()],
        image=undescribed,
        lead_image_decorative="on",
    )

    assert response.status_code == 302
    published = ArticlePage.objects.get(pk=page.pk)
    assert published.live
    html = client.get(published.url).content.decode()
    assert 'alt=""' in html.split('class="figure figure--lead"')[1].split("</picture>")[0]


def test_workflow_approval_refuses_an_uncredited_image(client, section, reporter, editor):
    page = ArticlePageFactory(parent=section, live=False, owner=reporter)
    client.force_login(reporter)
    _edit(client, page, "action-submit", authors=[AuthorFactory()], image=page.lead_image)
    page = ArticlePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    page.lead_image.creator = ""
    page.lead_image.save()
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    assert not Page.objects.get(pk=page.pk).live
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(f"“{page.lead_image.title}” lacks the creator's name" in m for m in messages)


def test_bulk_publishing_refuses_an_uncredited_image(client, section, editor):
    page = ArticlePageFactory(parent=section, live=False, lead_image=NewsImageFactory(**UNCREDITED))
    page.save_revision()
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    client.post(f"{url}?id={page.pk}", {"include_descendants": ""})

    assert not Page.objects.get(pk=page.pk).live


def test_scheduled_publishing_refuses_an_image_that_lost_its_credit(section):
    page = ArticlePageFactory(parent=section, live=False)
    _schedule_and_make_due(page)
    page.lead_image.licence = ""
    page.lead_image.save()

    call_command("publish_scheduled")

    assert not Page.objects.get(pk=page.pk).live


def test_publishing_in_code_refuses_and_names_the_image(section):
    page = ArticlePageFactory(parent=section, live=False, lead_image=NewsImageFactory(**UNCREDITED))

    with pytest.raises(publishing.PublishRefused) as refused:
        page.save_revision().publish()

    assert "“Harbour at noon” lacks the creator's name" in str(refused.value)


def test_standard_pages_are_held_to_the_same_rules(home):
    from newsdesk.home.models import StandardPage

    image = NewsImageFactory(title="Office", description="")
    page = StandardPage(
        title="About us",
        slug="about",
        body=[{"type": "image", "value": {"image": image.pk, "caption": ""}}],
    )
    home.add_child(instance=page)

    assert [problem.rule for problem in publishing.check(page)] == ["images.alt_text"]
