"""The task page's mentor card says who is asking: organisation, job title and "verified at
acme.com" (the domain of a confirmed work address, never the address), in a pinned number of
queries (issue 22)."""

import pytest
from allauth.account.models import EmailAddress
from rest_framework.test import APIClient

from accounts.services.profiles import profile_update
from accounts.services.work_email import profile_work_domain_refresh
from tests.factories import SkillFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _credible_mentor():
    mentor = UserFactory(finish__display_name="Maya Okafor")
    profile_update(user=mentor, data={"organisation": "Acme", "job_title": "Design lead"})
    EmailAddress.objects.create(user=mentor, email="maya@acme.com", verified=True)
    profile_work_domain_refresh(user=mentor)
    return mentor


def test_the_mentor_card_names_organisation_title_and_verified_domain_only(
    django_assert_max_num_queries,
):
    task = TaskFactory(mentor=_credible_mentor(), skills=[SkillFactory(), SkillFactory()])
    client = APIClient()

    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/tasks/{task.pk}/")

    card = response.json()["mentor_card"]
    assert (card["organisation"], card["job_title"]) == ("Acme", "Design lead")
    assert card["verified_work_domain"] == "acme.com"
    assert "maya@acme.com" not in response.content.decode()


def test_an_unverified_mentor_claims_no_domain():
    mentor = UserFactory()
    EmailAddress.objects.create(user=mentor, email="maya@acme.com", verified=False)
    profile_work_domain_refresh(user=mentor)
    task = TaskFactory(mentor=mentor)

    card = APIClient().get(f"/api/v1/tasks/{task.pk}/").json()["mentor_card"]

    assert card["verified_work_domain"] == ""


def test_task_cards_carry_the_verified_domain_too():
    task = TaskFactory(mentor=_credible_mentor())

    [card] = APIClient().get("/api/v1/tasks/").json()["results"]

    assert card["id"] == task.pk
    assert card["mentor_verified_work_domain"] == "acme.com"
    assert card["mentor_organisation"] == "Acme"
