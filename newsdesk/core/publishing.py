"""
The publish gate: one place that decides whether a page may go live.

Apps register rules with :func:`publish_rule`; every way of publishing (the edit view,
workflow approval, bulk actions, scheduled publishing) passes through
:meth:`newsdesk.core.models.BasePage.publish`, which asks :func:`check`. Importers that
must bring in content as it was use :func:`bypass`, which records what was let through.
"""

import contextlib
import contextvars
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .text import text_problems

_rules: list[tuple[type, Callable]] = []
_bypass_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "newsdesk_publish_gate_bypass", default=None
)


@dataclass(frozen=True)
class Problem:
    """
    One reason a page may not be published.

    ``field`` names the model field (or child relation) at fault; ``block`` is the path to
    a StreamField block inside that field, such as ``(3,)`` for the fourth block or
    ``(3, "image")`` for a child of it. ``hint`` tells the editor how to fix it.
    """

    rule: str
    message: str
    hint: str = ""
    field: str | None = None
    block: tuple = ()

    def __str__(self):
        return f"{self.message} {self.hint}".strip()


class PublishRefused(Exception):
    """Raised when a page breaks a publishing rule and nothing bypasses the gate."""

    def __init__(self, page, problems):
        self.page = page
        self.problems = list(problems)
        super().__init__(
            f"“{page.title}” cannot be published: " + " ".join(str(p) for p in self.problems)
        )


def publish_rule(model):
    """
    Register a rule for pages of ``model`` (and its subclasses).

    The rule receives the page as it would be published and yields :class:`Problem`
    instances; yielding nothing means the page passes.
    """

    def register(rule: Callable[..., Iterable[Problem]]):
        _rules.append((model, rule))
        return rule

    return register


def check(page) -> list[Problem]:
    """Every problem that stops ``page`` from being published, in registration order."""
    return [problem for model, rule in _rules if isinstance(page, model) for problem in rule(page)]


@contextlib.contextmanager
def bypass(reason):
    """
    Publish without enforcing the rules, for importers bringing in existing content.

    The reason and any problems are written to the page's history, so editors can find
    what was published without passing the gate.
    """
    if not reason:
        raise ValueError("Give a reason for bypassing the publish gate.")
    token = _bypass_reason.set(reason)
    try:
        yield
    finally:
        _bypass_reason.reset(token)


def bypass_reason():
    return _bypass_reason.get()


@publish_rule(object)
def text_is_clean(obj):
    """Nothing with a control character in it goes out: XML feeds and sitemaps cannot carry one."""
    for field, block, message in text_problems(obj):
        yield Problem("text.control_character", message, field=field, block=block)
