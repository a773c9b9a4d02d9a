"""Every webhook of a whole stipend lifecycle, delivered 3 times each in 50 random orders, ends
in the same state as delivering them in order: one Payout, one Transfer keyed payout:<id>.

`make test` runs the 50 orders once across its two passes: seeds 0-24 on SQLite, 25-49 on
PostgreSQL (the handlers are the same code on both; PostgreSQL adds the row locks). ORDERS=n
runs n orders on each database."""

import os
import random
from typing import Any

import pytest
from django.db import connection

from projects.models import Engagement
from projects.stipends.models import LedgerEntry, Payout, Stipend

from .conftest import (
    Webhooks,
    approve,
    make_paid_engagement,
    onboard,
    pay,
    transfers_for,
)

pytestmark = pytest.mark.django_db(transaction=True)

COPIES = 3
ORDERS = int(os.environ.get("ORDERS", 0))
ORDERS_IN_ALL = 50


def _lifecycle(standin, stripe_api, rng: random.Random | None) -> tuple[Any, ...]:
    """Fund, onboard and approve one engagement while its events arrive (shuffled if rng)."""
    standin.reset()
    engagement = make_paid_engagement()
    hooks = Webhooks(stripe_api)
    pay(standin, engagement)
    account = onboard(standin, engagement.drafter)
    hooks.accounts = [account.stripe_account_id]
    pool: list[tuple[str, dict[str, Any]]] = []

    types: set[str] = set()

    def collect() -> None:
        for item in hooks.new_events():
            types.add(item[1]["type"])
            copies = [item] * COPIES
            if rng is None:
                pool.extend(copies)
            else:
                for copy in copies:
                    pool.insert(rng.randint(0, len(pool)), copy)

    collect()
    approved = False
    while pool or not approved:
        engagement.refresh_from_db()
        active = engagement.state == Engagement.State.ACTIVE
        # In order: approve once everything so far has arrived. Shuffled: at any moment after
        # the engagement became active (approval needs delivered work, so never before).
        wants = (not pool) if rng is None else (rng.random() < 0.3 or not pool)
        if not approved and active and wants:
            approve(engagement)
            approved = True
        elif pool:
            hooks.post(*pool.pop(0))
        else:
            pytest.fail("events ran out before the engagement became active")
        collect()

    return _final_state(engagement, stripe_api), sorted(types)


def _final_state(engagement: Engagement, stripe_api) -> tuple[Any, ...]:
    engagement.refresh_from_db()
    stipend = Stipend.objects.get(engagement=engagement)
    payouts = list(Payout.objects.filter(engagement=engagement))
    transfers = transfers_for(stripe_api, engagement.pk)
    assert len(payouts) == 1, payouts
    assert len(transfers) == 1, transfers
    [payout] = payouts
    assert payout.transfer_id == transfers[0].id
    created = stripe_api.v1.events.list(params={"type": "transfer.created"}).data
    assert [event.request.idempotency_key for event in created] == [f"payout:{engagement.pk}"]
    ledger = sorted(
        (entry.kind, entry.amount, entry.user_id == engagement.mentor_id)
        for entry in LedgerEntry.objects.filter(stipend=stipend)
    )
    return (
        engagement.state,
        stipend.state,
        payout.state,
        payout.amount,
        payout.idempotency_key == f"payout:{engagement.pk}",
        engagement.drafter.connected_account.payouts_enabled,
        tuple(ledger),
    )


# Delivered once each in order, one Stripe lifecycle ends exactly so.
IN_ORDER = (
    "completed",
    "released",
    "paid",
    11_250,
    True,
    True,
    (("payout", 11_250, False), ("stipend_paid", -12_500, True)),
)
# The random orders run in batches, so test workers share the lifecycles.
BATCHES = 5


def _seeds() -> range:
    """This database's orders: its half of the 50, or ORDERS of its own when set."""
    if ORDERS:
        return range(ORDERS)
    half = ORDERS_IN_ALL // 2
    start = half if connection.vendor == "postgresql" else 0
    return range(start, start + half)


def test_events_three_times_each_in_order_end_in_one_payout_and_one_transfer(standin, stripe_api):
    final, types = _lifecycle(standin, stripe_api, rng=None)
    assert final == IN_ORDER
    # The lifecycle really covers the events that matter.
    assert {"checkout.session.completed", "account.updated", "transfer.created"} <= set(types)


@pytest.mark.parametrize("batch", range(BATCHES))
def test_events_three_times_each_in_random_orders_end_like_in_order(standin, stripe_api, batch):
    for seed in _seeds()[batch::BATCHES]:
        final, _ = _lifecycle(standin, stripe_api, rng=random.Random(seed))
        assert final == IN_ORDER, f"order with seed {seed} ended differently"
