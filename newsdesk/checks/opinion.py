"""Opinion in news: the writer's own views in a story of the news type."""

import re

from django.core.checks import WARNING

from .base import Found, check
from .language import has_source, writers_voice

MARKERS = re.compile(
    r"(?:^|(?<=[\s,;(—–-]))("
    r"honestly|frankly|clearly|obviously|sadly|thankfully|unfortunately|fortunately|"
    r"of course|needless to say|undoubtedly|surely|admittedly|mercifully|shockingly|"
    r"in my (?:view|opinion)|to my mind|i think|i believe|i feel|i suspect|i'm sure|i am sure|"
    r"we believe|we think|in our view|let's be honest|let us be honest|make no mistake|"
    r"it(?:'s|’s| is) (?:high time|a shame|a pity|about time)|"
    r"we(?:'ll|’ll| will) (?:see|have to wait)|we (?:must|should|ought to|can only)|"
    r"let(?:'s|’s| us) (?:hope|not forget)|"
    # a bare first person is read where the writer's voice begins (the sentence's start,
    # or after quoted words): further in, "the data we collected" and "our online form"
    # are mostly the newsroom's, and flagging them there cost precision when measured
    r"(?:^|\s)(?:i|we)(?=\s)|(?:^|\s)(?:my|our|me|us)(?=\s)"
    r")(?=[\s,.;:!?]|$)",
    re.IGNORECASE,
)
# Judgements carried by a word: "a disastrous decision", "a welcome move", "sadly". The
# words are judgements in any story; words that are also plain description or terms of
# law ("severe", "critical", "serious", "careless driving", "outstanding debts") are not
# here.
EVALUATIVE_WORDS = frozenset(
    """disastrous shameful shamefully disgraceful disgracefully disgrace scandalous
    scandalously outrageous outrageously appalling appallingly deplorable despicable heinous
    atrocious shambolic woeful woefully abysmal dismal dismally dreadful dreadfully pathetic
    pathetically paltry farcical ludicrous laughable ridiculous absurd absurdly preposterous
    troubling ambitious sickening cowardly reckless botched bungled bungling shoddy
    indefensible inexcusable
    unforgivable callous cynical inept incompetent clueless hapless lacklustre lamentable
    pitiful feeble shocking shockingly harrowing thug thugs ill-advised misguided foolish
    foolishly senseless mindless pointless needless apathy brutal brutally ruthless cruel
    cruelly vicious savage barbaric evil wicked vile disgusting repugnant abhorrent obscene
    grotesque hideous monstrous horrific horrendous horrifying gruesome terrible terribly
    awful dreary miserable miserably disappointing disappointingly dismaying galling
    infuriating maddening heartless heartbreaking tragic tragically baffling bafflingly
    bizarre bizarrely shameless fiasco debacle shambles travesty eyesore long-suffering
    brilliant brilliantly magnificent superb superbly stunning stirring thrilling heroic
    heroically courageous gallant valiant selfless tireless laudable commendable
    praiseworthy admirable admirably inspiring masterful wonderful wonderfully spectacular
    spectacularly breathtaking heartwarming extraordinary beautiful beautifully lovely
    gorgeous charming delightful splendid excellent fantastic terrific marvellous fabulous
    glorious sublime exquisite gripping riveting enthralling captivating dazzling
    exhilarating incredible incredibly amazing amazingly astonishing astonishingly
    astounding remarkably impressive sensational phenomenal triumphant sensible sensibly
    wise wisely shrewd happily luckily unluckily surprisingly unsurprisingly ironically
    inevitably regrettably worryingly alarmingly encouragingly predictable predictably
    rightly wrongly staggering clumsy callousness sloppy lazy heavy-handed wretched damning
    moronic madness squandered
    embarrassingly embarrassing unfortunate""".split()  # noqa: SIM905
)
EVALUATIVE_PHRASES = re.compile(
    r"\b("
    r"(?:a|an)\s+(?:welcome|bold|brave|long[- ]overdue|much[- ]needed)\s+\w+|"
    # "the welcome news"; not "the welcome desk"
    r"the\s+welcome\s+(?!(?:party|desk|pack|centre|center|mat|speech|ceremony|page|"
    r"screen|message|area|event|evening|drinks)\b)\w+|"
    r"long[- ]overdue|much[- ]needed|brave\s+(?!the\b)\w+|"
    r"truly\s+\w+|nothing\s+short\s+of|slap\s+on\s+the\s+wrist|a\s+triumph\s+of|"
    r"(?:must|should)\s+be\s+(?:punished|ashamed|condemned|applauded|praised)|"
    r"deserves?\s+(?:praise|credit|better|support|applause)|"
    # a judgement as the predicate: "the new wing is a triumph", "the budget is a missed
    # opportunity" (not "the scandal broke in 2024")
    r"(?:is|are|was|were|has\s+been|have\s+been|proved|remains?)\s+(?:(?:a|an)\s+)?"
    r"(?:\w+\s+)?(?:scandal|triumph|farce|sham|mess|joke|nightmare|disaster|catastrophe|"
    r"masterpiece|outrage|insult|missed\s+opportunity)|"
    r"^what\s+an?\s|so-called|yet\s+another|too\s+little,?\s+too\s+late|"
    r"victory\s+for\s+common\s+sense|feast\s+for\s+the\s+eyes|white\s+elephant|"
    r"(?:a\s+)?(?:day|night|match|game|season)\s+to\s+(?:remember|forget)|"
    r"wasted\s+(?:a\s+fortune|millions|taxpayers['’]?\s+money)|"
    r"kick\s+in\s+the\s+teeth|slap\s+in\s+the\s+face|"
    r"hard\s+to\s+(?:see|imagine|believe|understand)\s+(?:how|why|what)|"
    r"(?:come|comes|came)\s+as\s+a\s+(?:relief|blow|shock)\s+to\s+(?:everyone|all|anyone)|"
    r"let\s+down\s+(?:the|its|their)\s+\w+|"
    # the writer reading a meaning into events: "…, highlighting a disconnect between",
    # "the council's actions reflect ongoing tensions", "raising questions about", "has
    # left many residents feeling unheard"
    r"(?:highlighting|underscoring|underlining|signall?ing|reflecting|reflects?|"
    r"highlights?|underscores?|underlines?)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:disconnect|tensions?|divide|divisions?|frustrations?|commitment|engagement|"
    r"efforts?|determination|resolve|value|importance)|a\s+testament\s+to|"
    r"raising\s+questions\s+about|left\s+(?:many\s+)?\w+\s+feeling|"
    r"huff(?:ed|ing)?\s+and\s+puff(?:ed|ing)?"
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
        # the judgements as predicates: the noun, not the common "is" before it
        *("scandal", "farce", "sham", "mess", "joke", "nightmare", "disaster"),
        *("catastrophe", "masterpiece", "outrage", "insult", "opportunity"),
        "what",
        "so",
        "yet",
        "little",
        "victory",
        "feast",
        "elephant",
        "remember",
        "forget",
        "wasted",
        "kick",
        "hard",
        "come",
        "comes",
        "came",
        "let",
        *("highlighting", "underscoring", "underlining", "signaling", "signalling"),
        *("reflecting", "reflect", "reflects", "highlight", "highlights", "underscore"),
        # "feeling", not the common "left", gates "left many residents feeling"
        *("underscores", "underline", "underlines", "raising", "feeling"),
        *("huff", "huffed", "huffing", "testament"),
    ]
)
_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _name_inside(text, word):
    return word.group(0)[0].isupper() and bool(text[: word.start()].strip())


