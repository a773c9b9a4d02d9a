import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from projects.models import Engagement, Task


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_creates_usable_logins(client):
    call_command("seed_demo")
    call_command("seed_demo")
    demo = User.objects.filter(email__endswith="@demo.slipstream.local")
    assert demo.count() == 4
    assert EmailAddress.objects.filter(user__in=demo, verified=True).count() == 4
    logged_in = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": "maya.mentor@demo.slipstream.local", "password": "slipstream-demo"},
        content_type="application/json",
    )
    assert logged_in.status_code == 200


@pytest.mark.django_db
def test_seed_demo_shows_a_living_marketplace():
    call_command("seed_demo")
    call_command("seed_demo")
    assert set(Task.objects.values_list("state", flat=True)) == {
        "draft",
        "open",
        "closed",
        "cancelled",
        "archived",
    }
    states = set(Engagement.objects.values_list("state", flat=True))
    assert {"active", "delivered", "completed", "awaiting_funding"} <= states
    assert Task.objects.filter(mentor__email__endswith="@demo.slipstream.local").count() == 10
