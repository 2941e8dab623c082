import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from lxml import html as lxml_html

from newsdesk.comments import moderation
from newsdesk.comments.models import Comment, CommentState, Policy, StoryCommentPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(article, comment_on):
    for n, name in enumerate(["Asha", "Ben", "Cleo"]):
        comment_on(article, name=name, body=f"Point {n}.", email=f"{name.lower()}@example.org")
    return list(Comment.objects.order_by("pk"))


def test_the_queue_lists_waiting_comments_with_a_count_in_the_menu(client, three, moderator):
    client.force_login(moderator)
    response = client.get("/admin/comments/?state=pending")
    assert response.status_code == 200
    names = lxml_html.fromstring(response.content).xpath("//tbody//td[2]/strong/text()")
    assert names == ["Cleo", "Ben", "Asha"]
    dashboard = client.get("/admin/").content.decode()
    assert "Comments (3 waiting)" in dashboard and "reader-comments" in dashboard


def test_approving_shows_a_comment_and_sends_page_changed(
    client, article, three, moderator, page_changes, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/comments/", {"one": f"approve:{three[0].pk}"})
    assert response.status_code == 302
    assert page_changes == [(article.pk, "comments")]
    client.logout()
    assert b"Point 0." in client.get(article.url).content
    assert b"Point 1." not in client.get(article.url).content


def test_removing_an_approved_comment_hides_it_and_sends_page_changed(
    client, article, three, moderator, page_changes, django_capture_on_commit_callbacks
):
    Comment.objects.update(state=CommentState.APPROVED)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/comments/", {"one": f"remove:{three[1].pk}"})
    assert page_changes == [(article.pk, "comments")]
    client.logout()
    page = client.get(article.url).content
    assert b"Point 1." not in page and b"Point 0." in page


def test_marking_a_waiting_comment_as_spam_changes_no_page(
    client, three, moderator, page_changes, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/comments/", {"one": f"spam:{three[2].pk}"})
    assert Comment.objects.get(pk=three[2].pk).state == CommentState.SPAM
    assert page_changes == []


def test_bulk_actions_change_every_ticked_comment(client, three, moderator):
    client.force_login(moderator)
    response = client.post(
        "/admin/comments/",
        {"action": "approve", "comment": [three[0].pk, three[2].pk], "next": "/admin/comments/"},
        follow=True,
    )
    assert "2 comments approved." in response.content.decode()
    states = dict(Comment.objects.values_list("name", "state"))
    assert states == {"Asha": "approved", "Ben": "pending", "Cleo": "approved"}
    assert Comment.objects.get(name="Asha").moderated_by == moderator


def test_filters_and_search(client, three, moderator, section, publish, comment_on):
    from newsdesk.articles.factories import ArticlePageFactory

    other = publish(ArticlePageFactory(parent=section))
    comment_on(other, name="Dev", body="Elsewhere entirely.", email="dev@example.org")
    Comment.objects.filter(name="Ben").update(state=CommentState.SPAM)
    client.force_login(moderator)

    def names(query):
        tree = lxml_html.fromstring(client.get("/admin/comments/" + query).content)
        return sorted(tree.xpath("//tbody//td[2]/strong/text()"))

    assert names("?state=spam") == ["Ben"]
    assert names(f"?article={other.pk}") == ["Dev"]
    assert names("?q=elsewhere") == ["Dev"]
    assert names("?q=cleo@example") == ["Cleo"]
    assert names("?since=2000-01-01&until=2000-01-02") == []


def test_a_story_policy_is_set_from_its_comments_page(client, article, moderator):
    client.force_login(moderator)
    response = client.get(f"/admin/comments/story/{article.pk}/")
    assert response["Location"] == f"/admin/comments/?article={article.pk}"
    client.post(f"/admin/comments/story/{article.pk}/", {"policy": Policy.CLOSED})
    assert StoryCommentPolicy.objects.get(article=article).policy == Policy.CLOSED
    client.post(f"/admin/comments/story/{article.pk}/", {"policy": ""})
    assert not StoryCommentPolicy.objects.exists()
    response = client.post(
        f"/admin/comments/story/{article.pk}/", {"policy": "anything"}, follow=True
    )
    assert "Choose a policy" in response.content.decode()


def test_a_story_comments_can_all_be_deleted_without_deleting_the_story(
    client, article, three, moderator
):
    client.force_login(moderator)
    client.post(f"/admin/comments/story/{article.pk}/", {"delete_all": "wrong"})
    assert Comment.objects.count() == 3
    client.post(f"/admin/comments/story/{article.pk}/", {"delete_all": article.title})
    assert Comment.objects.count() == 0
    article.refresh_from_db()
    assert article.live


def test_every_comment_under_an_address_can_be_deleted(client, article, three, moderator):
    client.force_login(moderator)
    client.post(
        "/admin/privacy/",
        {"email": "ben@example.org", "action": "erase", "confirm": "nope"},
    )
    assert Comment.objects.count() == 3
    client.post(
        "/admin/privacy/",
        {"email": "ben@example.org", "action": "erase", "confirm": "ben@example.org"},
    )
    assert sorted(Comment.objects.values_list("name", flat=True)) == ["Asha", "Cleo"]


@pytest.mark.parametrize("who", ["anonymous", "reader", "reporter"])
def test_only_moderators_see_or_act_on_the_queue(client, who, three, django_user_model, article):
    if who != "anonymous":
        user = django_user_model.objects.create_user(who, f"{who}@example.org", "x")
        if who == "reporter":
            user.groups.add(Group.objects.get(name="Reporters"))
        client.force_login(user)
    for url in ("/admin/comments/", "/admin/privacy/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
    for url, data in (
        ("/admin/comments/", {"one": f"approve:{three[0].pk}"}),
        (f"/admin/comments/story/{article.pk}/", {"policy": Policy.OPEN}),
        (f"/admin/comments/story/{article.pk}/", {"delete_all": article.title}),
        ("/admin/privacy/", {"email": "asha@example.org", "action": "export"}),
        (
            "/admin/privacy/",
            {"email": "asha@example.org", "action": "erase", "confirm": "asha@example.org"},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code in (302, 403)
        assert "application/json" not in response.get("Content-Type", "")
    assert Comment.objects.count() == 3
    assert set(Comment.objects.values_list("state", flat=True)) == {CommentState.PENDING}
    assert not StoryCommentPolicy.objects.exists()
    if who == "reporter":
        assert "reader-comments" not in client.get("/admin/").content.decode()


def test_the_service_refuses_users_without_the_permission(three, django_user_model):
    reader = django_user_model.objects.create_user("reader", "r@example.org", "x")
    with pytest.raises(PermissionDenied):
        moderation.set_state(Comment.objects.all(), CommentState.APPROVED, reader)
    assert not Comment.objects.approved().exists()


def test_the_story_edit_view_links_to_its_comments(client, article, moderator):
    client.force_login(moderator)
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert f"/admin/comments/?article={article.pk}" in response.content.decode()


def test_the_queue_pages_keep_their_filters(client, article, moderator):
    from newsdesk.comments.admin_views import PER_PAGE

    Comment.objects.bulk_create(
        Comment(article=article, name=f"Reader {n}", email=f"r{n}@example.org", body=f"No. {n}")
        for n in range(PER_PAGE + 3)
    )
    client.force_login(moderator)
    first = lxml_html.fromstring(client.get("/admin/comments/?state=pending").content)
    older = first.xpath('//nav[@aria-label="Pages"]//a[text()="Older"]/@href')
    assert older == ["?state=pending&p=2"]
    second = lxml_html.fromstring(client.get("/admin/comments/" + older[0]).content)
    assert len(second.xpath('//table[@class="listing"]/tbody/tr')) == 3
    newer = second.xpath('//nav[@aria-label="Pages"]//a[text()="Newer"]/@href')
    assert newer == ["?state=pending&p=1"]


def test_commenters_ip_addresses_are_forgotten_after_the_set_days(three, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    settings.NEWSDESK_READER_IP_DAYS = 30
    Comment.objects.update(ip_address="203.0.113.5")
    old = three[0]
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    call_command("forget_reader_ips")

    assert Comment.objects.get(pk=old.pk).ip_address is None
    assert Comment.objects.filter(ip_address="203.0.113.5").count() == 2
