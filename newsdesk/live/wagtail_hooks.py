from django.conf import settings
from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from wagtail import hooks
from wagtail.admin.widgets import Button

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.parts import Part
from newsdesk.core.absolute import absolute
from newsdesk.core.dashboard import DeskPanel, Row
from newsdesk.core.restrictions import private_q

from . import admin_urls, coverage, reading
from .models import Correction, CorrectionsPage, LiveUpdate

LATEST_UPDATES_HEADINGS = {"latest updates", "live updates"}
JSONLD_UPDATES = 50


def _live(page, request):
    """The story's live coverage for this request, read once for the page and its JSON-LD."""
    return _read(page, request)[0]


def _read(page, request):
    memo = request.__dict__.setdefault("_newsdesk_live", {})
    if page.pk not in memo:
        present = reading.presence(page)
        memo[page.pk] = (
            reading.live_story(page, request.GET.get("updates"))
            if present["has_coverage"]
            else None,
            reading.corrections_of(page) if present["has_corrections"] else [],
        )
    return memo[page.pk]


@hooks.register("article_page_parts")
def live_coverage_parts(page, request, blocks):
    if page.pk is None:  # a preview of a story not yet saved
        return []
    parts = []
    live = _live(page, request)
    if live is not None:
        feed_url = reverse("live_updates_feed", args=[page.pk])
        parts.append(Part("head", "live/includes/head.html", {"story": page, "feed_url": feed_url}))
        if live.is_live:
            parts.append(Part("label", "live/includes/label.html"))
            parts.append(Part("scripts", "live/includes/scripts.html"))
        # Updates go in the story's own "Latest Updates" section when it has one (so its
        # table of contents leads to them), else after the body.
        heading = next(
            (
                (index, anchor)
                for index, (block, anchor) in enumerate(blocks)
                if anchor and str(block.value).strip().lower() in LATEST_UPDATES_HEADINGS
            ),
            None,
        )
        data = {
            "live": live,
            "story": page,
            "heading_anchor": heading and heading[1],
            "interval": settings.NEWSDESK_LIVE_POLL_SECONDS * 1000,
        }
        if heading:
            # After the section's own text, which stays under its heading: the updates
            # close the section, before the next heading (or at the end of the body).
            end = next(
                (i - 1 for i in range(heading[0] + 1, len(blocks)) if blocks[i][1]),
                len(blocks) - 1,
            )
            parts.append(Part("after_block", "live/includes/updates.html", data, after=end))
        else:
            parts.append(Part("after_body", "live/includes/updates.html", data))
    corrections = _read(page, request)[1]
    if corrections:
        parts.append(
            Part(
                "foot",
                "live/includes/corrections.html",
                {
                    "corrections": corrections,
                    "corrections_page": CorrectionsPage.objects.live()
                    .exclude(private_q())
                    .order_by("pk")
                    .first(),
                },
            )
        )
    return parts


@hooks.register("newsdesk_story_mail")
def story_mail_sections(story):
    """A story's e-mail carries its key events so far (newest first) and its corrections."""
    sections = []
    key_events = LiveUpdate.objects.filter(article=story, key_event=True).order_by("-sequence")
    if key_events:
        sections.append(
            {
                "heading": "Key events so far",
                "entries": [
                    {
                        "when": update.published_at,
                        "title": update.headline,
                        "text": update.summary(60),
                        "url": story.full_url + "#" + update.anchor,
                    }
                    for update in key_events[:20]
                ],
            }
        )
    corrections = Correction.objects.filter(article=story, published_at__lte=timezone.now())
    if corrections:
        sections.append(
            {
                "heading": "Corrections",
                "entries": [
                    {
                        "when": correction.published_at,
                        "title": correction.get_kind_display(),
                        "text": correction.note,
                        "url": story.full_url + "#" + correction.anchor,
                    }
                    for correction in corrections
                ],
            }
        )
    return sections


@hooks.register("article_card_labels")
def developing_label(articles):
    live = reading.developing_ids()
    return {article.pk: "Developing" for article in articles if article.pk in live}


