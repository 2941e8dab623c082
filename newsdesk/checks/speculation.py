"""Speculation: hedged or rumoured claims in the headline and standfirst, or unattributed."""

import re

from django.core.checks import WARNING

from .base import Found, check
from .language import HEADLINE_RUMOUR, has_source, vague_source, writers_voice

HEDGE = re.compile(
    # The modal "may" in lower case only: "May" with a capital is the month.
    r"\b(may(?!\s+(?:\d|day))|"
    # "could see the smoke", "could only draw", "could face up to seven years" (the law's
    # maximum): what was possible or is the rule, not a guess.
    r"(?i:might|could(?!\s+(?:not|only|see|hear|smell|feel|face\s+(?:[\w,]+\s+){0,3}?up\s+to|"
    r"be\s+(?:jailed|imprisoned|fined|banned)\s+for\s+up\s+to)\b)|"
    r"(?:is|are|was|were)\s+(?:widely\s+|also\s+)?(?:expected|likely|tipped|poised|"
    r"rumou?red|said|"
    r"thought|set|believed|forecast|understood|predicted)\s+to|(?:is|are)\s+predicted\b|"
    r"(?:is|are|was|were)\s+expected|likely|expected\s+to|"
    # "it is unlikely to reopen"; not "goals from unlikely sources", "an unlikely hero"
    r"unlikely(?=\s+(?:to|that|the|a|an|he|she|they|it|we|this|any)\b|\s*[.,;:!?)]|\s*$)|"
    r"speculation|speculated|rumou?r(?:s|ed)?|"
    r"nothing\s+(?:is\s+|has\s+been\s+)?(?:yet\s+)?(?:confirmed|official|final)|"
    r"not\s+(?:yet\s+)?(?:been\s+)?confirmed|(?:yet\s+to\s+be|un)\s*confirmed|"
    r"(?:has|have)\s+yet\s+to\s+confirm|not\s+(?:yet\s+)?clear|unclear|"
    r"not\s+(?:yet\s+)?known\s+(?:whether|if|how|who|why|what|when)|"
    r"possibly|perhaps|potentially|possibility|it\s+is\s+possible|"
    # "floodwater is possible", "gusts of 70mph possible at times"; not "the best possible deal"
    r"(?:is|are|was|were|be)\s+(?:also\s+|still\s+|quite\s+)?possible|"
    r"possible\s+(?:at\s+times|in\s+places|later|overnight|tonight)|"
    r"there(?:\s+(?:is|are)|'s|’s)\s+(?:also\s+)?(?:talk|hopes?|fears?|(?:a\s+)?(?:\w+\s+)?"
    r"chance)(?:\s+(?:of|that|about))?"
    r"))\b"
)


# "Visitors may park", "customers may cancel": what people are allowed to do, not a guess.
PERMISSION = re.compile(
    r"\b(?:you|customers|visitors|residents|passengers|applicants|members|users|drivers|"
    r"motorists|students|pupils|staff|employees|readers|guests|shoppers|patients|tenants|"
    r"owners|spectators|voters|cyclists|walkers|pedestrians|anyone|everyone)\s+(?:also\s+)?$",
    re.IGNORECASE,
)
_NOT_PERMISSION = re.compile(r"\s+(?:not\s+)?(?:be|have|need|face|lose|struggle|find|see)\b")


# "the question of where a new depot could possibly go", "residents asked whether the bridge
# could reopen": a hedge inside a question someone asked is not the writer's guess.
ASKED = re.compile(
    r"\b(?:questions?|debate|argument|wondered|wondering|asked|asking|ask|asks|reflect|"
    r"consider|considering|decide|deciding)\s+"
    r"(?:(?:of|over|about|on|as\s+to)\s+)?(?:where|whether|how|what|who|which|when|why|if)\b"
    r"[^.;:]*$",
    re.IGNORECASE,
)


def _permission(plain, match):
    return (
        match.group(0) == "may"
        and bool(PERMISSION.search(plain[: match.start()]))
        and not _NOT_PERMISSION.match(plain, match.end())
    )


# Where a hedge is flagged even with a source: readers take these as the story's claim.
UP_FRONT = {"title": "in the headline", "standfirst": "in the standfirst"}


@check("speculation.hedged_claim", level=WARNING)
def hedged_claim(story):
    for sentence in story.sentences:
        plain = writers_voice(sentence)
        vague = vague_source(plain)
        # "According to unconfirmed reports": "unconfirmed" describes the vague source, which
        # the attribution check names; it is not a hedge of its own.
        match = next(
            (
                m
                for m in HEDGE.finditer(plain)
                if not (
                    vague
                    and vague.start() <= m.start() < vague.end()
                    and m.group(0).lower() == "unconfirmed"
                )
                and not _permission(plain, m)
                and not ASKED.search(plain[: m.start()])
            ),
            None,
        )
        if not match and sentence.field == "title":
            match = HEADLINE_RUMOUR.search(plain)
        if not match and vague and re.search(r"\b(?:expect|predict)", vague.group(0), re.I):
            match = vague  # "analysts expect the bank to cut rates": a forecast from nobody
        if not match:
            continue
        up_front = UP_FRONT.get(sentence.field)
        if not up_front and has_source(sentence.text):
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
