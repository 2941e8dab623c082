"""
``newsdesk import wordpress EXPORT.xml [--media-dir DIR] [--categories-as-topics] [--dry-run]
[--report FILE]``, ``newsdesk import ghost EXPORT.json [--media-dir DIR] [--tags-as-sections]
[--dry-run] [--report FILE]``, ``newsdesk import page FILE-OR-FOLDER [--headline TEXT]
[--section SLUG] [--dry-run] [--report FILE]``

Brings a WordPress export in, with a progress bar and a report of what was created,
updated, left unchanged and skipped (each skip with its reason).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from newsdesk.importers.base import BadExport
from newsdesk.importers.ghost import GhostImporter
from newsdesk.importers.page import PageImporter
from newsdesk.importers.wordpress import WordPressImporter


class Command(BaseCommand):
    help = "Import content from another publishing system's export."

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
        wordpress = sources.add_parser(
            "wordpress", help="a WordPress export file (Tools → Export in WordPress)"
        )
        wordpress.add_argument("export", help="the .xml file WordPress made")
        wordpress.add_argument(
            "--media-dir",
            help="a copy of the site's wp-content/uploads folder, to bring the pictures in",
        )
        wordpress.add_argument(
            "--categories-as-topics",
            action="store_true",
            help="make every category a topic and file all posts in one News section",
        )
        ghost = sources.add_parser(
            "ghost", help="a Ghost export file (Settings → Advanced → Export content in Ghost)"
        )
        ghost.add_argument("export", help="the .json file Ghost made")
        ghost.add_argument(
            "--media-dir", help="a copy of the site's content/images folder, for the pictures"
        )
        ghost.add_argument(
            "--tags-as-sections",
            action="store_true",
            help="file each post in the section of its primary tag (else all in News)",
        )
        page = sources.add_parser(
            "page", help="articles saved as HTML or plain text: a file, or a folder of them"
        )
        page.add_argument("export", metavar="FILE-OR-FOLDER", help="the saved page or pages")
        page.add_argument(
            "--headline", default="", help="the headline, for a single page that has none"
        )
        page.add_argument("--section", default="", help="the slug of the section to file in")
        for source in (wordpress, ghost, page):
            source.add_argument(
                "--dry-run", action="store_true", help="report what would change; write nothing"
            )
            source.add_argument(
                "--report",
                metavar="FILE",
                help="also write the whole report, item by item, to FILE as JSON",
            )

    def handle(self, *args, **options):
        console = Console(file=self.stdout, highlight=False, soft_wrap=True)
        if options["source"] == "page":
            importer = PageImporter(
                options["export"],
                headline=options["headline"],
                section=options["section"],
                dry_run=options["dry_run"],
            )
        elif options["source"] == "ghost":
            importer = GhostImporter(
                options["export"],
                media_dir=options["media_dir"],
                tags_as_sections=options["tags_as_sections"],
                dry_run=options["dry_run"],
            )
        else:
            importer = WordPressImporter(
                options["export"],
                media_dir=options["media_dir"],
                categories_as_topics=options["categories_as_topics"],
                dry_run=options["dry_run"],
            )
        try:
            importer.read()
        except BadExport as error:
            raise CommandError(str(error)) from None
        items = list(importer.items())
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as progress:
            task = progress.add_task("Importing", total=len(items))
            try:
                report = importer.run(progress=lambda item: progress.advance(task), items=items)
            except BadExport as error:
                raise CommandError(str(error)) from None
        print_report(console, report, dry_run=options["dry_run"])
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.as_dict(), indent=2, ensure_ascii=False), encoding="utf-8"
            )
            console.print(f"\nThe whole report is in {escape(options['report'])}.")


def print_report(console, report, dry_run=False):
    def heading(text):
        console.print(f"\n[bold]{escape(text)}[/bold]")

    def line(text):
        console.print(f"  {text}", markup=False)

    heading(
        "What the import would change (dry run: nothing was written)"
        if dry_run
        else "What the import did"
    )
    for key in sorted(report.counts):
        line(f"{key}: {report.counts[key]}")
    if report.skipped:
        heading("Skipped")
        for label, reason in report.skipped:
            line(f"{label}: {reason}")
    if report.kept_editors_changes:
        heading(
            "Changed by editors since the last import: the new version is saved as a draft, "
            "nothing was published"
        )
        for label in report.kept_editors_changes:
            line(label)
    if report.flagged:
        heading("Live on the old site, published despite newsdesk's rules (fix these)")
        for label, problems in report.flagged:
            line(f"{label}: {' '.join(problems)}")
    for title, lines in report.notes.items():
        heading(title)
        for text in lines:
            line(text)
    if report.dropped_blocks:
        heading("Dropped (the new site draws these itself)")
        for name, n in sorted(report.dropped_blocks.items()):
            line(f"{name} ×{n}")
    if report.html_blocks:
        heading("Kept as imported HTML, for editors to convert")
        for name, n in sorted(report.html_blocks.items()):
            line(f"{name} ×{n}")