@hooks.register("construct_article_jsonld")
def live_blog_posting(page, request, data):
    """A story with live coverage is a LiveBlogPosting, its updates liveBlogUpdate entries."""
    live = _live(page, request) if page.pk else None
    if live is None:
        return
    data["@type"] = "LiveBlogPosting"
    data["coverageStartTime"] = live.coverage.started_at.isoformat()
    if live.coverage.ended_at:
        data["coverageEndTime"] = live.coverage.ended_at.isoformat()
    data["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": update.headline or f"Update {update.sequence}",
            "url": absolute(request, reverse("live_update", args=[page.pk, update.sequence])),
            "datePublished": update.published_at.isoformat(),
            "dateModified": (update.edited_at or update.published_at).isoformat(),
            "articleBody": update.summary(words=200) or strip_tags(update.headline),
            "author": {"@type": "Person", "name": update.author.name},
        }
        for update in live.updates[:JSONLD_UPDATES]
    ]


@hooks.register("register_admin_urls")
def register_live_desk_urls():
    return [path("live/", include(admin_urls, namespace="live"))]


@hooks.register("insert_editor_js")
def live_box_js():
    return format_html('<script src="{}" defer></script>', static("live/editor_box.js"))


@hooks.register("insert_editor_css")
def live_box_css():
    return format_html('<link rel="stylesheet" href="{}">', static("live/editor_box.css"))


@hooks.register("register_page_header_buttons")
def live_desk_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or type(page), ArticlePage) and (
        coverage.may_add_updates(user, page) or coverage.may_correct(user, page)
    ):
        yield Button(
            "Live desk: updates and corrections",
            reverse("live:desk", args=[page.pk]),
            icon_name="time",
            priority=35,
        )


@hooks.register("register_permissions")
def register_live_permissions():
    return Permission.objects.filter(
        content_type__app_label="live",
        codename__in=[
            "manage_coverage",
            "add_liveupdate",
            "change_liveupdate",
            "delete_liveupdate",
            "add_correction",
        ],
    )


@hooks.register("register_log_actions")
def register_live_log_actions(actions):
    for action, label in (
        ("newsdesk.live.started", "Live coverage started"),
        ("newsdesk.live.ended", "Live coverage ended"),
        ("newsdesk.live.update_added", "Live update posted"),
        ("newsdesk.live.update_edited", "Live update edited"),
        ("newsdesk.live.update_removed", "Live update removed"),
        ("newsdesk.live.correction", "Correction published"),
    ):
        actions.register_action(action, label, label)


@hooks.register("newsdesk_purge_urls")
def live_purge_urls(page, reason):
    """A story's poll and updates feed, and the corrections pages that list its corrections."""
    if not isinstance(page, ArticlePage) or page.pk is None:
        return []
    site = page.get_site()
    if site is None:
        return []
    present = reading.presence(page)
    urls = []
    if present["has_coverage"]:
        urls += [
            site.root_url + reverse("live_updates_json", args=[page.pk]),
            site.root_url + reverse("live_updates_feed", args=[page.pk]),
        ]
    if present["has_corrections"]:
        for corrections in CorrectionsPage.objects.live().descendant_of(site.root_page):
            url = corrections.get_full_url()
            urls += [url, url + "feed/"]
    return urls


def _live_now_rows(request):
    stories = (
        ArticlePage.objects.live()
        .filter(live_coverage__isnull=False, live_coverage__ended_at__isnull=True)
        .select_related("live_coverage")
        .order_by("-live_coverage__started_at")
    )
    rows = []
    for story in stories:
        desk = reverse("live:desk", args=[story.pk])
        started = timezone.localtime(story.live_coverage.started_at).strftime("%-d %b, %H:%M %Z")
        updates = story.live_coverage.last_sequence
        rows.append(
            Row(
                story.title,
                desk,
                notes=[f"live since {started}", f"{updates} update{'s' if updates != 1 else ''}"],
                actions=[
                    ("Live desk", desk),
                    ("Edit", reverse("wagtailadmin_pages:edit", args=[story.pk])),
                ],
            )
        )
    return rows


@hooks.register("construct_homepage_panels")
def live_now_panel(request, panels):
    """Stories live now, each one click from its live desk."""
    panels.append(DeskPanel("live-now", "Live now", 35, _live_now_rows, "No story is live now."))
