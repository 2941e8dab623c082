"""
The hostile-input tests' newsroom and their reading of outputs: see test_hostile_input.
"""

import itertools
from datetime import timedelta
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from wagtail.admin.panels import FieldPanel, ObjectList, get_edit_handler
from wagtail.images.forms import get_image_form
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.comments import moderation, posting
from newsdesk.comments.forms import CommentForm
from newsdesk.comments.models import Comment, CommentState
from newsdesk.core.text import control_character, without_controls
from newsdesk.images.factories import NewsImageFactory
from newsdesk.images.models import NewsImage
from newsdesk.live import coverage
from newsdesk.live.admin_views import CORRECTION_FIELDS, UPDATE_FIELDS
from newsdesk.live.models import Correction, LiveUpdate
from newsdesk.people.factories import AuthorFactory
from newsdesk.people.models import Author
from newsdesk.testing import story_form
from newsdesk.topics.models import Topic

from .hostile_strings import CORPUS

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


def query_string(value):
    return urlencode({"q": value[:200]})
