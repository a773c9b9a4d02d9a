"""The monthly cap holds when many drafters offer to one mentor at the same moment, and the
3-open-offers rule holds when one drafter offers to many mentors at the same moment."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from projects.offers.models import Offer
from projects.offers.services.settings import offer_settings_update
from tests.factories import UserFactory

OFFERS = 12


def _offer_body() -> dict:
    return {
        "title": "Proofread your launch post",
        "what": "I will proofread the launch post and suggest a shorter opening.",
        "estimated_hours": 2,
        "by_when": str(timezone.localdate() + datetime.timedelta(days=21)),
        "work_sample_link": "https://example.org/sample",
    }


def _send_all_at_once(pairs: list) -> list[tuple[int, str]]:
    """Each (drafter, mentor) pair's offer, sent from its own thread and connection, all
    released by one barrier so they meet inside offer_create."""
    barrier = threading.Barrier(len(pairs))
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def offer(drafter, mentor) -> None:
        client = APIClient()
        client.force_authenticate(drafter)
        try:
            barrier.wait()
            response = client.post(
                f"/api/v1/mentors/{mentor.profile.handle}/offers/", _offer_body(), format="json"
            )
            code = response.json().get("error", {}).get("code", "")
            with lock:
                results.append((response.status_code, code))
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=offer, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twelve_parallel_offers_to_a_mentor_with_a_cap_of_three_make_exactly_three():
    mentor = UserFactory()
    offer_settings_update(mentor=mentor, data={"is_open": True, "monthly_cap": 3})
    drafters = [UserFactory() for _ in range(OFFERS)]
    barrier = threading.Barrier(OFFERS)
    results: list[tuple[int, str]] = []
    lock = threading.Lock()
    body = {
        "title": "Proofread your launch post",
        "what": "I will proofread the launch post and suggest a shorter opening.",
        "estimated_hours": 2,
        "by_when": str(timezone.localdate() + datetime.timedelta(days=21)),
        "work_sample_link": "https://example.org/sample",
    }

    def offer(drafter) -> None:
        client = APIClient()
        client.force_authenticate(drafter)
        try:
            barrier.wait()
            response = client.post(
                f"/api/v1/mentors/{mentor.profile.handle}/offers/", body, format="json"
            )
            code = response.json().get("error", {}).get("code", "")
            with lock:
                results.append((response.status_code, code))
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=offer, args=(d,)) for d in drafters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _ in results)
    assert len(results) == OFFERS
    assert statuses.count(201) == 3, results
    assert {code for status, code in results if status != 201} == {"offer_cap_reached"}
    assert Offer.objects.filter(mentor=mentor).count() == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_four_parallel_offers_from_one_drafter_to_four_mentors_refuse_the_fourth():
    mentors = [UserFactory() for _ in range(4)]
    for mentor in mentors:
        offer_settings_update(mentor=mentor, data={"is_open": True, "monthly_cap": 3})
    drafter = UserFactory()

    results = _send_all_at_once([(drafter, mentor) for mentor in mentors])

    assert sorted(status for status, _ in results) == [201, 201, 201, 409], results
    assert {code for status, code in results if status == 409} == {"offer_pending_limit"}
    assert Offer.objects.filter(drafter=drafter, state=Offer.State.PENDING).count() == 3


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_four_drafters_offering_at_once_to_a_mentor_with_a_cap_of_three_refuse_the_fourth():
    mentor = UserFactory()
    offer_settings_update(mentor=mentor, data={"is_open": True, "monthly_cap": 3})
    drafters = [UserFactory() for _ in range(4)]

    results = _send_all_at_once([(drafter, mentor) for drafter in drafters])

    assert sorted(status for status, _ in results) == [201, 201, 201, 409], results
    assert {code for status, code in results if status == 409} == {"offer_cap_reached"}
    assert Offer.objects.filter(mentor=mentor).count() == 3
