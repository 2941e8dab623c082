from django.urls import include, path

from . import views

urlpatterns = [
    path("newsletters/", views.index, name="newsletter_index"),
    path("newsletters/subscribe/", views.subscribe, name="newsletter_subscribe"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
    path("newsletters/preferences/<str:token>/", views.preferences, name="newsletter_preferences"),
    path("newsletters/read/<uuid:key>/", views.web_version, name="newsletter_web_version"),
    # Providers' event webhooks (bounces, complaints), through django-anymail: for example
    # /newsletters/provider/postmark/tracking/. Each checks ANYMAIL_WEBHOOK_SECRET.
    path("newsletters/provider/", include("anymail.urls")),
]
