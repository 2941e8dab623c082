"""
What a newsroom photo costs: upload checks, metadata and location removal, and making
every rendition the site shows, with AVIF off (the default) and on.

Uses a 24-megapixel JPEG made here (a camera's size), tagged with EXIF GPS and XMP, in a
throwaway SQLite instance under var/bench-images.

    .venv/bin/python benchmarks/images.py [--width 6000 --height 4000] [--runs 3]

Not part of `make test`.
"""

import argparse
import io
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench-images"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ["NEWSDESK_DATA_DIR"] = str(DATA)
sys.path.insert(0, str(ROOT))
shutil.rmtree(DATA, ignore_errors=True)
DATA.mkdir(parents=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from PIL import Image  # noqa: E402

from newsdesk.images import renditions  # noqa: E402
from newsdesk.images.forms import NewsImageField  # noqa: E402
from newsdesk.images.models import NewsImage  # noqa: E402
from newsdesk.images.tests import pictures  # noqa: E402


def photo(width, height):
    """A noisy picture (photos compress like noise, not like flat colour), tagged."""
    noise = Image.effect_noise((width // 4, height // 4), 40).resize((width, height))
    picture = Image.merge(
        "RGB", (noise, noise.rotate(180), Image.linear_gradient("L").resize((width, height)))
    )
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return pictures.with_xmp(pictures.with_exif("Bench", gps=True, base=out.getvalue()))


def timed(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, Pillow {Image.__version__}"
    )
    data = photo(args.width, args.height)
    print(f"photo: {args.width} x {args.height}, {len(data) / 1e6:.1f} MB JPEG")

    field = NewsImageField()
    upload_check = timed(
        lambda: field.clean(SimpleUploadedFile("photo.jpg", data, "image/jpeg")), args.runs
    )
    print(f"upload checks (format, size, pixels, full decode): {upload_check:8.0f} ms")

    def save(keep=False):
        with transaction.atomic():
            image = NewsImage(title="Bench", description="Bench")
            image.file = SimpleUploadedFile("photo.jpg", data, "image/jpeg")
            image.save()
            # Rolled back, so the renditions queued on commit are left to the timing below.
            transaction.set_rollback(not keep)
        return image

    saved = timed(save, args.runs)
    print(f"save (rights from metadata, location removed):    {saved:8.0f} ms")

    image = save(keep=True)
    for avif in (False, True):
        settings.NEWSDESK_IMAGES_AVIF = avif
        specs = renditions.all_specs(image)

        def prepare():
            image.renditions.all().delete()
            renditions.prepare(image)

        made = timed(prepare, args.runs)
        print(
            f"all renditions, AVIF {'on ' if avif else 'off'} ({len(specs):2d} files):          "
            f"{made:8.0f} ms ({made / len(specs):.0f} ms each)"
        )
    shutil.rmtree(DATA, ignore_errors=True)


if __name__ == "__main__":
    main()
