"""Completeness: what every story needs before it goes out, and what it should have."""

import re

from django.core.checks import ERROR, WARNING

from .base import Found, check

HEADLINE_LIMIT = 110  # what Google shows of a headline
SHARE_WIDTH = 1200  # what social cards and Google Discover ask for
LONG_STORY_WORDS = 800
STANDARD_SECTIONS = ["introduction", "main details", "background", "latest updates", "conclusion"]


def _is_story(story):
    return story.source != "page" or story.has_lead_image_field


@check("completeness.headline", level=ERROR)
def headline(story):
    if not story.title.strip():
        yield Found(
            "The story has no headline.",
            "Write one in the Headline field.",
            field="title",
        )


@check("completeness.author", level=ERROR)
def author(story):
    if _is_story(story) and not story.authors:
        yield Found(
            "The story has no author.",
            "Add at least one name to the byline.",
            field="article_authors",
        )


@check("completeness.body", level=ERROR)
def body(story):
    """
    A story must say something: a body of no text, no picture and no embed (a new
    story's empty body, or one of empty paragraphs) is not published.
    """
    page = story.page
    if story.source != "page" or not story.has_lead_image_field or page is None:
        return
    stream = getattr(page, "body", None)
    if stream is None:
        return
    if story.body or any(child.block_type != "paragraph" for child in stream):
        return
    yield Found(
        "The story has no body text.",
        "Write the story in the Body field; a headline and standfirst alone are not a story.",
        field="body",
    )


@check("completeness.headline_length", level=WARNING)
def headline_length(story):
    length = len(story.title.strip())
    if length > HEADLINE_LIMIT:
        yield Found(
            f"The headline is {length} characters; search engines show about {HEADLINE_LIMIT}.",
            "Shorten it, or write a shorter SEO title in the Promote tab.",
            field="title",
            words=story.title[HEADLINE_LIMIT:],
        )


@check("completeness.standfirst", level=WARNING)
def standfirst(story):
    if _is_story(story) and not story.standfirst.strip():
        yield Found(
            "The story has no standfirst.",
            "Sum the story up in a sentence or two under the headline; feeds and search "
            "results show it.",
            field="standfirst",
        )


@check("completeness.lead_image", level=WARNING)
def lead_image(story):
    if story.source == "page" and story.has_lead_image_field and story.lead_image is None:
        yield Found(
            "The story has no lead image.",
            "Stories with a picture are shared and found more; choose one in the Lead image field.",
            field="lead_image",
        )


@check("completeness.lead_image_size", level=WARNING)
def lead_image_size(story):
    image = story.lead_image
    if image is not None and image.width and image.width < SHARE_WIDTH:
        yield Found(
            f"The lead image “{image.title}” is {image.width} px wide; social cards and "
            f"search want at least {SHARE_WIDTH} px.",
            "Upload a larger version of the picture if you have one.",
            field="lead_image",
        )


@check("completeness.heading_order", level=WARNING)
def heading_order(story):
    previous = None
    for heading in story.headings:
        if previous is not None and heading.level > previous.level + 1:
            yield Found(
                f"The heading “{heading.text}” skips a level (h{previous.level} to "
                f"h{heading.level}).",
                "Use headings in order, so screen readers can outline the story.",
                field=heading.field,
                block=heading.block,
                words=heading.text,
            )
        previous = heading
    # The standard sections of a news story, where used, go in their usual order.
    seen = []
    for heading in story.headings:
        name = heading.text.strip().rstrip(":").lower()
        if name not in STANDARD_SECTIONS:
            continue
        later = [s for s in seen if STANDARD_SECTIONS.index(s) > STANDARD_SECTIONS.index(name)]
        if later:
            yield Found(
                f"“{heading.text}” comes after “{later[0].title()}”; readers expect it before.",
                "Order the sections Introduction, Main Details, Background, Latest Updates, "
                "Conclusion.",
                field=heading.field,
                block=heading.block,
                words=heading.text,
            )
        seen.append(name)


@check("completeness.long_without_headings", level=WARNING)
def long_without_headings(story):
    words = story.word_count
    if story.article_type == "news" and words > LONG_STORY_WORDS and not story.headings:
        yield Found(
            f"The story runs to {words:,} words with no section headings.",
            "Break it into sections (Introduction, Main Details, Background…) so readers "
            "can find their way.",
            field="body",
        )


# "TK" (to come), "XXX", "lorem ipsum", "[insert …]": words a reporter leaves to fill in.
PLACEHOLDERS = [
    re.compile(r"\bTK(TK)?\b"),  # in capitals only: "tk" can be a word
    re.compile(r"\b(XXX+|FIXME|lorem ipsum)\b|\[(insert|add|check|link|tbc|tk)\b[^\]]*\]", re.I),
]


@check("completeness.placeholder", level=WARNING)
def placeholder(story):
    for sentence in story.sentences:
        match = next((m for p in PLACEHOLDERS if (m := p.search(sentence.text))), None)
        if match:
            yield Found(
                f"“{match.group(0)}” looks like a placeholder left to fill in.",
                "Replace it with the missing fact, or dismiss this if the words are meant.",
                field=sentence.field,
                block=sentence.block,
                sentence=sentence,
                words=match.group(0),
            )
