""" "Tell me when a circle opens": subscribe for a family, hear once (in-app and e-mail by
preference) when a circle of it you could join starts forming or opens; stop waiting."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts.models import Notification
from accounts.services.preferences import notification_preferences_update
from projects.circles.models import CircleAlert
from projects.circles.services.circles import circle_create, circle_join
from tests.factories import (
    InstitutionFactory,
    MembershipFactory,
    SkillFactory,
    UserFactory,
    UserSkillFactory,
)

# The starter catalogue is what these tests search and suggest from.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_catalogue")]


def _alerts(user):
    return Notification.objects.filter(recipient=user, kind="circle_alert")


@pytest.fixture
def waiting_drafter(client_for):
    """A drafter with a JavaScript skill and no circle to join, who asked to be told."""
    drafter = UserFactory(finish__display_name="Wren Waiting")
    UserSkillFactory(user=drafter, skill=SkillFactory(name="React"))  # javascript family
    response = client_for(drafter).post("/api/v1/circles/alerts/javascript/")
    assert response.status_code == 201
    return drafter


def test_the_dead_end_offers_the_viewers_skill_families_to_wait_for(client_for):
    drafter = UserFactory()
    UserSkillFactory(user=drafter, skill=SkillFactory(name="React"))

    rows = client_for(drafter).get("/api/v1/circles/alerts/").json()

    assert rows == [
        {
            "skill_family": "javascript",
            "skill_family_label": "JavaScript",
            "from_your_skills": True,
            "waiting": False,
            "notified_at": None,
        }
    ]


def test_a_new_circle_of_the_family_tells_the_waiting_drafter_once(
    waiting_drafter, host, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        circle = circle_create(host=host, name="Frontend crit", skill_family="javascript")
    with django_capture_on_commit_callbacks(execute=True):
        circle_create(host=host, name="Second JS circle", skill_family="javascript")
        for n in range(3):  # the first one opens (active): still no second notice
            circle_join(circle_id=circle.pk, user=UserFactory(finish__display_name=f"M {n}"))

    notices = list(_alerts(waiting_drafter))
    assert [n.title for n in notices] == ["A JavaScript circle is starting: “Frontend crit”"]
    assert notices[0].url == "/circles/?skill=javascript"
    assert [m.to for m in mail.outbox if "Frontend crit" in m.subject] == [[waiting_drafter.email]]
    row = client_for(waiting_drafter).get("/api/v1/circles/alerts/").json()[0]
    assert (row["waiting"], row["notified_at"] is not None) == (False, True)


def test_a_circle_of_another_family_tells_nobody(waiting_drafter, host):
    circle_create(host=host, name="Data crit", skill_family="python-data")

    assert not _alerts(waiting_drafter).exists()


def test_invitation_emails_off_means_in_app_only(
    waiting_drafter, host, django_capture_on_commit_callbacks
):
    notification_preferences_update(user=waiting_drafter, invitations=False)

    with django_capture_on_commit_callbacks(execute=True):
        circle_create(host=host, name="Frontend crit", skill_family="javascript")

    assert _alerts(waiting_drafter).count() == 1
    assert not [m for m in mail.outbox if waiting_drafter.email in m.to]


def test_an_institution_circle_tells_only_that_institutions_people(waiting_drafter, host):
    institution = InstitutionFactory()
    MembershipFactory(user=host, institution=institution)

    circle_create(
        host=host, name="Campus JS", skill_family="javascript", institution_slug=institution.slug
    )

    assert not _alerts(waiting_drafter).exists()
    assert CircleAlert.objects.get(user=waiting_drafter).notified_at is None  # still waiting


def test_someone_who_asked_while_it_was_forming_hears_when_it_opens(circle, client_for):
    late = UserFactory()
    client_for(late).post("/api/v1/circles/alerts/javascript/")

    for n in range(3):
        circle_join(circle_id=circle.pk, user=UserFactory(finish__display_name=f"M {n}"))

    assert [n.title for n in _alerts(late)] == [
        "A JavaScript circle is open: “Frontend portfolio crit”"
    ]


def test_stopping_the_wait_means_no_notice(waiting_drafter, host, client_for):
    client = client_for(waiting_drafter)

    assert client.delete("/api/v1/circles/alerts/javascript/").status_code == 204
    assert client.delete("/api/v1/circles/alerts/javascript/").status_code == 204  # idempotent
    circle_create(host=host, name="Frontend crit", skill_family="javascript")

    assert not _alerts(waiting_drafter).exists()


def test_subscribing_is_one_per_person_and_family_and_refuses_unknown_families(
    waiting_drafter, client_for
):
    client = client_for(waiting_drafter)

    again = client.post("/api/v1/circles/alerts/javascript/")
    unknown = client.post("/api/v1/circles/alerts/astrology/")

    assert again.status_code == 200 and again.json()["waiting"] is True
    assert CircleAlert.objects.filter(user=waiting_drafter).count() == 1
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_found"


def test_alerts_are_for_signed_in_people_only():
    assert APIClient().post("/api/v1/circles/alerts/javascript/").status_code == 401
    assert APIClient().get("/api/v1/circles/alerts/").status_code == 401
