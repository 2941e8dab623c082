"""Pictures are made ahead in every size the site shows, never cropped against their licence."""

import io
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.images import renditions
from newsdesk.images.factories import NewsImageFactory
from newsdesk.images.models import NewsRendition
from newsdesk.images.operations import LETTERBOX_COLOUR

from . import pictures

pytestmark = pytest.mark.django_db


def _pixels(rendition):
    with rendition.file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read())).convert("RGB")


def _image(**fields):
    from django.core.files.images import ImageFile

    data = pictures.plain(size=(640, 480))
    return NewsImageFactory(file=ImageFile(io.BytesIO(data), "harbour.jpg"), **fields)


def _close(colour, expected, tolerance=12):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_a_no_derivatives_picture_is_letterboxed_never_cropped():
    image = _image(licence="cc-by-nd-4.0")
    image.focal_point_x, image.focal_point_y = 50, 50
    image.focal_point_width = image.focal_point_height = 20

    social = renditions.rendition(image, "share_16x9")
    picture = _pixels(social)

    assert (social.width, social.height) == (1200, 675)
    assert "fill" not in social.filter_spec
    # The whole 4:3 picture, 900 × 675, between bars.
    assert _close(picture.getpixel((10, 337)), LETTERBOX_COLOUR)
    assert _close(picture.getpixel((1190, 337)), LETTERBOX_COLOUR)
    assert _close(picture.getpixel((600, 337)), (40, 90, 160))
    assert not _close(picture.getpixel((600, 0)), LETTERBOX_COLOUR)
    assert "never crops it" in image.crop_notice()


def test_other_pictures_fill_the_shape_around_their_focal_point():
    image = _image(licence="cc-by-4.0")

    social = renditions.rendition(image, "share_16x9")

    assert "fill-1200x675" in social.filter_spec
    assert (social.width, social.height) == (1200, 675)
    assert _close(_pixels(social).getpixel((10, 337)), (40, 90, 160))


def test_renditions_are_made_when_an_image_is_saved(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = _image()

    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(renditions.all_specs(image))
    # Social cards are 1200 px wide, even from a smaller picture.
    for role in renditions.SHARE_ROLES.values():
        assert renditions.rendition(image, role).width == 1200


def test_a_reader_never_waits_for_a_resize(
    client, section, publish, caplog, django_capture_on_commit_callbacks
):
    body_image = NewsImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(
            ArticlePageFactory(
                parent=section,
                body=[{"type": "image", "value": {"image": body_image.pk, "caption": "At work."}}],
            )
        )
    made = NewsRendition.objects.count()

    with caplog.at_level(logging.WARNING, logger="newsdesk.images.renditions"):
        for url in (page.url, section.url, "/"):
            assert client.get(url).status_code == 200

    assert NewsRendition.objects.count() == made
    assert not caplog.records


def test_the_figure_is_responsive(client, article):
    html = client.get(article.url).content.decode()
    lead = html.split('class="figure figure--lead"')[1].split("</picture>")[0]

    assert '<source type="image/webp" srcset="' in lead
    assert " 480w, " in lead and " 1200w" in lead
    assert 'sizes="(max-width: 60rem) 100vw, 60rem"' in lead
    assert 'loading="eager"' in lead
    assert f'alt="{article.lead_image.description}"' in lead
    img = lead.split("<img ")[1]
    largest = article.lead_image.get_rendition("width-1200|format-jpeg|jpegquality-80")
    assert f'width="{largest.width}" height="{largest.height}"' in img
    assert 'srcset="' in img
    # The lead picture is asked for before the stylesheet is read.
    head = html.split("</head>")[0]
    assert '<link rel="preload" as="image" type="image/webp" imagesrcset="' in head
    assert "image/avif" not in html


def test_avif_is_offered_where_configured(client, article, settings):
    settings.NEWSDESK_IMAGES_AVIF = True

    html = client.get(article.url).content.decode()

    lead = html.split('class="figure figure--lead"')[1].split("</picture>")[0]
    assert lead.index('type="image/avif"') < lead.index('type="image/webp"')


def test_body_images_are_lazy(client, section, publish):
    image = NewsImageFactory()
    page = publish(
        ArticlePageFactory(
            parent=section,
            body=[{"type": "image", "value": {"image": image.pk, "caption": "Below the fold."}}],
        )
    )

    html = client.get(page.url).content.decode()

    body = html.split('class="article__body"')[1]
    assert 'loading="lazy"' in body.split("Below the fold.")[0]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_no_added_queries_per_image(client, section, publish):
    def story(count):
        images = [NewsImageFactory() for _ in range(count)]
        body = [{"type": "image", "value": {"image": i.pk, "caption": ""}} for i in images]
        return publish(ArticlePageFactory(parent=section, body=body))

    one, five = story(1), story(5)
    for page in (one, five):
        _queries(client, page.url)  # every rendition made once, before counting

    assert _queries(client, five.url) == _queries(client, one.url)


def test_a_picture_missing_from_storage_does_not_break_the_story(client, section, publish):
    image = NewsImageFactory()
    page = publish(ArticlePageFactory(parent=section, lead_image=image, live=False))
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)

    response = client.get(page.url)

    assert response.status_code == 200
    assert "<picture" not in response.content.decode().split('class="article__body"')[0]


def test_the_image_editor_explains_why_a_picture_is_not_cropped(client, django_user_model):
    image = _image(licence="cc-by-nc-nd-4.0")
    client.force_login(django_user_model.objects.create_superuser("chief", "c@example.com", "pw"))

    html = client.get(f"/admin/images/{image.pk}/").content.decode()

    assert "CC BY-NC-ND 4.0 does not allow changes to the picture" in html


def test_prepare_renditions_fills_in_what_is_missing():
    from django.core.management import call_command

    image = _image()  # saved in a test transaction: its renditions task never ran
    assert not image.renditions.exists()
    out = io.StringIO()

    call_command("prepare_renditions", stdout=out)
    call_command("prepare_renditions", stdout=out)

    assert image.renditions.count() == len(renditions.all_specs(image))
    assert out.getvalue().splitlines()[-2:] == [
        f"{len(renditions.all_specs(image))} renditions made.",
        "0 renditions made.",
    ]


def test_renditions_are_named_by_what_they_hold_and_kept_for_a_year(client, db):
    first = NewsImageFactory(file__color="red")
    second = NewsImageFactory(file__color="blue")
    a = renditions.rendition(first, "card")
    b = renditions.rendition(second, "card")
    same_crop_again = renditions.rendition(first, "card")

    assert a.file.name.startswith("renditions/")
    assert a.file.name.split("/")[1] != b.file.name.split("/")[1]
    assert same_crop_again.file.name == a.file.name
    response = client.get(a.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    original = client.get(first.file.url)
    assert "immutable" not in original.get("Cache-Control", "")
