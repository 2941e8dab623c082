"""
``newsdesk check TARGET…``: run the newsroom checks on a story, a saved page or a text file.

TARGET is a file (HTML saved from a browser, or plain text such as a copied article), an
address of a page on this site, a page id, a page path (``/world/some-story/``) or a
story's slug. Without a target, or with app labels or ``--deploy``, this is Django's own
system check, unchanged. ``--desk`` always means the newsroom checks and ``--system``
always Django's; a target that could be either (a story whose slug is an app label, such
as "live") is refused until one of them says which.
"""

import json
import sys
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.core.checks import ERROR, WARNING
from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheckCommand
from wagtail.models import Page, Site

from newsdesk.articles.models import ArticlePage
from newsdesk.checks import base
from newsdesk.checks.text import Copy

MAX_FILE_BYTES = 20 * 1024 * 1024


class Command(SystemCheckCommand):
    help = (
        "Run newsdesk's newsroom checks on stories, saved pages or text files "
        "(newsdesk check FILE-OR-URL-OR-STORY); without one, Django's system checks."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--published",
            type=date.fromisoformat,
            help="The date the story is (or was) published, YYYY-MM-DD; relative dates are "
            "read against it. Default: its publication date, or today.",
        )
        parser.add_argument(
            "--headline", default="", help="The headline of a text file that has none."
        )
        parser.add_argument("--json", action="store_true", help="Print the findings as JSON.")
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--desk",
            action="store_true",
            help="Run the newsroom checks on the targets, even where one is also an app label.",
        )
        which.add_argument(
            "--system",
            action="store_true",
            help="Run Django's system checks on the targets (app labels) as `manage.py check`.",
        )

    def handle(self, *targets, **options):
        if options["system"] or not targets:
            return super().handle(*targets, **options)
        if not options["desk"]:
            labels = [t for t in targets if apps.is_installed(t) or _is_app_label(t)]
            if labels:
                self._refuse_ambiguous(labels)
                return super().handle(*targets, **options)
        results = []
        for target in targets:
            story = self._story(target, options)
            results.append((target, base.run(story)))
        if options["json"]:
            payload = [
                {"target": target, "findings": [f.as_dict() for f in findings]}
                for target, findings in results
            ]
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            for target, findings in results:
                self._print(target, findings)
        if any(f.level >= ERROR for _target, findings in results for f in findings):
            sys.exit(1)

    def _refuse_ambiguous(self, labels):
        for label in labels:
            if Path(label).is_file() or _find_page(label) is not None:
                raise CommandError(
                    f"“{label}” is both an app label and a story or file. Say which check "
                    f"you mean: `newsdesk check --desk {label}` for the newsroom checks, "
                    f"`newsdesk check --system {label}` for Django's system check."
                )

    def _story(self, target, options):
        published = options["published"]
        path = Path(target)
        if path.is_file():
            return _from_file(path, options["headline"], published or date.today())
        page = _find_page(target)
        if page is None:
            raise CommandError(
                f"“{target}” is not a file, nor a page or story on this site. Give a file "
                "path, a page address, id or path, or a story's slug."
            )
        # What would be published: the latest draft, not only the live version.
        return Copy.from_page(page.get_latest_revision_as_object(), published)

    def _print(self, target, findings):
        style = {ERROR: self.style.ERROR}
        self.stdout.write(self.style.MIGRATE_HEADING(target))
        if not findings:
            self.stdout.write("  No problems found.")
            return
        by_check = {}
        for finding in findings:
            by_check.setdefault(finding.id, []).append(finding)
        for check_id, group in by_check.items():
            paint = style.get(group[0].level, self.style.WARNING)
            self.stdout.write(paint(f"  {check_id} ({group[0].level_name}, {len(group)})"))
            for finding in group:
                self.stdout.write(f"    - {finding.msg}")
                if finding.sentence is not None:
                    self.stdout.write(f"      “{finding.sentence.text}”")
                if finding.hint:
                    self.stdout.write(f"      {finding.hint}")
        errors = sum(f.level >= ERROR for f in findings)
        warnings = sum(WARNING <= f.level < ERROR for f in findings)
        offers = len(findings) - errors - warnings
        summary = f"  {errors} error(s), {warnings} warning(s)"
        self.stdout.write(summary + (f", {offers} suggestion(s)" if offers else ""))


def _is_app_label(target):
    return any(config.label == target for config in apps.get_app_configs())


def _from_file(path, headline, published):
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CommandError(
            f"“{path}” is over {MAX_FILE_BYTES // (1024 * 1024)} MB; is it an article?"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if path.suffix.lower() in (".html", ".htm") or text.lstrip().startswith("<"):
        story = Copy.from_html(text, published)
        if headline:
            story.title = headline
        return story
    return Copy.from_text(text, headline=headline, published=published)


def _find_page(target):
    if target.isdigit():
        page = Page.objects.filter(pk=int(target)).first()
        return page.specific if page else None
    if target.startswith(("http://", "https://", "/")):
        parts = urlsplit(target)
        site = Site.objects.filter(hostname=parts.hostname).first() if parts.hostname else None
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        url_path = site.root_page.url_path + parts.path.strip("/") + "/"
        page = Page.objects.filter(url_path=url_path.replace("//", "/")).first()
        return page.specific if page else None
    matches = list(ArticlePage.objects.filter(slug=target)[:2])
    if len(matches) > 1:
        raise CommandError(f"More than one story has the slug “{target}”; give its id or path.")
    return matches[0] if matches else None
