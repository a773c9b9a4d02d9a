"""Deployments sharing one Stripe account never collide on idempotency keys."""

import pytest

from projects.stipends import stripe_client


@pytest.mark.django_db
def test_two_deployments_with_the_same_ids_get_their_own_stripe_objects(
    settings, stripe_standin_settings
):
    settings.STRIPE_IDEMPOTENCY_NAMESPACE = "staging"
    staging = stripe_client.account_create(user_id=7, email="seven@example.org")
    staging_again = stripe_client.account_create(user_id=7, email="seven@example.org")

    settings.STRIPE_IDEMPOTENCY_NAMESPACE = "demo"
    demo = stripe_client.account_create(user_id=7, email="seven@example.org")

    # the same deployment repeating itself gets the first answer back (idempotent) ...
    assert staging_again["id"] == staging["id"]
    # ... while another deployment's user 7 is a different person with a different account
    assert demo["id"] != staging["id"]
