"""Uploads: rights read from the file, location removed, bad files refused in plain words."""

import io
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsdesk.images import renditions
from newsdesk.images.models import NewsImage

from . import pictures

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(user)
    return client


def upload(client, data, name="photo.jpg", **fields):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, data, "image/jpeg"), **fields},
    )


def stored(image):
    with image.open_file() as handle:
        return handle.read()


def pixels(data):
    return Image.open(io.BytesIO(data)).convert("RGB").tobytes()


def test_rights_come_from_xmp_first_then_iptc_then_exif(admin_client):
    data = pictures.with_iptc(
        pictures.with_xmp(pictures.with_exif("Exif Artist", "© Exif", "Exif caption")),
        byline="Iptc Byline",
        copyright="© Iptc",
    )

    response = upload(admin_client, data)

    assert response.status_code == 302
    image = NewsImage.objects.get()
    assert image.creator == "Xmp Creator"
    assert image.credit_line == "Xmp Agency"
    assert image.source_name == "Xmp Source"
    assert image.copyright_notice == "© 2025 Xmp Creator"
    assert image.default_caption == "Caption from XMP."
    assert image.description == "Alt text from XMP."
    assert image.licence == "cc-by-sa-4.0"


def test_rights_from_iptc(admin_client):
    data = pictures.with_iptc(
        byline="Priya Nair",
        credit="Example Wire",
        source="Example Wire Photos",
        copyright="© 2024 Example Wire",
        caption="Flood water in the old town.",
    )

    upload(admin_client, data)

    image = NewsImage.objects.get()
    assert (image.creator, image.credit_line, image.source_name) == (
        "Priya Nair",
        "Example Wire",
        "Example Wire Photos",
    )
    assert image.copyright_notice == "© 2024 Example Wire"
    assert image.default_caption == "Flood water in the old town."


def test_rights_from_exif(admin_client):
    upload(
        admin_client, pictures.with_exif("Sam Ortiz", "Copyright 2023 Sam Ortiz", "Pier at dawn.")
    )

    image = NewsImage.objects.get()
    assert image.creator == "Sam Ortiz"
    assert image.copyright_notice == "Copyright 2023 Sam Ortiz"
    assert image.default_caption == "Pier at dawn."


def test_what_the_editor_typed_wins_over_the_file(admin_client):
    upload(admin_client, pictures.with_exif("Sam Ortiz"), creator="Desk Photographer")

    assert NewsImage.objects.get().creator == "Desk Photographer"


def test_location_is_removed_from_the_original_and_every_rendition(admin_client):
    data = pictures.with_iptc(
        pictures.with_xmp(pictures.with_exif("Sam Ortiz", gps=True)), city="Moscow", byline="Sam"
    )
    assert pictures.has_gps(data)

    upload(admin_client, data)

    image = NewsImage.objects.get()
    original = stored(image)
    assert not pictures.has_gps(original)
    # Only metadata was edited: the picture itself is not re-encoded.
    assert pixels(original) == pixels(data)
    assert image.file_size == len(original)
    # Rights stay in the file.
    assert Image.open(io.BytesIO(original)).getexif()[0x013B] == "Sam Ortiz"
    renditions.prepare(image)
    made = image.renditions.all()
    assert made.count() == len(renditions.all_specs(image))
    for rendition in made:
        with rendition.file.open("rb") as handle:
            assert not pictures.has_gps(handle.read()), rendition.filter_spec


def test_location_is_removed_from_a_png(admin_client):
    picture = Image.open(io.BytesIO(pictures.plain(image_format="PNG")))
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = pictures.LATITUDE
    out = io.BytesIO()
    picture.save(out, "PNG", exif=exif)

    upload(admin_client, out.getvalue(), name="map.png")

    original = stored(NewsImage.objects.get())
    assert not pictures.has_gps(original)
    assert pixels(original) == pixels(out.getvalue())


def test_images_saved_in_code_are_cleaned_too():
    from django.core.files.images import ImageFile

    image = NewsImage(
        title="Imported", file=ImageFile(io.BytesIO(pictures.with_exif(gps=True)), "in.jpg")
    )
    image.save()

    assert not pictures.has_gps(stored(image))


