"""Attribution: claims from sources a reader cannot weigh ("officials said", "reportedly")."""

import re

from django.core.checks import WARNING

from .base import Found, check
from .language import names_in, writers_voice

VAGUE = re.compile(
    r"\b("
    r"(?:(?:senior|government|top|local|some|several|two|three)\s+)?officials?\s+"
    r"(?:said|say|says|told|claim(?:ed|s)?|believe[sd]?|indicated)"
    r"|(?:according to|as per)\s+"
    r"(?:early\s+|initial\s+|media\s+|some\s+|unconfirmed\s+|several\s+|news\s+)?"
    r"(?:reports?|sources?|insiders?|officials|people familiar)"
    r"|(?:some\s+|unnamed\s+|several\s+|multiple\s+)?sources\s+(?:say|said|says|told|claim(?:ed)?|suggest(?:ed)?|indicate[sd]?)"
    r"|sources\s+(?:close|familiar)\s+(?:to|with)"
    r"|it\s+is\s+(?:understood|learnt|learned|believed|reported)"
    r"|(?:is|are|was|were)\s+reportedly|reportedly"
    r"|there(?:'s|’s|\s+is)\s+(?:also\s+)?talk"
    r"|insiders?\s+(?:claim(?:ed|s)?|say|said|says|suggest)"
    r"|people\s+familiar\s+with"
    r"|(?:experts|analysts|observers|critics)\s+(?:say|said|believe|suggest|claim)"
    r"|word\s+is\s+that|rumou?rs\s+(?:suggest|say)"
    r")\b",
    re.IGNORECASE,
)


@check("attribution.vague_source", level=WARNING)
def vague_source(story):
    for sentence in story.body:
        plain = writers_voice(sentence)
        match = VAGUE.search(plain)
        if not match:
            continue
        # "Kremlin officials said", "according to reports in The Hindu": a named source.
        before = plain[max(0, match.start() - 40) : match.start()]
        after = plain[match.end() : match.end() + 40]
        if _named_right_before(before) or _named_in(after, plain, match):
            continue
        yield Found(
            f"“{match.group(0)}”: the claim has no source a reader can weigh.",
            "Name the source, or say why it cannot be named (and how you know it).",
            field=sentence.field,
            block=sentence.block,
            sentence=sentence,
            words=match.group(0),
        )


def _named_right_before(before):
    words = before.rstrip().split()
    return bool(words) and bool(names_in(" " + words[-1])) and words[-1][:1].isupper()


def _named_in(after, plain, match):
    phrase = match.group(0).lower()
    if (
        phrase.startswith(("according to", "as per"))
        or "sources" in phrase
        or "officials" in phrase
    ):
        # "according to reports in The Hindu", "sources at Infosys said"
        lead = re.match(r"\s*(?:in|at|from|of|with|within)\s+(.*)", after)
        return bool(lead and names_in(" " + lead.group(1)))
    return False
