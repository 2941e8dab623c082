"""Reading the fields of WordPress's export: its dates, slugs, states and metadata."""

import json
import re
from datetime import UTC, datetime
from urllib.parse import unquote

from django.utils import timezone
from django.utils.text import slugify

from newsdesk.comments.models import CommentState

VERSIONS = ("1.0", "1.1", "1.2")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
NO_DATE = "0000-00-00 00:00:00"

STATES = {
    "1": CommentState.APPROVED,
    "0": CommentState.PENDING,
    "spam": CommentState.SPAM,
    "trash": CommentState.REMOVED,
}


META_KEPT = {
    "_thumbnail_id",
    "_wp_attached_file",
    "_wp_attachment_image_alt",
    "_wp_attachment_metadata",
    "footnotes",
}


def other_type_reason(kind):
    if kind == "nav_menu_item":
        return "a menu item: newsdesk builds its menus from sections"
    if kind.startswith("wp_"):
        return "site-editor data (templates, styles, navigation), not content"
    return f"WordPress content of type “{kind}”, which newsdesk has no place for"


def wxr_slug(text):
    return slugify(unquote(text or ""), allow_unicode=True)[:240]


def parse_date(gmt, local):
    if gmt and gmt != NO_DATE:
        return datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    if local and local != NO_DATE:
        naive = datetime.strptime(local, "%Y-%m-%d %H:%M:%S")
        return timezone.make_aware(naive)
    return None


def entry_time(entry):
    return parse_date(entry["date_gmt"], entry["date"])


def attachment_meta(serialized):
    """``credit`` and ``copyright`` from the PHP-serialized attachment metadata."""
    found = {}
    for key in ("credit", "copyright", "caption"):
        match = re.search(rf's:\d+:"{key}";s:\d+:"(.*?)";', serialized or "")
        if match:
            found[key] = match.group(1)
    return found


def read_footnotes(raw):
    try:
        notes = json.loads(raw) if raw else []
    except ValueError:
        return []
    return [note.get("content", "") for note in notes if isinstance(note, dict)]
