"""Accepting beyond `slots` is impossible, also when many accepts arrive at once."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from projects.models import Engagement, Task
from tests.factories import ApplicationFactory, TaskFactory, UserFactory

ACCEPTS = 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_accepts_for_one_slot_make_exactly_one_engagement():
    mentor = UserFactory()
    task = TaskFactory(mentor=mentor, slots=1)
    applications = [ApplicationFactory(task=task) for _ in range(ACCEPTS)]
    barrier = threading.Barrier(ACCEPTS)
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def accept(application_id: int) -> None:
        client = APIClient()
        client.force_authenticate(mentor)
        try:
            barrier.wait()
            response = client.post(f"/api/v1/applications/{application_id}/accept/")
            code = response.json().get("error", {}).get("code", "") if response.content else ""
            with lock:
                results.append((response.status_code, code))
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=accept, args=(a.pk,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _ in results)
    assert len(results) == ACCEPTS
    assert statuses.count(201) == 1
    assert all(status == 409 for status in statuses if status != 201), results
    assert {code for status, code in results if status == 409} == {"slots_full"}
    assert Engagement.objects.count() == 1
    task.refresh_from_db()
    assert task.filled_slots == 1
    assert task.state == Task.State.CLOSED
