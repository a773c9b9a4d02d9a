"""Asking, critiquing, "helpful" and reports: credits never go below 0, text only as requests
and critiques, reports reach site staff."""

import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction

from accounts.models import Notification
from projects.circles.models import CritiqueBalance, CritiqueReport, CritiqueRequest
from projects.circles.services.critiques import critique_create, critique_request_create
from tests.factories import PortfolioItemFactory, UserFactory

pytestmark = pytest.mark.django_db
CRITIQUE = {
    "what_works": "The hero states the problem in one line.",
    "one_change": "Move the results above the process.",
    "resource": "https://lawsofux.com/",
}


def _ask(user, circle):
    item = PortfolioItemFactory(owner=user, title="Checkout redesign")
    return critique_request_create(
        circle_id=circle.pk, asker=user, portfolio_item_id=item.pk, question="Is it clear?"
    )


def test_asking_costs_the_one_starting_credit(active_circle, client_for):
    circle, members = active_circle
    item = PortfolioItemFactory(owner=members[0])
    client = client_for(members[0])

    first = client.post(
        f"/api/v1/circles/{circle.pk}/requests/",
        {"portfolio_item_id": item.pk, "question": "Does the story read well?"},
        format="json",
    )
    second = client.post(
        f"/api/v1/circles/{circle.pk}/requests/",
        {"portfolio_item_id": item.pk, "question": "And now?"},
        format="json",
    )

    assert first.status_code == 201, first.content
    assert first.json()["credits"] == 0
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "critique_no_credit"
    assert CritiqueRequest.objects.count() == 1


def test_a_member_asks_only_about_their_own_portfolio_item(active_circle, client_for):
    circle, members = active_circle
    someone_elses = PortfolioItemFactory(owner=members[1])

    response = client_for(members[0]).post(
        f"/api/v1/circles/{circle.pk}/requests/",
        {"portfolio_item_id": someone_elses.pk, "question": "Is it good?"},
        format="json",
    )

    assert response.status_code == 400
    assert "portfolio_item_id" in response.json()["error"]["fields"]
    assert CritiqueBalance.objects.filter(user=members[0]).first() is None  # nothing was spent


def test_a_forming_circle_takes_no_requests_yet(circle, host, client_for):
    item = PortfolioItemFactory(owner=host)

    response = client_for(host).post(
        f"/api/v1/circles/{circle.pk}/requests/",
        {"portfolio_item_id": item.pk, "question": "Is it clear?"},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "circle_state_invalid"


def test_members_critique_others_requests_once_and_never_their_own(active_circle, client_for):
    circle, members = active_circle
    request = _ask(members[0], circle)
    path = f"/api/v1/critique-requests/{request.pk}/critiques/"

    own = client_for(members[0]).post(path, CRITIQUE, format="json")
    given = client_for(members[1]).post(path, CRITIQUE, format="json")
    again = client_for(members[1]).post(path, CRITIQUE, format="json")
    stranger = client_for(UserFactory()).post(path, CRITIQUE, format="json")

    assert own.status_code == 403
    assert given.status_code == 201
    row = given.json()["requests"][0]
    assert (row["critiques"][0]["one_change"], row["allowed_actions"]) == (
        CRITIQUE["one_change"],
        [],
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "critique_exists")
    assert stranger.status_code == 404


def test_a_critique_is_structured_and_length_limited(active_circle, client_for):
    circle, members = active_circle
    request = _ask(members[0], circle)

    response = client_for(members[1]).post(
        f"/api/v1/critique-requests/{request.pk}/critiques/",
        {"what_works": "x" * 601, "one_change": "\x00", "resource": ""},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"what_works", "one_change", "resource"}


def test_helpful_earns_the_author_one_credit_once(active_circle, client_for):
    circle, members = active_circle
    request = _ask(members[0], circle)
    critique = critique_create(request_id=request.pk, author=members[1], **CRITIQUE)
    path = f"/api/v1/critiques/{critique.pk}/helpful/"

    not_asker = client_for(members[2]).post(path)
    marked = client_for(members[0]).post(path)
    again = client_for(members[0]).post(path)

    assert not_asker.status_code == 403
    assert marked.status_code == 200
    assert marked.json()["requests"][0]["critiques"][0]["helpful"] is True
    assert again.json()["error"]["code"] == "critique_already_helpful"
    assert CritiqueBalance.objects.get(user=members[1]).credits == 2
    assert Notification.objects.filter(recipient=members[1], kind="critique_helpful").count() == 1


def test_an_earned_credit_pays_for_the_next_request(active_circle):
    circle, members = active_circle
    request = _ask(members[1], circle)  # spends the starting credit
    critique = critique_create(
        request_id=_ask(members[0], circle).pk, author=members[1], **CRITIQUE
    )
    from projects.circles.services.critiques import critique_mark_helpful

    critique_mark_helpful(critique_id=critique.pk, user=members[0])

    assert request.pk and _ask(members[1], circle).pk
    assert CritiqueBalance.objects.get(user=members[1]).credits == 0


def test_a_report_reaches_site_staff_in_the_admin_and_by_email(
    active_circle, client_for, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    circle, members = active_circle
    staff = UserFactory(is_staff=True, email="moderator@example.org")
    critique = critique_create(
        request_id=_ask(members[0], circle).pk, author=members[1], **CRITIQUE
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(members[2]).post(
            f"/api/v1/critiques/{critique.pk}/report/",
            {"reason": "It mocks the asker."},
            format="json",
        )
    own = client_for(members[1]).post(
        f"/api/v1/critiques/{critique.pk}/report/", {"reason": "Mine."}, format="json"
    )

    assert response.status_code == 201
    assert CritiqueReport.objects.get().reason == "It mocks the asker."
    assert Notification.objects.filter(recipient=staff, kind="critique_reported").exists()
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]
    assert own.status_code == 403


def test_the_database_refuses_a_negative_balance(active_circle):
    _, members = active_circle
    balance = CritiqueBalance.objects.create(user=members[0], credits=0)

    with pytest.raises(IntegrityError), transaction.atomic():
        CritiqueBalance.objects.filter(pk=balance.pk).update(credits=-1)


def test_the_profile_shows_circles_and_critiques_given(active_circle, client_for):
    circle, members = active_circle
    critique_create(request_id=_ask(members[0], circle).pk, author=members[1], **CRITIQUE)

    body = (
        client_for(UserFactory())
        .get(f"/api/v1/profiles/{members[1].profile.handle}/experience/")
        .json()
    )

    assert body["critiques_given"] == 1
    assert [c["name"] for c in body["circles"]] == [circle.name]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_requests_with_one_credit_make_exactly_one():
    from projects.circles.services.circles import circle_create, circle_join
    from tests.factories import verified_drafter

    circle = circle_create(host=verified_drafter(), name="Race", skill_family="javascript")
    members = [UserFactory() for _ in range(3)]
    for member in members:
        circle_join(circle_id=circle.pk, user=member)
    asker = members[0]
    item = PortfolioItemFactory(owner=asker)
    barrier = threading.Barrier(10)
    statuses: list[int] = []
    lock = threading.Lock()

    def ask() -> None:
        from rest_framework.test import APIClient

        client = APIClient()
        client.force_authenticate(asker)
        try:
            barrier.wait()
            response = client.post(
                f"/api/v1/circles/{circle.pk}/requests/",
                {"portfolio_item_id": item.pk, "question": "Race?"},
                format="json",
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [201] + [409] * 9
    assert CritiqueBalance.objects.get(user=asker).credits == 0
    assert CritiqueRequest.objects.count() == 1
