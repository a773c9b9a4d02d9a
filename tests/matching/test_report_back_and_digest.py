"""Report-back outcomes on profiles; saved searches, the digest and one-click unsubscribe."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.services.preferences import notification_preferences_get, unsubscribe_token_make
from projects.models import Engagement
from projects.services.saved_searches import digests_send
from tests.factories import EngagementFactory, SkillFactory, TaskFactory, UserFactory
from tests.matching.conftest import WORKING

pytestmark = pytest.mark.django_db


def _completed(**kwargs):
    return EngagementFactory(
        state=Engagement.State.COMPLETED, completed_at=timezone.now(), **kwargs
    )


def test_report_back_outcomes_are_counted_on_the_drafters_profile(client_for):
    drafter = UserFactory()
    first, second = (
        _completed(application__drafter=drafter),
        _completed(application__drafter=drafter),
    )

    by_drafter = client_for(drafter).post(
        f"/api/v1/engagements/{first.pk}/report-back/",
        {"outcomes": ["introduction", "job_offer"], "note": "Thank you — it led to an offer."},
        format="json",
    )
    client_for(first.mentor).post(
        f"/api/v1/engagements/{first.pk}/report-back/",
        {"outcomes": ["introduction"]},
        format="json",
    )
    client_for(second.mentor).post(
        f"/api/v1/engagements/{second.pk}/report-back/",
        {"outcomes": ["introduction", "repeat_work"]},
        format="json",
    )
    twice = client_for(drafter).post(
        f"/api/v1/engagements/{first.pk}/report-back/", {"outcomes": ["referral"]}, format="json"
    )

    assert by_drafter.status_code == 201
    assert twice.json()["error"]["code"] == "report_back_exists"
    body = (
        client_for(UserFactory()).get(f"/api/v1/profiles/{drafter.profile.handle}/outcomes/").json()
    )
    assert body["outcomes"] == {
        "introduction": 2,
        "referral": 0,
        "repeat_work": 1,
        "job_offer": 1,
    }
    assert "2 drafts led to introductions" in body["lines"]
    assert first.mentor.notifications.filter(kind="report_back_new").count() == 1


def test_report_back_waits_for_completion_and_is_only_for_the_two_sides(client_for):
    active = EngagementFactory()
    early = client_for(active.drafter).post(
        f"/api/v1/engagements/{active.pk}/report-back/", {"outcomes": ["referral"]}, format="json"
    )
    stranger = client_for(UserFactory()).post(
        f"/api/v1/engagements/{active.pk}/report-back/", {"outcomes": ["referral"]}, format="json"
    )
    assert early.json()["error"]["code"] == "report_back_not_yet"
    assert stranger.status_code == 404


def test_mentors_profile_says_how_many_people_they_helped(client_for):
    mentor = UserFactory()
    for _ in range(2):
        _completed(application__task__mentor=mentor)
    body = client_for(mentor).get(f"/api/v1/profiles/{mentor.profile.handle}/outcomes/").json()
    assert body["helped"] == 2


def test_the_daily_digest_lists_new_tasks_of_a_saved_search_once(
    client_for, make_drafter, django_capture_on_commit_callbacks
):
    drafter = make_drafter({"Python": WORKING})
    client = client_for(drafter)
    saved = client.post(
        "/api/v1/me/saved-searches/",
        {"name": "Remote Python", "query": {"q": "scraper", "remote": True}},
        format="json",
    )
    assert saved.status_code == 201
    assert saved.json()["query"] == {
        "q": "scraper",
        "remote": True,
        "institution_only": False,
        "ordering": "newest",
    }
    python = SkillFactory(name="Python")
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        TaskFactory(title="Fix our scraper", skills=[python])
        TaskFactory(title="Draw a poster")
    with (
        time_machine.travel(timezone.now() + timedelta(days=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert digests_send() == 1
        assert digests_send() == 0  # a rerun sends nothing twice

    [email] = mail.outbox
    assert email.to == [drafter.email]
    assert "New for your search “Remote Python”:\n- Fix our scraper (6 h)" in email.body
    assert "Draw a poster" not in email.body
    assert "Recommended for you:\n- Fix our scraper" in email.body
    assert "/unsubscribe/" in email.body


def test_a_signed_unsubscribe_link_turns_the_digest_off_and_a_tampered_one_changes_nothing(
    client_for, make_drafter
):
    drafter = make_drafter()
    token = unsubscribe_token_make(user=drafter, topic="saved_search_digest")

    tampered = client_for(UserFactory()).post(f"/api/v1/unsubscribe/{token[:-2]}xx/")
    assert tampered.status_code == 404  # no such link
    assert tampered.json()["error"]["code"] == "unsubscribe_link_invalid"
    assert notification_preferences_get(user=drafter).saved_search_digest is True

    done = client_for(UserFactory()).post(f"/api/v1/unsubscribe/{token}/")
    assert done.status_code == 200
    assert notification_preferences_get(user=drafter).saved_search_digest is False


def test_preferences_can_be_read_and_changed_including_discoverability(client_for, make_drafter):
    drafter = make_drafter()
    client = client_for(drafter)
    assert client.get("/api/v1/me/notification-preferences/").json()["discoverable"] is False

    body = client.patch(
        "/api/v1/me/notification-preferences/",
        {"discoverable": True, "nudges": False},
        format="json",
    ).json()

    assert (body["discoverable"], body["nudges"], body["saved_search_digest"]) == (
        True,
        False,
        True,
    )


def test_preferences_refuse_a_number_for_a_switch_and_change_nothing(client_for, make_drafter):
    # Found by `make fuzz`: `0` was read as False, so a client sending the wrong type turned a
    # switch off without being told.
    drafter = make_drafter()
    client = client_for(drafter)

    response = client.patch(
        "/api/v1/me/notification-preferences/",
        {"discoverable": 0, "report_back_prompts": 0, "nudges": False},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"discoverable", "report_back_prompts"}
    assert notification_preferences_get(user=drafter).nudges is True


def test_snoozing_refuses_days_sent_as_text(client_for, make_drafter):
    client = client_for(make_drafter())
    response = client.post("/api/v1/nudges/1/snooze/", {"days": "3"}, format="json")
    assert response.status_code == 400
    assert "days" in response.json()["error"]["fields"]
