"""
The admin's page search, with the reader search's query cleaning.

Wagtail's search view hands the query to the backend as typed; a long or odd query
("ferry " three thousand times, a stray double quote) makes Wagtail's SQLite backend
recurse past Python's limit or raise. These wrappers clean the words as the reader
search does (``search_query.clean_query``), keep Wagtail's own ``live:`` and
``published:`` filters, and then run Wagtail's view unchanged. ``newsdesk/urls.py``
routes the two search addresses here ahead of Wagtail's own.
"""

import re

from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry

from .search_query import MAX_QUERY_LENGTH, clean_query

_FILTER = re.compile(r"\b(?:live|published):(?:yes|no|true|false)\b", re.IGNORECASE)


def clean_admin_query(raw):
    raw = (raw or "")[:MAX_QUERY_LENGTH]
    filters = _FILTER.findall(raw)
    words = clean_query(_FILTER.sub(" ", raw))
    return " ".join([*filters, words]).strip()


def _cleaned(view_name):
    view = page_viewset_registry.as_view(view_name, is_base_page=True)

    @require_admin_access
    def search(request, *args, **kwargs):
        if "q" in request.GET:
            request.GET = request.GET.copy()
            request.GET["q"] = clean_admin_query(request.GET["q"])
        return view(request, *args, **kwargs)

    return search


search = _cleaned("search")
search_results = _cleaned("search_results")
