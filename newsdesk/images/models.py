import hashlib
import os

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from wagtail.images.models import AbstractImage, AbstractRendition, Image, ImageQuerySet

from newsdesk.core.storage import RENDITIONS_PREFIX

from . import licences, metadata
from .renditions import prepare_renditions
from .signal_handlers import announce_image_change


class WebAddressField(models.URLField):
    """A URL field whose form assumes https:// for an address typed without a scheme."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class NewsImageQuerySet(ImageQuerySet):
    def lacking_rights(self):
        """Images that lack what their licence requires (as ``NewsImage.missing_rights``)."""
        codes = licences.LICENCES
        agency = [c for c, lic in codes.items() if lic.family == licences.AGENCY]
        attributed = [c for c, lic in codes.items() if lic.requires_attribution and c not in agency]
        creative_commons = [
            c for c, lic in codes.items() if lic.family == licences.CREATIVE_COMMONS
        ]
        return self.filter(
            Q(licence="")
            | Q(licence__in=agency, agency="", credit_line="")
            | Q(licence__in=attributed, creator="", credit_line="")
            | Q(licence__in=creative_commons, source_url="")
        )


# The rights and caption fields editors fill in beside Wagtail's own.
RIGHTS_FIELDS = (
    "work_title",
    "creator",
    "source_name",
    "source_url",
    "licence",
    "licence_url",
    "agency",
    "copyright_notice",
    "credit_line",
    "default_caption",
)
# Changing any of these changes the pages showing the picture (``announce_image_change``).
PUBLIC_FIELDS = ("file", "description", *RIGHTS_FIELDS, "focal_point_x", "focal_point_y")


class NewsImage(AbstractImage):
    """
    A picture with the rights information a newsroom must publish with it.

    Wagtail's ``description`` field is the alt text: one source of truth for what the
    picture shows. Rights fields left empty at upload are filled from the file's own
    IPTC, XMP and EXIF metadata, and the stored original loses its GPS position and
    place names (see :mod:`newsdesk.images.metadata`).
    """

    work_title = models.CharField(
        "title of the work",
        max_length=255,
        blank=True,
        help_text="The picture's own title where its source gives one; it leads the credit.",
    )
    creator = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who made the picture, as the licence asks to name them (e.g. kremlin.ru).",
    )
    source_name = models.CharField(
        "source",
        max_length=255,
        blank=True,
        help_text="Where the picture was obtained, shown after “via” (e.g. Wikimedia Commons).",
    )
    source_url = WebAddressField(
        "source URL",
        max_length=500,
        blank=True,
        help_text="The page the picture came from; the creator's name links to it.",
    )
    licence = models.CharField(
        max_length=32,
        choices=licences.CHOICES,
        blank=True,
        help_text=(
            "The terms the picture is published under. Pictures whose licence forbids "
            "changes (CC …-ND, used with permission, agency) are never cropped: they are "
            "resized whole, with bars where a shape needs them, and the focal point is "
            "not used."
        ),
    )
    licence_url = WebAddressField(
        "licence URL",
        max_length=500,
        blank=True,
        help_text="Only for terms of your own or an agency's; Creative Commons deeds are known.",
    )
    agency = models.CharField(
        max_length=255,
        blank=True,
        help_text="The agency or wire service, for agency pictures (e.g. Reuters).",
    )
    copyright_notice = models.CharField(
        max_length=255,
        blank=True,
        help_text="As the rights holder words it (e.g. © 2025 Jane Doe).",
    )
    credit_line = models.CharField(
        max_length=255,
        blank=True,
        help_text=(
            "Use only when the credit must read exactly so (an agency's wording); "
            "otherwise it is built from creator, licence and source."
        ),
    )
    default_caption = models.CharField(
        max_length=500,
        blank=True,
        help_text="Shown under the picture wherever a story gives no caption of its own.",
    )

    objects = NewsImageQuerySet.as_manager()

    admin_form_fields = (*Image.admin_form_fields, *RIGHTS_FIELDS)

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"
        permissions = [
            (
                "change_published_image",
                "Can change or delete pictures readers see (on live pages)",
            )
        ]

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_file_name = instance.__dict__.get("file")
        instance._stored_face = instance._public_face()
        return instance

    def save(self, *args, **kwargs):
        if self._file_is_new():
            self._take_file_metadata()
        changed = not self._state.adding and self._public_face() != getattr(
            self, "_stored_face", None
        )
        super().save(*args, **kwargs)
        self._stored_file_name = self.file.name
        self._stored_face = self._public_face()
        pk = self.pk
        transaction.on_commit(lambda: prepare_renditions.enqueue(pk))
        if changed:
            transaction.on_commit(lambda: announce_image_change(pk))

    def _public_face(self):
        """What readers see of the picture: the file, its alt text, caption and credit."""
        return tuple(str(self.__dict__.get(name, "")) for name in PUBLIC_FIELDS)

    def _file_is_new(self):
        if not self.file:
            return False
        if self._state.adding or not getattr(self.file, "_committed", True):
            return True
        stored = getattr(self, "_stored_file_name", None)
        return stored is not None and str(stored) != self.file.name

    def _take_file_metadata(self):
        """Prefill empty rights fields from the file; remove its location data."""
        with self.open_file() as handle:
            data = handle.read()
            handle.seek(0)
        for field, value in metadata.read_rights(data).items():
            if field == "licence_url":
                known = licences.from_url(value)
                if known and not self.licence:
                    self.licence = known.code
                elif not known and not self.licence_url and value.startswith("http"):
                    self.licence_url = value[:500]
            elif not getattr(self, field):
                setattr(self, field, value[: self._meta.get_field(field).max_length])
        cleaned = metadata.strip_location(data)
        if cleaned is None:
            return
        name = os.path.basename(self.file.name)
        if getattr(self.file, "_committed", False) and self.file.name:
            self.file.storage.delete(self.file.name)
        width, height = self.width, self.height
        self.file.save(name, ContentFile(cleaned), save=False)
        # Same picture, same size: only metadata changed (Django resets them on save).
        self.width, self.height = width, height
        self.file_size = len(cleaned)
        self._set_file_hash()

    # Rights

    @property
    def licence_info(self):
        return licences.LICENCES.get(self.licence)

    @property
    def licence_link(self):
        licence = self.licence_info
        return self.licence_url or (licence.url if licence else "")

    @property
    def may_be_cropped(self):
        """False when the licence forbids derivatives: such pictures are only resized."""
        licence = self.licence_info
        return licence is None or licence.allows_derivatives

    def attribution_parts(self):
        """
        The credit as (text, url) pairs in the order attribution is written: the work's
        title where known, creator (linked to the source page), licence (linked to its
        deed), "via" source. Empty when nothing is known.
        """
        licence = self.licence_info
        parts = []
        if self.work_title:
            parts.append((f"“{self.work_title}”", ""))
        if self.credit_line:
            parts.append((self.credit_line, ""))
            # An exact credit replaces the names, never the licence notice CC requires.
            if licence and licence.family in (licences.CREATIVE_COMMONS, licences.DEDICATED):
                parts.append((licence.credit_label, self.licence_link))
            return parts
        if self.creator:
            parts.append((self.creator, self.source_url))
        if licence and licence.family == licences.AGENCY:
            if self.agency:
                parts.append((self.agency, self.licence_link))
        elif licence and licence.credit_label:
            parts.append((licence.credit_label, self.licence_link))
        if self.source_name:
            parts.append((f"via {self.source_name}", "" if self.creator else self.source_url))
        return parts

    @property
    def short_attribution(self):
        """
        The credit in one short line for story cards: the names and the licence, without
        the work's title or the "via" source. The story the card leads to carries the
        whole credit (docs/image-rights.md says why that satisfies the licences).
        """
        licence = self.licence_info
        if self.credit_line:
            names = self.credit_line
        elif licence and licence.family == licences.AGENCY:
            names = self.agency or self.creator
        else:
            names = self.creator or self.source_name
        label = licence.credit_label if licence and licence.family != licences.AGENCY else ""
        return ", ".join(part for part in (names, label) if part)

    @property
    def attribution(self):
        """The credit as plain text: "kremlin.ru, CC BY 4.0, via Wikimedia Commons"."""
        return ", ".join(text for text, _url in self.attribution_parts())

    def missing_rights(self):
        """What the picture's licence requires that the image lacks, as phrases."""
        licence = self.licence_info
        if licence is None:
            return ["a licence"]
        missing = []
        if licence.family == licences.AGENCY:
            # "Photo: Reuters" is a complete agency credit; the photographer is optional.
            if not (self.agency or self.credit_line):
                missing.append("the agency's name")
        elif licence.requires_attribution and not (self.creator or self.credit_line):
            missing.append("the creator's name (or an exact credit line)")
        if licence.family == licences.CREATIVE_COMMONS and not self.source_url:
            missing.append("the address of the page it came from (source URL)")
        return missing

    def rights_warnings(self, *, commercial):
        licence = self.licence_info
        if commercial and licence and not licence.allows_commercial_use:
            return [
                f"“{self.title}” is licensed {licence.name}, which forbids commercial use, "
                "and this site is set up as commercial. Ask the creator for permission or "
                "choose another picture."
            ]
        return []

    def crop_notice(self):
        if self.may_be_cropped:
            return ""
        return (
            f"{self.licence_info.name} does not allow changes to the picture, so newsdesk "
            "never crops it: it is resized whole and letterboxed where a shape is needed."
        )


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    def get_upload_to(self, filename):
        """
        ``renditions/<address>/<name>``, where the address is a digest of the original's
        bytes, the filter and the focal point: what the file holds. The same address never
        holds other bytes, so browsers, proxies and CDNs may keep renditions for a year
        without asking again (``RENDITIONS_PREFIX`` in ``core.storage``).
        """
        source = self.image.file_hash or self.image.file.name
        digest = hashlib.sha256(
            f"{source}|{self.filter_spec}|{self.focal_point_key}".encode()
        ).hexdigest()[:16]
        # The picture's own name (for people and image search), short enough that the
        # whole stays within the file field's 100 characters; the filter is in the digest.
        extension = os.path.splitext(filename)[1]
        stem = os.path.splitext(os.path.basename(self.image.file.name))[0][:40]
        name = self.file.field.storage.get_valid_name(f"{stem}{extension}")
        return f"{RENDITIONS_PREFIX}{digest}/{name}"

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
