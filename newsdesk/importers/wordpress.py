"""
WordPress's export format (WXR 1.0 to 1.2, Tools → Export in WordPress) into newsdesk.

Posts become articles, pages standard pages, users who wrote authors; a post's first
category becomes its section and the rest topics (or every category a topic, with
``categories_as_topics``); tags become topics; attachments become images when their file
is in the uploads folder given; comments keep their authors, dates, states and threads;
every old permalink redirects to the new page (``?p=`` and ``?page_id=`` links through
:mod:`newsdesk.importers.middleware`).

Bodies are read by :mod:`newsdesk.importers.wordpress_content`: the block editor's block
by block, classic ones as WordPress shows them.
"""

import re
from collections import Counter
from functools import cached_property
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect

from newsdesk.articles.models import ArticleAuthor, ArticlePage
from newsdesk.comments.models import Comment, CommentState, Policy, StoryCommentPolicy
from newsdesk.home.models import StandardPage
from newsdesk.images.models import NewsImage
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

from . import html
from .base import BadExport, Importer, Item, Skip, free_slug
from .wordpress_content import blocks_to_stream, classic_to_stream, parse_blocks
from .wordpress_wxr import (
    CONTENT,
    DC,
    META_KEPT,
    STATES,
    VERSIONS,
    attachment_meta,
    entry_time,
    other_type_reason,
    parse_date,
    read_footnotes,
    wxr_slug,
)


