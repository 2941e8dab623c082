"""
Parts of a story page that other apps provide, through the ``article_page_parts`` hook.

The articles app knows none of those apps. A hook is ``fn(page, request, blocks)``, where
``blocks`` is the body as ``(block, anchor)`` pairs, and returns :class:`Part` objects;
the story template renders each part's template, with the part as ``part``, in its slot:

``head``
    inside ``<head>`` (feed links, preloads);
``label``
    beside the section's name above the headline (a "Developing" label);
``meta``
    under the byline and times (a comment count);
``after_block``
    in the body, right after the block at index ``after``;
``after_body``
    after the body;
``foot``
    at the foot of the story, after its topics;
``after_article``
    after the story and its related stories (reader comments);
``scripts``
    at the end of the page (deferred scripts).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from wagtail import hooks

SLOTS = ("head", "label", "meta", "after_block", "after_body", "foot", "after_article", "scripts")


@dataclass
class Part:
    slot: str
    template: str
    data: dict = field(default_factory=dict)
    after: int | None = None

    def __post_init__(self):
        if self.slot not in SLOTS:
            raise ValueError(f"Unknown story page slot {self.slot!r}; use one of {SLOTS}.")
        if (self.slot == "after_block") != (self.after is not None):
            raise ValueError(
                "Give `after` (a block index) for the after_block slot, and only there."
            )


def article_page_parts(page, request, blocks):
    """Every hook's parts for ``page``, grouped by slot."""
    parts = defaultdict(list)
    for hook in hooks.get_hooks("article_page_parts"):
        for part in hook(page, request, blocks) or ():
            parts[part.slot].append(part)
    return dict(parts)
