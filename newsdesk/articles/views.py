from django.shortcuts import get_object_or_404, render

from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

from .models import ArticlePage, paginate_cards

LISTING_SIZE = 20


def _listing(request, articles, template, context):
    articles = articles.newest_first().for_listing()
    context["articles"] = paginate_cards(request, articles, LISTING_SIZE)
    return render(request, template, context)


def author(request, slug):
    """An author's page: who they are, then their stories, newest first."""
    person = get_object_or_404(Author.objects.prefetch_related("links"), slug=slug)
    stories = ArticlePage.objects.published().filter(article_authors__author=person)
    return _listing(request, stories, "articles/author_page.html", {"author": person})


def topic(request, slug):
    """A topic's page: every story tagged with it, newest first."""
    subject = get_object_or_404(Topic, slug=slug)
    stories = ArticlePage.objects.published().filter(topics=subject)
    return _listing(request, stories, "articles/topic_page.html", {"topic": subject})
