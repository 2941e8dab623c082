from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from newsdesk.operations import backups


class Command(BaseCommand):
    help = (
        "Restore a newsdesk backup into a new instance (migrated or not; checksums are "
        "checked first), then bring its schema up to this version."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = backups.with_progress(
                options["verbosity"], None, lambda advance: backups.restore(archive, advance)
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(
                f"The database could not be written ({error}). Check DATABASE_URL and that "
                "this user may create tables; nothing was restored."
            ) from None
        # A backup made by an older version carries that version's schema.
        call_command("migrate", "--no-input", verbosity=0)
        for cache in caches.all():
            cache.clear()
        if options["verbosity"]:
            count = len(manifest["files"]) - 1
            self.stdout.write(
                f"Restored the backup of {manifest['created']} ({count} media files)."
            )
