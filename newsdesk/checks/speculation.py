"""Speculation: hedged or rumoured claims in the headline and standfirst, or unattributed."""

import re

from django.core.checks import WARNING

from .base import Found, check
from .language import is_attributed, writers_voice

HEDGE = re.compile(
    # The modal "may" in lower case only: "May" with a capital is the month.
    r"\b(may(?!\s+(?:\d|day))|"
    r"(?i:might|could(?!\s+not)|"
    r"(?:is|are|was|were)\s+(?:expected|likely|tipped|poised|rumou?red|said|thought|set)\s+to|"
    r"likely\s+to|expected\s+to|"
    r"speculation|speculated|rumou?r(?:s|ed)?|"
    r"nothing\s+(?:is\s+|has\s+been\s+)?(?:yet\s+)?(?:confirmed|official|final)|"
    r"(?:not|yet\s+to\s+be|un)\s*confirmed|"
    r"possibly|perhaps|potentially|"
    r"there(?:\s+(?:is|are)|'s|’s)\s+(?:also\s+)?(?:talk|hopes?|fears?)(?:\s+(?:of|that|about))?"
    r"))\b"
)


# Where a hedge is flagged even with a source: readers take these as the story's claim.
UP_FRONT = {"title": "in the headline", "standfirst": "in the standfirst"}


@check("speculation.hedged_claim", level=WARNING)
def hedged_claim(story):
    for sentence in story.sentences:
        plain = writers_voice(sentence)
        match = HEDGE.search(plain)
        if not match:
            continue
        up_front = UP_FRONT.get(sentence.field)
        if not up_front and is_attributed(sentence.text):
            continue
        yield Found(
            f"“{match.group(0)}”: a hedged or rumoured claim {up_front or 'without a source'}.",
            "Lead with what is confirmed; keep the speculation, attributed, in the body."
            if up_front
            else "Report what is known, and say who expects or suggests the rest.",
            field=sentence.field,
            block=sentence.block,
            sentence=sentence,
            words=match.group(0),
        )
