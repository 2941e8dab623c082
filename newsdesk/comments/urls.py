from django.urls import path

from . import views

urlpatterns = [
    path("comments/<int:story_id>/", views.comment_form, name="comment_form"),
    path("comments/yours/<str:token>/", views.mine, name="comment_mine"),
]
