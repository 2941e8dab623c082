"""
Every hostile string through every field a person can write, then every output that
shows it: nothing unescaped, no server error, no broken XML or JSON.

Each round builds a small newsroom of ``PER_ROUND`` stories, each with its own author,
topic, picture, live update, correction, significant-update note and reader comment,
written through the forms the admin and the reader pages use. Field ``f`` of item ``j``
in round ``r`` holds string ``(r * PER_ROUND + j + f) % len(CORPUS)``, so over the
rounds every string passes through every field once. A value a form refuses (too long,
a control character) must be refused with a sentence; those refused for a control
character are then stored directly, as an importer or the shell could, so the outputs'
own defence is tested too.
"""

import csv
import io
import itertools
import json
from datetime import timedelta
from urllib.parse import urlencode

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from lxml import etree
from lxml import html as lxml_html
from openpyxl import load_workbook
from wagtail.admin.panels import FieldPanel, ObjectList, get_edit_handler
from wagtail.images.forms import get_image_form
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.comments import moderation, posting
from newsdesk.comments.forms import CommentForm
from newsdesk.comments.models import Comment, CommentState
from newsdesk.core.richtext import SYNDICATION_TAGS
from newsdesk.core.text import control_character, without_controls
from newsdesk.images.factories import NewsImageFactory
from newsdesk.images.models import NewsImage
from newsdesk.live import coverage
from newsdesk.live.admin_views import CORRECTION_FIELDS, UPDATE_FIELDS
from newsdesk.live.models import Correction, CorrectionsPage, LiveUpdate
from newsdesk.people.factories import AuthorFactory
from newsdesk.people.models import Author
from newsdesk.testing import story_form
from newsdesk.topics.models import Topic

from .hostile_strings import CONTROLS, CORPUS

pytestmark = pytest.mark.django_db

