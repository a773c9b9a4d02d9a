"""Stripe webhooks that are signed but wrong: a funding event that is not the payment we asked
for, connected-account events out of order, bodies of every shape (issue 14, items 3-5)."""

import json
import time

import pytest

from accounts.models import Notification
from projects.models import Engagement
from projects.stipends.models import ConnectedAccount, LedgerEntry, Stipend, StripeEvent
from projects.stipends.services.checkout import engagement_fund_start
from tests.factories import UserFactory
from tests.stipends.conftest import (
    CONNECT_PATH,
    CONNECT_SECRET,
    PLATFORM_PATH,
    PLATFORM_SECRET,
    signed_post,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _stripe(stripe_standin_settings):
    return stripe_standin_settings


@pytest.fixture
def engagement(db):
    from tests.stipends.conftest import make_paid_engagement

    return make_paid_engagement(amount=12_345)


def _completed(session: dict, event_id: str = "evt_forged") -> str:
    return json.dumps(
        {
            "id": event_id,
            "type": "checkout.session.completed",
            "created": int(time.time()),
            "data": {"object": session},
        }
    )


def _session(engagement: Engagement, **overrides) -> dict:
    stipend = Stipend.objects.get(engagement=engagement)
    return {
        "id": stipend.checkout_session_id,
        "object": "checkout.session",
        "payment_status": "paid",
        "amount_total": stipend.amount,
        "currency": stipend.currency,
        "payment_intent": "pi_forged",
        "metadata": {"engagement": str(engagement.pk)},
        **overrides,
    }


MISMATCHES = {
    "unknown session, one cent": {"id": "cs_unknown", "amount_total": 1},
    "our session, one cent": {"amount_total": 1},
    "our session, other currency": {"currency": "jpy"},
    "unknown session, right amount": {"id": "cs_unknown"},
}


@pytest.mark.parametrize("case", MISMATCHES)
def test_a_paid_session_that_is_not_the_one_we_asked_for_funds_nothing(client, engagement, case):
    staff = UserFactory(is_staff=True)
    engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)

    response = signed_post(
        client,
        PLATFORM_PATH,
        _completed(_session(engagement, **MISMATCHES[case])),
        PLATFORM_SECRET,
    )

    assert (response.status_code, response.json()["outcome"]) == (200, "ignored")
    assert StripeEvent.objects.get(event_id="evt_forged").error.startswith("mismatch")
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.UNFUNDED
    engagement.refresh_from_db()
    assert engagement.state == Engagement.State.AWAITING_FUNDING
    assert not LedgerEntry.objects.exists()
    assert Notification.objects.filter(recipient=staff, kind="staff_alert").count() == 1


def test_the_session_we_asked_for_still_funds(client, engagement):
    engagement_fund_start(engagement_id=engagement.pk, user=engagement.mentor)

    response = signed_post(client, PLATFORM_PATH, _completed(_session(engagement)), PLATFORM_SECRET)

    assert response.json()["outcome"] == "processed"
    assert Stipend.objects.get(engagement=engagement).state == Stipend.State.FUNDED


def _account_updated(event_id: str, created: int, payouts_enabled: bool) -> str:
    return json.dumps(
        {
            "id": event_id,
            "type": "account.updated",
            "account": "acct_late",
            "created": created,
            "data": {"object": {"id": "acct_late", "payouts_enabled": payouts_enabled}},
        }
    )


def test_an_older_account_updated_arriving_late_does_not_turn_payouts_off(client):
    ConnectedAccount.objects.create(user=UserFactory(), stripe_account_id="acct_late")
    newer = _account_updated("evt_newer", created=2_000_000_000, payouts_enabled=True)
    older = _account_updated("evt_older", created=1_900_000_000, payouts_enabled=False)

    signed_post(client, CONNECT_PATH, newer, CONNECT_SECRET)
    late = signed_post(client, CONNECT_PATH, older, CONNECT_SECRET)

    assert late.status_code == 200
    assert ConnectedAccount.objects.get(stripe_account_id="acct_late").payouts_enabled is True


def test_account_updated_events_in_order_still_apply(client):
    ConnectedAccount.objects.create(user=UserFactory(), stripe_account_id="acct_late")
    signed_post(
        client, CONNECT_PATH, _account_updated("evt_a", 1_900_000_000, True), CONNECT_SECRET
    )
    signed_post(
        client, CONNECT_PATH, _account_updated("evt_b", 2_000_000_000, False), CONNECT_SECRET
    )

    assert ConnectedAccount.objects.get(stripe_account_id="acct_late").payouts_enabled is False


BODIES = {
    "a JSON list": "[1, 2, 3]",
    "a JSON string": '"evt"',
    "a number": "42",
    "null": "null",
    "an object without id": '{"type": "charge.refunded"}',
    "an id that is a number": '{"id": 7, "type": "charge.refunded"}',
    "data that is a list": '{"id": "evt_1", "type": "charge.refunded", "data": []}',
    "nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "an object nested 100,000 deep": '{"id": "evt_2", "type": "x", "data": '
    + '{"a": ' * 100_000
    + "1"
    + "}" * 100_000
    + "}",
}


@pytest.mark.parametrize("case", BODIES)
@pytest.mark.parametrize(
    ("path", "secret"), [(PLATFORM_PATH, PLATFORM_SECRET), (CONNECT_PATH, CONNECT_SECRET)]
)
def test_every_signed_body_that_is_not_an_event_is_a_400_in_the_error_shape(
    client, case, path, secret
):
    client.raise_request_exception = False

    response = signed_post(client, path, BODIES[case], secret)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_signature"
    assert not StripeEvent.objects.exists()
