"""Readers posting comments at the same moment: every comment is stored."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from newsdesk.comments.forms import CommentForm
from newsdesk.comments.models import Comment

pytestmark = [pytest.mark.database, pytest.mark.django_db(transaction=True)]

READERS = 8


def test_comments_posted_at_the_same_moment_are_all_stored(committed_article):
    barrier = threading.Barrier(READERS)
    statuses, errors = [], []

    def post(n):
        # Each reader has a form of their own (a form is taken once).
        started = CommentForm.started_token(timezone.now() - timedelta(minutes=1))
        try:
            client = Client()
            barrier.wait(timeout=30)
            response = client.post(
                f"/comments/{committed_article.pk}/",
                {
                    "name": f"Reader {n}",
                    "email": f"reader{n}@example.org",
                    "body": f"A view from reader {n}.",
                    "website": "",
                    "started": started,
                },
                REMOTE_ADDR=f"192.0.2.{n + 1}",
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert statuses == [302] * READERS
    stored = sorted(Comment.objects.values_list("name", flat=True))
    assert stored == sorted(f"Reader {n}" for n in range(READERS))
