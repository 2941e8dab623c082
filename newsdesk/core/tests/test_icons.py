"""Every newsroom answers /favicon.ico and /apple-touch-icon.png, from its own picture."""

import io

from PIL import Image
from wagtail.models import Site

from newsdesk.core.models import NewsroomSettings
from newsdesk.images.factories import NewsImageFactory


def _picture(response):
    return Image.open(io.BytesIO(response.content))


def test_without_a_chosen_icon_the_initial_is_drawn(client, home):
    favicon = client.get("/favicon.ico")
    touch = client.get("/apple-touch-icon.png")

    assert favicon.status_code == touch.status_code == 200
    assert favicon["Content-Type"] == "image/x-icon"
    ico = _picture(favicon)
    assert ico.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    assert touch["Content-Type"] == "image/png"
    assert _picture(touch).size == (180, 180)
    assert "max-age=86400" in favicon["Cache-Control"]
    assert "public" in favicon["Cache-Control"]


def test_the_chosen_picture_becomes_the_icon_and_a_new_one_shows_at_once(client, home):
    first = client.get("/apple-touch-icon.png")
    newsroom = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    newsroom.icon = NewsImageFactory(file__width=400, file__height=300, file__color="green")
    newsroom.save()

    touch = client.get("/apple-touch-icon.png")

    assert touch.content != first.content
    picture = _picture(touch).convert("RGB")
    assert picture.size == (180, 180)
    red, green, blue = picture.getpixel((90, 90))
    assert green > 100 and red < 50 and blue < 50
    assert touch["ETag"] != first["ETag"]
    assert client.get("/apple-touch-icon.png", HTTP_IF_NONE_MATCH=touch["ETag"]).status_code == 304


def test_every_page_names_its_icons(client, article):
    html = client.get(article.url).content.decode()

    assert '<link rel="icon" href="/favicon.ico"' in html
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html
