"""
Posting a comment: the story must take comments, the sender must be within the rate
limits, and the comment is checked for spam before it is stored.

Spam checks never lose a comment: one that looks like spam is stored in the spam state,
with the reasons, where an editor can rescue it. What is refused outright (a closed story,
too many posts, a second copy of the same comment) is refused with a sentence saying why,
and nothing is stored.
"""

import ipaddress
import json
import logging
import re
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.core import antispam

from . import moderation
from .models import Comment, CommentSettings, CommentState, Policy, StoryCommentPolicy, policy_for

logger = logging.getLogger(__name__)

LINK = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
DUPLICATE_WINDOW = timedelta(days=1)
AKISMET_TIMEOUT = 5


class Refused(Exception):
    """A comment that cannot be taken; ``str()`` tells the reader why."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def current_policy(article, site_settings=None):
    site_settings = site_settings or CommentSettings.for_site(article.get_site())
    own = StoryCommentPolicy.objects.filter(article=article).values_list("policy", flat=True)
    return policy_for(article, site_settings, own.first())


def submit(article_id, data, *, ip=None, user_agent="", site=None, now=None):
    """
    Store a comment from cleaned form ``data`` on story ``article_id`` and return it, or
    raise :class:`Refused`.
    """
    now = now or timezone.now()
    article = ArticlePage.objects.published().filter(pk=article_id).first()
    if article is None:
        raise Refused("This story does not exist or is not published.", status=404)
    site_settings = CommentSettings.for_site(site or article.get_site())
    policy = current_policy(article, site_settings)
    if policy == Policy.CLOSED:
        raise Refused("Comments on this story are closed.", status=403)
    reply_to = _reply_to(article, data.get("reply_to"))
    _take_form_once(data.get("form_id"))
    _rate_limit(ip, data["email"])
    if _duplicate(article, data):
        raise Refused("You have already posted this comment on this story.", status=409)

    reasons = spam_reasons(data, ip, site_settings, now, article, user_agent)
    if reasons:
        state = CommentState.SPAM
    elif policy == Policy.OPEN:
        state = CommentState.APPROVED
    else:
        state = CommentState.PENDING
    with transaction.atomic():
        comment = Comment.objects.create(
            article=article,
            reply_to=reply_to,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            state=state,
            created_at=now,
            ip_address=ip,
            user_agent=(user_agent or "")[:255],
            spam_reasons=reasons,
        )
        moderation.after_change(comment, previous=None)
    return comment


def _reply_to(article, comment_id):
    if not comment_id:
        return None
    parent = Comment.objects.approved().filter(pk=comment_id, article=article).first()
    if parent is None:
        raise Refused("The comment you are replying to is not on this story.", status=400)
    return parent


def _take_form_once(form_id):
    """
    A form (its signed time token) is taken once: a program replaying one valid token
    would otherwise pass the timing check for as long as the token lives.
    """
    if form_id and not antispam.take_once("comments", form_id):
        raise Refused(
            "This form has already been sent. To write another comment, reload the page.",
            status=409,
        )


def _rate_limit(ip, email):
    rate = settings.NEWSDESK_COMMENTS_RATE
    try:
        antispam.count_request("comments:ip", ip, rate["per_ip"], rate["window"])
        antispam.count_request(
            "comments:email", email.casefold(), rate["per_email"], rate["window"]
        )
    except antispam.TooMany as limit:
        raise Refused(
            f"You have posted several comments in a short time; please wait {limit.minutes} "
            "minutes and try again.",
            status=429,
        ) from None


def _duplicate(article, data):
    return Comment.objects.filter(
        article=article,
        email__iexact=data["email"],
        body=data["body"],
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).exists()


def spam_reasons(data, ip, site_settings, now, article=None, user_agent=""):
    """Why a comment looks like spam, as sentences for the moderator; empty when it does not."""
    reasons = []
    if data.get("website"):
        reasons.append("The hidden field that only programs fill in was filled in.")
    started = data.get("started")
    if started is not None:
        elapsed = antispam.sent_too_soon(started, now, settings.NEWSDESK_COMMENTS_MIN_SECONDS)
        if elapsed is not None:
            reasons.append(f"Sent {elapsed:.1f} s after the form was shown.")
    links = len(LINK.findall(data["body"])) + len(LINK.findall(data["name"]))
    if links > site_settings.max_links:
        reasons.append(f"Contains {links} links (the limit is {site_settings.max_links}).")
    text = f"{data['name']}\n{data['body']}".casefold()
    for word in _lines(site_settings.blocked_words):
        if word.casefold() in text:
            reasons.append(f"Contains the blocked word “{word}”.")
    for address in _lines(site_settings.blocked_emails):
        entry, sender = address.casefold(), data["email"].casefold()
        if sender == entry or (entry.startswith("@") and sender.endswith(entry)):
            reasons.append(f"Sent from the blocked address {address}.")
    if ip:
        for network in _lines(site_settings.blocked_ips):
            try:
                if ipaddress.ip_address(ip) in ipaddress.ip_network(network, strict=False):
                    reasons.append(f"Sent from the blocked network {network}.")
            except ValueError:
                continue
    if (
        not reasons
        and settings.NEWSDESK_AKISMET_KEY
        and article is not None
        and akismet_says_spam(data, ip, user_agent, article)
    ):
        reasons.append("Akismet classed it as spam.")
    return reasons


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def akismet_says_spam(data, ip, user_agent, article):
    """
    Ask Akismet's comment-check API. An unreachable or failing Akismet never blocks a
    comment: the answer is then "not spam" and the failure is logged.
    """
    site = article.get_site()
    fields = {
        "blog": site.root_url,
        "user_ip": ip or "",
        "user_agent": user_agent or "",
        "permalink": article.get_full_url(),
        "comment_type": "comment",
        "comment_author": data["name"],
        "comment_author_email": data["email"],
        "comment_content": data["body"],
    }
    url = f"https://{settings.NEWSDESK_AKISMET_KEY}.rest.akismet.com/1.1/comment-check"
    request = urllib.request.Request(  # noqa: S310 (a fixed https address)
        url, data=urllib.parse.urlencode(fields).encode(), method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=AKISMET_TIMEOUT) as response:  # noqa: S310
            return response.read().strip() == b"true"
    except OSError:
        logger.warning("Akismet could not be reached; the comment was not checked by it.")
        return False


def export(email):
    """Every comment left under ``email``, as JSON-ready dicts (for the person who asks)."""
    return [
        {
            "story": comment.article.title,
            "story_url": comment.article.full_url,
            "name": comment.name,
            "email": comment.email,
            "body": comment.body,
            "state": comment.state,
            "posted": comment.created_at.isoformat(),
        }
        for comment in Comment.objects.filter(email__iexact=email.strip()).select_related("article")
    ]


def export_json(email):
    return json.dumps(export(email), indent=2, ensure_ascii=False)
