"""/api/v1/me/disclosures/: mounted beside the other me/ routes, outside careers/."""

from django.urls import path

from projects.careers.api import me

urlpatterns = [
    path("me/disclosures/", me.MyDisclosuresView.as_view(), name="me-disclosures"),
    path("me/featured-tasks/", me.MyFeaturedTasksView.as_view(), name="me-featured-tasks"),
]
