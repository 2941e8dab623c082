"""
Reader queries, cleaned before they reach a search backend, and highlighted snippets.

Wagtail's SQLite backend raises on a double quote and recurses once per term (a query of a
few thousand words exhausts the stack), and every backend has operators of its own; so a
query is reduced to at most ``MAX_TERMS`` plain words before it is searched.
"""

import re
from html import escape

from django.utils.html import strip_tags

MAX_TERMS = 12
MAX_TERM_LENGTH = 40
MAX_QUERY_LENGTH = 500
SNIPPET_WORDS = 36

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
# "Modi's" is searched as "Modi": the engines would otherwise look for a word "s" too.
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
# Words the FTS engines read as operators rather than as words to find.
_OPERATORS = {"and", "or", "not", "near"}


def clean_query(raw):
    """
    The words of ``raw`` a backend can search for: letters and digits only, no operators,
    at most ``MAX_TERMS`` words of at most ``MAX_TERM_LENGTH`` characters. May be empty.
    """
    raw = (raw or "")[:MAX_QUERY_LENGTH]
    terms = []
    for match in _WORD.finditer(raw):
        term = match.group().replace("’", "'").replace("_", " ").strip()
        for word in term.split():
            word = _POSSESSIVE.sub("", word).strip("'")
            if word.lower() in _OPERATORS or not word:
                continue
            terms.append(word[:MAX_TERM_LENGTH])
        if len(terms) >= MAX_TERMS:
            break
    return " ".join(terms[:MAX_TERMS])


_SUFFIXES = ("ies", "ing", "es", "ed", "s", "y")


def _stem(term):
    """A crude English stem, enough to mark "ferries" for "ferry" as PostgreSQL would find it."""
    term = term.lower()
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


def _term_pattern(terms):
    # A term's stem matches at the start of a word, so "ferry" marks "ferries" and
    # "elect" marks "election": the backends may match stems, and readers expect the
    # words they see found to be marked.
    alternatives = sorted({re.escape(_stem(t)) for t in terms if t}, key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"\b(" + "|".join(alternatives) + r")\w*", re.IGNORECASE | re.UNICODE)


def highlight(text, query, words=SNIPPET_WORDS):
    """
    A snippet of ``text`` (plain text or HTML) around the first word matching ``query``,
    escaped, with matches wrapped in ``<mark>``; the text's start when nothing matches.
    """
    text = " ".join(strip_tags(text or "").split())
    pattern = _term_pattern(query.split())
    tokens = text.split(" ")
    start = 0
    if pattern:
        for index, token in enumerate(tokens):
            if pattern.search(token):
                start = max(0, index - words // 3)
                break
    window = tokens[start : start + words]
    snippet = " ".join(window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(tokens) else ""
    if not pattern:
        return prefix + escape(snippet) + suffix
    pieces, last = [], 0
    for match in pattern.finditer(snippet):
        pieces.append(escape(snippet[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(snippet[last:]))
    return prefix + "".join(pieces) + suffix
