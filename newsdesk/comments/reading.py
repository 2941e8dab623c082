"""What readers see of a story's comments: the same for everyone, so the page can be cached."""

from django.core.cache import cache
from wagtail.models import Site

from newsdesk.core.purging import purge_site

from .models import Comment, CommentSettings, Policy, StoryCommentPolicy, policy_for


def threads(story):
    """Approved comments as (first comment, [approved replies]) pairs, oldest first."""
    comments = list(
        Comment.objects.approved()
        .filter(article=story)
        .select_related("reply_to")
        .only(
            "pk",
            "name",
            "body",
            "created_at",
            "thread_id",
            "reply_to_id",
            "reply_to__name",
            "article_id",
        )
    )
    roots = {c.pk: (c, []) for c in comments if c.thread_id is None}
    for comment in comments:
        if comment.thread_id is not None and comment.thread_id in roots:
            roots[comment.thread_id][1].append(comment)
    return list(roots.values()), sum(1 + len(replies) for _root, replies in roots.values())


SETTINGS_KEY = "newsdesk:comment-settings:{}"
SETTINGS_SECONDS = 60 * 60


def site_settings_for(request):
    """The site's comment settings, read once and kept until they are saved."""
    site = Site.find_for_request(request)
    key = SETTINGS_KEY.format(site.pk if site else 0)
    found = cache.get(key)
    if found is None:
        found = CommentSettings.for_request(request)
        cache.set(key, found, SETTINGS_SECONDS)
    return found


def forget_settings(sender, instance, **kwargs):
    cache.delete(SETTINGS_KEY.format(instance.site_id))
    # Every story shows what the settings decide (open or closed): made again.
    purge_site()


def is_closed(story, request):
    site_settings = site_settings_for(request)
    own = StoryCommentPolicy.objects.filter(article=story).values_list("policy", flat=True).first()
    return policy_for(story, site_settings, own) == Policy.CLOSED