PER_ROUND = 14
ROUNDS = -(-len(CORPUS) // PER_ROUND)

STORY_FIELDS = ["title", "standfirst", "dateline", "search_description", "update_note"]
BLOCK_FIELDS = [
    "heading",
    "paragraph",
    "pull_quote",
    "attribution",
    "fact_box_title",
    "fact_box_body",
    "image_caption",
    "lead_image_caption",
]
AUTHOR_FIELDS = ["name", "role", "bio", "link_label"]
TOPIC_FIELDS = ["topic_name", "topic_description"]
PICTURE_FIELDS = [
    "picture_title",
    "description",
    "creator",
    "source_name",
    "credit_line",
    "copyright_notice",
    "default_caption",
    "work_title",
    "agency",
]
LIVE_FIELDS = ["update_headline", "update_body", "correction_note"]
COMMENT_FIELDS = ["comment_name", "comment_body"]
FIELDS = [
    *STORY_FIELDS,
    *BLOCK_FIELDS,
    *AUTHOR_FIELDS,
    *TOPIC_FIELDS,
    *PICTURE_FIELDS,
    *LIVE_FIELDS,
    *COMMENT_FIELDS,
]

# Schemes that must never reach a link, a source or a form address.
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:image/svg")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "xlink:href", "data", "poster"}


def string_for(round_number, item, field):
    return CORPUS[(round_number * PER_ROUND + item + FIELDS.index(field)) % len(CORPUS)]


class Refusals:
    """Values the forms refused, with the sentences they gave; some are stored anyway."""

    def __init__(self):
        self.sentences = []

    def note(self, form):
        self.note_errors(form.errors)

    def note_errors(self, errors_by_field):
        for field, errors in errors_by_field.items():
            for error in errors:
                assert isinstance(error, str) and len(error) > 10, (field, error)
                self.sentences.append((field, error))


_PLAIN = itertools.count(1)


def _fit(value, limit):
    """A refused value as the shell or an importer could still store it."""
    return value[:limit] if limit else value


def _bind(form_class, values, to_data, refusals, groups=None, **kwargs):
    """
    Bind the form to ``to_data(values)``, where ``values`` are the texts a person typed,
    by name. While the form refuses fields, put in a cleaned value (control characters
    out) or else a plain one, noting each refusal. Returns the valid form and the
    refused values to store directly: those refused for a control character. ``groups``
    names the values making up one form field (the blocks of a StreamField).
    """
    direct, tries = {}, {}
    for _attempt in range(2 * len(values) + 2):
        form = form_class(to_data(values), **kwargs)
        if form.is_valid():
            return form, direct
        refusals.note(form)
        values = dict(values)
        refused = list(form.errors)
        for name, formset in getattr(form, "formsets", {}).items():
            if any(formset.errors) or formset.non_form_errors():
                refused.append(name)
                for errors in formset.errors:
                    refusals.note_errors(errors)
        for field in refused:
            names = (groups or {}).get(field) or ([field] if field in values else [])
            assert names, f"refused {field}, which no value makes: {form.errors[field]}"
            for name in names:
                hostile = values[name]
                tries[name] = tries.get(name, 0) + 1
                if tries[name] == 1 and control_character(hostile):
                    direct[name] = hostile
                    values[name] = without_controls(hostile)
                else:
                    values[name] = f"Plain {name} {next(_PLAIN)}"
    raise AssertionError(f"the form kept refusing: {form.errors}")


class Newsroom:
    """One round's stories and everything around them, written through the forms."""

    def __init__(self, round_number, section, corrections_page, editor):
        self.round = round_number
        self.section = section
        self.editor = editor
        self.corrections_page = corrections_page
        self.refusals = Refusals()
        self.stories, self.authors, self.topics, self.pictures = [], [], [], []
        for item in range(PER_ROUND):
            self._item(item)

    def _values(self, item, names):
        return {name: string_for(self.round, item, name) for name in names}

    def _item(self, item):
        author = self._author(item)
        topic = self._topic(item)
        picture = self._picture(item)
        story = self._story(item, author, topic, picture)
        self._live(item, story, author)
        self._comment(item, story)
        self.stories.append(story)
        self.authors.append(author)
        self.topics.append(topic)
        self.pictures.append(picture)

    def _author(self, item):
        author = AuthorFactory(name=f"Author {self.round}-{item}")
        values = self._values(item, AUTHOR_FIELDS)

        def to_data(v):
            return nested_form_data(
                {
                    "name": v["name"],
                    "slug": f"author-{self.round}-{item}",
                    "role": v["role"],
                    "bio": v["bio"],
                    "photo": "",
                    "user": "",
                    "links": inline_formset(
                        [{"label": v["link_label"], "url": "https://example.org/"}]
                    ),
                }
            )

        form, direct = _bind(
            get_edit_handler(Author).get_form_class(),
            values,
            to_data,
            self.refusals,
            {"links": ["link_label"]},
            instance=author,
            for_user=self.editor,
        )
        author = form.save()
        return _store(author, {k: v for k, v in direct.items() if k != "link_label"})

    def _topic(self, item):
        values = self._values(item, TOPIC_FIELDS)
        form, direct = _bind(
            get_edit_handler(Topic).get_form_class(),
            values,
            lambda v: {
                "name": v["topic_name"],
                "slug": f"topic-{self.round}-{item}",
                "description": v["topic_description"],
            },
            self.refusals,
            {"name": ["topic_name"], "description": ["topic_description"]},
            instance=Topic(),
            for_user=self.editor,
        )
        renamed = {"topic_name": "name", "topic_description": "description"}
        return _store(form.save(), {renamed[k]: v for k, v in direct.items()})

    def _picture(self, item):
        picture = NewsImageFactory(title=f"Picture {self.round}-{item}")
        values = self._values(item, PICTURE_FIELDS)

        def to_data(v):
            return {
                "collection": picture.collection_id,
                "tags": "",
                "source_url": picture.source_url,
                "licence": picture.licence,
                "licence_url": "",
                "title": v["picture_title"],
                **{name: v[name] for name in PICTURE_FIELDS if name != "picture_title"},
            }

        form, direct = _bind(
            get_image_form(NewsImage),
            values,
            to_data,
            self.refusals,
            {"title": ["picture_title"]},
            instance=picture,
            user=self.editor,
        )
        if "picture_title" in direct:
            direct["title"] = direct.pop("picture_title")
        return _store(form.save(), direct)

    def _story(self, item, author, topic, picture):
        story = ArticlePageFactory(
            parent=self.section, authors=[author], lead_image=picture, live=False
        )
        values = self._values(item, [*STORY_FIELDS, *BLOCK_FIELDS])

        def to_data(v):
            return story_form(
                story,
                "action-publish",
                authors=[author],
                image=picture,
                body=_body(v, picture, rich=True),
                title=v["title"],
                standfirst=v["standfirst"],
                dateline=v["dateline"],
                search_description=v["search_description"],
                lead_image_caption=v["lead_image_caption"],
                significant_update="on",
                update_note=v["update_note"],
                topics=[topic.pk],
            )

        form, direct = _bind(
            story.get_edit_handler().get_form_class(),
            values,
            to_data,
            self.refusals,
            {"body": [name for name in BLOCK_FIELDS if name != "lead_image_caption"]},
            instance=story,
            parent_page=self.section,
            for_user=self.editor,
        )
        page = form.save(commit=False)
        page.save_revision(user=self.editor).publish(user=self.editor)
        story = ArticlePage.objects.get(pk=story.pk)
        if any(name in BLOCK_FIELDS for name in direct):
            # As an import could bring it: the hostile blocks on the live page.
            story.body = _body({**values, **direct}, picture, rich=False)
            story.save(update_fields=["body"])
        return _store(story, {k: v for k, v in direct.items() if k not in BLOCK_FIELDS})

    def _live(self, item, story, author):
        coverage.start(story, self.editor)
        values = self._values(item, ["update_headline", "update_body"])

        def to_data(v):
            return nested_form_data(
                {
                    "author": author.pk,
                    "headline": v["update_headline"],
                    "body": streamfield([("paragraph", rich_text(_paragraph(v["update_body"])))]),
                    "key_event": "on",
                }
            )

        update_form = ObjectList([FieldPanel(n) for n in UPDATE_FIELDS]).bind_to_model(LiveUpdate)
        form, direct = _bind(
            update_form.get_form_class(),
            values,
            to_data,
            self.refusals,
            {"headline": ["update_headline"], "body": ["update_body"]},
            instance=LiveUpdate(),
            for_user=self.editor,
        )
        body = form.cleaned_data["body"]
        try:
            update = coverage.add_update(
                story,
                self.editor,
                author=author,
                body=body,
                headline=form.cleaned_data["headline"],
                key_event=True,
            )
        except ValidationError as error:
            # The publish gate's rule for blocks: a sentence, then the cleaned text.
            self.refusals.sentences.append(("update", " ".join(error.messages)))
            direct["update_body"] = values["update_body"]
            update = coverage.add_update(
                story,
                self.editor,
                author=author,
                body=[("paragraph", RichText(_paragraph(without_controls(values["update_body"]))))],
                headline=form.cleaned_data["headline"],
                key_event=True,
            )
        if "update_body" in direct:
            update.body = [("paragraph", RichText(_paragraph(direct["update_body"])))]
            update.save(update_fields=["body"])
        if "update_headline" in direct:
            _store(update, {"headline": direct["update_headline"]})

        values = self._values(item, ["correction_note"])
        correction_form = ObjectList([FieldPanel(n) for n in CORRECTION_FIELDS]).bind_to_model(
            Correction
        )
        form, direct = _bind(
            correction_form.get_form_class(),
            values,
            lambda v: {
                "kind": "correction",
                "note": v["correction_note"],
                "published_at": timezone.now().strftime("%Y-%m-%d %H:%M"),
            },
            self.refusals,
            {"note": ["correction_note"]},
            instance=Correction(),
            for_user=self.editor,
        )
        made = coverage.correct(
            story, self.editor, kind="correction", note=form.cleaned_data["note"]
        )
        if direct:
            _store(made, {"note": direct["correction_note"]})

    def _comment(self, item, story):
        values = self._values(item, COMMENT_FIELDS)

        def to_data(v):
            return {
                "name": v["comment_name"],
                "email": f"reader{item}@example.org",
                "body": v["comment_body"],
                "website": "",
                "started": CommentForm.started_token(timezone.now() - timedelta(minutes=1)),
            }

        form, direct = _bind(
            CommentForm,
            values,
            to_data,
            self.refusals,
            {"name": ["comment_name"], "body": ["comment_body"]},
        )
        comment = posting.submit(story.pk, form.cleaned_data, ip=f"198.51.100.{item + 1}")
        moderation.set_state(
            Comment.objects.filter(pk=comment.pk), CommentState.APPROVED, self.editor
        )
        renamed = {"comment_name": "name", "comment_body": "body"}
        _store(comment, {renamed[k]: v for k, v in direct.items()})


def _paragraph(text):
    return f"<p>{escape(text)}</p>"


def _body(v, picture, rich):
    """The story's blocks holding the values: as the editor posts them, or as stored."""
    text = rich_text if rich else (lambda markup: markup)
    blocks = [
        ("heading", v["heading"]),
        ("paragraph", text(_paragraph(v["paragraph"]))),
        ("pull_quote", {"quote": v["pull_quote"], "attribution": v["attribution"]}),
        (
            "fact_box",
            {"title": v["fact_box_title"], "body": text(_paragraph(v["fact_box_body"]))},
        ),
        ("image", {"image": picture.pk, "caption": v["image_caption"], "decorative": ""}),
    ]
    if rich:
        return blocks
    return [{"type": kind, "value": value} for kind, value in blocks]


def _store(obj, values):
    """Write ``values`` straight to the row, cut to the columns' lengths."""
    fields = {}
    for name, value in values.items():
        field = obj._meta.get_field(name)
        fields[name] = _fit(value, getattr(field, "max_length", None))
    if fields:
        type(obj)._default_manager.filter(pk=obj.pk).update(**fields)
        obj.refresh_from_db()
    return obj


# Checks on what comes out


class Outputs:
    def __init__(self, client, strings):
        self.client = client
        self.problems = []
        # Strings that, appearing as they are in HTML, prove something was not escaped.
        self.markup = [s for s in strings if ("<" in s or ">" in s) and len(s) < 5000]

    def get(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        if response.status_code >= 500:
            self.problems.append(f"{url}: {response.status_code}")
        return response

    def html(self, url, status=(200,)):
        response = self.get(url)
        if response.status_code not in status:
            self.problems.append(f"{url}: answered {response.status_code}")
            return
        text = response.content.decode()
        for value in self.markup:
            if value in text:
                self.problems.append(f"{url}: shows {value[:60]!r} unescaped")
        self._tree(url, lxml_html.fromstring(text))

    def _tree(self, url, tree, allowed_tags=None):
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            if allowed_tags is not None and element.tag not in allowed_tags:
                self.problems.append(f"{url}: carries a <{element.tag}> element")
            for name, value in element.attrib.items():
                name = name.lower()
                if name.startswith("on"):
                    self.problems.append(f"{url}: <{element.tag} {name}=…>")
                squeezed = "".join(value.split()).lower()
                if name in URL_ATTRIBUTES and squeezed.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"{url}: <{element.tag} {name}={value[:40]!r}>")
                if name == "style" and ("javascript" in squeezed or "expression(" in squeezed):
                    self.problems.append(f"{url}: <{element.tag} style={value[:40]!r}>")
            if element.tag == "script" and not element.get("src"):
                kind = element.get("type", "")
                if kind in ("application/ld+json", "application/json"):
                    try:
                        json.loads(element.text or "")
                    except ValueError:
                        self.problems.append(f"{url}: a {kind} script that is not JSON")
                elif "XSS" in (element.text or ""):
                    self.problems.append(f"{url}: runs a script from a field")

    def xml(self, url):
        response = self.get(url)
        if response.status_code != 200:
            self.problems.append(f"{url}: answered {response.status_code}")
            return None
        try:
            etree.fromstring(response.content)
        except etree.XMLSyntaxError as error:
            self.problems.append(f"{url}: not XML ({error})")
            return None
        return response.content

    def feed(self, url):
        content = self.xml(url)
        if content is None:
            return
        parsed = feedparser.parse(content, sanitize_html=False)
        for entry in parsed.entries:
            for part in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
                if part.strip():
                    fragment = lxml_html.fragment_fromstring(part, create_parent="div")
                    self._tree(url, fragment, allowed_tags=SYNDICATION_TAGS | {"div"})

    def json(self, url):
        response = self.get(url)
        try:
            data = json.loads(response.content)
        except ValueError:
            self.problems.append(f"{url}: not JSON")
            return
        for update in data.get("updates", []):
            fragment = lxml_html.fragment_fromstring(update["html"], create_parent="div")
            self._tree(url, fragment)

    def csv(self, url):
        response = self.get(url)
        body = b"".join(response.streaming_content).decode()
        for row in csv.reader(io.StringIO(body)):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    self.problems.append(f"{url}: a cell a spreadsheet would run: {cell[:40]!r}")

    def xlsx(self, url):
        response = self.get(url)
        if response.status_code != 200:
            self.problems.append(f"{url}: answered {response.status_code}")
            return
        data = b"".join(response.streaming_content)
        sheet = load_workbook(io.BytesIO(data)).active
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or str(cell.value or "").startswith("="):
                    self.problems.append(f"{url}: a formula cell {str(cell.value)[:40]!r}")


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("desk", password="pw")


@pytest.fixture
def corrections_page(home):
    page = CorrectionsPage(title="Corrections", slug="corrections")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_hostile_text_in_every_field_comes_out_escaped_everywhere(
    round_number, section, corrections_page, editor
):
    newsroom = Newsroom(round_number, section, corrections_page, editor)
    strings = {string_for(round_number, j, f) for j in range(PER_ROUND) for f in FIELDS}
    reader = Outputs(Client(), strings)

    reader.html("/")
    reader.html(section.url)
    reader.html(corrections_page.url)
    for story, author, topic in zip(
        newsroom.stories, newsroom.authors, newsroom.topics, strict=True
    ):
        reader.html(story.url)
        reader.html(reverse("author", args=[author.slug]))
        reader.html(reverse("topic", args=[topic.slug]))
        reader.json(reverse("live_updates_json", args=[story.pk]))
        reader.feed(reverse("live_updates_feed", args=[story.pk]))
    for value in list(strings)[:4]:
        reader.html(reverse("search") + "?" + _query(value))
    for name in ("feed_rss", "feed_atom"):
        reader.feed(reverse(name))
    for kind in ("section", "topic", "author"):
        slug = {
            "section": section.slug,
            "topic": newsroom.topics[0].slug,
            "author": newsroom.authors[0].slug,
        }[kind]
        for format in ("rss", "atom"):
            reader.feed(reverse(f"{kind}_feed_{format}", args=[slug]))
    reader.feed(corrections_page.url + "feed/")
    reader.xml(reverse("sitemap"))
    for part in ("articles", "sections", "topics", "authors", "pages"):
        reader.xml(reverse("sitemap_section", args=[part]))
    reader.xml(reverse("news_sitemap"))

    desk = Outputs(Client(), strings)
    desk.client.force_login(editor)
    desk.html(reverse("wagtailadmin_explore", args=[section.pk]))
    desk.html(reverse("wagtailadmin_pages:edit", args=[newsroom.stories[0].pk]))
    desk.html(reverse("wagtailimages:index"))
    desk.html(reverse("newsdesk_image_rights"))
    desk.html(reverse("comments:queue") + "?state=approved")
    desk.html(reverse("wagtailsnippets_people_author:list"))
    desk.html(reverse("wagtailsnippets_topics_topic:list"))
    desk.html(reverse("live:desk", args=[newsroom.stories[0].pk]))
    desk.csv(reverse("newsdesk_image_rights") + "?export=csv")
    desk.xlsx(reverse("newsdesk_image_rights") + "?export=xlsx")

    assert reader.problems + desk.problems == []


def _query(value):
    return urlencode({"q": value[:200]})


def test_every_refusal_is_a_sentence_and_control_characters_are_refused(
    section, corrections_page, editor
):
    # The round whose strings include the control characters.
    first = CORPUS.index(CONTROLS[0])
    newsroom = Newsroom(first // PER_ROUND, section, corrections_page, editor)
    refused_for_control = [s for _field, s in newsroom.refusals.sentences if "control" in s]

    assert refused_for_control, "no field refused a control character"
    assert all(
        "invisible control character" in s or "control characters" in s for s in refused_for_control
    )
