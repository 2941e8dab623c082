"""
What a story page shows, worked out only when a fragment of it has to be made.

The story template is fragments (``{% fragment %}``, see ``newsdesk.core.fragments``);
its context holds callables, which Django's templates call when a variable is first
read, so a request whose fragments are all current reads none of this and makes no
query for it. Each value is computed once per request.

The body is rendered block by block and kept by the story's revision as a list of HTML
pieces: parts that other apps place between blocks (live coverage's updates after the
"Latest Updates" heading) come and go without the body being rendered again.
"""

import copy
from functools import cached_property

from django.apps import apps
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from newsdesk.core import fragments, pagecache
from newsdesk.images.renditions import rendition
from newsdesk.images.uses import image_uses

from .cards import cards_by_id, with_sections
from .feedlinks import feed_links
from .parts import SLOTS, article_page_parts
from .structured_data import article_jsonld_base, extend_article_jsonld

MORE_FROM_SECTION = 4
BLOCK_TEMPLATE = "articles/includes/body_block.html"


class StoryView:
    def __init__(self, page, request):
        self.page = page
        self.request = request

    def context(self):
        """Template variables, each a callable read on first use."""
        names = (
            "authors",
            "related",
            "suggest_at",
            "topics",
            "jsonld",
            "share_image",
            "feeds",
            "blocks",
            "body_html",
            "parts",
            "part_html",
            "also_read",
            "contents",
            "section",
            "more_from_section",
            "content_versions",
            "path_versions",
            "versions",
        )
        return {name: self._reader(name) for name in names}

    def _reader(self, name):
        def read():
            return getattr(self, name)

        return read

    # Versions (core.fragments) -----------------------------------------------------

    @cached_property
    def content_versions(self):
        """What the story's own words, pictures and byline are made from."""
        return [
            fragments.content(self.page),
            fragments.SITE,
            fragments.PEOPLE,
            fragments.TOPICS,
        ]

    @cached_property
    def path_versions(self):
        """What a purge of the story stands for: comments, live coverage, its related list."""
        return [fragments.path(self.page.url), fragments.SITE]

    @cached_property
    def versions(self):
        """Everything on the story page."""
        return [*self.path_versions, *self.content_versions]

    @cached_property
    def _query(self):
        return pagecache.kept_query(
            self.request.META.get("QUERY_STRING", ""), self.page.cache_query_params
        )

    # The story itself ----------------------------------------------------------------

    @cached_property
    def section(self):
        return self.page.section

    @cached_property
    def blocks(self):
        return list(self.page.body_with_anchors())

    @cached_property
    def _renditions(self):
        # Every rendition of every picture on the page (figures, social cards, JSON-LD)
        # in one query, however many pictures the story has: read where pictures are
        # drawn, not by the parts that only look at the body's headings.
        prefetch_related_objects([use.image for use in image_uses(self.page)], "renditions")

    @cached_property
    def authors(self):
        prefetch_related_objects(
            [self.page],
            Prefetch(
                "article_authors",
                queryset=self.page.bylines().select_related("author").order_by("sort_order"),
            ),
        )
        return self.page.authors

    @cached_property
    def topics(self):
        return list(self.page.topics.all())

    @cached_property
    def contents(self):
        return [(anchor, block.value) for block, anchor in self.blocks if anchor]

    @cached_property
    def _also_read_ids(self):
        return [
            block.value["article"].pk
            for block, _anchor in self.blocks
            if block.block_type == "also_read" and block.value["article"]
        ]

    @cached_property
    def also_read(self):
        cards = cards_by_id(self._also_read_ids)
        # The body shows these stories' cards: it is made again when one of them changes.
        fragments.depend_on(
            [key for story in cards.values() for key in card_versions(story)], self.request
        )
        return cards

    @cached_property
    def body_html(self):
        """The body as one HTML piece per block, kept by the story's revision."""
        if not fragments.applies_to(self.request):
            return self._render_body()
        return fragments.cached(
            "story-body",
            [
                self.request.get_host(),
                self.request.is_secure(),
                self.page.pk,
                self.page.live_revision_id,
            ],
            self.content_versions,
            self._render_body,
            self.request,
        )

    def _render_body(self):
        self._renditions  # noqa: B018
        pieces = [
            render_to_string(
                BLOCK_TEMPLATE,
                {"block": block, "anchor": anchor, "cards": self.also_read},
                request=self.request,
            )
            for block, anchor in self.blocks
        ]
        if self.suggest_at is not None:
            # Before the block at suggest_at, in the same piece so parts placed after
            # the previous block stay where they were.
            suggestion = render_to_string(
                "articles/includes/also_read.html",
                {"article": self.related[0]},
                request=self.request,
            )
            pieces[self.suggest_at] = suggestion + pieces[self.suggest_at]
        return [mark_safe(piece) for piece in pieces]  # noqa: S308 (rendered templates)

    @cached_property
    def parts(self):
        return article_page_parts(self.page, self.request, self.blocks)

    @cached_property
    def part_html(self):
        """
        Other apps' parts rendered per slot (``after_block`` by block index), kept until
        the story is purged: a comment or a live update makes these again, and leaves the
        header, the body and the cards as they were.
        """
        if not fragments.applies_to(self.request):
            return self._render_parts()
        return fragments.cached(
            "story-parts",
            [self.request.get_host(), self.request.is_secure(), self.page.pk, self._query],
            self.path_versions,
            self._render_parts,
            self.request,
        )

    def _render_parts(self):
        rendered = {slot: "" for slot in SLOTS if slot != "after_block"}
        rendered["after_block"] = {}
        for slot, parts in self.parts.items():
            for part in parts:
                html = render_to_string(
                    part.template, {"part": part, "page": self.page}, request=self.request
                )
                if slot == "label":
                    html = " " + html  # beside the section's name
                if slot == "after_block":
                    rendered[slot][part.after] = rendered[slot].get(part.after, "") + html
                else:
                    rendered[slot] += html
        return {
            slot: {k: mark_safe(v) for k, v in html.items()}  # noqa: S308 (rendered templates)
            if isinstance(html, dict)
            else mark_safe(html)  # noqa: S308 (rendered by escaping templates)
            for slot, html in rendered.items()
        }

    @cached_property
    def jsonld(self):
        """The story's JSON-LD: its own part kept by revision, then what other apps add."""

        def make():
            self.authors  # noqa: B018 (fetches the byline for the JSON-LD in one query)
            self._renditions  # noqa: B018
            return article_jsonld_base(self.page, self.request, self.topics)

        if fragments.applies_to(self.request):
            base = fragments.cached(
                "story-jsonld",
                [
                    self.request.get_host(),
                    self.request.is_secure(),
                    self.page.pk,
                    self.page.live_revision_id,
                    self.page.updated_at,
                ],
                self.content_versions,
                make,
                self.request,
            )
        else:
            base = make()
        data, trail = copy.deepcopy(base)
        extend_article_jsonld(self.page, self.request, data)
        return [data, trail]

    @cached_property
    def share_image(self):
        self._renditions  # noqa: B018
        lead = self.page.lead_image
        return rendition(lead, "share_16x9") if lead else None

    @cached_property
    def feeds(self):
        return feed_links(self.request, "section", self.section.slug)

    # Other stories ---------------------------------------------------------------------

    @cached_property
    def related(self):
        return self.page.related_cards()

    @cached_property
    def suggest_at(self):
        # Where the editor placed no "Also Read", suggest the top related story after the
        # second section (before the third heading), if the story has one.
        has_also_read = any(block.block_type == "also_read" for block, _anchor in self.blocks)
        headings = [
            i for i, (block, _anchor) in enumerate(self.blocks) if block.block_type == "heading"
        ]
        if len(headings) > 2 and self.related and not has_also_read:
            return headings[2]
        return None

    @cached_property
    def more_from_section(self):
        article_model = apps.get_model("articles", "ArticlePage")
        shown = {self.page.pk, *(story.pk for story in self.related)}
        stories = with_sections(
            article_model.objects.published()
            .child_of(self.section)
            .exclude(pk__in=shown)
            .newest_first()
            .for_listing()[:MORE_FROM_SECTION]
        )
        # The list changes when a story is published in the section (its page is purged).
        fragments.depend_on([fragments.path(self.section.url)], self.request)
        return stories


def card_versions(story):
    """What a story's card shows: the story (its page's purges), sections, bylines."""
    return [fragments.path(story.url), fragments.SITE, fragments.PEOPLE]
