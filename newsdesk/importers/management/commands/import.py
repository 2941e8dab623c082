"""
``newsdesk import wordpress EXPORT.xml [--media-dir DIR] [--categories-as-topics] [--dry-run]
[--report FILE]``, ``newsdesk import ghost EXPORT.json [--media-dir DIR] [--tags-as-sections]
[--dry-run] [--report FILE]``, ``newsdesk import page FILE-OR-FOLDER [--headline TEXT]
[--section SLUG] [--dry-run] [--report FILE]``

Brings an export in, with a progress bar and a report of what was created, updated, left
unchanged and skipped (each skip with its reason).
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

# One entry per source; each importer declares its own options.
SOURCES = {
    importer.command: importer for importer in (WordPressImporter, GhostImporter, PageImporter)
}


class Command(BaseCommand):
    help = "Import content from another publishing system's export."

    def add_arguments(self, parser):
        sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
        for importer in SOURCES.values():
            source = sources.add_parser(importer.command, help=importer.export_help)
            source.add_argument("export", metavar="EXPORT", help=importer.export_help)
            importer.add_arguments(source)
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
        importer = SOURCES[options["source"]].from_options(options)
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
        nothing_in = not (report.created or report.updated or report.unchanged)
        if importer.skips_are_refusals and report.skipped and nothing_in:
            # Everything given was refused: a script running the import must see it fail.
            raise CommandError("Nothing was imported: every item was refused (see above).")


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
