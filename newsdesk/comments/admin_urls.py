from django.urls import path

from . import admin_views

app_name = "comments"
urlpatterns = [
    path("", admin_views.QueueView.as_view(), name="queue"),
    path("story/<int:story_id>/", admin_views.StoryPolicyView.as_view(), name="story"),
]
