"""
Text as people type or paste it, checked once on the way in and made safe on the way
out to XML and spreadsheets.

A control character (a vertical tab pasted from a word processor, a NUL from a broken
export) is invisible on a page but fatal in XML 1.0, which cannot carry it at all: one in
a headline would take down every feed and sitemap listing the story. Forms refuse them
with :func:`validate_text` (registered for every admin model form and used by the reader
forms and StreamField blocks); every XML and spreadsheet writer also drops them with
:func:`xml_text` and :func:`spreadsheet_cell`, for text stored before the check or
arriving by another road (importers, the shell).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

from .streams import stream_blocks

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What XML 1.0 cannot carry: the C0 controls above, lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A spreadsheet program reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_NAMES = {"\x0b": "a vertical tab", "\x0c": "a page break", "\x00": "a null character"}


def control_character(value):
    """The first control character in ``value`` as (index, character), or None."""
    match = CONTROL_CHARACTERS.search(value or "")
    return (match.start(), match.group()) if match else None


def describe(char):
    """A control character as an editor can look it up: "a vertical tab (U+000B)"."""
    name = _NAMES.get(char) or unicodedata.name(char, "a control character").lower()
    return f"{name} (U+{ord(char):04X})"


def problem_in(value):
    """
    A sentence saying where ``value`` holds a control character, or an empty string.
    The sentence quotes the words just before it, since the character itself is invisible.
    """
    found = control_character(value)
    if found is None:
        return ""
    index, char = found
    before = " ".join(value[:index].split()[-4:])
    where = f" after “{before}”" if before else " at the start"
    return (
        f"This text contains an invisible control character, {describe(char)},{where}. "
        "It usually comes from pasting out of a word processor: delete it (or retype "
        "the words around it) and save again."
    )


@deconstructible
class TextValidator:
    """Refuses text holding control characters, with a sentence saying where."""

    def __call__(self, value):
        if isinstance(value, str):
            message = problem_in(value)
            if message:
                raise ValidationError(message, code="control_character")

    def __eq__(self, other):
        return isinstance(other, TextValidator)


validate_text = TextValidator()


def without_controls(value):
    """``value`` with its control characters removed (line breaks and tabs kept)."""
    return CONTROL_CHARACTERS.sub("", value) if value else value


def xml_text(value):
    """``value`` (any object; None stays None) with what XML 1.0 cannot hold removed."""
    if value is None:
        return None
    return NOT_XML.sub("", str(value))


def xml_safe(data):
    """Every string in ``data`` (nested dicts, lists and tuples) passed through ``xml_text``."""
    if isinstance(data, str):
        return xml_text(data)
    if isinstance(data, dict):
        return {key: xml_safe(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(xml_safe(value) for value in data)
    return data


def spreadsheet_cell(value):
    """
    ``value`` as a spreadsheet cell that can only be read as text: control characters
    dropped (XLSX cannot store them), and text that a spreadsheet program would run as a
    formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) led by an apostrophe,
    which those programs show as a text marker, as OWASP advises for CSV injection.
    """
    if not isinstance(value, str):
        return value
    value = NOT_XML.sub("", CONTROL_CHARACTERS.sub("", value.replace("\r\n", "\n")))
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def block_text(value):
    """The text a StreamField block's value holds, if it is a text value, else None."""
    if isinstance(value, str):
        return value
    source = getattr(value, "source", None)  # RichText
    return source if isinstance(source, str) else None


def text_problems(obj):
    """
    ``(field, block path, sentence)`` for each text field and StreamField block of
    ``obj`` holding a control character: the publish gate's rule and the page form share it.
    """
    for field in obj._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            message = problem_in(getattr(obj, field.attname, "") or "")
            if message:
                yield field.name, (), message
    for field_name, _block, value, path, _parent in stream_blocks(obj):
        message = problem_in(block_text(value) or "")
        if message:
            yield field_name, path, message
