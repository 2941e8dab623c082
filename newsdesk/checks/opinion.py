"""Opinion in news: the writer's own views in a story of the news type."""

import re

from django.core.checks import WARNING

from .base import Found, check
from .language import writers_voice

MARKERS = re.compile(
    r"(?:^|(?<=[\s,;(—–-]))("
    r"honestly|frankly|clearly|obviously|sadly|thankfully|unfortunately|fortunately|"
    r"of course|needless to say|undoubtedly|surely|admittedly|mercifully|shockingly|"
    r"in my (?:view|opinion)|to my mind|i think|i believe|i feel|i suspect|i'm sure|i am sure|"
    r"we believe|we think|in our view|let's be honest|let us be honest|make no mistake|"
    r"it(?:'s|’s| is) (?:high time|a shame|a pity|about time)|"
    r"(?:^|\s)(?:i|we)(?=\s)|(?:^|\s)(?:my|our|me|us)(?=\s)"
    r")(?=[\s,.;:!?]|$)",
    re.IGNORECASE,
)
# "US" and "U.S." are a country, not "us"; "I" in roman numerals ("World War I") is not a writer.
NOT_FIRST_PERSON = re.compile(r"\b(?:US|U\.S\.|War I|Phase I|Part I|Class I)\b")


@check("opinion.in_news", level=WARNING)
def in_news(story):
    if story.article_type not in ("news", ""):
        return
    for sentence in story.body:
        plain = NOT_FIRST_PERSON.sub(lambda m: " " * len(m.group(0)), writers_voice(sentence))
        match = MARKERS.search(plain)
        if not match:
            continue
        words = match.group(1).strip()
        yield Found(
            f"“{words}”: the writer's opinion in a news story.",
            "Keep to what can be reported; move the judgement to an analysis or opinion "
            "piece, or attribute it to someone.",
            field=sentence.field,
            block=sentence.block,
            sentence=sentence,
            words=words,
        )
