"""Server-filled pages of the marketplace, mounted at the site root by marketplace/urls.py."""

from django.urls import path

from projects.pages import experience_page

urlpatterns = [
    path("experience/<int:engagement_id>/", experience_page, name="experience"),
]
