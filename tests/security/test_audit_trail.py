"""A full paid journey leaves an audit trail of every transition and money movement (who,
when, from -> to), readable by site staff, and writes no secret to the logs."""

import json
import logging

import pytest
import stripe
from django.conf import settings
from django.test import Client

from projects.models import Application, AuditEntry, Engagement, Task
from projects.stipends.models import Payout, Stipend
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.stipends.conftest import Webhooks, onboard

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict | None = None):
    response = client.post(url, json.dumps(body or {}), content_type="application/json")
    assert response.status_code in {200, 201}, (url, response.content)
    return response.json()


def _trail(subject: str, pk: int) -> list[tuple[str, str, str, int | None]]:
    return [
        (entry.from_state, entry.to_state, entry.via, entry.actor_id)
        for entry in AuditEntry.objects.filter(subject_type=subject, subject_id=pk).order_by("id")
    ]


def test_a_paid_journey_is_audited_and_logs_no_secret(stripe_standin_settings, caplog):
    caplog.set_level(logging.DEBUG)
    standin = stripe_standin_settings
    webhooks = Webhooks(
        stripe.StripeClient(
            "sk_test_slipstream", base_addresses={"api": standin.base_url}, max_network_retries=0
        )
    )
    mentor_user, drafter_user = UserFactory(), UserFactory()
    mentor, drafter = _signed_in(mentor_user), _signed_in(drafter_user)

    task = _post(
        mentor,
        "/api/v1/tasks/",
        {
            "title": "Draft a survey",
            "description": "Write ten questions.",
            "estimated_hours": 4,
            "stipend_amount": 12_000,
        },
    )
    _post(mentor, f"/api/v1/tasks/{task['id']}/publish/")
    application = _post(
        drafter,
        f"/api/v1/tasks/{task['id']}/applications/",
        {"note": "I have run surveys.", "work_sample_link": "https://example.org/w"},
    )
    accepted = _post(mentor, f"/api/v1/applications/{application['id']}/accept/")
    engagement_id = accepted.get("engagement_id") or Engagement.objects.get().pk
    checkout = _post(mentor, f"/api/v1/engagements/{engagement_id}/fund/")["checkout_url"]
    standin.pay_checkout(checkout)
    onboard(standin, drafter_user)
    webhooks.deliver()
    _post(
        drafter,
        f"/api/v1/engagements/{engagement_id}/deliverables/",
        {"link": "https://example.org/survey", "note": "Done"},
    )
    _post(mentor, f"/api/v1/engagements/{engagement_id}/approve/")
    webhooks.deliver()

    stipend = Stipend.objects.get(engagement_id=engagement_id)
    payout = Payout.objects.get(engagement_id=engagement_id)
    assert payout.state == Payout.State.PAID
    m, d = mentor_user.pk, drafter_user.pk
    assert _trail("task", task["id"]) == [
        ("", "draft", "web", m),
        ("draft", "open", "web", m),
        ("open", "closed", "web", m),  # its one slot was filled
    ]
    assert _trail("application", application["id"]) == [
        ("", "submitted", "web", d),
        ("submitted", "accepted", "web", m),
    ]
    assert _trail("engagement", engagement_id) == [
        ("", "awaiting_funding", "web", m),
        ("awaiting_funding", "active", "stripe", None),
        ("active", "delivered", "web", d),
        ("delivered", "completed", "web", m),
    ]
    assert [row[:3] for row in _trail("stipend", stipend.pk)] == [
        ("", "unfunded", "web"),
        ("unfunded", "funded", "stripe"),
        ("funded", "released", "web"),
    ]
    assert [row[1] for row in _trail("payout", payout.pk)] == ["pending", "paid"]
    money = AuditEntry.objects.filter(subject_type="ledgerentry").order_by("id")
    assert [(e.to_state, e.amount) for e in money] == [
        ("stipend_paid", -12_000),
        ("payout", payout.amount),
    ]
    assert all(e.created_at for e in AuditEntry.objects.all())

    secrets = {
        "Stripe secret key": settings.STRIPE_SECRET_KEY,
        "platform webhook secret": settings.STRIPE_WEBHOOK_SECRET,
        "connect webhook secret": settings.STRIPE_CONNECT_WEBHOOK_SECRET,
        "Django secret key": settings.SECRET_KEY,
        "mentor's session id": mentor.cookies[settings.SESSION_COOKIE_NAME].value,
        "drafter's session id": drafter.cookies[settings.SESSION_COOKIE_NAME].value,
        "password": DEFAULT_PASSWORD,
    }
    # Everything the product and its libraries logged (factory_boy's own test logging aside).
    logged = "\n".join(
        f"{record.getMessage()} {record.__dict__}"
        for record in caplog.records
        if not record.name.startswith("factory")
    )
    assert len(caplog.records) > 20  # the journey was logged, at DEBUG level too
    leaked = [name for name, value in secrets.items() if value and value in logged]
    assert leaked == []


def test_site_staff_read_the_trail_in_the_admin():
    staff = UserFactory(is_staff=True, is_superuser=True)
    task = Task.objects.create(
        mentor=UserFactory(), title="T", description="D", estimated_hours=1, what_you_gain="G"
    )
    client = _signed_in(staff)

    listing = client.get("/admin/projects/auditentry/")

    assert listing.status_code == 200
    assert f">{task.pk}<" in listing.content.decode()
    assert _signed_in(UserFactory()).get("/admin/projects/auditentry/").status_code == 302
    assert Application.objects.count() == 0
