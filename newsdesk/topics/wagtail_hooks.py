from django.urls import path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("newsdesk_site_names")
def topic_names():
    """Topics the site has pages for (the desk checks offer them for a story's names)."""
    return {"topics": list(Topic.objects.values_list("pk", "name"))}


@hooks.register("register_admin_urls")
def topic_admin_urls():
    return [path("topics/quick-create/", views.quick_create, name="newsdesk_topic_quick_create")]


@hooks.register("newsdesk_new_topic_url")
def new_topic_url(user):
    """Where the desk checks create a topic for a new name, for those who may."""
    if user.has_perm("topics.add_topic"):
        return reverse("newsdesk_topic_quick_create")
    return None