def evaluative(text):
    """The first word or phrase of judgement in ``text`` as a match, or ``None``."""
    found = None
    words = set()
    for word in _WORDS.finditer(text):
        lower = word.group(0).lower()
        words.update(lower.split("-"))
        # "Dennis Wise", "Hannah Savage": a capital inside the sentence is a name.
        if found is None and lower in EVALUATIVE_WORDS and not _name_inside(text, word):
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
    r"bring|brought|update|updated|following|waiting|seen|verified|received|know|hearing|"
    r"heard|hear|understand|told|"
    # how a story was done: "we removed duplicates", "we counted the reports"
    r"removed|counted|checked|merged|collected|cleaned|compared|analysed|analyzed|obtained|"
    r"mapped|surveyed|interviewed|spoke|visited|calculated|excluded|measured|tested|sent|"
    r"filed|corrected|looked|reviewed|identified|used|"
    r"be\s+(?:bringing|updating|following))\b|"
    r"\bour\s+(?:[a-z]+\s+)?(?:reporters?|correspondents?|team|colleagues|journalists|"
    r"photographers?|"
    r"live\s+(?:blog|coverage|page)|coverage|readers|newsroom|sister\s+\w+|staff|"
    r"editors?|earlier\s+\w+|story|investigation|analysis|reporting)\b|"
    r"\b(?:told|tell|with|contact|email|join|send|write\s+to)\s+us\b)"
)


# "The opposition described the budget as a missed opportunity": someone else's judgement.
ATTRIBUTING = re.compile(
    r"\b(?:described|describes|called|calls|branded|labell?ed|termed|hailed|dubbed|"
    r"condemned|denounced|criticised|criticized|praised)\b",
    re.IGNORECASE,
)


def _someone_elses(plain, match):
    """Whether the judgement is reported as someone's: said, or described as."""
    return bool(ATTRIBUTING.search(plain[: match.start()])) or has_source(plain)


@check("opinion.in_news", level=WARNING)
def in_news(story):
    if story.article_type not in ("news", ""):
        return
    for sentence in story.sentences:
        plain = NOT_FIRST_PERSON.sub(lambda m: " " * len(m.group(0)), writers_voice(sentence))
        plain = NOT_EVALUATIVE.sub(lambda m: " " * len(m.group(0)), plain)
        # A headline or standfirst is read for judgements only: "We will rebuild" there is
        # someone's words set as a headline.
        up_front = sentence.field in ("title", "standfirst")
        match = None if up_front else MARKERS.search(plain)
        if not match:
            match = evaluative(plain)
            if match and _someone_elses(plain, match):
                continue
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
