from django.urls import path

from . import views

urlpatterns = [
    path("newsletters/subscribe/", views.subscribe, name="newsletter_subscribe"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
    path("newsletters/preferences/<str:token>/", views.preferences, name="newsletter_preferences"),
]
