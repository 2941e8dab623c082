from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from newsdesk.comments.forms import CommentForm
from newsdesk.comments.models import Comment, CommentSettings, CommentState

pytestmark = pytest.mark.django_db


def _settings(home, **values):
    settings_ = CommentSettings.for_site(home.get_site())
    for name, value in values.items():
        setattr(settings_, name, value)
    settings_.save()


def test_the_honeypot_sends_a_comment_to_spam_without_losing_it(article, comment_on):
    assert comment_on(article, website="http://cheap-pills.example").status_code == 302
    comment = Comment.objects.get()
    assert comment.state == CommentState.SPAM
    assert "hidden field" in comment.spam_reasons[0]


def test_a_form_sent_back_too_fast_is_spam(article, comment_on):
    comment_on(article, started=CommentForm.started_token(timezone.now()))
    comment = Comment.objects.get()
    assert (
        comment.state == CommentState.SPAM and "after the form was shown" in comment.spam_reasons[0]
    )


def test_a_form_sent_after_the_minimum_is_fine(article, comment_on):
    comment_on(article, started=CommentForm.started_token(timezone.now() - timedelta(seconds=4)))
    assert Comment.objects.get().state == CommentState.PENDING


def test_too_many_links_is_spam(article, comment_on, home):
    _settings(home, max_links=2)
    comment_on(article, body="See https://a.example and www.b.example and http://c.example too")
    comment = Comment.objects.get()
    assert comment.state == CommentState.SPAM and "3 links" in comment.spam_reasons[0]


@pytest.mark.parametrize(
    "setting, value, fields",
    [
        ("blocked_words", "casino\nfree money", {"body": "Win FREE MONEY now"}),
        ("blocked_emails", "@spam.example", {"email": "bot@spam.example"}),
        ("blocked_emails", "troll@example.org", {"email": "Troll@example.org"}),
        ("blocked_ips", "198.51.100.0/24", {}),
    ],
)
def test_the_blocklist_sends_comments_to_spam(article, comment_on, home, setting, value, fields):
    _settings(home, **{setting: value})
    comment_on(article, **fields)
    assert Comment.objects.get().state == CommentState.SPAM


def test_a_spam_comment_can_be_rescued(client, article, comment_on, moderator):
    comment_on(article, website="filled")
    comment = Comment.objects.get()
    client.force_login(moderator)
    client.post("/admin/comments/", {"one": f"approve:{comment.pk}"})
    comment.refresh_from_db()
    assert comment.state == CommentState.APPROVED


def test_the_same_comment_twice_is_refused(article, comment_on):
    assert comment_on(article).status_code == 302
    response = comment_on(article)
    assert response.status_code == 409
    assert b"already posted this comment" in response.content
    assert Comment.objects.count() == 1


@override_settings(NEWSDESK_COMMENTS_RATE={"per_ip": 3, "per_email": 100, "window": 600})
def test_posts_per_ip_are_limited(article, comment_on):
    for n in range(3):
        assert comment_on(article, body=f"Point {n}.", email=f"r{n}@example.org").status_code == 302
    response = comment_on(article, body="One more.", email="r9@example.org")
    assert response.status_code == 429
    assert b"please wait 10 minutes" in response.content
    assert Comment.objects.count() == 3


@override_settings(NEWSDESK_COMMENTS_RATE={"per_ip": 100, "per_email": 2, "window": 600})
def test_posts_per_email_are_limited(client, article, form_data):
    for n in range(2):
        data = form_data(body=f"Point {n}.")
        assert (
            client.post(f"/comments/{article.pk}/", data, REMOTE_ADDR=f"203.0.113.{n}").status_code
            == 302
        )
    data = form_data(body="Third.")
    assert (
        client.post(f"/comments/{article.pk}/", data, REMOTE_ADDR="203.0.113.9").status_code == 429
    )


@override_settings(
    NEWSDESK_COMMENTS_RATE={"per_ip": 2, "per_email": 100, "window": 600},
    NEWSDESK_TRUSTED_PROXIES=["10.0.0.0/8"],
)
def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, article, form_data):
    def post(n, remote, forwarded):
        data = form_data(body=f"Point {n}.", email=f"p{n}@example.org")
        return client.post(
            f"/comments/{article.pk}/", data, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
        )

    # The same reader behind the proxy is limited even as the proxy's address repeats...
    assert post(1, "10.0.0.5", "192.0.2.44").status_code == 302
    assert post(2, "10.0.0.5", "192.0.2.44").status_code == 302
    assert post(3, "10.0.0.5", "192.0.2.44").status_code == 429
    # ...while another reader through the same proxy is not.
    assert post(4, "10.0.0.5", "192.0.2.45").status_code == 302
    assert Comment.objects.filter(ip_address="192.0.2.44").count() == 2
    # A forged first entry is ignored: the proxy appended the real address last.
    assert post(5, "10.0.0.5", "1.2.3.4, 192.0.2.44").status_code == 429


@override_settings(NEWSDESK_COMMENTS_RATE={"per_ip": 2, "per_email": 100, "window": 600})
def test_without_a_trusted_proxy_forwarded_headers_are_ignored(client, article, form_data):
    for n in range(2):
        data = form_data(body=f"Point {n}.", email=f"q{n}@example.org")
        response = client.post(
            f"/comments/{article.pk}/",
            data,
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
        assert response.status_code == 302
    data = form_data(body="Again.", email="q9@example.org")
    response = client.post(
        f"/comments/{article.pk}/",
        data,
        REMOTE_ADDR="198.51.100.20",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429
    assert set(Comment.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}


@override_settings(NEWSDESK_AKISMET_KEY="test-key")
def test_akismet_is_asked_when_a_key_is_set_and_its_failure_blocks_nothing(
    article, comment_on, monkeypatch
):
    from newsdesk.comments import posting

    asked = []

    class Answer:
        def __init__(self, body):
            self.body = body

        def read(self):
            return self.body

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def fake_urlopen(request, timeout):
        asked.append(request.full_url)
        if len(asked) == 1:
            return Answer(b"true")
        raise OSError("unreachable")

    monkeypatch.setattr(posting.urllib.request, "urlopen", fake_urlopen)
    comment_on(article, body="Buy now.")
    comment_on(article, body="A real point.", email="real@example.org")
    states = dict(Comment.objects.values_list("body", "state"))
    assert states == {"Buy now.": CommentState.SPAM, "A real point.": CommentState.PENDING}
    assert asked[0] == "https://test-key.rest.akismet.com/1.1/comment-check"


def test_a_form_shown_more_than_a_day_ago_must_be_reloaded(article, comment_on, monkeypatch):
    from django.core import signing

    from newsdesk.comments import forms
    from newsdesk.core import antispam

    old = forms.CommentForm.started_token(timezone.now() - timedelta(days=2))
    monkeypatch.setattr(antispam, "FORM_MAX_AGE", 60)
    monkeypatch.setattr(signing.time, "time", lambda: timezone.now().timestamp() + 120)
    response = comment_on(article, started=old)
    assert response.status_code == 400
    assert b"This form has expired" in response.content
    assert not Comment.objects.exists()
