import pytest
from wagtail.models import Page, Site

from newsdesk.articles.factories import ArticlePageFactory, SectionPageFactory
from newsdesk.home.factories import HomePageFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat between tests' rolled-back data."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home(db):
    """A published front page serving as the default Site's root."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Gazette"},
    )
    return home


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


@pytest.fixture
def publish():
    """Publish a page through the publish gate, as an editor's click would."""

    def publish(page, user=None):
        page.save_revision(user=user).publish(user=user)
        page.refresh_from_db()
        return page

    return publish


@pytest.fixture
def article(section, publish):
    return publish(ArticlePageFactory(parent=section, title="Council passes budget"))
