from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.core.pagination import paginate
from newsdesk.topics.factories import TopicFactory
from newsdesk.topics.models import Topic


def _total(count_key=None):
    request = RequestFactory().get("/")
    return paginate(request, Topic.objects.order_by("pk"), 2, count_key=count_key).paginator.count


def test_a_remembered_total_lasts_until_the_next_publication(
    section, publish, django_capture_on_commit_callbacks
):
    TopicFactory.create_batch(3)
    assert _total("topics") == 3
    TopicFactory()

    assert _total("topics") == 3
    assert _total() == 4
    with django_capture_on_commit_callbacks(execute=True):
        publish(ArticlePageFactory(parent=section, live=False))
    assert _total("topics") == 4


def test_the_section_page_counts_its_stories_once(client, section, publish):
    publish(ArticlePageFactory(parent=section, live=False))
    client.get(section.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(section.url).status_code == 200

    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)
