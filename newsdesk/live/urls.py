from django.urls import path

from . import views

urlpatterns = [
    path("live/<int:story_id>/updates.json", views.updates_json, name="live_updates_json"),
    path("live/<int:story_id>/feed/", views.updates_feed, name="live_updates_feed"),
    path("live/<int:story_id>/updates/<int:sequence>/", views.permalink, name="live_update"),
]
