from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def paginate(request, object_list, per_page):
    """
    The page of ``object_list`` named by ``?page=``; 404 for a page that does not exist,
    so crawlers do not index endless empty pages.
    """
    paginator = Paginator(object_list, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
