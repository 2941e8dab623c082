"""
Image rights at the publish gate: no page goes out with a picture that lacks what its
licence requires, or lacks alt text where the editor has not marked the use decorative.
"""

from newsdesk.core.models import BasePage
from newsdesk.core.publishing import Problem, publish_rule

from .uses import image_uses


def _where(use):
    if use.field == "lead_image":
        return "The lead image"
    return f"The image in the {use.field.replace('_', ' ')}"


@publish_rule(BasePage)
def images_are_credited(page):
    for use in image_uses(page):
        missing = use.image.missing_rights()
        if missing:
            yield Problem(
                "images.rights",
                f"{_where(use)} “{use.image.title}” lacks {_join(missing)}.",
                "Edit the image and fill in its rights, or choose another picture.",
                field=use.field,
                block=use.block,
            )


@publish_rule(BasePage)
def images_are_described(page):
    for use in image_uses(page):
        if not use.decorative and not use.image.description.strip():
            yield Problem(
                "images.alt_text",
                f"{_where(use)} “{use.image.title}” has no alt text.",
                "Edit the image and describe what it shows in its Description field, or "
                "mark this use decorative if it adds nothing a reader needs.",
                field=use.field,
                block=use.block,
            )


def _join(phrases):
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]
