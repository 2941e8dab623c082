"""
Ghost's JSON export (Settings → Advanced → Import/Export → Export content, Ghost 4 to 6)
into newsdesk.

Posts become articles (in one *News* section, or the section of their primary tag with
``tags_as_sections``), pages standard pages, staff users authors, public tags topics;
internal ``#tags`` stay out of the topics and are kept in the story's import record.
Feature images and image cards come from a copy of Ghost's ``content/images`` folder when
given, with the credit and licence their caption states. Members' comments, where the
export has them, keep their threads. Members-only and paid posts come in as drafts:
newsdesk has no memberships yet. Ghost's newsletters become lists, and its members
subscribers on the lists they took (consent dated from the member's sign-up, the only
date Ghost's export keeps); a member who took none is known and subscribed to nothing,
and one whose e-mail Ghost had turned off (bounced, complained) comes in suppressed.

Bodies are read from Lexical (Ghost 5 and 6) or mobiledoc (Ghost 4), falling back to the
HTML (:mod:`newsdesk.importers.ghost_content` says what each Ghost card becomes).
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone

from newsdesk.articles.models import ArticleAuthor, ArticlePage
from newsdesk.comments.models import Comment, CommentState
from newsdesk.home.models import StandardPage
from newsdesk.images.models import NewsImage
from newsdesk.newsletters.imports import Row, import_rows
from newsdesk.newsletters.models import Newsletter, Subscriber, SubscriberStatus
from newsdesk.newsletters.subscriptions import checked_address
from newsdesk.people.models import Author

from . import html
from .base import BadExport, Importer, Item, Skip, free_slug
from .ghost_content import (
    GHOST_URL,
    lexical_to_stream,
    local_links,
    mobiledoc_to_stream,
    read_caption,
)

VERSIONS = (4, 5, 6)


COMMENT_STATES = {
    "published": CommentState.APPROVED,
    "hidden": CommentState.REMOVED,
    "deleted": CommentState.REMOVED,
}


class GhostImporter(Importer):
    source = "ghost"
    command = "ghost"
    export_help = "a Ghost export file (Settings → Advanced → Export content in Ghost)"

    def __init__(self, path, *, tags_as_sections=False, **kwargs):
        super().__init__(path, **kwargs)
        self.tags_as_sections = tags_as_sections

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--media-dir", help="a copy of the site's content/images folder, for the pictures"
        )
        parser.add_argument(
            "--tags-as-sections",
            action="store_true",
            help="file each post in the section of its primary tag (else all in News)",
        )

    @classmethod
    def from_options(cls, options):
        return cls(
            options["export"],
            media_dir=options["media_dir"],
            tags_as_sections=options["tags_as_sections"],
            dry_run=options["dry_run"],
        )

    def read(self):
        self.check_media_dir()
        try:
            text = Path(self.path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BadExport(f"{self.path} does not exist.") from None
        except IsADirectoryError:
            raise BadExport(f"{self.path} is a folder, not a Ghost export file.") from None
        except UnicodeDecodeError:
            raise BadExport(f"{self.path} is not text: a Ghost export is a JSON file.") from None
        try:
            document = json.loads(text)
        except ValueError as error:
            raise BadExport(
                f"{self.path} is not valid JSON (line {error.lineno}): it may be cut short. "
                "Export it again from Ghost (Settings → Advanced → Export content)."
            ) from None
        database = document.get("db", [document])[0] if isinstance(document, dict) else None
        if not isinstance(database, dict) or not isinstance(database.get("data"), dict):
            raise BadExport(
                f"{self.path} is JSON but not a Ghost export (it has no db data). Make one "
                "in Ghost under Settings → Advanced → Export content."
            )
        version = str((database.get("meta") or {}).get("version", ""))
        major = int(version.split(".")[0]) if version.split(".")[0].isdigit() else None
        if major not in VERSIONS:
            raise BadExport(
                f"{self.path} is a Ghost export of version {version or 'unknown'}, which this "
                "importer does not know (it reads Ghost 4, 5 and 6)."
            )
        self.tables = database["data"]
        settings = {row.get("key"): row.get("value") for row in self.tables.get("settings", [])}
        self.origin = self.origin or settings.get("title") or ""

    def _rows(self, table):
        return self.tables.get(table) or []

    def items(self):
        users = {user["id"]: user for user in self._rows("users")}
        for user in users.values():
            data = {k: user.get(k) for k in ("name", "slug", "email", "bio", "website")}
            yield Item("author", user["id"], f"author {user['name']}", data, self._author)
        tags = {tag["id"]: tag for tag in self._rows("tags")}
        for tag in tags.values():
            if not _internal(tag):
                data = {"name": tag["name"], "slug": tag["slug"]}
                yield Item("tag", tag["id"], f"tag {tag['name']}", data, self._tag)
        meta = {row["post_id"]: row for row in self._rows("posts_meta")}
        bylines, post_tags = {}, {}
        for row in sorted(self._rows("posts_authors"), key=lambda r: r.get("sort_order") or 0):
            bylines.setdefault(row["post_id"], []).append(row["author_id"])
        for row in sorted(self._rows("posts_tags"), key=lambda r: r.get("sort_order") or 0):
            if row["tag_id"] in tags:
                post_tags.setdefault(row["post_id"], []).append(tags[row["tag_id"]])
        for post in self._rows("posts"):
            extra = meta.get(post["id"], {})
            data = {
                **{k: post.get(k) for k in _POST_FIELDS},
                "feature_image_alt": extra.get("feature_image_alt") or "",
                "feature_image_caption": extra.get("feature_image_caption") or "",
                "authors": bylines.get(post["id"]) or [post.get("author_id")],
                "tags": [
                    {"name": t["name"], "slug": t["slug"], "internal": _internal(t)}
                    for t in post_tags.get(post["id"], [])
                ],
            }
            kind = "page" if post.get("type") == "page" else "post"
            yield Item(kind, post["id"], f"{kind} “{post['title']}”", data, self._post)
        members = {member["id"]: member for member in self._rows("members")}
        for comment in sorted(self._rows("comments"), key=lambda c: c.get("created_at") or ""):
            member = members.get(comment.get("member_id")) or {}
            data = {
                **{k: comment.get(k) for k in ("post_id", "parent_id", "status", "html")},
                "created_at": comment.get("created_at"),
                "name": member.get("name") or "",
                "email": member.get("email") or "",
            }
            yield Item("comment", comment["id"], f"comment {comment['id']}", data, self._comment)
        yield from self._mailing_items(members)

    def _mailing_items(self, members):
        """Ghost's newsletters as lists, then its members with their subscriptions."""
        for row in self._rows("newsletters"):
            data = {k: row.get(k) for k in _NEWSLETTER_FIELDS}
            label = f"newsletter “{row.get('name')}”"
            yield Item("newsletter", row["id"], label, data, self._newsletter)
        lists = {}
        for row in self._rows("members_newsletters"):
            lists.setdefault(row["member_id"], []).append(row["newsletter_id"])
        for member in members.values():
            data = {
                **{k: member.get(k) for k in ("email", "name", "created_at", "email_disabled")},
                "newsletters": sorted(lists.get(member["id"], [])),
            }
            label = f"member {member.get('email') or member['id']}"
            yield Item("member", member["id"], label, data, self._member)

    # Bringing each kind in.

    def _author(self, item):
        data = item.data
        author = self.target_of("author", item.source_id)
        created = author is None
        author = author or Author.objects.filter(name=data["name"]).first()
        if author is None:
            author = Author(name=data["name"][:255], slug=free_slug(Author, data["slug"]))
        author.name = data["name"][:255]
        author.bio = author.bio or (data["bio"] or "")
        author.save()
        self.remember(item, author, data={"email": data["email"], "website": data["website"]})
        return "created" if created else "updated"

    def _tag(self, item):
        created = self.record_for("tag", item.source_id) is None
        self.remember(item, self.topic(item.data["name"], item.data["slug"]))
        return "created" if created else "updated"

    def _post(self, item):
        data = item.data
        live, go_live_at = self._status(item)
        context = html.Context(
            find_picture=self._picture,
            find_story=self.story_id,
            also_read_blocks=item.kind == "post",
        )
        body = self._body(data, context)
        existing = self.target_of(item.kind, item.source_id)
        page = existing.specific if existing is not None else None
        feature = None
        if item.kind == "page":
            page = page or StandardPage()
            parent = page.get_parent().specific if page.pk else self.home()
            page.introduction = data["custom_excerpt"] or ""
        else:
            page = page or ArticlePage()
            parent = page.get_parent().specific if page.pk else self._section_for(data)
            page.standfirst = html.standfirst(
                data["custom_excerpt"], body, data["title"] or "Imported from Ghost."
            )
            page.article_authors = [
                ArticleAuthor(author=author)
                for author in (self.target_of("author", a) for a in data["authors"] if a)
                if author is not None
            ]
            page.topics = [
                self.topic(t["name"], t["slug"]) for t in data["tags"] if not t["internal"]
            ]
            picture = self._feature_image(data, context)
            page.lead_image = picture.image if picture else None
            page.lead_image_caption = picture.caption[:500] if picture and picture.image else ""
            if picture is not None and picture.image is None:
                # No file came with it: its caption, credit and alt text stay, on a
                # placeholder at the top of the story and in the import record.
                body = [*html.image_block(picture, "", context), *body]
                feature = {k: getattr(picture, k) for k in ("url", "caption", "credit", "alt")}
        page.title = (data["title"] or f"Untitled {item.kind} {item.source_id}")[:255]
        page.slug = page.slug or data["slug"] or ""
        page.body = body
        if live:
            page.first_published_at = _date(data["published_at"])
        internal = [t["name"] for t in data["tags"] if t["internal"]]
        kept = {
            "url": f"/{data['slug']}/",
            "status": data["status"],
            "visibility": data["visibility"],
            "canonical_url": data["canonical_url"],
            "internal_tags": internal,
            "missing_pictures": context.missing_pictures,
            "feature_image": feature,
        }
        outcome = self.save_page(item, page, parent, live=live, go_live_at=go_live_at, data=kept)
        if internal:
            self.report.note(
                "Internal tags (kept in the import record)", f"{item.label}: {', '.join(internal)}"
            )
        self.after_page(item, page, context, f"/{data['slug']}/")
        return outcome

    def _status(self, item):
        data = item.data
        if data["visibility"] not in (None, "", "public"):
            self.report.note(
                "Members-only or paid: imported as drafts (newsdesk has no memberships yet)",
                item.label,
            )
            return False, None
        if data["status"] == "published":
            return True, None
        if data["status"] == "scheduled":
            when = _date(data["published_at"])
            return False, when if when and when > timezone.now() else None
        if data["status"] == "sent":
            self.report.note("Sent as e-mail only: imported as drafts", item.label)
        return False, None

    def _section_for(self, data):
        public = [t for t in data["tags"] if not t["internal"]]
        if self.tags_as_sections and public:
            return self.section("tag", public[0]["slug"], public[0]["name"])
        return self.section("section", "news", "News")

    def _body(self, data, context):
        lexical, mobiledoc = data.get("lexical"), data.get("mobiledoc")
        try:
            if lexical:
                return lexical_to_stream(json.loads(lexical), context)
            if mobiledoc:
                return mobiledoc_to_stream(json.loads(mobiledoc), context)
        except (ValueError, KeyError, TypeError, IndexError):
            self.report.note(
                "Bodies read from their HTML (the structured body was damaged)", data["slug"]
            )
        return html.html_to_blocks(local_links(data.get("html") or ""), context)

    def _feature_image(self, data, context):
        url = data["feature_image"]
        if not url:
            return None
        return self._picture(
            None, url, caption=data["feature_image_caption"], alt=data["feature_image_alt"]
        )

    def _picture(self, attachment_id, url, caption="", alt=""):
        """The image made of the picture at ``url`` (once per address), or what is known."""
        url = (url or "").replace(GHOST_URL, "")
        text, rights = read_caption(caption)
        record = self.record_for("image", url)
        image = record.target if record else None
        path = self._media_file(url)
        if image is None and path is not None and not self.dry_run:
            with path.open("rb") as handle:
                image = NewsImage(title=Path(url).stem.replace("-", " ")[:255])
                image.file = ImageFile(handle, name=path.name)
                image.description = (alt or "")[:255]
                image.default_caption = text[:500]
                image.creator = rights.get("creator", "")[:255]
                image.source_name = rights.get("source", "")[:255]
                image.licence = rights.get("licence", "")
                image.save()
            item = Item("image", url, f"image {url}", {"url": url}, None)
            self.remember(item, image, data={"caption": caption, "alt": alt})
            self.report.counts["created image"] += 1
        credit = ", ".join(v for v in (rights.get("creator"), rights.get("licence_name")) if v)
        return html.Picture(image=image, url=url, caption=text, alt=alt or "", credit=credit)

    def _media_file(self, url):
        if "/content/images/" not in url:
            return None
        return self.media_file(url.split("/content/images/", 1)[1])

    def _comment(self, item):
        data = item.data
        story = self.target_of("post", data["post_id"])
        if story is None:
            raise Skip("its story was not imported")
        parent = self.target_of("comment", data["parent_id"]) if data["parent_id"] else None
        comment = self.target_of("comment", item.source_id)
        created = comment is None
        comment = comment or Comment(article_id=story.pk)
        comment.reply_to = parent
        comment.name = (data["name"] or "A member")[:80]
        comment.email = data["email"][:254]
        comment.body = html.paragraphs_text(data["html"])[:5000]
        comment.state = COMMENT_STATES.get(data["status"], CommentState.PENDING)
        comment.created_at = _date(data["created_at"]) or timezone.now()
        comment.save()
        self.remember(item, comment)
        return "created" if created else "updated"

    def _newsletter(self, item):
        data = item.data
        newsletter = self.target_of("newsletter", item.source_id)
        created = newsletter is None
        name = " ".join((data["name"] or "Newsletter").split())[:120]
        newsletter = (
            newsletter
            or Newsletter.objects.filter(slug=data["slug"]).first()
            or Newsletter(slug=free_slug(Newsletter, data["slug"] or "newsletter"))
        )
        if Newsletter.objects.filter(name=name).exclude(pk=newsletter.pk).exists():
            name = f"{name} (Ghost)"[:120]
        newsletter.name = name
        newsletter.description = newsletter.description or (data["description"] or "")
        newsletter.sender_name = newsletter.sender_name or (data["sender_name"] or "")[:120]
        newsletter.sender_email = newsletter.sender_email or (data["sender_email"] or "")
        # Ghost's archived newsletters take no new members.
        newsletter.public = data["status"] == "active"
        newsletter.save()
        self.remember(item, newsletter)
        return "created" if created else "updated"

    def _member(self, item):
        data = item.data
        try:
            address = checked_address(data["email"])
        except ValidationError as error:
            raise Skip(" ".join(error.messages)) from None
        joined = _date(data["created_at"])
        disabled = bool(data["email_disabled"])
        lists = [self.target_of("newsletter", n) for n in data["newsletters"]]
        lists = [newsletter for newsletter in lists if newsletter is not None]
        created = not Subscriber.objects.filter(email=address).exists()
        if not lists:
            # A member who never took a newsletter is known, and subscribed to nothing.
            subscriber, _made = Subscriber.objects.get_or_create(
                email=address,
                defaults={
                    "name": " ".join((data["name"] or "").split())[:120],
                    "status": SubscriberStatus.UNSUBSCRIBED,
                },
            )
            self.report.counts["member subscribed to no newsletter"] += 1
        for newsletter in lists:
            row = Row(
                line=0,
                email=address,
                name=data["name"] or "",
                consented_at=joined or timezone.now(),
                suppressed=disabled,
            )
            outcome = import_rows(
                newsletter, "Ghost members", [row], source=f"Ghost export {self.origin}".strip()
            )
            self.report.counts[f"member on “{newsletter.name}”"] += 1
            if outcome.suppressed:
                self.report.note(
                    "Members whose e-mail Ghost had turned off (imported suppressed)", address
                )
        subscriber = Subscriber.objects.get(email=address)
        self.remember(item, subscriber)
        return "created" if created else "updated"


_NEWSLETTER_FIELDS = ("name", "slug", "description", "sender_name", "sender_email", "status")

_POST_FIELDS = (
    "title",
    "slug",
    "type",
    "status",
    "visibility",
    "published_at",
    "custom_excerpt",
    "feature_image",
    "lexical",
    "mobiledoc",
    "html",
    "canonical_url",
)


def _internal(tag):
    return tag.get("visibility") == "internal" or (tag.get("name") or "").startswith("#")


def _date(value):
    """Ghost's dates: "2026-11-24 17:42:00" (UTC, from SQLite) or ISO 8601 with a Z."""
    if not value:
        return None
    value = str(value).replace("Z", "+00:00").replace(" ", "T")
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
