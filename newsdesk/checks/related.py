"""Related links: an "Also Read" or inline link to a story with nothing in common."""

import re

from django.core.checks import WARNING

from .base import Found, check

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Words too common in news to make two stories related.
GENERIC = set(
    """
    about after again against also among another around back because been before being
    between both came come could days does done down during each even every first from
    further good have having here high into just last later like made make many more most
    much must never news next only other over part people said same says should since some
    still such take than that their them then there these they thing things this those
    though three through time times today under until very want week weeks well were what
    when where which while will with within without would year years your first second
    after volume latest update updates report reports story stories read also live watch
    video photos what's know need says full amid over drops drop lose loses fans new
    the and for are but not you all any can had her was one our out day get has him his how
    man now old see two way who boy did its let put say she too use may top off set big
    """.split()  # noqa: SIM905  (a word list reads better as text)
)


def words(text):
    return {_stem(w.lower()) for w in _WORD.findall(text or "")} - {_stem(g) for g in GENERIC}


def _stem(word):
    for suffix in ("ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# Subjects whose stories link to each other without sharing a word: an election night and
# its turnout, a court case and its sentencing, the rupee and the exchange rate. A link
# in the subject of the story's headline or standfirst is related (not of its whole body,
# which touches too many subjects to tell anything).
SUBJECTS = [
    """election elections vote votes voting voter voters poll polls polling ballot ballots
    turnout count counting recount candidate candidates constituency referendum electoral""",
    """court courts trial judge jury verdict sentence sentenced sentencing jail jailed prison
    convicted conviction guilty charged prosecutor prosecutors magistrate inquest""",
    """driver drivers driving crash crashes collision motorist motorists lorry accident
    cyclist pedestrian""",
    """rupee dollar euro sterling yen currency currencies exchange inflation interest
    monetary devaluation""",
    """storm storms flood floods flooding rain rainfall heatwave drought weather snow
    glacier glaciers ice melting climate ski""",
    """hospital hospitals nurse nurses doctor doctors patient patients ward maternity clinic
    surgery vaccine vaccines""",
    """ferry ferries bus buses train trains tram trams rail railway fares commuters airport
    flights airline airlines""",
    """shares stock stocks profit profits earnings investors revenue dividend""",
    """match derby league goal striker midfielder goalkeeper coach cup squad tournament club
    pitch fixture fixtures postponed postponement postponements""",
    """strike strikes union unions wages workers jobs layoffs""",
]
_SUBJECTS = [{_stem(w) for w in subject.split()} for subject in SUBJECTS]


def _subjects(stems):
    return {n for n, subject in enumerate(_SUBJECTS) if stems & subject}


def story_words(story):
    text = " ".join([story.title, story.standfirst, *(h.text for h in story.headings)])
    text += " " + " ".join(s.text for s in story.body)
    return words(text)


@check("related.unrelated_link", level=WARNING)
def unrelated_link(story):
    if not story.links:
        return
    own = story_words(story)
    own_subjects = _subjects(words(f"{story.title} {story.standfirst}"))
    for link in story.links:
        if story.section and link.get("section") == story.section:
            continue
        if set(link.get("topics", ())) & set(story.topics):
            continue
        linked = words(link["text"])
        if linked & own or _subjects(linked) & own_subjects:
            continue
        yield Found(
            f"The link to “{link['title']}” shares no section, topic or subject with this story.",
            "Link to a story a reader of this one would want next, or remove the link.",
            field=link.get("field", "body"),
            block=link.get("block", ()),
            words=link["title"],
        )
