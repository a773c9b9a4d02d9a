"""Server-filled pages of the marketplace, mounted at the site root by marketplace/urls.py in
the "frontend" namespace, before frontend's routes."""

from django.urls import path

from projects.careers.pages import ForCareerOfficesPage
from projects.pages import TaskPage, experience_card_image, experience_page

urlpatterns = [
    path("experience/<int:engagement_id>/", experience_page, name="experience"),
    path(
        "experience/<int:engagement_id>/card-<slug:key>.png",
        experience_card_image,
        name="experience-card",
    ),
    # Before frontend's route of the same path (which keeps the name `frontend:task`).
    path("tasks/<id:task_id>/", TaskPage.as_view(), name="task-page"),
    # The sample dashboard is the demo institution's real figures.
    path("for-career-offices/", ForCareerOfficesPage.as_view(), name="for-career-offices"),
]
