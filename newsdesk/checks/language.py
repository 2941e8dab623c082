"""
Shared reading of news language: quoted speech, sources, and names in a sentence.

The language families (attribution, speculation, opinion, dates, related links, names)
use these so they agree on what is a quotation (a source's words, not the writer's) and
what counts as a named source.
"""

import re
from functools import lru_cache

from .text import ORGANISATION

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
    r"predicted|estimated|argued|insisted|confirmed|according to|as per|urged|noted|"
    r"explained|stressed|emphasi[sz]ed|acknowledged|cautioned|countered|conceded|admitted|"
    r"predicts|claimed|contended|contends|contending|maintained|disputed|"
    # "the warning states" (not "member states"); court copy: "the court has heard", "his
    # trial heard", "the jury was told"
    r"(?:warning|report|statement|notice|alert|letter|document|and)\s+states|"
    r"(?:court|appeal|jury|trial|inquest|tribunal|hearing)\s+(?:has\s+|had\s+|was\s+|"
    r"were\s+)?(?:heard|told))"
)
_SPEECH = re.compile(rf"\b{SPEECH}\b", re.IGNORECASE)
# "was announced", "is reported": a speech verb with nobody speaking.
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+$", re.IGNORECASE)

# Plurals that name people by what they do: "teachers", "researchers", "scientists".
_TRADE = r"[a-z]{2,}(?:ers|ors|ists|ians|ants|ents|ees|men)"
# Words of that shape that name things, not people: "sectors are expected to grow".
_THINGS = (
    r"(?!(?:sectors|factors|indicators|doors|floors|errors|motors|colou?rs|numbers|papers|"
    r"letters|orders|borders|matters|waters|cent(?:re|er)s|quarters|headquarters|powers|"
    r"towers|corners|computers|containers|events|plants|grants|restaurants|variants|"
    r"\w+ments)\b)"
)
_PEOPLE = rf"(?:^[A-Z]|[a-z]){_TRADE}"  # a capital only where the sentence starts
_PEOPLE_WORD = re.compile(rf"[a-z]{_TRADE}")
# Plurals of that shape for people who speak for a service, or who saw what happened.
_SPEAKING_FOR = (
    r"(?:witness|detective|prosecutor|investigator|officer|firefighter|fire|paramedic|"
    r"rescuer|organiser|organizer|member|spokes|coroner|inspector|passenger|minister|engineer|"
    r"operator|government|department|president|regulator|auditor|administrator|ambassador)"
)

