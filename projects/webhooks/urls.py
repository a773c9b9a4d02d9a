"""Mounted at /payments/ by marketplace/urls.py."""

from django.urls import path

from projects.webhooks import views as webhook_views

app_name = "stipends_webhooks"

urlpatterns = [
    path("stripe/webhook/", webhook_views.platform_webhook, name="platform"),
    path("stripe/connect-webhook/", webhook_views.connect_webhook, name="connect"),
]
