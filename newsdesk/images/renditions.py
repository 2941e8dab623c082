"""
Every size a picture is shown at, in one place, so all of them can be made ahead.

A *role* is one way the site shows pictures (a figure in a story, a story card, a social
card…) and lists its filter specs. Templates ask for a role by name through the
``{% news_picture %}`` tag; :func:`prepare` makes every role's renditions when an image
is saved or a story is published, so a reader's request finds them made and never waits
for a resize.

Pictures whose licence forbids derivatives are never cropped: a ``fill`` becomes a
resize into the box followed by ``letterbox`` (bars around the whole picture), and the
focal point is not used.
"""

import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import prefetch_related_objects
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Role:
    """Sizes as (width, height); a height of ``None`` keeps the picture's proportions."""

    sizes: tuple
    formats: tuple | None = None  # None: the site's picture formats
    upscale: bool = False  # social networks ask for 1200 px even from a smaller picture


ROLES = {
    "figure": Role(((480, None), (800, None), (1200, None))),
    "card_lead": Role(((640, 360), (1200, 675))),
    "card": Role(((320, 180), (640, 360))),
    "profile": Role(((160, 160), (320, 320))),
    # Search engines and social networks want 1200 px wide pictures in these shapes.
    "share_16x9": Role(((1200, 675),), ("jpeg",), upscale=True),
    "share_4x3": Role(((1200, 900),), ("jpeg",), upscale=True),
    "share_1x1": Role(((1200, 1200),), ("jpeg",), upscale=True),
    "feed": Role(((1200, None),), ("jpeg",)),
}
SHARE_ROLES = {"16x9": "share_16x9", "4x3": "share_4x3", "1x1": "share_1x1"}
QUALITY = {"jpeg": "jpegquality-80", "webp": "webpquality-78", "avif": "avifquality-60"}


def picture_formats():
    """Best first; the last is the fallback every browser reads."""
    if getattr(settings, "NEWSDESK_IMAGES_AVIF", False):
        return ("avif", "webp", "jpeg")
    return ("webp", "jpeg")


def size_spec(image, width, height, upscale=False):
    if height is None:
        return f"width-{width}"
    if not image.may_be_cropped:
        return f"letterbox-{width}x{height}"  # scales up or down itself
    if upscale and image.width and (image.width < width or image.height < height):
        # Wagtail never enlarges; scale first so the fill can reach the full size.
        percent = math.ceil(100 * max(width / image.width, height / image.height))
        return f"scale-{percent}|fill-{width}x{height}"
    return f"fill-{width}x{height}"


def spec(image, width, height, image_format, upscale=False):
    sized = size_spec(image, width, height, upscale)
    return f"{sized}|format-{image_format}|{QUALITY[image_format]}"


def role_specs(image, role_name):
    """{format: [(width, spec), …]} for one role, fallback format last."""
    role = ROLES[role_name]
    formats = role.formats or picture_formats()
    return {
        image_format: [
            (width, spec(image, width, height, image_format, role.upscale))
            for width, height in role.sizes
        ]
        for image_format in formats
    }


def all_specs(image):
    """Every filter spec any role asks of ``image``, each once."""
    return list(
        dict.fromkeys(
            filter_spec
            for role_name in ROLES
            for specs in role_specs(image, role_name).values()
            for _width, filter_spec in specs
        )
    )


def renditions(image, role_name):
    """
    {format: [(width, rendition), …]} for a role, from the image's prefetched renditions
    where it has them (``NewsImage.objects.prefetch_renditions()``), else in one query;
    empty when the original file cannot be read.
    A rendition still missing is made now and logged: :func:`prepare` should have made it.
    """
    specs = role_specs(image, role_name)
    wanted = [filter_spec for entries in specs.values() for _width, filter_spec in entries]
    if image._get_prefetched_renditions() is None:
        # One query for all of them, kept for the next role asked of this image.
        prefetch_related_objects([image], "renditions")
    existing = image.find_existing_renditions(*(Filter(filter_spec) for filter_spec in wanted))
    found = {image_filter.spec: item for image_filter, item in existing.items()}
    missing = [filter_spec for filter_spec in wanted if filter_spec not in found]
    if missing:
        logger.warning(
            "Made %d rendition(s) of image %s during a request; they should have been "
            "made when it was saved or published.",
            len(missing),
            image.pk,
        )
        try:
            found.update(image.get_renditions(*missing))
        except SourceImageIOError:
            # The original is gone from storage: show the page without the picture.
            logger.exception("The original file of image %s cannot be read", image.pk)
            return {}
    return {
        image_format: [(width, found[filter_spec]) for width, filter_spec in entries]
        for image_format, entries in specs.items()
    }


def rendition(image, role_name):
    """
    The largest rendition of a role's fallback format (for meta tags and feeds), or
    ``None`` when the original cannot be read.
    """
    by_format = renditions(image, role_name)
    return list(by_format.values())[-1][-1][1] if by_format else None


@task()
def prepare_renditions(image_id):
    """Make every rendition the site shows of one image (see :func:`prepare`)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        prepare(image)


def prepare(image):
    """Make, in one pass, every rendition any template may ask for."""
    try:
        image.get_renditions(*all_specs(image))
    except (OSError, ValueError):
        # A file missing from storage (an import that kept only its address) must not
        # stop a publish; the image's page in the admin shows the problem.
        logger.exception("Could not make renditions of image %s", image.pk)
