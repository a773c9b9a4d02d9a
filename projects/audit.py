"""The audit trail: every state transition and money movement, with actor, time, from -> to.

Recorded from model saves (post_init remembers the state an instance was loaded with;
post_save compares), so no service can forget it and every path — API, admin, webhooks,
scheduled work — is covered. Who acted is taken from the request being served (the DRF-
authenticated user included); outside a request it is the system. Services change states
with save(), never queryset.update(), so every change passes here.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import post_init, post_save
from django.http import HttpRequest, HttpResponse

from projects.models import AuditEntry

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "audit_request", default=None
)


class AuditActorMiddleware:
    """Makes the request being served known to the audit trail (named in settings)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def _actor() -> tuple[Any, str]:
    request = _request.get()
    if request is None:
        return None, AuditEntry.Via.SYSTEM
    if request.path.startswith("/payments/"):
        return None, AuditEntry.Via.STRIPE
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None, AuditEntry.Via.SYSTEM
    via = AuditEntry.Via.ADMIN if request.path.startswith("/admin/") else AuditEntry.Via.WEB
    return user, via


def audit_record(
    *,
    subject_type: str,
    subject_id: int,
    from_state: str,
    to_state: str,
    amount: int | None = None,
    currency: str = "",
) -> AuditEntry:
    actor, via = _actor()
    return AuditEntry.objects.create(
        actor=actor,
        via=via,
        subject_type=subject_type,
        subject_id=subject_id,
        from_state=from_state,
        to_state=to_state,
        amount=amount,
        currency=currency,
    )


def _remember_state(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    instance._audit_state = instance.__dict__.get("state", "")


def _record_transition(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw or "state" not in instance.__dict__:
        return
    before = "" if created else getattr(instance, "_audit_state", "")
    after = instance.state
    if before == after:
        return
    amount = getattr(instance, "amount", None)
    audit_record(
        subject_type=sender._meta.model_name or "",  # always set on a concrete model
        subject_id=instance.pk,
        from_state=before,
        to_state=after,
        amount=amount if isinstance(amount, int) else None,
        currency=getattr(instance, "currency", "") or "",
    )
    instance._audit_state = after


def _record_movement(
    sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw or not created:
        return
    audit_record(
        subject_type="ledgerentry",
        subject_id=instance.pk,
        from_state="",
        to_state=instance.kind,
        amount=instance.amount,
        currency=instance.currency,
    )


def audit_connect() -> None:
    """Called once from ProjectsConfig.ready()."""
    from projects.models import Application, Engagement, Task
    from projects.offers.models import Offer
    from projects.stipends.models import LedgerEntry, Payout, Stipend

    for model in (Task, Application, Engagement, Stipend, Payout, Offer):
        uid = f"audit-{model._meta.label_lower}"
        post_init.connect(_remember_state, sender=model, dispatch_uid=f"{uid}-init")
        post_save.connect(_record_transition, sender=model, dispatch_uid=f"{uid}-save")
    post_save.connect(_record_movement, sender=LedgerEntry, dispatch_uid="audit-ledger")