def test_a_truncated_file_is_refused_in_plain_words(admin_client):
    data = pictures.with_exif("Sam", base=_photo())
    truncated = data[: len(data) * 2 // 3]

    response = upload(admin_client, truncated, name="cut.jpg")

    assert response.status_code == 200
    (message,) = response.context["form"].errors["file"]
    assert message.startswith("“cut.jpg” is damaged or incomplete")
    assert "truncated" not in message
    assert not NewsImage.objects.exists()


def test_a_decompression_bomb_is_refused(admin_client):
    response = upload(admin_client, _bomb(), name="bomb.png")

    assert response.status_code == 200
    (message,) = response.context["form"].errors["file"]
    assert message.startswith("“bomb.png” is too many pixels to process safely")
    assert "128 megapixels" in message
    assert not NewsImage.objects.exists()


def test_an_oversize_file_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    big = _photo(size=(2400, 2400), noise=True)
    assert len(big) > 1024 * 1024

    response = upload(admin_client, big, name="huge.jpg")

    assert response.status_code == 200
    (message,) = response.context["form"].errors["file"]
    assert message.startswith("“huge.jpg” is ")
    assert "pictures can be at most 1.0\xa0MB" in message
    assert not NewsImage.objects.exists()


def test_not_a_picture_is_refused(admin_client):
    response = upload(admin_client, bytes(range(256)) * 8, name="page.jpg")

    (message,) = response.context["form"].errors["file"]
    assert (
        message == "“page.jpg” is not a picture newsdesk can read. "
        "Upload a JPEG, PNG, GIF, WebP or AVIF file."
    )


def test_a_picture_named_as_another_kind_is_refused(admin_client):
    response = upload(admin_client, pictures.plain(image_format="PNG"), name="photo.jpg")

    (message,) = response.context["form"].errors["file"]
    assert message.startswith("“photo.jpg” is named as one kind of picture but holds another (png)")


def test_the_multiple_uploader_refuses_a_truncated_file(admin_client):
    data = _photo()
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("cut.jpg", data[: len(data) // 2], "image/jpeg")},
    )

    payload = response.json()
    assert payload["success"] is False
    assert "is damaged or incomplete" in payload["error_message"]
    assert not NewsImage.objects.exists()


def _photo(size=(800, 600), noise=False):
    picture = (
        Image.effect_noise(size, 60).convert("RGB")
        if noise
        else Image.linear_gradient("L").resize(size).convert("RGB")
    )
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95)
    return out.getvalue()


def _bomb():
    """A 40,000 × 40,000 PNG of a few hundred kilobytes: 1.6 billion pixels once opened."""
    width = height = 40_000
    row = b"\x00" + b"\x00" * width  # filter byte, then one byte per greyscale pixel
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, payload):
        return (
            len(payload).to_bytes(4, "big")
            + kind
            + payload
            + zlib.crc32(kind + payload).to_bytes(4, "big")
        )

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def test_the_alt_text_is_labelled_as_such(admin_client):
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(admin_client.get(reverse("wagtailimages:add")).content)

    label = tree.xpath('//label[@for="id_description"]')[0].text_content()
    assert "Alt text" in label
    assert "readers who cannot see it" in tree.text_content()


def test_the_form_is_told_the_file_rights_before_anything_is_saved(admin_client):
    data = pictures.with_xmp(creator="Priya Nair", credit="Example Wire")
    response = admin_client.post(
        reverse("newsdesk_image_read_rights"),
        {"file": SimpleUploadedFile("flood.jpg", data, "image/jpeg")},
    )
    assert response.status_code == 200
    reply = response.json()
    assert reply["fields"]["creator"] == "Priya Nair"
    assert reply["fields"]["credit_line"] == "Example Wire"
    assert reply["fields"]["licence"] == "cc-by-sa-4.0"
    assert ["Licence", "CC BY-SA 4.0"] in reply["read"]
    assert not NewsImage.objects.exists()


def test_reading_rights_needs_a_file_and_permission_to_add_pictures(admin_client, client):
    response = admin_client.post(reverse("newsdesk_image_read_rights"), {})
    assert response.status_code == 400 and response.json()["error"] == "Choose a picture file."
    reply = admin_client.post(
        reverse("newsdesk_image_read_rights"),
        {"file": SimpleUploadedFile("notes.jpg", b"not a picture", "image/jpeg")},
    ).json()
    assert reply == {"fields": {}, "read": []}
    client.logout()
    user = get_user_model().objects.create_user("visitor", password="x")
    client.force_login(user)
    response = client.post(reverse("newsdesk_image_read_rights"), {})
    assert response.status_code in (302, 403)


def test_a_refused_file_does_not_leave_its_title_for_the_next_one(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "broken",
            "creator": "Read From Broken",
            "file": SimpleUploadedFile("broken.jpg", b"not a picture", "image/jpeg"),
        },
    )
    assert response.status_code == 200 and not NewsImage.objects.exists()
    form = response.context["form"]
    assert "file" in form.errors
    assert form["title"].value() == ""
    assert form["creator"].value() == "Read From Broken"  # what was typed is kept