# Groups a reader cannot weigh: nobody in them is named or can be asked.
_CROWD = (
    r"(?:residents|parents|locals|villagers|neighbours|fans|supporters|pundits|bankers|"
    r"market\s+watchers|observers|critics|experts|analysts|diplomats|insiders|commentators|"
    r"traders|shopkeepers|investors|economists|campaigners|activists|commuters|motorists|"
    r"councillors|mps|lawmakers|nurses|surgeons|pilots|vets|chefs|guards|clerks|landlords|"
    r"staff|tories|republicans|democrats|backbenchers|rebels|bosses|chiefs|executives|aides|"
    r"allies|colleagues|"
    r"students|groups|figures|"
    # any plural that names people by what they do ("teachers", "researchers", "doctors",
    # "scientists", "fishermen"), but not the people who speak for a service or the
    # story's own witnesses ("detectives", "rescuers", "organisers", "witnesses")
    rf"(?!{_SPEAKING_FOR}\w*\b){_THINGS}(?-i:{_PEOPLE})|"
    r"people|officials|sources)"
)
_CROWD_VERB = (
    r"(?:say|said|says|saying|believe[ds]?|claim(?:ed|s)?|alleged?|suggest(?:ed|s)?|"
    r"describe[ds]?|think|thought|fear(?:ed)?|feel|felt|indicated?|told|expect(?:s|ed|ing)?|"
    r"predict(?:s|ed|ing)?|(?:expressed|voiced)\s+(?:\w+\s+){0,2}?(?:concerns?|fears?|doubts?|"
    r"disbelief|confidence|anger|frustration|support|opposition)|"
    r"(?:(?:privately|publicly|openly)\s+)?admit(?:s|ted)?|warn(?:s|ed|ing)?|argue[sd]?|"
    r"insist(?:s|ed)?|defend(?:s|ed)?|"
    # "analysts have questioned whether"; "officials call it a target", not "neighbours
    # called them to the scene"
    r"question(?:s|ed)?|doubt(?:s|ed)?|"
    r"call(?:s|ed)?(?=\s+(?:it|this|that|him|her|them)\s+(?:a|an|the|[“\"])(?:\b|\s)))"
)
VAGUE = re.compile(
    r"\b("
    # "officials said", "some parents say", "many locals believe", "pundits said"
    r"(?:(?:senior|government|top|local|some|several|many|most|a\s+few|two|three|"
    r"western|intelligence|security|police|party|diplomatic|industry|market|independent|"
    r"outside|other|worried|angry|rebel|backbench|tory|labour|conservative|republican|"
    r"democratic)\s+){0,2}"
    rf"{_CROWD},?\s+"
    # "engineers are said to be worried": the rumour below, not the engineers speaking
    r"(?!(?:are|were)\s+(?:said|thought|believed|rumou?red|understood|reported|expected|"
    r"forecast|predicted|tipped)\s+to\b)"
    # "parents at the school gate say", "people familiar with the matter said"; a named
    # place or body in capitals ("analysts at Halden Securities") is a source
    r"(?:(?:at|in|from|outside|inside|near|around|on|close\s+to|familiar\s+with)\s+"
    r"(?-i:(?:[a-z][\w'’-]*\s+){1,4}?))?"
    # "several councillors who voted in favour said privately"
    r"(?:,?\s*who\s+(?-i:(?:[a-z][\w'’-]*\s+){0,5}?))?"
    rf"(?:(?:are|were|have|had|has)\s+(?:now\s+|been\s+|long\s+)*)?{_CROWD_VERB}"
    r"|(?:some|many|others)\s+(?:say|believe|claim|think|feel|felt|argue|argued|"
    r"(?:expressed|voiced|raised)\s+(?:\w+\s+){0,2}?(?:concerns?|fears?|doubts?|disbelief|"
    r"anger|frustration))"
    # one unnamed person speaking: "one council member indicated", "a No 10 source calls
    # him a snake", "a senior government source said"; not "one resident, Barry Carter,
    # said", whose name follows
    r"|(?:a|one|another)\s+(?:[\w'’.-]+\s+){0,3}?(?:member|councillor|councilmember|"
    r"official|resident|source|insider|aide|executive|employee|worker|staffer|diplomat|"
    r"analyst|trader|parent|teacher|neighbour|neighbor)(?=\s+(?:indicated|expressed|said|"
    r"says|told|tells|argued|claimed|claims|suggested|suggests|warned|criticized|criticised|"
    r"criticizing|criticising|noted|complained|insists?|insisted|calls?|called|added|"
    r"described|revealed|admitted|close\s+to)\b)"
    r"|unnamed\s+(?:sources?|officials?|officers?|insiders?|people|persons?|diplomats?|aides?|"
    r"executives?|staff|employees|police|witnesses|residents)"
    # "sources in the campaign", "insiders at the town hall": named only if a name follows
    r"|(?:sources|insiders|officials)\s+(?=(?:in|at|within|inside|from|close\s+to|"
    r"familiar\s+with)\b)"
    r"|(?:according\s+to|as\s+per)\s+(?:\w+\s+){0,2}?"
    r"(?:reports?|sources?|insiders?|officials|people\s+familiar|information|media|press|"
    # "according to supporters"; "according to figures" are numbers, not a crowd
    rf"those\s+(?:present|there|involved|close\s+to)|(?!figures|groups){_CROWD}\b)"
    r"|it\s+(?:is|was|has\s+been)\s+(?:being\s+)?(?:widely\s+|also\s+)?(?:understood|"
    r"learnt|learned|argued|"
    r"believed|reported|claimed|alleged|said|thought|rumou?red|told|speculated|confirmed|"
    r"announced|suggested|feared|heard|expected)"
    r"|it\s+has\s+come\s+to\s+light|it\s+came\s+to\s+be\s+known|rumou?r\s+has\s+it"
    # "after it emerged Mr Johnson promoted": a revelation with nobody behind it; not "it
    # emerged from the tunnel"
    r"|it\s+(?:has\s+|had\s+)?emerged(?!\s+(?:from|out|into|in|on|at|as|unscathed)\b)"
    # "what has been described as a multi-vehicle collision": described by nobody
    r"|what\s+(?:has\s+been|have\s+been|was|were|is\s+being)\s+(?:described|called|billed|"
    r"branded|labell?ed|termed)\s+as"
    # "a source in the palace said", "two diplomats who asked not to be named"
    r"|(?:a|one|another)\s+(?:senior\s+)?(?:source|insider|official|diplomat)\s+"
    r"(?=(?:in|at|within|inside|from|close\s+to|familiar\s+with)\b)"
    r"|(?:asked|declined|wished)\s+not\s+to\s+be\s+(?:named|identified)"
    r"|on\s+(?:the\s+)?condition\s+of\s+anonymity|speaking\s+anonymously"
    # "is said to have", "is thought to include"; not "was reported to the police"
    r"|(?:is|are|was|were)\s+(?:widely\s+|also\s+)?(?:said|rumou?red|thought|believed|"
    r"reported|understood)\s+to"
    r"\s+(?!(?:the|a|an|his|her|their|its|our|my|police|officers|authorities|him|them|me|us)"
    r"\b)(?=[a-z])|said\s+to\s+have"
    r"|(?:is|are|was|were|has\s+been|have\s+been)\s+widely\s+(?:believed|expected|reported|"
    r"criticised|criticized|seen|regarded|thought|considered|tipped|praised|condemned)"
    r"|(?:(?:is|are|was|were)\s+)?(?:reportedly|apparently)"
    r"|there\s+(?:are|were)\s+(?:also\s+)?(?:unconfirmed\s+)?reports|reports\s+are\s+coming\s+in"
    r"|(?:unconfirmed\s+|media\s+|early\s+|initial\s+)?reports\s+"
    r"(?:from\s+(?:\w+\s+){1,3}?)?(?:say|said|suggest(?:ed)?|indicate[sd]?)"
    # "the flights reported yesterday to have been cancelled": reported by nobody
    r"|reported\s+(?:\w+\s+)?to\s+have\s+been"
    r"|there(?:'s|’s|\s+is)\s+(?:also\s+)?(?:talk|speculation)"
    r"|speculation\s+(?:is|has|grows|mounts)\s+\w+"
    r"|social\s+media\s+posts|posts\s+on\s+social\s+media"
    r"|rumou?rs\s+(?:suggest|say|are|have)|word\s+(?:is|around\s+[\w\s]{1,30}?\s+is)\s+that"
    r"|(?:we|i)(?:['’]re|['’]m)\s+(?:now\s+|also\s+)?hearing"
    r"|(?:we|i)\s+(?:understand|are\s+(?:now\s+|also\s+)?hearing|am\s+hearing|"
    r"have\s+heard|hear|"
    r"(?:are|were|have\s+been|am|was)\s+told)"
    r")\b",
    re.IGNORECASE,
)
# Words that open a sentence with a capital but name nobody: "Police sources said".
GENERIC = {
    "police",
    "government",
    "military",
    "army",
    "security",
    "intelligence",
    "hospital",
    "company",
    "party",
    "campaign",
    "club",
    "diplomatic",
    "western",
    "senior",
    "local",
    "some",
    "many",
    "several",
    "unnamed",
    # sentence-initial words for a field, not a name: "Health officials said"
    *("health", "education", "environmental", "city", "state", "federal", "foreign"),
    *("finance", "defence", "defense", "transport", "trade", "energy", "school", "industry"),
    *("market", "prison", "airport", "airline", "bank", "university", "council", "bus"),
    *("rail", "train", "taxi", "lorry", "delivery", "care", "junior", "farm"),
}


