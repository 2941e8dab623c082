"""
The checks framework: small declarative checks that read a story as a desk editor does.

A check is a function registered with :func:`check` under an id and a level. It receives
a :class:`~newsdesk.checks.text.Copy` (the same plain-text view of a story for every
family) and yields :class:`Found` items; :func:`run` turns them into :class:`Finding`
objects, Django ``CheckMessage`` instances with where the problem is.

Levels follow Django's: ``ERROR`` findings are publish rules (the publish gate refuses
the story, see ``gate.py``); ``WARNING`` findings are shown to the editor and never block;
``INFO`` findings are offers, not problems (a name that could become a topic).
A check that raises is reported as a warning saying so: it neither blocks a story nor
lets it pass unremarked.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.checks import ERROR, INFO, WARNING, CheckMessage

logger = logging.getLogger(__name__)

LEVEL_NAMES = {ERROR: "error", WARNING: "warning", INFO: "suggestion"}


@dataclass(frozen=True)
class Found:
    """What a check yields: the finding without its id and level."""

    msg: str
    hint: str = ""
    field: str | None = None
    block: tuple = ()
    sentence: object = None  # text.Sentence
    words: str = ""
    extra: dict = dataclass_field(default_factory=dict)  # what a family adds (a resolved date…)


class Finding(CheckMessage):
    """
    A Django ``CheckMessage`` (id, level, msg, hint, obj) that also says where: the model
    field, the StreamField block path, the sentence and the offending words.
    """

    def __init__(
        self,
        level,
        msg,
        hint=None,
        obj=None,
        id=None,  # noqa: A002  (Django's name)
        *,
        field=None,
        block=(),
        sentence=None,
        words="",
        extra=None,
    ):
        super().__init__(level, msg, hint=hint or None, obj=obj, id=id)
        self.field = field
        self.block = tuple(block)
        self.sentence = sentence
        self.words = words
        self.extra = extra or {}

    @property
    def level_name(self):
        return LEVEL_NAMES.get(self.level, "warning")

    @property
    def fingerprint(self):
        """
        Identifies this finding across edits: the check, the field and the sentence's
        words (not its position), so a dismissal holds while the sentence is unchanged.
        """
        text = self.sentence.text if self.sentence is not None else self.words
        key = f"{self.id}\x1f{self.field or ''}\x1f{' '.join(text.split())}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]

    def as_dict(self):
        return {
            "id": self.id,
            "level": self.level_name,
            "message": self.msg,
            "hint": self.hint or "",
            "field": self.field,
            "block": list(self.block),
            "sentence": self.sentence.text if self.sentence is not None else None,
            "words": self.words,
            "data": self.extra,
        }


@dataclass(frozen=True)
class Check:
    id: str
    level: int
    family: str
    function: Callable[..., Iterable[Found]] = dataclass_field(compare=False)


_registry: dict[str, Check] = {}


def check(check_id, level=WARNING):
    """Register a check: ``@check("completeness.standfirst", level=WARNING)``."""

    def register(function):
        family = function.__module__.rsplit(".", 1)[-1]
        _registry[check_id] = Check(check_id, level, family, function)
        return function

    return register


def registered(level=None, family=None):
    return [
        c
        for c in _registry.values()
        if (level is None or c.level == level)
        and (family is None or c.id.split(".", 1)[0] == family)
    ]


def run(story, level=None, family=None):
    """
    Every finding of every registered check, in order; ``level`` and ``family`` (the part
    of a check's id before the dot, such as ``images``) narrow the checks that run.
    """
    findings = []
    for item in registered(level, family):
        try:
            found = list(item.function(story))
        except Exception as error:  # noqa: BLE001  (a broken check must not stop the others)
            logger.exception("Check %s failed", item.id)
            findings.append(
                Finding(
                    WARNING,
                    f"The check “{item.id}” could not run ({type(error).__name__}), so this "
                    "story was not read for it.",
                    "Report this to your site's developers; it does not stop publishing.",
                    obj=story.page,
                    id="checks.crashed",
                    words=item.id,
                )
            )
            continue
        findings.extend(
            Finding(
                item.level,
                f.msg,
                f.hint,
                obj=story.page,
                id=item.id,
                field=f.field,
                block=f.block,
                sentence=f.sentence,
                words=f.words,
                extra=f.extra,
            )
            for f in found
        )
    if level is not None:
        # A crashed check's report is a warning: it never reaches the publish gate.
        findings = [f for f in findings if f.level == level]
    return findings
