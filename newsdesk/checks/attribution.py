"""Attribution: claims from sources a reader cannot weigh ("officials said", "reportedly")."""

from django.core.checks import WARNING

from .base import Found, check
from .language import HEADLINE_RUMOUR, vague_source, writers_voice


@check("attribution.vague_source", level=WARNING)
def vague_attribution(story):
    # The headline and standfirst too: "Minister to quit, sources say".
    for sentence in story.sentences:
        plain = writers_voice(sentence)
        match = vague_source(plain) or (sentence.field == "title" and HEADLINE_RUMOUR.search(plain))
        if not match:
            continue
        words = match.group(0).strip()
        yield Found(
            f"“{words}”: the claim has no source a reader can weigh.",
            "Name the source, or say why it cannot be named (and how you know it).",
            field=sentence.field,
            block=sentence.block,
            sentence=sentence,
            words=words,
        )
