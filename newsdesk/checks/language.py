"""
Shared reading of news language: quoted speech, sources, and names in a sentence.

The language families (attribution, speculation, opinion, dates, related links, names)
use these so they agree on what is a quotation (a source's words, not the writer's) and
what counts as a named source.
"""

import re

# Text between quotation marks is someone's reported words: the writer's own voice is the
# rest of the sentence.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]{12,}’")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+(?:of|for|the|and|de|von|al)?\s*[A-Z][\w’'.-]*)*")
NOT_NAMES = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "and",
    "but",
    "or",
    "so",
    "yet",
    "if",
    "when",
    "while",
    "after",
    "before",
    "some",
    "many",
    "most",
    "others",
    "other",
    "officials",
    "sources",
    "according",
    "there",
    "here",
    "one",
    "two",
    "still",
    "also",
    "even",
    "for",
    "from",
    "with",
    "as",
    "by",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "experts",
    "insiders",
    "analysts",
    "observers",
    "critics",
    "people",
    "reports",
    "rumours",
    "talks",
    "not",
    "nothing",
    "no",
    "both",
    "each",
    "every",
    "all",
    "any",
    "what",
    "who",
    "why",
    "how",
}
# "is said to" reports a rumour, not a source.
SPEECH = (
    r"(said(?!\s+to\b)|says|say|told|tells|announced|stated|wrote|added|warned|warns|"
    r"predicted|estimated|argued|insisted|according to|as per)"
)
_SPEECH = re.compile(rf"\b{SPEECH}\b", re.IGNORECASE)


def unquoted(text):
    """The sentence with quoted words blanked out (their length kept, so offsets hold)."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def writers_voice(sentence):
    """
    What of ``sentence`` the writer says in their own voice: nothing of a quotation block
    or pull quote (someone else's words, set apart without quotation marks), and the rest
    with quoted words blanked out.
    """
    if getattr(sentence, "quoted", False):
        return " " * len(sentence.text)
    return unquoted(sentence.text)


def names_in(text):
    """Capitalised runs that are not the sentence's first word or a common word."""
    found = []
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower().strip(".,") in NOT_NAMES:
            words = words[1:]
        if not words:
            continue
        start = text.find(words[0], match.start())
        if start == 0 and len(words) == 1:
            continue  # a capital because it starts the sentence
        found.append(" ".join(words).rstrip(".,;:"))
    return found


def has_named_source(text):
    """
    Whether the sentence attributes its claim to someone named: a speech verb ("said",
    "told", "according to") with a person or organisation by name in the same sentence.
    """
    plain = unquoted(text)
    return bool(_SPEECH.search(text)) and bool(names_in(plain))


def is_attributed(text):
    """Whether the claim is attributed at all (named or not)."""
    return bool(_SPEECH.search(text)) or bool(_QUOTED.search(text))
