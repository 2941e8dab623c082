"""
The site's icons: ``/favicon.ico`` (16, 32 and 48 px in one ICO file, what browsers ask
for on every site) and ``/apple-touch-icon.png`` (180 px, for phones' home screens),
made from the square picture chosen in Settings → Newsroom settings → Icon.

Without one, the icon is the publication's initial in white on the site's accent colour,
so no newsroom answers these requests with a 404. Made once and kept in the default
cache under a key that names the picture's file (its hash) and the publication's name:
choosing another picture or renaming the publication makes a new icon at once.
"""

import hashlib
import io

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition
from PIL import Image, ImageDraw, ImageFont, ImageOps

from . import pagecache
from .models import NewsroomSettings

FAVICON_SIZES = (16, 32, 48)
TOUCH_SIZE = 180
ACCENT = (163, 18, 42)  # --accent in site.css
# Browsers ask again once a day; a new icon needs no purge, only that day.
MAX_AGE = 24 * 60 * 60
KINDS = {"favicon": "image/x-icon", "touch": "image/png"}


def _drawn(name, size):
    """The publication's initial, white on the accent colour."""
    picture = Image.new("RGB", (size, size), ACCENT)
    letter = next((c for c in name if c.isalnum()), "N").upper()
    font = ImageFont.load_default(size=int(size * 0.7))
    draw = ImageDraw.Draw(picture)
    draw.text((size / 2, size / 2), letter, fill="white", font=font, anchor="mm")
    return picture


def _from_picture(image, size):
    with image.open_file() as handle:
        picture = Image.open(handle)
        picture.load()
    picture = ImageOps.exif_transpose(picture).convert("RGBA")
    return ImageOps.fit(picture, (size, size), Image.Resampling.LANCZOS)


def _make(kind, image, name):
    size = max(FAVICON_SIZES) if kind == "favicon" else TOUCH_SIZE
    picture = _from_picture(image, size) if image is not None else _drawn(name, size)
    out = io.BytesIO()
    if kind == "favicon":
        picture.save(out, format="ICO", sizes=[(s, s) for s in FAVICON_SIZES])
    else:
        # Home screens draw no transparency: a white ground under a transparent picture.
        ground = Image.new("RGB", picture.size, "white")
        ground.paste(picture, mask=picture.getchannel("A") if picture.mode == "RGBA" else None)
        ground.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _source(request):
    newsroom = NewsroomSettings.for_request(request)
    image = newsroom.icon if newsroom.icon_id else None
    return image, newsroom.name()


def _key(kind, image, name):
    identity = f"{kind}:{image.pk}:{image.file_hash or image.file.name}" if image else name
    return "icon:" + hashlib.sha256(f"{kind}:{identity}".encode()).hexdigest()[:32]


def icon(kind):
    """The bytes of the site's icon of ``kind`` ("favicon" or "touch") for a request."""

    def etag(request):
        image, name = _source(request)
        return _key(kind, image, name)

    @condition(etag_func=etag)
    def view(request):
        image, name = _source(request)
        key = _key(kind, image, name)
        content = cache.get(key)
        if content is None:
            try:
                content = _make(kind, image, name)
            except (OSError, ValueError):
                # The chosen file is missing or unreadable: the drawn icon, not a 500.
                content = _make(kind, None, name)
            cache.set(key, content, timeout=None)
        response = HttpResponse(content, content_type=KINDS[kind])
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return pagecache.reads_params(response, ())

    return view
