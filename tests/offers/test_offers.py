"""Offers: sending (caps, one per mentor, three open), reading, and every transition."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Notification
from projects.models import AuditEntry
from projects.offers.models import Offer
from projects.offers.services.offers import offers_expire_due
from projects.offers.services.settings import offer_settings_update
from tests.factories import DEFAULT_PASSWORD, PortfolioItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def _code(response) -> str:
    return response.json()["error"]["code"]


def test_drafter_sends_an_offer_with_evidence_and_the_mentor_is_told(
    send_offer, mentor, drafter, item
):
    response = send_offer(drafter, mentor)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "pending"
    assert body["viewer_role"] == "drafter"
    assert body["allowed_actions"] == ["withdraw", "message"]
    assert [p["title"] for p in body["portfolio_items"]] == [item.title]
    assert body["expires_at"]
    assert "@" not in str(body["mentor"])
    note = Notification.objects.get(recipient=mentor, kind="offer_new")
    assert note.url == f"/offers/{body['id']}/"


def test_an_offer_needs_a_portfolio_item_or_a_work_sample(send_offer, mentor, drafter):
    response = send_offer(drafter, mentor, portfolio_item_ids=[])
    assert (response.status_code, _code(response)) == (400, "evidence_required")

    with_link = send_offer(
        drafter, mentor, portfolio_item_ids=[], work_sample_link="https://e.org/w"
    )
    assert with_link.status_code == 201


def test_evidence_must_be_the_drafters_own_work(send_offer, mentor, drafter):
    someone_elses = PortfolioItemFactory()
    response = send_offer(drafter, mentor, portfolio_item_ids=[someone_elses.pk])
    assert (response.status_code, _code(response)) == (404, "portfolio_item_invalid")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("estimated_hours", 11),
        ("estimated_hours", 0),
        ("what", ""),
        ("what", "x" * 1501),
        ("title", "   "),
        ("by_when", "2001-01-01"),
        ("what", "nul\x00byte"),
    ],
)
def test_an_offer_is_small_specific_and_dated_in_the_future(
    send_offer, mentor, drafter, field, value
):
    response = send_offer(drafter, mentor, **{field: value})
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_today_is_not_in_the_future(send_offer, mentor, drafter):
    response = send_offer(drafter, mentor, by_when=str(timezone.localdate()))
    assert (response.status_code, _code(response)) == (400, "offer_invalid")


def test_an_unknown_handle_is_404_and_a_closed_mentor_is_409(
    send_offer, client_for, drafter, offer_body
):
    unknown = client_for(drafter).post(
        "/api/v1/mentors/no-such-person/offers/", offer_body(), format="json"
    )
    assert unknown.status_code == 404

    closed = UserFactory()
    assert (send_offer(drafter, closed).status_code, _code(send_offer(drafter, closed))) == (
        409,
        "offers_closed",
    )
    offer_settings_update(mentor=closed, data={"is_open": True})
    offer_settings_update(mentor=closed, data={"is_open": False})
    assert _code(send_offer(drafter, closed)) == "offers_closed"


def test_no_offer_to_yourself(send_offer, mentor, offer_body):
    PortfolioItemFactory(owner=mentor)
    response = send_offer(mentor, mentor, portfolio_item_ids=[], work_sample_link="https://e.org/w")
    assert (response.status_code, _code(response)) == (403, "own_offer")


def test_one_pending_offer_per_mentor(send_offer, mentor, drafter):
    assert send_offer(drafter, mentor).status_code == 201
    again = send_offer(drafter, mentor)
    assert (again.status_code, _code(again)) == (409, "offer_exists")


def test_a_drafter_has_at_most_three_offers_waiting(send_offer, drafter):
    mentors = [UserFactory() for _ in range(4)]
    for m in mentors:
        offer_settings_update(mentor=m, data={"is_open": True})
    for m in mentors[:3]:
        assert send_offer(drafter, m).status_code == 201

    fourth = send_offer(drafter, mentors[3])

    assert (fourth.status_code, _code(fourth)) == (409, "offer_pending_limit")
    assert "3 offers waiting" in fourth.json()["error"]["message"]


def test_withdrawing_frees_a_place_among_the_three(send_offer, client_for, drafter):
    mentors = [UserFactory() for _ in range(4)]
    for m in mentors:
        offer_settings_update(mentor=m, data={"is_open": True})
    sent = [send_offer(drafter, m).json()["id"] for m in mentors[:3]]
    first = sent[0]
    client_for(drafter).post(f"/api/v1/offers/{first}/withdraw/")
    assert send_offer(drafter, mentors[3]).status_code == 201


def test_the_monthly_cap_refuses_the_fourth_offer_with_the_date_it_opens_again(
    send_offer, client_for, mentor
):
    with time_machine.travel(datetime.datetime(2031, 3, 10, 12, tzinfo=datetime.UTC), tick=False):
        drafters = [UserFactory() for _ in range(4)]
        for d in drafters[:3]:
            PortfolioItemFactory(owner=d)
            assert (
                send_offer(
                    d, mentor, portfolio_item_ids=[], work_sample_link="https://e.org/w"
                ).status_code
                == 201
            )
        # A declined offer no longer holds a place; accepted and pending ones do.
        fourth = send_offer(
            drafters[3], mentor, portfolio_item_ids=[], work_sample_link="https://e.org/w"
        )
        assert (fourth.status_code, _code(fourth)) == (409, "offer_cap_reached")
        assert "1 Apr 2031" in fourth.json()["error"]["message"]
        card = client_for(drafters[3]).get("/api/v1/mentors/").json()["results"][0]
        assert (card["offers_left_this_month"], card["opens_again_on"]) == (0, "2031-04-01")

        declined = Offer.objects.filter(mentor=mentor).first()
        client_for(mentor).post(f"/api/v1/offers/{declined.pk}/decline/", {"reason": "no_capacity"})
        assert (
            send_offer(
                drafters[3], mentor, portfolio_item_ids=[], work_sample_link="https://e.org/w"
            ).status_code
            == 201
        )

    with time_machine.travel(datetime.datetime(2031, 4, 1, 9, tzinfo=datetime.UTC), tick=False):
        newcomer = UserFactory()
        assert (
            send_offer(
                newcomer, mentor, portfolio_item_ids=[], work_sample_link="https://e.org/w"
            ).status_code
            == 201
        )


def test_only_its_two_people_can_read_an_offer(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]

    as_mentor = client_for(mentor).get(f"/api/v1/offers/{offer_id}/").json()
    stranger = client_for(UserFactory()).get(f"/api/v1/offers/{offer_id}/")

    assert as_mentor["viewer_role"] == "mentor"
    assert as_mentor["allowed_actions"] == ["accept", "decline", "message"]
    assert stranger.status_code == 404


def test_my_offers_lists_sent_and_received_boxes(
    send_offer, client_for, mentor, drafter, django_assert_max_num_queries
):
    offer_id = send_offer(drafter, mentor).json()["id"]
    m, d = client_for(mentor), client_for(drafter)

    assert [o["id"] for o in d.get("/api/v1/me/offers/?box=sent").json()["results"]] == [offer_id]
    assert d.get("/api/v1/me/offers/?box=received").json()["results"] == []
    with django_assert_max_num_queries(6):
        received = m.get("/api/v1/me/offers/?box=received").json()["results"]
    assert [o["id"] for o in received] == [offer_id]
    assert m.get("/api/v1/me/offers/?box=nonsense").status_code == 400


def test_mentor_declines_with_a_reason_and_the_drafter_is_told(
    send_offer, client_for, mentor, drafter
):
    offer_id = send_offer(drafter, mentor).json()["id"]

    response = client_for(mentor).post(
        f"/api/v1/offers/{offer_id}/decline/", {"reason": "already_covered", "note": "We did it."}
    )

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["decline_reason"]) == (
        "declined",
        "already_covered",
    )
    note = Notification.objects.get(recipient=drafter, kind="offer_declined")
    assert "already covered" in note.body and "We did it." in note.body
    bad = client_for(mentor).post(f"/api/v1/offers/{offer_id}/decline/", {"reason": "rude"})
    assert bad.status_code == 400


def test_the_drafter_cannot_accept_and_the_mentor_cannot_withdraw(
    send_offer, client_for, mentor, drafter
):
    offer_id = send_offer(drafter, mentor).json()["id"]

    assert client_for(drafter).post(f"/api/v1/offers/{offer_id}/accept/").status_code == 404
    assert (
        client_for(drafter)
        .post(f"/api/v1/offers/{offer_id}/decline/", {"reason": "other"})
        .status_code
        == 404
    )
    assert client_for(mentor).post(f"/api/v1/offers/{offer_id}/withdraw/").status_code == 404
    assert Offer.objects.get(pk=offer_id).state == "pending"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("withdraw", "accept"),
        ("decline", "withdraw"),
        ("accept", "decline"),
        ("withdraw", "withdraw"),
    ],
)
def test_an_answered_offer_cannot_be_answered_again(
    send_offer, client_for, mentor, drafter, first, then
):
    offer_id = send_offer(drafter, mentor).json()["id"]
    actor = {"withdraw": drafter, "accept": mentor, "decline": mentor}
    body = {"decline": {"reason": "other"}}
    client_for(actor[first]).post(
        f"/api/v1/offers/{offer_id}/{first}/", body.get(first, {}), format="json"
    )

    response = client_for(actor[then]).post(
        f"/api/v1/offers/{offer_id}/{then}/", body.get(then, {}), format="json"
    )

    assert (response.status_code, _code(response)) == (409, "offer_state_invalid")


def test_every_transition_is_in_the_audit_trail(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]
    client_for(drafter).post(f"/api/v1/offers/{offer_id}/withdraw/")

    trail = AuditEntry.objects.filter(subject_type="offer", subject_id=offer_id).order_by("id")
    assert [(e.from_state, e.to_state) for e in trail] == [
        ("", "pending"),
        ("pending", "withdrawn"),
    ]


def test_unanswered_offers_expire_after_14_days_once(send_offer, client_for, mentor, drafter):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        offer_id = send_offer(drafter, mentor).json()["id"]
    with time_machine.travel(start + datetime.timedelta(days=13, hours=23), tick=False):
        assert offers_expire_due(now=timezone.now()) == 0
    with time_machine.travel(start + datetime.timedelta(days=14, minutes=1), tick=False):
        assert offers_expire_due(now=timezone.now()) == 1
        assert offers_expire_due(now=timezone.now()) == 0

    offer = client_for(drafter).get(f"/api/v1/offers/{offer_id}/").json()
    assert (offer["state"], offer["allowed_actions"]) == ("expired", [])
    note = Notification.objects.get(recipient=drafter, kind="offer_expired")
    assert "automatically" in note.body
    assert AuditEntry.objects.filter(subject_type="offer", to_state="expired", actor=None).exists()


def test_the_hourly_job_closes_offers_past_14_days(send_offer, mentor, drafter):
    from projects.tasks import closure_run

    with time_machine.travel(timezone.now() - datetime.timedelta(days=15), tick=False):
        send_offer(drafter, mentor)

    assert closure_run.call()["offers_expired"] == 1
    assert closure_run.call()["offers_expired"] == 0


def test_the_offer_thread_is_for_its_two_people_only(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]
    m, d = client_for(mentor), client_for(drafter)

    asked = m.post(f"/api/v1/offers/{offer_id}/messages/", {"body": "Which template?"})
    d.post(f"/api/v1/offers/{offer_id}/messages/", {"body": "The Q3 one."})
    stranger = client_for(UserFactory())

    assert asked.status_code == 201
    assert [x["body"] for x in d.get(f"/api/v1/offers/{offer_id}/messages/").json()["results"]] == [
        "The Q3 one.",
        "Which template?",
    ]
    assert stranger.get(f"/api/v1/offers/{offer_id}/messages/").status_code == 404
    assert stranger.post(f"/api/v1/offers/{offer_id}/messages/", {"body": "Hi"}).status_code == 404
    threads = d.get("/api/v1/me/threads/").json()["results"]
    assert [(t["kind"], t["url"]) for t in threads] == [("offer", f"/offers/{offer_id}/")]


def test_a_withdrawn_offer_closes_its_thread(send_offer, client_for, mentor, drafter):
    offer_id = send_offer(drafter, mentor).json()["id"]
    client_for(drafter).post(f"/api/v1/offers/{offer_id}/withdraw/")

    response = client_for(mentor).post(f"/api/v1/offers/{offer_id}/messages/", {"body": "Wait!"})

    assert (response.status_code, _code(response)) == (409, "thread_closed")


def test_offer_messages_share_the_rate_limit_of_every_thread(
    settings, send_offer, client_for, mentor, drafter
):
    settings.MESSAGE_RATE_PER_MINUTE = 2
    offer_id = send_offer(drafter, mentor).json()["id"]
    d = client_for(drafter)
    # One fixed minute: the limit counts per clock minute, and a slow run may cross one.
    with time_machine.travel(timezone.now(), tick=False):
        statuses = [
            d.post(f"/api/v1/offers/{offer_id}/messages/", {"body": f"n{i}"}).status_code
            for i in range(3)
        ]
    assert statuses == [201, 201, 429]


def test_closing_an_account_answers_its_offers_and_stops_new_ones(
    send_offer, client_for, mentor, drafter
):
    received = send_offer(drafter, mentor).json()["id"]
    other_mentor = UserFactory()
    offer_settings_update(mentor=other_mentor, data={"is_open": True})
    PortfolioItemFactory(owner=mentor)
    sent = send_offer(
        mentor, other_mentor, portfolio_item_ids=[], work_sample_link="https://e.org/w"
    ).json()["id"]

    closed = client_for(mentor).post(
        "/api/v1/me/delete/", {"password": DEFAULT_PASSWORD}, format="json"
    )

    assert closed.status_code in (200, 204)
    assert Offer.objects.get(pk=received).state == "declined"
    assert Offer.objects.get(pk=sent).state == "withdrawn"
    cards = client_for(drafter).get("/api/v1/mentors/").json()["results"]
    assert mentor.profile.handle not in [c["handle"] for c in cards]
    assert Notification.objects.filter(recipient=drafter, kind="offer_declined").exists()
