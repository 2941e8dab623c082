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
# Judgements carried by a word: "a disastrous decision", "a welcome move".
EVALUATIVE_WORDS = frozenset(
    """disastrous shameful shamefully disgraceful disgrace scandalous outrageous appalling
    deplorable despicable heinous atrocious shambolic woeful abysmal dismal dreadful pathetic
    paltry farcical ludicrous laughable ridiculous absurd sickening cowardly reckless botched
    indefensible inexcusable unforgivable callous cynical inept incompetent lacklustre
    lamentable shocking shockingly harrowing thug thugs ill-advised misguided foolish
    senseless apathy brilliant magnificent superb stunning stirring thrilling heroic
    heroically courageous laudable commendable praiseworthy admirable inspiring masterful
    wonderful spectacular breathtaking heartwarming heartbreaking extraordinary
    embarrassingly embarrassing unfortunate""".split()  # noqa: SIM905
)
EVALUATIVE_PHRASES = re.compile(
    r"\b("
    r"(?:a|an)\s+(?:welcome|bold|brave|long[- ]overdue|much[- ]needed)\s+\w+|"
    r"long[- ]overdue|much[- ]needed|brave\s+(?!the\b)\w+|"
    r"truly\s+\w+|nothing\s+short\s+of|slap\s+on\s+the\s+wrist|a\s+triumph\s+of|"
    r"(?:must|should)\s+be\s+(?:punished|ashamed|condemned|applauded|praised)|"
    r"deserves?\s+(?:praise|credit|better)"
    r")\b",
    re.IGNORECASE,
)
_PHRASE_WORDS = frozenset(
    [
        "welcome",
        "bold",
        "brave",
        "overdue",
        "needed",
        "truly",
        "short",
        "slap",
        "triumph",
        "must",
        "should",
        "deserve",
        "deserves",
    ]
)
_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def evaluative(text):
    """The first word or phrase of judgement in ``text`` as a match, or ``None``."""
    found = None
    words = set()
    for word in _WORDS.finditer(text):
        lower = word.group(0).lower()
        words.update(lower.split("-"))
        if found is None and lower in EVALUATIVE_WORDS:
            found = word
    if words & _PHRASE_WORDS:
        phrase = EVALUATIVE_PHRASES.search(text)
        if phrase and (found is None or phrase.start() <= found.start()):
            return phrase
    return found


# Terms of art that share an evaluative word.
NOT_EVALUATIVE = re.compile(
    r"\bextraordinary\s+(?:general\s+meeting|session|summit|meeting|powers|leave|"
    r"rendition)|\bunfortunate\s+(?:enough)\b",
    re.IGNORECASE,
)
# "US" and "U.S." are a country, not "us"; "I" in roman numerals ("World War I") is not a
# writer. The newsroom's own first person in reporting ("we have asked the council",
# "our correspondent says", "stay with us") is how a story was reported, not an opinion.
NOT_FIRST_PERSON = re.compile(
    r"\b(?:US|U\.S\.|War I|Phase I|Part I|Class I)\b|"
    r"(?i:\b(?:we|we've|we’ve|we'll|we’ll|we're|we’re)\s+(?:have\s+|will\s+|are\s+|had\s+)?"
    r"(?:(?:now|also|still|just)\s+)?(?:asked|contacted|approached|requested|reached|"
    r"bring|brought|update|updated|following|waiting|seen|verified|received|know|"
    r"be\s+(?:bringing|updating|following))\b|"
    r"\bour\s+(?:reporters?|correspondents?|team|colleagues|journalists|photographers?|"
    r"live\s+(?:blog|coverage|page)|coverage|readers|newsroom|sister\s+\w+|staff|"
    r"editors?|earlier\s+\w+|story|investigation|analysis|reporting)\b|"
    r"\b(?:told|tell|with|contact|email|join|send|write\s+to)\s+us\b)"
)


@check("opinion.in_news", level=WARNING)
def in_news(story):
    if story.article_type not in ("news", ""):
        return
    for sentence in story.body:
        plain = NOT_FIRST_PERSON.sub(lambda m: " " * len(m.group(0)), writers_voice(sentence))
        plain = NOT_EVALUATIVE.sub(lambda m: " " * len(m.group(0)), plain)
        match = MARKERS.search(plain) or evaluative(plain)
        if not match:
            continue
        words = (match.group(1) if match.re.groups else match.group(0)).strip()
        yield Found(
            f"“{words}”: the writer's opinion in a news story.",
            "Keep to what can be reported; move the judgement to an analysis or opinion "
            "piece, or attribute it to someone.",
            field=sentence.field,
            block=sentence.block,
            sentence=sentence,
            words=words,
        )