# The first word of every kind of vague source: VAGUE is tried only where one stands,
# which keeps the family's cost near that of one word scan (it is long, and Python's
# regular expressions try each alternative at every position otherwise).
_OPENERS = frozenset(
    """senior government top local some several many most a two three western intelligence
    security police party diplomatic industry residents parents locals villagers neighbours
    fans supporters pundits bankers market observers critics experts analysts diplomats
    insiders commentators traders shopkeepers investors economists campaigners activists
    commuters motorists councillors mps lawmakers nurses surgeons pilots vets chefs guards
    clerks landlords staff students groups figures people officials sources unnamed one
    another asked declined wished on speaking rumour rumor according as it is are was were
    has have said reportedly apparently there reports unconfirmed media early speculation
    social posts rumours rumors word we i initial reported independent outside other others
    what worried angry rebel backbench tory labour conservative republican democratic tories
    republicans democrats backbenchers rebels bosses chiefs executives aides allies
    colleagues""".split()  # noqa: SIM905
)
_WORD_START = re.compile(r"\b[A-Za-z]+")


def _vague_matches(text):
    for word in _WORD_START.finditer(text):
        lower = word.group(0).lower()
        if lower in _OPENERS or _PEOPLE_WORD.fullmatch(lower):
            match = VAGUE.match(text, word.start())
            if match:
                yield match


