"""A Stripe webhook arriving while a user's own request writes must not fail with "database is
locked" on the embedded SQLite database (issue 14, item 1). Also passes on PostgreSQL."""

import json
import threading
import time

import pytest
import stripe
from django.db import connection, transaction
from django.test import Client

from accounts.models import Profile
from tests.factories import UserFactory

CONNECT_SECRET = "whsec_concurrency_connect"


@pytest.mark.django_db(transaction=True)
def test_webhook_during_a_users_write_transaction_is_not_a_500(settings):
    settings.STRIPE_CONNECT_WEBHOOK_SECRET = CONNECT_SECRET
    user = UserFactory()
    webhook_started = threading.Event()
    webhook_done = threading.Event()
    outcome: dict[str, object] = {}

    def deliver_webhook() -> None:
        event = json.dumps(
            {
                "id": "evt_during_request",
                "type": "account.updated",
                "account": "acct_elsewhere",
                "created": 1,
                "data": {"object": {"id": "acct_elsewhere", "payouts_enabled": True}},
            }
        )
        header = stripe.WebhookSignature.generate_signature_header(
            event, CONNECT_SECRET, timestamp=int(time.time())
        )
        client = Client(raise_request_exception=False)
        webhook_started.set()
        try:
            outcome["webhook"] = client.post(
                "/payments/stripe/connect-webhook/",
                data=event,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header,
            ).status_code
        finally:
            webhook_done.set()
            connection.close()

    def users_request() -> None:
        try:
            # A request that reads, then writes in one transaction (what every service does).
            with transaction.atomic():
                profile = Profile.objects.get(user=user)
                threading.Thread(target=deliver_webhook).start()
                webhook_started.wait()
                # Deferred transactions let the webhook commit here, so the write below fails.
                # Immediate ones keep it waiting; then this bounded wait simply runs out.
                webhook_done.wait(timeout=0.5)
                profile.headline = "Written while a webhook arrived"
                profile.save(update_fields=["headline"])
            outcome["user"] = "ok"
        except Exception as exc:
            outcome["user"] = repr(exc)
        finally:
            connection.close()

    request_thread = threading.Thread(target=users_request)
    request_thread.start()
    request_thread.join()
    webhook_done.wait(timeout=30)

    assert outcome == {"user": "ok", "webhook": 200}
    assert Profile.objects.get(user=user).headline == "Written while a webhook arrived"
