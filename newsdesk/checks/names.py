"""
Names: people and organisations in the story, known to the site or not yet.

A name in the story that matches a topic page becomes a suggested topic (one click adds
it in the editor); a person the site knows, named by surname alone before their full
name, gets a warning. People and organisations the site has no topic for are offered as
new topics (a suggestion, never a problem).

New names are found by rules, not a trained model: a run of capitalised words, less any
title before it ("Chief Constable", "Dr"), read as an organisation when a word such as
"Council", "Bank" or "Securities" is in it, as a person when it is two or three words,
and skipped when it names a place, an event or a thing ("Hillcrest Road", "World Cup").
docs/checks.md says what this misses.
"""

import re
from collections import Counter

from django.core.checks import INFO, WARNING

from .base import Found, check
from .language import GENERIC, NOT_NAMES, names_in
from .text import ORGANISATION


def _mentions(name, text):
    """
    Where ``name`` stands on its own in ``text``: not inside a longer name ("Tomás
    Ferreira Júnior", "Okafor-Lee", "Narendra Modi Stadium").
    """
    if name not in text:  # most of a large site's topics: skip the pattern
        return []
    pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s+[A-Z][\w’'-])"
    return [m.start() for m in re.finditer(pattern, text)]


TITLES = {
    *("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Judge", "Lord"),
    *("Lady", "Minister", "President", "Premier", "Chancellor", "Governor", "Mayor"),
    *("Senator", "Councillor", "Speaker", "Secretary", "General", "Colonel", "Captain"),
    *("Inspector", "Sergeant", "Superintendent", "Detective", "Chief", "Coach", "King"),
    *("Queen", "Prince", "Princess", "Sheikh"),
}


def _someone_else(text, position, surname):
    """
    A surname that belongs to another person: after a first name that is not the known
    person's ("Fernanda Okafor"), or introduced as someone new ("Mr Ferreira, a taxi
    driver").
    """
    before = text[:position].split()
    if before and before[-1][:1].isupper() and before[-1].strip(",") not in TITLES:
        return True
    after = text[position + len(surname) :]
    return bool(re.match(r",\s+(?:a|an)\s+[a-z]", after))


@check("names.suggested_topic", level=WARNING)
def suggested_topic(story):
    known = story.known_names()
    text = " ".join(s.text for s in story.sentences)
    present = set(story.topics)
    for topic_id, name in known["topics"]:
        if name in present or len(name) < 3 or not _mentions(name, text):
            continue
        first = next(s for s in story.sentences if _mentions(name, s.text))
        yield Found(
            f"“{name}” has a topic page: add the topic so the story is listed there.",
            "Add it with the button, or in the Topics field.",
            field="topics",
            sentence=first,
            words=name,
            extra={"topic_id": topic_id, "topic": name},
        )


@check("names.surname_first", level=WARNING)
def surname_first(story):
    known = story.known_names()
    text = " ".join(s.text for s in story.body)
    for name in known["people"]:
        parts = name.split()
        if len(parts) < 2 or ORGANISATION.search(name):
            continue
        surname = parts[-1]
        full = _mentions(name, text)
        short = [
            p
            for p in _mentions(surname, text)
            if not any(f <= p < f + len(name) for f in full) and not _someone_else(text, p, surname)
        ]
        if short and (not full or short[0] < full[0]):
            sentence = next(s for s in story.body if _mentions(surname, s.text))
            yield Found(
                f"“{surname}” is first named without a first name; readers may not know who "
                f"is meant.",
                f"Write “{name}” on first mention, then “{surname}”.",
                field=sentence.field,
                block=sentence.block,
                sentence=sentence,
                words=surname,
            )


# Words before a name that say what someone is, not who.
NAME_TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady judge justice chief constable
    detective inspector sergeant superintendent officer president vice prime minister
    secretary governor mayor councillor cllr senator representative general colonel captain
    major lieutenant admiral king queen prince princess pope bishop archbishop rev reverend
    father imam rabbi sheikh coach chairman chairwoman chair director commissioner
    ambassador deputy foreign finance home health defence chancellor speaker st saint
    the a an former acting interim""".split()  # noqa: SIM905
)
# A last word that makes a run an organisation's name.
ORGANISATION_ENDS = frozenset(
    """primary school academy college hospital general securities shipping airlines airways
    holdings partners bank motors energy foundation society commission authority assembly
    parliament senate congress army navy command forum network media press times post news
    radio television studios records trust council group agency ministry party court
    company inc ltd plc llc corporation corp institute university federation league club
    union association committee department board fund service police transit""".split()  # noqa: SIM905
)
# A last word that makes it a place, an event or a thing: not offered.
NOT_A_TOPIC_NAME = frozenset(
    """road street avenue lane square way drive close crescent bridge river valley hill hills
    mountain mountains island islands bay beach coast port harbour airport station park
    gardens lake sea ocean forest canal north south east west kingdom states republic
    stadium arena centre center hall market church cathedral temple mosque festival games
    cup championship trophy awards prize day week month year act bill plan scheme report
    review inquiry summit talks war""".split()  # noqa: SIM905
)
# First words of places' names ("New Delhi", "San Diego", "Port Talbot").
PLACE_STARTS = frozenset(
    """new san santa los las saint st port fort mount lake cape upper lower greater north
    south east west central""".split()  # noqa: SIM905
)
# Words a capitalised run may carry at its end that are not part of a name.
NOT_NAME_ENDS = NOT_NAMES | {"last", "next", "this", "today", "yesterday", "tomorrow"}
OFFERED = 5  # at most, the most mentioned first: more would bury the warnings


def new_name(run):
    """
    ``(name, kind)`` for a run of capitalised words that reads as a person's or an
    organisation's name, or ``None``.
    """
    words = run.replace("’s", "").replace("'s", "").split()
    while words and words[0].lower().strip(".,") in NAME_TITLES:
        words = words[1:]
    while words and words[-1].lower().strip(".,") in NOT_NAME_ENDS:
        words = words[:-1]  # "New Delhi Last" (a dateline run into the first sentence)
    if len(words) < 2 or len(words) > 6:
        return None
    if not all(
        w[:1].isupper() or w in ("of", "for", "the", "and", "de", "von", "al") for w in words
    ):
        return None
    name = " ".join(words)
    last = words[-1].lower().strip(".,")
    if last in NOT_A_TOPIC_NAME:
        return None
    if last in ORGANISATION_ENDS or ORGANISATION.search(name):
        return name, "organisation"
    if words[0].lower() in PLACE_STARTS:
        return None  # "New Delhi", "Port Talbot"; "Port Authority" is an organisation
    if len(words) <= 3 and all(w.isalpha() or "-" in w for w in words):
        return name, "person"
    return None


# A single capitalised word is taken for a name only where the story treats it as one, at
# least twice: it speaks ("Infosys said"), is introduced ("Infosys, the software company,")
# or is traded ("shares in Infosys"). Anything else would offer every capitalised common
# word. An introduction or a trade makes it an organisation; speaking alone says only that
# it is a name (a company, a band, a mononymous person).
# Each pattern starts at a word that is rare in a sentence (a speech verb, a comma before
# "the …company", "shares"), then looks back for the name: much cheaper than trying a
# capitalised word at every position.
# (No "\b" in front: it would keep the regular expression engine from skipping ahead to
# the words' first letters.)
_SPEECH_VERB = re.compile(
    r"(?:said|says|announced|reported|confirmed|told|added|warned|denied|declined|"
    r"insisted|disclosed)\b"
)
_COMPANY_AFTER = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|group|retailer|maker|"
    r"manufacturer|bank|lender|carrier|airline|operator|charity|broadcaster|insurer|chain|"
    r"giant|start-up|startup|developer|supplier|club|conglomerate|platform|publisher|union|"
    r"brand)\b"
)
_TRADED = re.compile(r"(?:[Ss]hares\s+(?:in|of)|[Ss]take\s+in|[Ss]tock\s+of)\s+([A-Z][A-Za-z&]+)\b")
_NAME_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][A-Za-z&]+)(?:\s+(?:has|have))?\s*$")


def _single_names(story, taken_words, found_words):
    """Single-word names the story treats as names, as {name: kind}."""
    signs = {}
    for sentence in story.body:
        text = sentence.text
        for match in _COMPANY_AFTER.finditer(text):
            name = _NAME_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if name:
                signs[name.group(1)] = "organisation"
        for match in _TRADED.finditer(text):
            signs[match.group(1)] = "organisation"
        for match in _SPEECH_VERB.finditer(text):
            if not text[match.start() - 1 : match.start()].isspace():
                continue  # "unsaid"
            name = _NAME_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if name:
                signs.setdefault(name.group(1), "name")
    skip = NOT_NAMES | NAME_TITLES | GENERIC | taken_words | found_words
    candidates = {
        name: kind
        for name, kind in signs.items()
        if name.lower() not in skip and not (name.isupper() and len(name) <= 2)  # "US": a place
    }
    if not candidates:
        return {}
    text = "\n".join(sentence.text for sentence in story.body)
    return {name: kind for name, kind in candidates.items() if len(_mentions(name, text)) >= 2}


@check("names.new_topic", level=INFO)
def new_topic(story):
    known = story.known_names()
    taken = {name.lower() for _pk, name in known["topics"]}
    taken |= {name.lower() for name in known["people"]}
    taken |= {name.lower() for name in story.topics}
    # Words of the names taken, so that a name is compared with those only when it shares
    # a word with one ("Narendra Modi Stadium" beside the topic "Narendra Modi").
    taken_words = {word for name in taken for word in name.split()}
    counts, kinds, first = Counter(), {}, {}
    for sentence in story.body:
        runs = [part for run in names_in(sentence.text) for part in re.split(r"\s+and\s+", run)]
        for run in runs:
            found = new_name(run)
            if found is None:
                continue
            name, kind = found
            lower = name.lower()
            if lower in taken:
                continue
            if set(lower.split()) & taken_words and any(
                lower in t or t in lower for t in taken if len(t) > 3
            ):
                continue
            counts[name] += 1
            kinds.setdefault(name, kind)
            first.setdefault(name, sentence)
    # Single words of the names found ("Johnson" after "Boris Johnson") are those people.
    found_words = {word.lower() for name in counts for word in name.split()}
    for name, kind in _single_names(story, taken_words | taken, found_words).items():
        mentioned = [s for s in story.body if _mentions(name, s.text)]
        counts[name] = len(mentioned)
        kinds[name] = kind
        first.setdefault(name, mentioned[0])
    for name, _count in counts.most_common(OFFERED):
        what = {"person": "a person", "organisation": "an organisation"}.get(kinds[name], "a name")
        yield Found(
            f"“{name}” ({what}) has no topic page yet.",
            "Create the topic to list this and later stories about them together.",
            field="topics",
            sentence=first[name],
            words=name,
            extra={"new_topic": name, "kind": kinds[name]},
        )
