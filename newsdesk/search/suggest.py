"""
"Did you mean": when a search finds nothing, the closest words the newsroom has itself
used in headlines, standfirsts, topics and bylines ("Putn" → "Putin").

The words come from the newest ``MAX_STORIES`` published stories of the site and are
kept for ``LIFETIME``; a suggestion is offered only if searching for it finds something.
"""

import difflib
import re
from collections import Counter

from django.core.cache import cache

from newsdesk.articles.models import ArticlePage
from newsdesk.core.restrictions import private_q
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

KEY = "newsdesk:search-words:{}"
LIFETIME = 15 * 60
MAX_STORIES = 2000
# How alike a word must be (difflib's ratio): one letter wrong or missing in a word of
# five or more letters passes; a different word of the same length does not.
CUTOFF = 0.8
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def words(site):
    """The site's own words, lower case: how often each is used and how it is written."""
    key = KEY.format(site.pk if site else 0)
    found = cache.get(key)
    if found is None:
        counts = Counter()
        stories = ArticlePage.objects.published().exclude(private_q())
        if site:
            stories = stories.descendant_of(site.root_page)
        rows = stories.order_by("-first_published_at").values_list(
            "title", "standfirst", "search_description"
        )[:MAX_STORIES]
        texts = [text for row in rows for text in row]
        texts += Topic.objects.values_list("name", flat=True)
        texts += Author.objects.values_list("name", flat=True)
        written = {}
        for text in texts:
            for word in _WORD.findall(text or ""):
                counts[word.lower()] += 1
                # A name keeps its capital ("Putin"), other words are shown as typed.
                if word[0].isupper() or word.lower() not in written:
                    written[word.lower()] = word
        found = {word: (count, written[word]) for word, count in counts.items()}
        cache.set(key, found, LIFETIME)
    return found


def suggest(query, site):
    """``query`` with its unknown words replaced by the closest known ones; "" if none."""
    known = words(site)
    suggestion, changed = [], False
    for term in query.split():
        lower = term.lower()
        if lower in known or len(lower) < 4 or not lower.isalpha():
            suggestion.append(term)
            continue
        close = difflib.get_close_matches(lower, known, n=5, cutoff=CUTOFF)
        if not close:
            suggestion.append(term)
            continue
        best = max(
            close, key=lambda w: (difflib.SequenceMatcher(None, lower, w).ratio(), known[w][0])
        )
        suggestion.append(known[best][1] if known[best][1][0].isupper() else best)
        changed = True
    return " ".join(suggestion) if changed else ""
