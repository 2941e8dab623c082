from django.urls import path

from . import admin_views

app_name = "live"
urlpatterns = [
    path("<int:story_id>/", admin_views.DeskView.as_view(), name="desk"),
    path("<int:story_id>/start/", admin_views.start, name="start"),
    path("<int:story_id>/end/", admin_views.end, name="end"),
    path("<int:story_id>/updates/add/", admin_views.AddUpdateView.as_view(), name="add_update"),
    path(
        "<int:story_id>/updates/from-editor/",
        admin_views.post_from_editor,
        name="post_from_editor",
    ),
    path(
        "<int:story_id>/updates/<int:sequence>/",
        admin_views.EditUpdateView.as_view(),
        name="edit_update",
    ),
    path(
        "<int:story_id>/updates/<int:sequence>/remove/",
        admin_views.RemoveUpdateView.as_view(),
        name="remove_update",
    ),
    path(
        "<int:story_id>/corrections/add/",
        admin_views.AddCorrectionView.as_view(),
        name="add_correction",
    ),
]