@lru_cache(maxsize=2048)
def vague_source(text):
    """
    The first vague attribution in ``text`` (already the writer's voice) as a match, or
    ``None``: "officials said" unless the officials are named ("Kremlin officials said",
    "sources at Infosys said").
    """
    for match in _vague_matches(text):
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 60]
        rumour = bool(_PASSIVE_RUMOUR.match(match.group(0)))
        if _survey_share(before) or _named_after(after, match):
            continue
        if _named_right_before(before) and not rumour:
            continue  # "Kremlin officials said"; but "Infosys is said to be planning" is a rumour
        if rumour and (_BY_SOMEONE.match(after) or _reported_by_someone(text, match)):
            # "it was confirmed by the hospital", "doctors at Riverton General said the
            # outbreak was thought to have started at a market": the speaker is named.
            continue
        if match.group(0).lower().endswith("told") and re.match(
            r"\s+(?:us|this\s+newspaper|our\s+\w+)\b", after
        ):
            continue  # the people were asked by our own reporter
        return match
    return None


# Headlines drop "is": "Striker said to be close to a move" is the passive rumour.
HEADLINE_RUMOUR = re.compile(
    r"\b(?:said|thought|believed|rumou?red|understood)\s+to\s+(?:be|have)\b", re.IGNORECASE
)

_PASSIVE_RUMOUR = re.compile(r"(?:it|is|are|was|were|said)\b", re.IGNORECASE)
# "it was confirmed by the hospital" names its speaker; "it is alleged by neighbours" does not.
_BY_SOMEONE = re.compile(
    rf"\s+(?:\w+\s+){{0,3}}?by\s+(?!(?:the\s+|some\s+|many\s+|local\s+)?{_CROWD}\b)",
    re.IGNORECASE,
)


def _reported_by_someone(text, match):
    rest = text[: match.start()] + " " * len(match.group(0)) + text[match.end() :]
    return any(
        not _PASSIVE.search(rest[: m.start()])
        and not _ANOTHER_CLAUSE.search(rest, match.end(), m.start())
        for m in _SPEECH.finditer(rest)
    ) and bool(names_in(rest))


