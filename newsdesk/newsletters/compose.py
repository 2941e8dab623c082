"""
What a list e-mail looks like: the message's own part framed by the list's template,
with the newsroom's name and postal address in the footer and a plain-text twin.

Framing and CSS inlining (css-inline) are done once per send, when it starts; each
recipient's copy then only has its own unsubscribe and preferences links put in where
the send's marker stands. The marker is random per send, so nothing a writer types
can be mistaken for it.
"""

import html

import css_inline
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail import hooks
from wagtail.embeds.models import Embed
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage
from newsdesk.core.absolute import absolutize_html, public_url
from newsdesk.core.models import NewsroomSettings
from newsdesk.core.richtext import for_syndication
from newsdesk.images.renditions import rendition

from .models import NewsletterSettings
from .tokens import preferences_token

# Mail clients ignore <link> stylesheets and many drop <style> blocks: every rule is
# written onto its elements, and the <style> kept for the dark-mode and narrow-screen
# rules that can only live there.
INLINER = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)


class NotReady(Exception):
    """A list cannot be sent to yet; the message says what is missing."""


def newsroom():
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return {
        "name": NewsroomSettings.for_site(site).name() if site else "",
        "postal_address": NewsletterSettings.for_site(site).postal_address.strip() if site else "",
        "home_url": public_url("/"),
        "settings": NewsletterSettings.for_site(site) if site else None,
    }


def check_ready(newsletter):
    """Raise NotReady with a sentence when ``newsletter`` may not be sent to yet."""
    if not newsroom()["postal_address"]:
        raise NotReady(
            "Fill in the newsroom's postal address (Settings → Newsletter settings) "
            "before the first send: every list e-mail must carry it."
        )
    if not newsletter.sender_email:
        raise NotReady(f"Give “{newsletter.name}” a sender address before sending to it.")


def placeholder(send, name):
    return f"nd{send.marker}{name}"


def frame(send, *, web=False, inline=None):
    """
    (html, text) of the whole message, with placeholders for the recipient's links.
    ``web``: as a browser shows it (no "view in browser" link, styles left in place).
    """
    context = {
        "send": send,
        "newsletter": send.newsletter,
        "newsroom": newsroom(),
        "body_html": send.body_html,
        "body_text": send.body_text,
        "web": web,
        "web_url": send.get_web_url(),
        "unsubscribe_url": placeholder(send, "unsubscribe"),
        "preferences_url": placeholder(send, "preferences"),
    }
    page = render_to_string("newsletters/mail/message.html", context)
    text = render_to_string("newsletters/mail/message.txt", context)
    if web if inline is None else not inline:
        return page, text
    return INLINER.inline(page), text


def personal(send, subscription):
    """The recipient's (html, text, unsubscribe URL) of a framed send."""
    unsubscribe = subscription.get_unsubscribe_url(send)
    preferences = public_url(
        reverse("newsletter_preferences", args=[preferences_token(subscription.subscriber)])
    )
    links = {
        placeholder(send, "unsubscribe"): unsubscribe,
        placeholder(send, "preferences"): preferences,
    }
    page, text = send.html, send.text
    for marker, url in links.items():
        page = page.replace(marker, html.escape(url))
        text = text.replace(marker, url)
    return page, text, unsubscribe


def _general(send, page, text):
    """``page`` and ``text`` with the recipient's links replaced by the lists' page."""
    general = public_url(reverse("newsletter_index"))
    for name in ("unsubscribe", "preferences"):
        page = page.replace(placeholder(send, name), html.escape(general))
        text = text.replace(placeholder(send, name), general)
    return page, text


def web_version(send):
    """The message as a browser shows it at its stable address: no one's own links."""
    return _general(send, *frame(send, web=True))[0]


def test_copy(send):
    """(html, text) of a test send: as recipients get it, but with nobody's own links."""
    return _general(send, *frame(send, web=send.pk is None, inline=True))


def story_item(story):
    """What a list e-mail shows of one story: its headline, standfirst, picture, credit."""
    image = story.lead_image
    picture = rendition(image, "card_lead") if image else None
    return {
        "title": story.title,
        "url": story.full_url,
        "standfirst": story.standfirst,
        "byline": ", ".join(author.name for author in story.authors),
        "date": story.first_published_at,
        "picture_url": _absolute(picture.url) if picture else "",
        "picture_alt": "" if story.lead_image_decorative or not image else image.description,
        "credit": image.attribution_parts() if image else [],
    }


