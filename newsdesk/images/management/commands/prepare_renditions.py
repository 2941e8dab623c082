"""
``newsdesk prepare_renditions``: make every rendition the site shows of every image.

New uploads and publishes do this on their own; run it after an upgrade that changes
picture sizes, after turning ``NEWSDESK_IMAGES_AVIF`` on, or after restoring media
without its renditions. Renditions that exist are kept, so a second run is quick.
"""

from django.core.management.base import BaseCommand
from rich.progress import Progress

from newsdesk.images import renditions
from newsdesk.images.models import NewsImage, NewsRendition


class Command(BaseCommand):
    help = "Make every rendition the site shows of every image (existing ones are kept)."

    def handle(self, *args, **options):
        images = NewsImage.objects.order_by("pk")
        before = NewsRendition.objects.count()
        with Progress(disable=options["verbosity"] == 0) as progress:
            bar = progress.add_task("Renditions", total=images.count())
            for image in images.iterator(chunk_size=100):
                renditions.prepare(image)
                progress.advance(bar)
        if options["verbosity"]:
            self.stdout.write(f"{NewsRendition.objects.count() - before} renditions made.")
