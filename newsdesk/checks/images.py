"""Image rights: every picture credited as its licence requires, and described."""

from django.core.checks import ERROR

from .base import Found, check


def _where(use):
    if use.field == "lead_image":
        return "The lead image"
    return f"The image in the {use.field.replace('_', ' ')}"


def _join(phrases):
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


@check("images.rights", level=ERROR)
def rights(story):
    for use in story.image_uses:
        missing = use.image.missing_rights()
        if missing:
            yield Found(
                f"{_where(use)} “{use.image.title}” lacks {_join(missing)}.",
                "Edit the image and fill in its rights, or choose another picture.",
                field=use.field,
                block=use.block,
                words=use.image.title,
            )


@check("images.alt_text", level=ERROR)
def alt_text(story):
    for use in story.image_uses:
        if not use.decorative and not use.image.description.strip():
            yield Found(
                f"{_where(use)} “{use.image.title}” has no alt text.",
                "Edit the image and describe what it shows in its Description field, or "
                "mark this use decorative if it adds nothing a reader needs.",
                field=use.field,
                block=use.block,
                words=use.image.title,
            )