def _absolute(url):
    """Media on this site (local files) get its address; media on S3 or a CDN has one."""
    return public_url(url) if url.startswith("/") else url


def stories_for(newsletter, count=5):
    stories = ArticlePage.objects.published().for_listing().newest_first()
    if newsletter.section_id:
        stories = stories.descendant_of(newsletter.section)
    elif newsletter.topic_id:
        stories = stories.filter(topics=newsletter.topic)
    return list(stories[:count])


def sample_body(newsletter, count=5):
    """
    (subject, html, text) of a message holding the list's newest stories: what a test
    send shows when the list has sent nothing yet.
    """
    items = [story_item(story) for story in stories_for(newsletter, count)]
    context = {"items": items, "newsletter": newsletter}
    subject = f"{newsletter.name}: {items[0]['title']}" if items else newsletter.name
    return (
        subject,
        render_to_string("newsletters/mail/stories.html", context),
        render_to_string("newsletters/mail/stories.txt", context),
    )


def digest_body(digest, stories, now):
    """(subject, html, text) of a digest edition holding ``stories`` in their order."""
    newsletter = digest.newsletter
    items = [story_item(story) for story in stories]
    context = {"items": items, "newsletter": newsletter, "note": digest.note.strip()}
    day = timezone.localtime(now)
    subject = f"{newsletter.name}, {day.day} {day:%B}: {items[0]['title']}"
    return (
        one_line(subject)[:200],
        render_to_string("newsletters/mail/stories.html", context),
        render_to_string("newsletters/mail/stories.txt", context),
    )


def story_body(story):
    """
    (subject, html, text) of one story as an e-mail: headline, standfirst, byline, lead
    picture with its credit and licence link, the body as feeds carry it (absolute
    links, pictures as plain images, no scripts or frames), what other apps add through
    the ``newsdesk_story_mail`` hook (live coverage: key events, newest first, and
    corrections; each hook returns ``{"heading", "entries": [{"when", "title", "text",
    "url"}]}`` sections), and a link to the story.
    """
    item = story_item(story)
    body = for_syndication(absolutize_html(_body_for_mail(story), public_url("/")))
    sections = [
        section for hook in hooks.get_hooks("newsdesk_story_mail") for section in hook(story)
    ]
    context = {"item": item, "body": body, "text": _plain(body), "sections": sections}
    return (
        one_line(story.title)[:200],
        render_to_string("newsletters/mail/story.html", context),
        render_to_string("newsletters/mail/story.txt", context),
    )


def alert_body(alert):
    """(subject, html, text) of a breaking-news alert: the headline, one line, the link."""
    context = {"alert": alert, "url": alert.article.full_url}
    return (
        one_line(f"Breaking: {alert.headline}")[:200],
        render_to_string("newsletters/mail/alert.html", context),
        render_to_string("newsletters/mail/alert.txt", context),
    )


def _body_for_mail(story):
    """
    The story's blocks rendered as on the page, except embeds: mail programs play
    nothing, so an embed becomes its picture (when the provider gave one) linked to it,
    or a link, with its caption.
    """
    parts = []
    for block in story.body:
        if block.block_type == "embed" and block.value.get("embed") is not None:
            url = block.value["embed"].url
            known = Embed.objects.filter(url=url).first()
            context = {
                "url": url,
                "title": known.title if known else "",
                "thumbnail": known.thumbnail_url if known else "",
                "caption": block.value.get("caption", ""),
            }
            parts.append(render_to_string("newsletters/mail/embed.html", context))
        else:
            parts.append(str(block))
    return "".join(parts)


def _plain(html_text):
    """Paragraphs of ``html_text`` as plain text, for the e-mail's text part."""
    tree = lxml_html.fragment_fromstring(html_text or "<p></p>", create_parent="div")
    blocks = [" ".join(node.text_content().split()) for node in tree.iterchildren()]
    return "\n\n".join(block for block in blocks if block)


def one_line(text):
    """``text`` for a mail header: line breaks would be refused (header injection)."""
    return " ".join(str(text).split())
