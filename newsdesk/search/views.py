from datetime import datetime, time

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage, ArticleType, SectionPage, with_sections
from newsdesk.core.pagecache import query_params
from newsdesk.core.restrictions import private_q
from newsdesk.core.search_query import clean_query, highlight

from .suggest import suggest

RESULTS_PER_PAGE = 10
# Ranking by relevance scores every match: cheap on PostgreSQL, but Wagtail's SQLite
# backend takes about 3 ms a match (30 s for a word in all of 10,000 stories). Beyond
# this many matches results come newest first, and the page says so.
RANK_LIMIT = 500


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, max_length=10_000)
    section = forms.ChoiceField(label="Section", required=False)
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "All types"), *ArticleType.choices]
    )
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    order = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("relevance", "Most relevant"), ("newest", "Newest first")],
    )

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "All sections")] + [
            (section.slug, section.title) for section in sections
        ]


def _day_boundary(day, end=False):
    moment = datetime.combine(day, time.max if end else time.min)
    return timezone.make_aware(moment)


@query_params(*SearchForm.base_fields, "page")
def search(request):
    """The reader's search page: stories matching words, with filters and snippets."""
    site = Site.find_for_request(request)
    sections = (
        list(
            SectionPage.objects.live()
            .exclude(private_q())
            .child_of(site.root_page)
            .order_by("path")
        )
        if site
        else []
    )
    form = SearchForm(request.GET or None, sections=sections)
    query, results, page, by_date, suggestion = "", None, None, False, ""
    if form.is_valid():
        data = form.cleaned_data
        query = clean_query(data["q"])
        stories = ArticlePage.objects.published()
        if site:
            stories = stories.descendant_of(site.root_page)
        if data["section"]:
            section = next(s for s in sections if s.slug == data["section"])
            stories = stories.descendant_of(section)
        if data["type"]:
            stories = stories.filter(article_type=data["type"])
        if data["since"]:
            stories = stories.filter(first_published_at__gte=_day_boundary(data["since"]))
        if data["until"]:
            stories = stories.filter(first_published_at__lte=_day_boundary(data["until"], True))
        if query:
            results = stories.order_by("-first_published_at").search(
                query, operator="and", order_by_relevance=False
            )
            rankable = connection.vendor != "sqlite" or results.count() <= RANK_LIMIT
            if data["order"] != "newest" and rankable:
                results = stories.search(query, operator="and")
            else:
                by_date = True
            paginator = Paginator(results, RESULTS_PER_PAGE)
            try:
                page = paginator.page(request.GET.get("page") or 1)
            except InvalidPage as error:
                raise Http404(str(error)) from error
            if not paginator.count:
                suggestion = suggest(query, site)
                if suggestion and not stories.search(suggestion, operator="and").count():
                    suggestion = ""
            ids = [story.pk for story in page.object_list]
            cards = {
                story.pk: story
                for story in with_sections(
                    ArticlePage.objects.filter(pk__in=ids).for_listing().prefetch_related("topics")
                )
            }
            page.object_list = [
                (cards[pk], highlight(_text(cards[pk]), query)) for pk in ids if pk in cards
            ]
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "raw_query": form.data.get("q", "") if form.is_bound else "",
            "results": page,
            "by_date": by_date,
            "suggestion": suggestion,
        },
    )


def _text(story):
    """The story's words for its snippet: standfirst, then the body's text."""
    parts = [story.standfirst]
    for block in story.body:
        parts.extend(str(text) for text in block.block.get_searchable_content(block.value))
    return " ".join(parts)
