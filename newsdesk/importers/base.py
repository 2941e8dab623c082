"""
The shared shape of every importer: read the whole export first (a file that cannot be
read changes nothing), then bring items in one at a time, each in its own transaction, so
that one broken item is reported and skipped while the rest come in.

An importer subclasses :class:`Importer`, sets ``source``, and implements :meth:`read`
(raise :class:`BadExport` with a sentence for a person) and :meth:`items` (yield
:class:`Item` objects in the order they must be brought in). Each item's ``bring_in``
callable does the work through the helpers here (:meth:`Importer.record_for`,
:meth:`Importer.save_page`), which keep the :class:`~newsdesk.importers.models.ImportRecord`
up to date and protect editors' changes.
"""

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from newsdesk.articles import related
from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.core import publishing
from newsdesk.topics.models import Topic

from .models import ImportRecord


class BadExport(Exception):
    """The export cannot be imported; ``str()`` says why, for the person who ran it."""


class _DryRun(Exception):
    """Raised at the end of a dry run to roll back everything it did."""


@dataclass
class Item:
    kind: str
    source_id: str
    label: str
    data: dict
    bring_in: Callable[["Item"], str]

    @cached_property
    def checksum(self):
        # Taken once, before bringing the item in: StreamField gives the blocks it is handed
        # ids of their own, in place.
        encoded = json.dumps(self.data, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()


@dataclass
class Report:
    """What a run did, item by item, for the person who ran it."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (label, reason)
    kept_editors_changes: list = field(default_factory=list)
    flagged: list = field(default_factory=list)  # (label, problems) let through the gate
    notes: dict = field(default_factory=lambda: defaultdict(list))  # heading -> lines
    dropped_blocks: Counter = field(default_factory=Counter)
    html_blocks: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)  # "created post" -> n

    def note(self, heading, line):
        self.notes[heading].append(line)

    def as_dict(self):
        """Everything, item by item, for ``--report FILE``."""
        return {
            "counts": dict(sorted(self.counts.items())),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"item": label, "reason": reason} for label, reason in self.skipped],
            "kept_editors_changes": self.kept_editors_changes,
            "published_despite_rules": [
                {"item": label, "problems": problems} for label, problems in self.flagged
            ],
            "notes": dict(self.notes),
            "dropped_blocks": dict(self.dropped_blocks),
            "kept_as_html": dict(self.html_blocks),
        }


class Importer:
    """Base class of the importers; see the module's docstring."""

    source = ""
    # Whether a skipped item is always one that could not be imported (a saved page with
    # no headline), never one left out on purpose (a post in WordPress's trash): then a
    # run that imported nothing but skipped something fails.
    skips_are_refusals = False

    # The word after ``newsdesk import``, and what ``--help`` says of the export.
    command = ""
    export_help = ""

    def __init__(self, path, *, dry_run=False, origin="", media_dir=None):
        self.path = path
        self.dry_run = dry_run
        self.origin = origin
        self.media_dir = Path(media_dir) if media_dir else None
        self.report = Report()
        # The old site's host names (beside ``origin``'s): a link to one of them is a link
        # to a story of this export.
        self.own_hosts = set()
        # Related links met in each item (by kind and source id: two pages may share a
        # headline, and so a label), and the items to convert again once every item is
        # in (their links named stories not imported yet).
        self._related_links = {}
        self._relink = {}

    @classmethod
    def add_arguments(cls, parser):
        """The source's own options for ``newsdesk import`` (besides the export's path)."""

    @classmethod
    def from_options(cls, options):
        """The importer ``newsdesk import`` runs, made from its parsed ``options``."""
        return cls(options["export"], dry_run=options["dry_run"])

    def check_media_dir(self):
        if self.media_dir is not None and not self.media_dir.is_dir():
            raise BadExport(f"The media folder {self.media_dir} does not exist.")

    def media_file(self, *candidates):
        """
        The first of ``candidates`` (paths relative to the media folder) that is a file in
        it, or ``None``. A path that climbs out of the folder (``../``) is never followed.
        """
        if self.media_dir is None:
            return None
        root = self.media_dir.resolve()
        for candidate in candidates:
            if candidate:
                full = (root / candidate).resolve()
                if full.is_relative_to(root) and full.is_file():
                    return full
        return None

    # What a subclass provides.

    def read(self):
        """Read and check the whole export; raise :class:`BadExport` if it cannot be used."""
        raise NotImplementedError

    def items(self) -> Iterable[Item]:
        raise NotImplementedError

    # The run.

    def run(self, progress=None, items=None):
        """
        Bring every item in and return the :class:`Report`. With ``dry_run`` everything is
        done and then rolled back, so the report says what a real run would change.
        ``items`` are those of an earlier :meth:`read` and :meth:`items`.
        """
        if items is None:
            self.read()
            items = list(self.items())
        with related.batch() as published:
            if self.dry_run:
                try:
                    with transaction.atomic():
                        self._bring_in_all(items, progress)
                        self._bring_in_again()
                        raise _DryRun
                except _DryRun:
                    return self.report
            # Each item commits on its own: what came in stays in if the run is stopped.
            self._bring_in_all(items, progress)
            self._bring_in_again()
        if published:
            related.refresh_many.enqueue(sorted(published))
        return self.report

    def _bring_in_all(self, items, progress):
        for item in items:
            self._bring_in(item)
            if progress:
                progress(item)

    def _bring_in_again(self):
        """
        Convert again the items whose related links named stories of this export that
        were not in yet, so that their Also Read blocks point at those stories. Their
        report lines were written the first time; only the related links are noted anew.
        """
        report = self.report
        waiting, self._relink = self._relink, {}
        for item in waiting.values():
            self.report = Report()
            try:
                with transaction.atomic():
                    item.bring_in(item)
            except Exception as error:  # noqa: BLE001 (the first conversion stands)
                report.note(
                    "Also Read links not checked again after the run",
                    f"{item.label}: {error}",
                )
            finally:
                self.report = report
        self._relink = {}
        self._note_related_links()

    def _note_related_links(self):
        counts = Counter()
        for label, links in self._related_links.values():
            for kind, title, url, story in links:
                what = "bookmark card" if kind == "bookmark" else "Also Read line"
                name = f"“{title}”" if title else url
                if story is not None:
                    heading = "Also Read blocks to stories on this site"
                elif url.startswith(("http://", "https://")):
                    heading = "Also Read link cards to stories on other sites"
                else:
                    heading = "Also Read lines naming no story found here and no address (left out)"
                counts[heading] += 1
                self.report.note(heading, f"{label}: {what} {name}" + (f" ({url})" if url else ""))
        for heading, n in counts.items():
            self.report.counts[heading.split(" (")[0].lower()] = n

    def story_id(self, url, title=""):
        """The id of the live story a related link names (see :func:`find_story`)."""
        return find_story(url, title, self._hosts())

    def _own_path(self, url):
        return own_path(url, self._hosts())

    def _hosts(self):
        """The old site's host names: those of its pages, and ``origin``'s."""
        origin = urlsplit(self.origin or "").hostname
        return self.own_hosts | ({origin} if origin else set())

    def related_links_met(self, item, context):
        """Keep what ``context`` met of related links, and whether to convert ``item`` again."""
        key = (item.kind, item.source_id)
        self._related_links[key] = (item.label, list(context.also_read))
        # A link to a page of the old site, or a headline, may name a story that comes in
        # later in the run.
        if any(
            story is None and (self._own_path(url) or (title and not url))
            for _kind, title, url, story in context.also_read
        ):
            self._relink[key] = item

    def _bring_in(self, item):
        checksum = item.checksum
        record = self.record_for(item.kind, item.source_id)
        if record is not None and record.checksum == checksum and record.target is not None:
            self.report.unchanged.append(item.label)
            self.report.counts[f"unchanged {item.kind}"] += 1
            return
        try:
            with transaction.atomic():
                outcome = item.bring_in(item)
        except Skip as skip:
            outcome = "skipped"
            self.report.skipped.append((item.label, str(skip)))
        except Exception as error:  # noqa: BLE001 (one broken item must not stop the run)
            outcome = "skipped"
            self.report.skipped.append((item.label, f"could not be imported: {error}"))
        if outcome == "created":
            self.report.created.append(item.label)
        elif outcome == "updated":
            self.report.updated.append(item.label)
        elif outcome == "kept":
            self.report.kept_editors_changes.append(item.label)
        self.report.counts[f"{outcome} {item.kind}"] += 1

    # Helpers for items.

    def record_for(self, kind, source_id):
        return (
            ImportRecord.objects.filter(
                source=self.source, origin=self.origin, kind=kind, source_id=str(source_id)
            )
            .select_related("content_type")
            .first()
        )

    def target_of(self, kind, source_id):
        """What an earlier item (or run) made of ``kind`` ``source_id``, or ``None``."""
        record = self.record_for(kind, source_id)
        return record.target if record else None

    def remember(self, item, target, *, revision=None, data=None):
        """Write ``item``'s record, pointing at ``target``."""
        ImportRecord.objects.update_or_create(
            source=self.source,
            origin=self.origin,
            kind=item.kind,
            source_id=str(item.source_id),
            defaults={
                "checksum": item.checksum,
                "content_type": ContentType.objects.get_for_model(target, for_concrete_model=False)
                if target is not None
                else None,
                "object_id": str(target.pk) if target is not None else "",
                "revision": revision,
                "data": data or {},
            },
        )

    def home(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise BadExport("This site has no home page yet: run `newsdesk migrate` first.")
        return site.root_page.specific

    def topic(self, name, slug):
        """The topic named ``name`` or with ``slug``, made if there is none."""
        slug = slugify(slug, allow_unicode=True)[:50] or slugify(name, allow_unicode=True)[:50]
        topic = Topic.objects.filter(slug=slug).first() or Topic.objects.filter(name=name).first()
        if topic is None:
            topic = Topic.objects.create(name=name[:255], slug=slug)
        return topic

    def section(self, kind, key, name):
        """The section made of the source's ``kind`` ``key`` (a category, a tag), made once."""
        item = Item(kind, key, f"{kind} {name}", {"key": key, "name": name}, None)
        section = self.target_of(kind, key)
        if section is not None:
            return section.specific
        home = self.home()
        section = SectionPage.objects.child_of(home).filter(title=name).first()
        if section is None:
            section = SectionPage(title=name[:255])
            section.slug = unique_slug(home, slugify(key, allow_unicode=True) or slugify(name))
            home.add_child(instance=section)
            section.save_revision().publish()
            self.report.created.append(item.label)
            self.report.counts[f"created {kind}"] += 1
        self.remember(item, section)
        return section

    def redirect(self, old_url, page=None, *, link="", replace=True):
        """
        Send the old address ``old_url`` (a path or full URL) for good to ``page``, or to
        ``link`` (an address on this site, for topic and author pages). With ``replace``
        false an existing redirect of that address is kept (the first archive wins).
        """
        parts = urlsplit(old_url or "")
        if not parts.path or parts.path == "/" or parts.query:
            return  # the home page, or a query link (the middleware answers those)
        old_path = Redirect.normalise_path(parts.path)
        if old_path == Redirect.normalise_path(page.url if page else link):
            return
        route = _site_route(parts.path)
        if route:
            # A redirect is only followed where the site has nothing to show, and the
            # site answers this address itself (its search, its feeds…).
            self.report.note(
                "Old addresses the site answers itself (not redirected)",
                f"{old_path} is newsdesk's {route}; the content is now at "
                f"{page.url if page else link}",
            )
            return
        target = {"redirect_page": page, "redirect_link": "" if page else link}
        if replace:
            Redirect.objects.update_or_create(
                old_path=old_path, site=None, defaults={**target, "is_permanent": True}
            )
        else:
            Redirect.objects.get_or_create(old_path=old_path, site=None, defaults=target)

    def after_page(self, item, page, context, old_url):
        """What a page's conversion noticed goes into the report; its old address redirects."""
        self.related_links_met(item, context)
        for url in context.missing_pictures:
            self.report.note(
                "Pictures not imported (kept in the story as HTML)", f"{item.label}: {url}"
            )
        self.report.dropped_blocks.update(context.dropped)
        self.report.html_blocks.update(context.kept_as_html)
        for name, n in context.unknown_shortcodes.items():
            self.report.note("Shortcodes kept as text", f"{item.label}: [{name}] ×{n}")
        self.redirect(old_url, page)

    def save_page(self, item, page, parent, *, live, go_live_at=None, data=None, reason=""):
        """
        Create or update ``page`` (unsaved, or the earlier import's page with new values)
        under ``parent``, then publish, schedule or keep it as a draft. Returns "created",
        "updated", or "kept" when an editor changed the page since its import: the new
        version is then saved as a draft revision and nothing is published.
        """
        record = self.record_for(item.kind, item.source_id)
        created = page.pk is None
        if created:
            wanted = slugify(page.slug, allow_unicode=True) or slugify(
                page.title, allow_unicode=True
            )
            page.slug = unique_slug(parent, wanted or item.kind)
            parent.add_child(instance=page)
        edited = (
            not created
            and record is not None
            and record.revision_id is not None
            and page.latest_revision_id != record.revision_id
        )
        page.go_live_at = go_live_at
        if not created and not edited:
            page.save()
        revision = page.save_revision(log_action=not edited, clean=False)
        if edited:
            self.remember(item, page, revision=record.revision, data=data)
            return "kept"
        if live or go_live_at is not None:
            # A future go_live_at makes Wagtail schedule the revision instead of publishing.
            problems = publishing.check(revision.as_object())
            with publishing.bypass(reason or f"Imported from {self.source}: live on the old site"):
                revision.publish()
            if problems:
                self.report.flagged.append((item.label, [str(p) for p in problems]))
        elif page.live:
            page.unpublish()
        self.remember(item, page, revision=revision, data=data)
        return "created" if created else "updated"


def _site_route(path):
    """The name of the site's own view at ``path`` ("" for pages and for nothing)."""
    try:
        match = resolve(path if path.endswith("/") else path + "/")
    except Resolver404:
        return ""
    if match.url_name in (None, "wagtail_serve") or match.app_name.startswith("wagtail"):
        return ""
    return match.url_name.replace("_", " ")


def find_story(url, title="", own_hosts=()):
    """
    The id of the live story on this site that a related link names: by its address
    when it is on this site or on ``own_hosts`` (the old site: its addresses redirect
    here), else by its headline; ``None`` when there is none.
    """
    path = own_path(url, own_hosts)
    if path:
        found = _story_at(path)
        if found is not None:
            return found
    if title:
        return (
            ArticlePage.objects.live()
            .filter(title__iexact=title)
            .values_list("pk", flat=True)
            .first()
        )
    return None


def own_path(url, hosts):
    """The path of ``url`` when it is relative or on one of ``hosts``, else ""."""
    parts = urlsplit((url or "").replace("__GHOST_URL__", ""))
    own = {h.removeprefix("www.") for h in hosts}
    if parts.hostname and parts.hostname.removeprefix("www.") not in own:
        return ""
    return parts.path if parts.path not in ("", "/") else ""


def _story_at(path):
    """The id of the live story at ``path``: a redirect of an old address, or its own."""
    redirect = (
        Redirect.objects.filter(old_path=Redirect.normalise_path(path), redirect_page__isnull=False)
        .values_list("redirect_page_id", flat=True)
        .first()
    )
    stories = ArticlePage.objects.live()
    if redirect is not None and stories.filter(pk=redirect).exists():
        return redirect
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + path.strip("/") + "/"
    return stories.filter(url_path=url_path).values_list("pk", flat=True).first()


def free_slug(model, text):
    """A slug for a new ``model`` row made from ``text``, with -2, -3… if it is taken."""
    base = slugify(text, allow_unicode=True) or model._meta.model_name
    slug, n = base[:45], 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base[:40]}-{n}", n + 1
    return slug


class Skip(Exception):
    """An item that is left out on purpose; ``str()`` is the reason in the report."""


def unique_slug(parent, slug):
    """
    ``slug``, or ``slug-2``, ``slug-3``… if a sibling under ``parent`` has it or, under the
    home page, if the site's own addresses use it (a WordPress category called "media" or
    "admin" would otherwise be hidden behind them).
    """
    slug = slug[:240] or "untitled"
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    top_level = parent.depth <= 2
    candidate, n = slug, 2
    while candidate in taken or (top_level and _routed_elsewhere(candidate)):
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _routed_elsewhere(slug):
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return False
    # Pages answer through the view named wagtail_serve (Wagtail's, or core.routing's).
    return match.url_name != "wagtail_serve"
