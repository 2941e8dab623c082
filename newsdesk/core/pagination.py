import secrets

from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404
from django.utils.functional import cached_property

from .signals import Change

COUNTS_GENERATION = "newsdesk:listing-counts"
# Publishing drops every remembered count; this only bounds what is kept meanwhile.
COUNT_TTL = 24 * 60 * 60


def paginate(request, object_list, per_page, count_key=None):
    """
    The page of ``object_list`` named by ``?page=``; 404 for a page that does not exist,
    so crawlers do not index endless empty pages.

    With ``count_key`` the total (for "Page 3 of 812") is remembered in the cache under
    that name until a page is next published or unpublished: counting a section of
    20,000 stories takes longer than showing its first page.
    """
    if count_key:
        paginator = RememberedCountPaginator(object_list, per_page, count_key=count_key)
    else:
        paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


class RememberedCountPaginator(Paginator):
    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        generation = cache.get(COUNTS_GENERATION)
        if generation is None:
            generation = secrets.token_hex(8)
            if not cache.add(COUNTS_GENERATION, generation, None):
                generation = cache.get(COUNTS_GENERATION) or generation
        key = f"newsdesk:count:{generation}:{self.count_key}"
        count = cache.get(key)
        if count is None:
            count = Paginator.count.func(self)
            cache.set(key, count, COUNT_TTL)
        return count


def forget_counts():
    """Every remembered listing total is out of date (once the change commits)."""
    transaction.on_commit(lambda: cache.set(COUNTS_GENERATION, secrets.token_hex(8), None))


def forget_counts_on_change(sender, reason, **kwargs):
    if reason in (Change.PUBLISHED, Change.UNPUBLISHED):
        forget_counts()