# "It was thought the area might flood, but the agency said…": the speaker after "but" says
# something else; their words do not source the rumour before it.
_ANOTHER_CLAUSE = re.compile(r"\bbut\b|;|\bhowever\b|\bwhile\b|\bwhereas\b", re.IGNORECASE)


def _survey_share(before):
    # "half of fans thought": a survey's finding, not a rumour; "the villagers said": the
    # people the story is about, already introduced; "the ministry's officials": a body's.
    return bool(re.search(r"(?:\b(?:of|the)|\w['’]s)\s+$", before, re.IGNORECASE))


def _named_right_before(before):
    words = before.rstrip().split()
    if not words or not words[-1][:1].isupper() or words[-1][-1] in ",;:":
        return False  # "…Brandon Lewis, a Number 10 source said": the name is another's
    word = words[-1].strip(",;:")
    return word.lower() not in GENERIC and bool(names_in(" " + word))


def _named_after(after, match):
    phrase = match.group(0).lower()
    if not (
        phrase.startswith(("according to", "as per"))
        or phrase.rstrip().endswith(("sources", "officials", "insiders"))
        or "sources" in phrase
        or "officials" in phrase
    ):
        return False
    # "according to reports in The Hindu", "sources at Infosys said"; but "officials in
    # Brussels" are somewhere, not someone
    lead = re.match(
        r"\s*(in|at|from|of|with|within|inside|close\s+to|familiar\s+with)\s+(.*)", after
    )
    if not lead:
        return False
    names = names_in(" " + lead.group(2))
    if lead.group(1) == "in" and not phrase.startswith(("according to", "as per")):
        return any(ORGANISATION.search(name) for name in names)
    return bool(names)


def unquoted(text, opens_quoted=False):
    """
    The sentence with quoted words blanked out (their length kept, so offsets hold). A
    quotation may run over several sentences: ``opens_quoted`` says the sentence starts
    inside one, an opening mark left without its closing one runs to the sentence's end,
    and a closing mark left without its opening one ends a quotation that began earlier.
    """
    if opens_quoted:
        end = text.find("”")
        cut = len(text) if end < 0 else end + 1
        text = " " * cut + text[cut:]
    text = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    end = text.find("”")
    if end >= 0:
        text = " " * (end + 1) + text[end + 1 :]
    start = text.find("“")
    if start >= 0:
        text = text[:start] + " " * (len(text) - start)
    return text


def writers_voice(sentence):
    """
    What of ``sentence`` the writer says in their own voice: nothing of a quotation block
    or pull quote (someone else's words, set apart without quotation marks), and the rest
    with quoted words blanked out.
    """
    if getattr(sentence, "quoted", False):
        return " " * len(sentence.text)
    return unquoted(sentence.text, getattr(sentence, "opens_quoted", False))


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


@lru_cache(maxsize=2048)
def has_source(text):
    """
    Whether the claim has a source a reader can weigh: a quotation, or a speech verb
    with someone speaking ("the fire service said", "Dr Mehta told") and no vague source
    in the sentence. "Officials say", "sources said" and a passive "was announced" or
    "is reported" carry no source.
    """
    plain = unquoted(text)
    if vague_source(plain):
        return False
    if _QUOTED.search(text):
        return True
    return any(
        not _PASSIVE.search(plain[: m.start()]) and not _NOT_SAID.search(plain[: m.start()])
        for m in _SPEECH.finditer(plain)
    )


# "Police have not yet confirmed", "declined to confirm": nobody said it.
_NOT_SAID = re.compile(
    r"(?:\bnot|\bnever|n['’]t|\byet\s+to|\bdeclined\s+to|\brefused\s+to)\s+(?:yet\s+)?"
    r"(?:been\s+)?$",
    re.IGNORECASE,
)
