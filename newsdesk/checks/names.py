"""
Names: people and organisations the site already has pages for.

A name in the story that matches a topic page becomes a suggested topic (one click adds
it in the editor); a person the site knows, named by surname alone before their full
name, gets a warning.
"""

import re

from django.core.checks import WARNING

from .base import Found, check
from .text import ORGANISATION


def _mentions(name, text):
    if name not in text:  # most of a large site's topics: skip the pattern
        return []
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


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
            p for p in _mentions(surname, text) if not any(f <= p < f + len(name) for f in full)
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
