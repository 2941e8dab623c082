"""
HTML pasted into a story's body, made into blocks by the page importer's cleaning path
(:mod:`newsdesk.importers.extract`): headings, paragraphs, lists, quotations, tables and
links come in as blocks of their own, and the other site's navigation, advertisements,
share links and copyright lines are left out and named. A picture cannot come with its
rights from a clipboard, so each becomes a placeholder that says where it came from and
asks for the picture to be uploaded with its credit and licence.

Plain text with blank lines between paragraphs makes one paragraph block each.
"""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from wagtail.blocks import StreamValue

from newsdesk.articles.models import ArticlePage
from newsdesk.core.richtext import plain_paragraphs

from . import extract, html
from .base import find_story

# A clipboard holding more than this is not a story; the editor is told so.
MAX_PASTE = 2_000_000


@require_POST
def paste(request):
    """Blocks for what was pasted, in the form Wagtail's StreamField editor takes them."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    markup = request.POST.get("html", "")
    text = request.POST.get("text", "")
    if len(markup) + len(text) > MAX_PASTE:
        return _refusal("That is more than a story holds: paste the article, not the whole site.")
    try:
        blocks, dropped, headline, pictures = blocks_for(markup, text, request.get_host())
    except extract.TooDeep as problem:
        return _refusal(f"The pasted page cannot be read: {problem}.")
    if not blocks:
        return _refusal("No text was found in what was pasted.")
    body = ArticlePage._meta.get_field("body").stream_block
    value = StreamValue(body, blocks, is_lazy=True)
    return JsonResponse(
        {
            "blocks": body.get_form_state(value),
            "headline": headline[:255],
            "dropped": sorted(set(dropped)),
            "pictures": pictures,
            "message": _summary(len(blocks), dropped, pictures),
        }
    )


def blocks_for(markup, text, host=""):
    """
    The blocks for pasted HTML, else for pasted text; what was left out; the page's
    headline; and how many pictures wait for an upload. Related links become Also Read
    blocks: to the story on this site (``host``) they name, else a link card.
    """
    if markup.strip():
        hosts = {host.split(":")[0]} if host else set()
        context = html.Context(
            missing_picture_label=PICTURE_TO_ADD,
            find_story=lambda url, title: find_story(url, title, hosts),
        )
        found = extract.page_blocks(markup, context)
        return found.blocks, found.dropped, found.headline, len(context.missing_pictures)
    blocks = [{"type": "paragraph", "value": value} for value in plain_paragraphs(text)]
    return blocks, [], "", 0


# A picture cannot come with its rights from a clipboard: its placeholder says so.
PICTURE_TO_ADD = (
    "Picture to add: upload it with its credit and licence, then put an image block here. It was at"
)


def _summary(count, dropped, pictures):
    parts = [f"{count} block{'s' if count != 1 else ''} made from the paste."]
    if dropped:
        parts.append(f"Left out: {', '.join(sorted(set(dropped))[:6])}.")
    if pictures:
        parts.append(
            "1 picture needs uploading with its credit and licence."
            if pictures == 1
            else f"{pictures} pictures need uploading with their credits and licences."
        )
    return " ".join(parts)


def _refusal(message):
    return JsonResponse({"error": message}, status=400)
