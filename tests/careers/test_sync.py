"""Incremental sync: an office's system asks for what changed since its last run and sees
creations, updates and revocations (as removals) — and nothing else."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from accounts.models import Consent
from accounts.services.consent import consent_revoke
from accounts.services.profiles import profile_update
from projects.services.engagements import engagement_deliver
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _sync(client, path, since=None):
    """Page through `path` the way a client would; returns (ids, removed, synced_at)."""
    url = f"/api/v1/careers/{path}?page_size=2" + (f"&updated_since={since}" if since else "")
    ids, removed, synced_at = [], [], None
    while url:
        body = client.get(url).json()
        ids += [row["id"] for row in body["results"]]
        removed += body["removed"]
        synced_at = synced_at or body["synced_at"]
        url = body["next"]
    return ids, removed, synced_at


def test_creations_updates_and_revocations_arrive_through_updated_since(office):
    client = office.key_client()
    with time_machine.travel(T0, tick=False):
        ann, ben, cat = (make_student(office, n) for n in ("Ann One", "Ben Two", "Cat Three"))
        quiet = make_student(office, "Dee Quiet")
        engagement = EngagementFactory(drafter=ann)
        first, removed, synced_at = _sync(client, "students/")
        assert len(first) == 4 and removed == []
        eng_first, _, eng_synced = _sync(client, "engagements/")
        assert eng_first == [engagement.pk]

    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        # Changes go through the services, which keep each student's stored change time.
        profile_update(user=ben, data={"display_name": "Ben Renamed"})  # an update
        eve = make_student(office, "Eve New")  # a creation
        consent_revoke(student=cat, consent_id=Consent.objects.get(student=cat).pk)
        engagement_deliver(  # an engagement moves on
            engagement_id=engagement.pk, drafter=ann, link="https://example.com/work"
        )

    with time_machine.travel(T0 + timedelta(hours=2), tick=False):
        changed, removed, _ = _sync(client, "students/", since=synced_at)
        by_id = {
            row["id"]: row for row in client.get("/api/v1/careers/students/").json()["results"]
        }
        # Ann's engagement moved on, Ben was renamed, Eve is new.
        assert sorted(by_id[i]["name"] for i in changed) == ["Ann One", "Ben Renamed", "Eve New"]
        public = {row["name"]: row["id"] for row in by_id.values()}
        assert public["Dee Quiet"] not in changed  # untouched since the last sync
        assert len(removed) == 1 and removed[0] not in by_id  # Cat, now gone
        eng_changed, _, _ = _sync(client, "engagements/", since=eng_synced)
        assert eng_changed == [engagement.pk]
        # Nothing changed since now: an empty, cheap answer.
        later = (T0 + timedelta(hours=2)).isoformat()
        assert _sync(client, "students/", since=later)[:2] == ([], [])
    assert quiet and eve


def test_a_new_consent_brings_older_engagements_into_the_next_sync(office):
    client = office.key_client()
    with time_machine.travel(T0, tick=False):
        late = make_student(office, "Late Sharer", scopes=None)
        old = EngagementFactory(drafter=late)
        _, _, synced_at = _sync(client, "engagements/")
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        from accounts import consent_terms
        from accounts.services.consent import consent_grant

        consent_grant(
            student=late,
            institution_slug=office.institution.slug,
            scopes=["participation"],
            version=consent_terms.VERSION,
        )
        assert _sync(client, "engagements/", since=synced_at)[0] == [old.pk]


@pytest.mark.parametrize(
    "bad", ["yesterday", "2026-03-01", "2026-03-01T09:00:00", "2026-13-01T00:00Z"]
)
def test_a_malformed_updated_since_is_a_400_naming_the_format(office, bad):
    response = office.key_client().get(f"/api/v1/careers/students/?updated_since={bad}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "updated_since_invalid"
    assert "ISO 8601" in error["fields"]["updated_since"][0]


def test_page_size_above_the_cap_is_capped(office):
    for n in range(3):
        make_student(office, f"Student {n}")
    response = office.key_client().get("/api/v1/careers/students/?page_size=100000")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3
    from django.conf import settings

    from projects.careers.api.pagination import CareersPagination

    assert CareersPagination.max_page_size == settings.API_MAX_PAGE_SIZE == 100
