"""Reviewing a submitted story: one page to decide on it, and words for what happened."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from lxml import html as lxml_html

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.people.factories import AuthorFactory
from newsdesk.testing import post_story_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, section, reporter):
    page = ArticlePageFactory(parent=section, live=False, owner=reporter, title="Harbour vote")
    client.force_login(reporter)
    post_story_edit(client, page, "action-submit", authors=[AuthorFactory()], image=page.lead_image)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    return page


def _tree(response):
    return lxml_html.fromstring(response.content)


def test_the_desk_leads_to_a_review_page_with_the_checks_and_the_story(client, submitted, editor):
    client.force_login(editor)
    home = _tree(client.get(reverse("wagtailadmin_home")))
    review_url = reverse("newsdesk_review", args=[submitted.pk])
    assert home.xpath(f'//a[@href="{review_url}"][normalize-space()="Review"]')

    page = _tree(client.get(review_url))
    text = " ".join(page.text_content().split())
    assert "first submission: all of it is new" in text  # nothing to compare yet
    assert "Compare" not in text
    assert "Desk checks" in text and "No errors: the publish gate lets it through." in text
    assert "No open comments." in text
    buttons = [" ".join(b.text_content().split()) for b in page.xpath("//form//button")]
    assert buttons == ["Approve and publish", "Request changes"]
    (preview,) = page.xpath("//iframe/@src")
    assert client.get(preview).status_code == 200


def test_approving_from_the_review_page_publishes_and_says_so(client, submitted, editor):
    client.force_login(editor)
    action = reverse("newsdesk_review_action", args=[submitted.pk, "approve"])
    response = client.post(action, {"comment": "Good to go."})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    story = ArticlePage.objects.get(pk=submitted.pk)
    assert story.live and not story.workflow_in_progress
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[-1] == "“Harbour vote” is approved and published."


def test_asking_for_changes_sends_it_back_with_the_comment(client, submitted, editor):
    client.force_login(editor)
    action = reverse("newsdesk_review_action", args=[submitted.pk, "reject"])
    response = client.post(action, {"comment": "Name the second source."})
    story = ArticlePage.objects.get(pk=submitted.pk)
    assert not story.live
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[-1] == (
        "“Harbour vote” goes back to its writer with your comment; it is not published."
    )
    state = story.workflow_states.first().current_task_state or story.workflow_states.first()
    assert state is not None


def test_only_its_reviewers_may_open_or_act_on_a_review(client, submitted, reporter):
    client.force_login(reporter)
    assert client.get(reverse("newsdesk_review", args=[submitted.pk])).status_code in (302, 403)
    action = reverse("newsdesk_review_action", args=[submitted.pk, "approve"])
    assert client.post(action).status_code in (302, 403)
    assert not ArticlePage.objects.get(pk=submitted.pk).live


def test_the_editor_offers_approve_not_also_publish_and_says_what_approving_did(
    client, submitted, editor
):
    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    tree = _tree(client.get(edit))
    names = tree.xpath("//footer//button/@name | //footer//button/@data-workflow-action-name")
    assert "action-publish" not in names
    assert tree.xpath('//button[@data-workflow-action-name="approve"]')

    response = post_story_edit(
        client,
        submitted,
        "action-workflow-action",
        authors=[AuthorFactory()],
        image=submitted.lead_image,
        **{"workflow-action-name": "approve"},
    )
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    desk = client.get(response.url).content.decode()
    assert "“Harbour vote” is approved and published." in desk
    assert "has been updated" not in desk
