"""
Several editors posting to one live story at the same moment: every update lands, each
with its own number, in the order the numbers say.

On SQLite the test runs on a file copy of the test database (the ``database_file``
fixture): the in-memory one cannot show how a site's database file behaves.
"""

import threading

import pytest
from django.db import connections

from newsdesk.articles.models import ArticlePage
from newsdesk.live import coverage
from newsdesk.live.factories import paragraph
from newsdesk.live.models import Coverage, LiveUpdate
from newsdesk.people.factories import AuthorFactory

pytestmark = [pytest.mark.database, pytest.mark.django_db(transaction=True)]

WRITERS = 8


@pytest.fixture
def story(committed_article, django_user_model):
    from django.contrib.auth.models import Group

    editors = []
    for n in range(WRITERS):
        user = django_user_model.objects.create_user(f"editor{n}", password="x")
        user.groups.add(Group.objects.get(name="Editors"))
        editors.append(user)
    coverage.start(committed_article, editors[0])
    return committed_article, editors


def test_updates_posted_at_the_same_moment_all_land_in_order(story):
    article, editors = story
    author = AuthorFactory()
    barrier = threading.Barrier(WRITERS)
    errors = []

    def write(n):
        try:
            barrier.wait(timeout=30)
            coverage.add_update(
                article, editors[n], author=author, body=paragraph(f"Report from desk {n}.")
            )
        except Exception as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    updates = list(LiveUpdate.objects.filter(article=article).order_by("sequence"))
    assert [u.sequence for u in updates] == list(range(1, WRITERS + 1))
    assert sorted(u.created_by_id for u in updates) == sorted(e.pk for e in editors)
    times = [u.published_at for u in updates]
    assert times == sorted(times)
    assert Coverage.objects.get(article=article).last_sequence == WRITERS
    assert ArticlePage.objects.get(pk=article.pk).updated_at == times[-1]
