"""A Wagtail image operation for pictures that may not be cropped."""

from PIL import Image as PILImage
from wagtail.images.image_operations import FilterOperation
from willow.plugins.pillow import PillowImage

LETTERBOX_COLOUR = (24, 24, 24)


class LetterboxOperation(FilterOperation):
    """
    ``letterbox-1200x675``: scale the picture, whole, to fit that box, and centre it on a
    canvas of exactly that size.

    Used instead of ``fill`` for pictures whose licence forbids derivatives, where a crop
    would change the work: the shape a social card needs is reached with bars, and not a
    pixel of the picture is cut.
    """

    def construct(self, size):
        width, height = size.split("x")
        self.width = int(width)
        self.height = int(height)
        if self.width <= 0 or self.height <= 0:
            raise ValueError("Letterbox sizes must be positive.")

    def run(self, willow, image, env):
        picture = willow.get_pillow_image()
        if picture.size == (self.width, self.height):
            return willow
        scale = min(self.width / picture.width, self.height / picture.height)
        fitted = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        picture = picture.resize(fitted, PILImage.Resampling.LANCZOS)
        mode = "RGBA" if picture.mode in ("RGBA", "LA", "P") else "RGB"
        canvas = PILImage.new(
            mode, (self.width, self.height), (*LETTERBOX_COLOUR, 255)[: len(mode)]
        )
        picture = picture.convert(mode)
        canvas.paste(
            picture, ((self.width - picture.width) // 2, (self.height - picture.height) // 2)
        )
        return PillowImage(canvas)