class WordPressImporter(Importer):
    source = "wordpress"
    command = "wordpress"
    export_help = "a WordPress export file (Tools → Export in WordPress)"

    def __init__(self, path, *, categories_as_topics=False, **kwargs):
        super().__init__(path, **kwargs)
        self.categories_as_topics = categories_as_topics

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--media-dir",
            help="a copy of the site's wp-content/uploads folder, to bring the pictures in",
        )
        parser.add_argument(
            "--categories-as-topics",
            action="store_true",
            help="make every category a topic and file all posts in one News section",
        )

    @classmethod
    def from_options(cls, options):
        return cls(
            options["export"],
            media_dir=options["media_dir"],
            categories_as_topics=options["categories_as_topics"],
            dry_run=options["dry_run"],
        )

    # Reading the export.

    def read(self):
        self.check_media_dir()
        try:
            tree = SafeET.parse(self.path, forbid_dtd=True)
        except FileNotFoundError:
            raise BadExport(f"{self.path} does not exist.") from None
        except IsADirectoryError:
            raise BadExport(f"{self.path} is a folder, not a WordPress export file.") from None
        except DefusedXmlException:
            raise BadExport(
                f"{self.path} declares a document type or entities, which WordPress exports "
                "never do; it was not read, to keep this machine safe."
            ) from None
        except ParseError as error:
            line = error.position[0] if error.position else "?"
            raise BadExport(
                f"{self.path} is not well-formed XML (line {line}): it may be cut short or "
                "not a WordPress export. Export it again from WordPress (Tools → Export)."
            ) from None
        channel = tree.getroot().find("channel")
        version = None
        for element in channel.iter() if channel is not None else ():
            if isinstance(element.tag, str) and element.tag.endswith("}wxr_version"):
                version = (element.text or "").strip()
                self.wp = element.tag[: -len("wxr_version")]
                break
        if channel is None or tree.getroot().tag != "rss" or version is None:
            raise BadExport(
                f"{self.path} is XML but not a WordPress export (it has no wxr_version). "
                "Make one in WordPress under Tools → Export."
            )
        if version not in VERSIONS:
            raise BadExport(
                f"{self.path} is a WordPress export of version {version}, which this "
                f"importer does not know (it reads {', '.join(VERSIONS)})."
            )
        self.origin = self.origin or self._text(channel, "base_site_url") or ""
        self.channel = channel

    def _text(self, element, name, namespace=None):
        found = element.find((self.wp if namespace is None else namespace) + name)
        return (found.text or "").strip() if found is not None else ""

    def _meta(self, item):
        meta = {}
        for entry in item.findall(self.wp + "postmeta"):
            meta[self._text(entry, "meta_key")] = self._text(entry, "meta_value")
        return meta

    # The items, in the order they are needed.

    def items(self):
        yield Item("site", "feed", "the feed address", {"feed": "/feed/"}, self._site)
        yield from self._authors()
        yield from self._terms()
        entries = [self._entry(item) for item in self.channel.findall("item")]
        self.entries = {entry["id"]: entry for entry in entries}
        # Comments come in as items of their own: a new comment does not change its post.
        comments = {entry["id"]: entry.pop("comments") for entry in entries}
        for entry in entries:
            if entry["type"] == "attachment":
                yield Item(
                    "attachment", entry["id"], f"image “{entry['title']}”", entry, self._attachment
                )
        pages = [e for e in entries if e["type"] == "page"]
        for entry in sorted(pages, key=lambda e: self._depth(e)):
            yield Item(
                "page", entry["id"], f"page “{entry['title'] or entry['id']}”", entry, self._page
            )
        others = Counter()
        for entry in entries:
            if entry["type"] == "post":
                label = f"post “{entry['title']}”" if entry["title"] else f"post {entry['id']}"
                yield Item("post", entry["id"], label, entry, self._post)
            elif entry["type"] not in ("attachment", "page"):
                others[entry["type"]] += 1
        for kind, n in sorted(others.items()):
            self.report.skipped.append((f"{kind} ×{n}", other_type_reason(kind)))
            self.report.counts[f"skipped {kind}"] += n
        for entry in entries:
            for comment in comments[entry["id"]]:
                yield Item(
                    "comment",
                    comment["id"],
                    f"comment {comment['id']} on {entry['id']}",
                    {**comment, "post": entry["id"]},
                    self._comment,
                )

    def _depth(self, entry, seen=None):
        seen = seen or set()
        parent = self.entries.get(entry["parent"])
        if parent is None or entry["id"] in seen:
            return 0
        return 1 + self._depth(parent, seen | {entry["id"]})

    def _authors(self):
        for element in self.channel.findall(self.wp + "author"):
            login = self._text(element, "author_login")
            data = {
                "login": login,
                "name": self._text(element, "author_display_name") or login,
                "email": self._text(element, "author_email"),
            }
            yield Item("author", login, f"author {data['name']}", data, self._author)

    @cached_property
    def category_paths(self):
        """
        Each category's archive path as WordPress makes it, parents first: a child
        category's archive is ``/category/parent/child/``.
        """
        parents = {}
        for element in self.channel.findall(self.wp + "category"):
            slug = self._text(element, "category_nicename")
            if slug:
                parents[slug] = self._text(element, "category_parent")
        paths = {}
        for slug in parents:
            chain, seen, at = [], set(), slug
            while at and at not in seen and len(chain) < 20:
                seen.add(at)
                chain.insert(0, at)
                at = parents.get(at, "")
            paths[slug] = "/".join(chain)
        return paths

    def _category_archive(self, slug):
        return f"/category/{self.category_paths.get(slug, slug)}/"

    def _terms(self):
        # Every tag becomes a topic, used or not; categories become sections or topics as
        # the posts that use them are brought in.
        for element in self.channel.findall(self.wp + "tag"):
            slug = self._text(element, "tag_slug")
            data = {"slug": slug, "name": self._text(element, "tag_name") or slug}
            yield Item("tag", slug, f"tag {data['name']}", data, self._tag)

    def _tag(self, item):
        created = not Topic.objects.filter(slug=item.data["slug"][:50]).exists()
        topic = self.topic(item.data["name"], item.data["slug"])
        self.remember(item, topic)
        self.redirect(f"/tag/{item.data['slug']}/", link=topic.get_absolute_url())
        return "created" if created else "updated"

    def _site(self, item):
        # WordPress's feed address; its category, tag and author archives redirect as
        # those come in.
        existed = Redirect.objects.filter(old_path="/feed", site=None).exists()
        self.redirect("/feed/", link=reverse("feed_rss"), replace=False)
        self.remember(item, None)
        return "unchanged" if existed else "created"

    def _entry(self, item):
        meta = self._meta(item)
        terms = [
            (term.get("domain"), term.get("nicename"), (term.text or "").strip())
            for term in item.findall("category")
        ]
        return {
            "id": self._text(item, "post_id"),
            "type": self._text(item, "post_type"),
            "status": self._text(item, "status"),
            "title": " ".join((item.findtext("title") or "").split()),
            "link": (item.findtext("link") or "").strip(),
            "slug": self._text(item, "post_name"),
            "author": (item.findtext(DC + "creator") or "").strip(),
            "content": item.findtext(CONTENT + "encoded") or "",
            "excerpt": item.findtext(f"{self.wp[:-1]}excerpt/}}encoded") or "",
            "date": self._text(item, "post_date"),
            "date_gmt": self._text(item, "post_date_gmt"),
            "parent": self._text(item, "post_parent"),
            "password": self._text(item, "post_password"),
            "comment_status": self._text(item, "comment_status"),
            "attachment_url": self._text(item, "attachment_url"),
            "terms": terms,
            "meta": {k: v for k, v in meta.items() if k in META_KEPT},
            "comments": [self._comment_data(c) for c in item.findall(self.wp + "comment")],
        }

    def _comment_data(self, element):
        return {
            "id": self._text(element, "comment_id"),
            "author": self._text(element, "comment_author"),
            "email": self._text(element, "comment_author_email"),
            "url": self._text(element, "comment_author_url"),
            "ip": self._text(element, "comment_author_IP"),
            "date_gmt": self._text(element, "comment_date_gmt"),
            "date": self._text(element, "comment_date"),
            "content": self._text(element, "comment_content"),
            "approved": self._text(element, "comment_approved"),
            "type": self._text(element, "comment_type"),
            "parent": self._text(element, "comment_parent"),
        }

    # Bringing each kind in.

    def _author(self, item):
        author = self.target_of("author", item.source_id)
        created = author is None
        if created:
            author = Author.objects.filter(name=item.data["name"]).first()
        if author is None:
            author = Author(
                name=item.data["name"][:255], slug=free_slug(Author, item.data["login"])
            )
        else:
            author.name = item.data["name"][:255]
        author.save()
        self.remember(item, author, data={"email": item.data["email"]})
        self.redirect(f"/author/{item.data['login']}/", link=author.get_absolute_url())
        return "created" if created else "updated"

    def _attachment(self, item):
        data = item.data
        meta = data["meta"]
        image_meta = attachment_meta(meta.get("_wp_attachment_metadata", ""))
        known = {
            "url": data["attachment_url"],
            "title": data["title"],
            "caption": html.text_of(data["excerpt"]) if data["excerpt"] else "",
            "alt": meta.get("_wp_attachment_image_alt", ""),
            "credit": image_meta.get("credit", ""),
            "copyright": image_meta.get("copyright", ""),
        }
        path = self._media_file(meta.get("_wp_attached_file", ""), data["attachment_url"])
        if path is None:
            self.remember(item, None, data={**known, "missing": True})
            why = (
                "no uploads folder given" if self.media_dir is None else "not in the uploads folder"
            )
            self.report.note("Images not found", f"{known['url'] or data['title']} ({why})")
            return "missing"
        image = self.target_of("attachment", item.source_id)
        created = image is None
        if created and self.dry_run:
            return "created"  # found; a dry run copies no files into the media storage
        if created:
            with path.open("rb") as handle:
                image = NewsImage(title=(data["title"] or path.stem)[:255])
                image.file = ImageFile(handle, name=path.name)
                self._describe(image, known)
                image.save()
        else:
            self._describe(image, known)
            image.save()
        self.remember(item, image, data=known)
        return "created" if created else "updated"

    def _describe(self, image, known):
        image.description = known["alt"][:255]
        image.default_caption = known["caption"][:500]
        image.credit_line = image.credit_line or known["credit"][:255]
        image.copyright_notice = image.copyright_notice or known["copyright"][:255]

    def _media_file(self, attached, url):
        """The attachment's file: by WordPress's own record of it, or by its address."""
        path = urlsplit(url).path
        under_uploads = path.split("/uploads/", 1)[1] if "/uploads/" in path else ""
        return self.media_file(attached, under_uploads)

    def _picture(self, attachment_id, url):
        """What the export says of a picture, found by attachment id or address."""
        record = None
        if attachment_id:
            record = self.record_for("attachment", attachment_id)
        if record is None and url:
            record = self._record_by_url(url)
        if record is None:
            return None
        return html.Picture(
            image=record.target,
            url=record.data.get("url", url),
            caption=record.data.get("caption", ""),
            alt=record.data.get("alt", ""),
            credit=record.data.get("credit", ""),
        )

    def _record_by_url(self, url):
        # Sizes WordPress made (photo-300x200.jpg) point at the same attachment.
        plain = re.sub(r"-\d+x\d+(?=\.\w+$)", "", urlsplit(url).path)
        for entry in self.entries.values():
            if entry["type"] == "attachment" and urlsplit(entry["attachment_url"]).path == plain:
                return self.record_for("attachment", entry["id"])
        return None

    def _context(self, stories=True):
        return html.Context(
            find_picture=self._picture, find_story=self.story_id, also_read_blocks=stories
        )

    def _body(self, entry, context):
        content = entry["content"]
        footnotes = read_footnotes(entry["meta"].get("footnotes", ""))
        if "<!-- wp:" in content:
            return blocks_to_stream(parse_blocks(content), context, footnotes)
        return classic_to_stream(content, context, self._attachments_of(entry))

    def _attachments_of(self, entry):
        return [
            e["id"]
            for e in self.entries.values()
            if e["type"] == "attachment" and e["parent"] == entry["id"]
        ]

    def _status(self, entry):
        """(live, scheduled time, note) for a post or page's WordPress status."""
        status, label = entry["status"], entry["title"] or entry["id"]
        if status == "trash":
            raise Skip("it is in WordPress's trash")
        if status in ("auto-draft", "inherit"):
            raise Skip(f"a WordPress {status} (an editor's unsaved autosave), not content")
        if entry["password"]:
            self.report.note(
                "Password-protected: imported as drafts (newsdesk has no passwords on pages)",
                label,
            )
            return False, None
        if status == "publish":
            return True, None
        if status == "future":
            return False, entry_time(entry) if entry_time(entry) > timezone.now() else None
        if status == "private":
            self.report.note("Private: imported as drafts, for editors only", label)
        elif status == "pending":
            self.report.note("Pending review: imported as drafts", label)
        return False, None

    def _page(self, item):
        entry = item.data
        live, go_live_at = self._status(entry)
        parent = self.target_of("page", entry["parent"]) if entry["parent"] != "0" else None
        parent = parent.specific if parent is not None else self.home()
        context = self._context(stories=False)
        page = self.target_of("page", item.source_id)
        page = page.specific if page is not None else StandardPage()
        page.title = (entry["title"] or f"Untitled page {entry['id']}")[:255]
        page.slug = page.slug or wxr_slug(entry["slug"] or entry["title"])
        page.introduction = html.text_of(entry["excerpt"]) if entry["excerpt"] else ""
        page.body = self._body(entry, context)
        if live:
            page.first_published_at = entry_time(entry)
        outcome = self.save_page(
            item, page, parent, live=live, go_live_at=go_live_at, data=self._kept(entry, context)
        )
        self.after_page(item, page, context, entry["link"])
        return outcome

    def _post(self, item):
        entry = item.data
        live, go_live_at = self._status(entry)
        categories = [(slug, name) for domain, slug, name in entry["terms"] if domain == "category"]
        tags = [(slug, name) for domain, slug, name in entry["terms"] if domain == "post_tag"]
        if self.categories_as_topics or not categories:
            section = self.section("section", "news", "News")
            topic_terms = categories + tags
        else:
            section = self.section("category", wxr_slug(categories[0][0]), categories[0][1])
            self.redirect(self._category_archive(categories[0][0]), section, replace=False)
            topic_terms = categories[1:] + tags
        context = self._context()
        page = self.target_of("post", item.source_id)
        page = page.specific if page is not None else ArticlePage()
        parent = page.get_parent().specific if page.pk else section
        if not entry["title"]:
            self.report.note("Posts without a title (given one; write a headline)", entry["id"])
        page.title = (entry["title"] or f"Untitled post {entry['id']}")[:255]
        page.slug = page.slug or wxr_slug(entry["slug"] or entry["title"])
        body = self._body(entry, context)
        page.body = body
        page.standfirst = html.standfirst(
            entry["excerpt"], body, entry["title"] or "Imported from WordPress."
        )
        thumbnail = entry["meta"].get("_thumbnail_id")
        picture = self._picture(thumbnail, "") if thumbnail else None
        if picture is not None and picture.image is not None:
            page.lead_image = picture.image
            page.lead_image_caption = picture.caption[:500]
        elif picture is not None:
            context.missing_pictures.append(picture.url)
        if live:
            page.first_published_at = entry_time(entry)
        author = self.target_of("author", entry["author"])
        page.article_authors = [ArticleAuthor(author=author)] if author else []
        topics = [self.topic(name, slug) for slug, name in topic_terms]
        page.topics = topics
        for term, topic in zip(topic_terms, topics, strict=True):
            if term in categories:  # a category's archive leads to its topic page
                archive = self._category_archive(term[0])
                self.redirect(archive, link=topic.get_absolute_url(), replace=False)
        outcome = self.save_page(
            item, page, parent, live=live, go_live_at=go_live_at, data=self._kept(entry, context)
        )
        if entry["comment_status"] == "closed":
            StoryCommentPolicy.objects.update_or_create(
                article=page, defaults={"policy": Policy.CLOSED}
            )
        self.after_page(item, page, context, entry["link"])
        return outcome

    def _kept(self, entry, context):
        return {
            "link": entry["link"],
            "status": entry["status"],
            "password_protected": bool(entry["password"]),
            "missing_pictures": context.missing_pictures,
        }

    def _comment(self, item):
        data = item.data
        if data["type"] in ("pingback", "trackback"):
            raise Skip(f"a {data['type']}, not a reader's comment")
        story = self.target_of("post", data["post"])
        if story is None:
            # On a page, or on a post left out: newsdesk takes comments on stories only, so
            # the comment is kept in its import record.
            self.remember(item, None, data=data)
            where = "a page" if self.target_of("page", data["post"]) else "a post not imported"
            self.report.note(
                "Comments kept in the import records only (newsdesk takes comments on stories)",
                f"{item.label} (on {where})",
            )
            return "recorded"
        parent = self.target_of("comment", data["parent"]) if data["parent"] != "0" else None
        comment = self.target_of("comment", item.source_id)
        created = comment is None
        comment = comment or Comment(article_id=story.pk)
        comment.reply_to = parent
        comment.name = (data["author"] or "Anonymous")[:80]
        comment.email = data["email"][:254]
        comment.body = html.paragraphs_text(data["content"])[:5000]
        comment.state = STATES.get(data["approved"], CommentState.PENDING)
        comment.created_at = parse_date(data["date_gmt"], data["date"]) or timezone.now()
        comment.ip_address = data["ip"] or None
        comment.save()
        self.remember(item, comment, data={"url": data["url"]})
        return "created" if created else "updated"
