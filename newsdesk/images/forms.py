"""
The image upload and edit form: Wagtail's, with errors a person understands.

Wagtail checks an upload's format, size and pixel count, but a truncated file passes
those checks and fails later, in a reader's request, with Pillow's "image file is
truncated (146 bytes not processed)". newsdesk decodes every upload in full before it
is saved and words each refusal in plain language, naming the file.
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def _megapixels(pixels):
    return f"{pixels / 1_000_000:,.0f} megapixels"


class NewsImageField(WagtailImageField):
    def to_python(self, data):
        name = getattr(data, "name", "") or "The file"
        try:
            f = super().to_python(data)
        except ValidationError as error:
            raise self._reworded(error, data, name) from None
        except (OSError, SyntaxError, ValueError):
            # Wagtail's own checks read the picture; a damaged one fails in them.
            raise _damaged(name) from None
        if f is not None:
            check_decodes(f, name)
        return f

    def _reworded(self, error, data, name):
        code = getattr(error, "code", None)
        if code in ("file_too_large", "file_too_large_unknown_size"):
            size = getattr(data, "size", None)
            return ValidationError(
                f"“{name}” is {filesizeformat(size) if size else 'too large'}; pictures "
                f"can be at most {self.max_upload_size_text}. Export it again at a lower "
                "quality or a smaller size, then upload it.",
                code=code,
            )
        if code == "file_too_many_pixels":
            limit = self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS
            return ValidationError(
                f"“{name}” is too many pixels to process safely; the largest picture "
                f"accepted is {_megapixels(limit)} (about {int((limit * 1.5) ** 0.5):,} × "
                f"{int((limit / 1.5) ** 0.5):,}). Make it smaller in a photo editor and "
                "upload it again.",
                code=code,
            )
        if code == "invalid_image_known_format":
            return ValidationError(
                f"“{name}” is named as one kind of picture but holds another "
                f"({error.message.rsplit('(', 1)[-1].rstrip(')')}). Save it again in the "
                "format its name says, or rename it to match.",
                code=code,
            )
        if code == "invalid_image":
            return ValidationError(
                f"“{name}” is not a picture newsdesk can read. Upload a JPEG, PNG, GIF, "
                "WebP or AVIF file.",
                code=code,
            )
        return error


def check_decodes(f, name="The file"):
    """
    Decode the whole picture, so a damaged or incomplete file is refused at upload
    rather than failing when a story is read. Raises ``ValidationError``.
    """
    if hasattr(f, "seek"):
        f.seek(0)
    source = f.temporary_file_path() if hasattr(f, "temporary_file_path") else f
    try:
        with PILImage.open(source) as picture:
            picture.load()
    except PILImage.DecompressionBombError:
        raise ValidationError(
            f"“{name}” is too many pixels to process safely. Make it smaller in a photo "
            "editor and upload it again.",
            code="file_too_many_pixels",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise _damaged(name) from None
    finally:
        if hasattr(f, "seek"):
            f.seek(0)


def _damaged(name):
    return ValidationError(
        f"“{name}” is damaged or incomplete: part of the picture is missing, perhaps "
        "because the upload or download was cut short. Save it again from the original "
        "and upload the new copy.",
        code="damaged_image",
    )


class NewsImageForm(BaseImageForm):
    """Wagtail's image form with newsdesk's upload checks (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            original = self.fields["file"]
            field = NewsImageField(
                label=original.label, required=original.required, widget=original.widget
            )
            field.help_text = original.help_text
            self.fields["file"] = field
        if "description" in self.fields:
            # Wagtail's "Description" is what screen readers say for the picture.
            self.fields["description"].label = "Alt text (description)"
            self.fields["description"].help_text = (
                "What the picture shows, for readers who cannot see it: who, doing what, "
                "where (“Firefighters lift a man from a flooded car on Quay Street”). Not "
                "the caption, not the credit; leave out “photo of”."
            )
        notice = self.instance.crop_notice() if self.instance.pk else ""
        if notice and "licence" in self.fields:
            self.fields["licence"].help_text = notice

    def _post_clean(self):
        super()._post_clean()
        # A new picture whose file was refused: its title was made from that file's name,
        # so the form comes back without it and the next file chosen names itself. What
        # the editor typed in the other fields stays.
        if self.instance.pk is None and "file" in self.errors and self.is_bound:
            self.data = self.data.copy()
            self.data["title"] = ""
