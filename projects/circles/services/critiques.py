"""Critique requests, critiques, "helpful" and reports: the only text a circle holds.

Credits: asking costs 1 (everyone starts with 1), a critique the asker marks helpful earns its
author 1, once. Balances change only under their row lock (projects/locks.py) and a database
constraint keeps them at 0 or more."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import PortfolioItem, User
from accounts.services.notifications import notification_send
from marketplace.errors import NotFound, field_error
from projects.circles import error_codes as codes
from projects.circles.models import (
    Circle,
    CircleMembership,
    Critique,
    CritiqueReport,
    CritiqueRequest,
)
from projects.locks import critique_balance_lock, critique_lock
from projects.transitions import (
    circle_role_of,
    guard_critique_not_given,
    guard_has_credit,
    guard_helpful_by_asker,
    guard_not_own_request,
    guard_report_allowed,
    guard_require,
    transition_require,
)


def _require_member(circle: Circle, *, user: User, action: str) -> None:
    """Members only (anyone else: 404, the circle is hidden), then the table decides."""
    is_member = CircleMembership.objects.filter(
        circle=circle, user=user, state=CircleMembership.State.MEMBER
    ).exists()
    if not is_member:
        raise NotFound("No such circle.")
    transition_require(circle, action, role=circle_role_of(circle, user=user, is_member=True))


def critique_request_create(
    *, circle_id: int, asker: User, portfolio_item_id: int, question: str
) -> CritiqueRequest:
    """A member asks for critique on one of their own portfolio items; it costs 1 credit."""
    circle = Circle.objects.filter(pk=circle_id).first()
    if circle is None:
        raise NotFound("No such circle.")
    _require_member(circle, user=asker, action="ask")
    item = PortfolioItem.objects.filter(pk=portfolio_item_id, owner=asker).first()
    if item is None:
        raise field_error(
            "Choose one of your own portfolio items.",
            code=codes.CIRCLE_INVALID,
            field="portfolio_item_id",
        )
    with transaction.atomic():
        balance = critique_balance_lock(user_id=asker.pk)
        guard_require(guard_has_credit(credits=balance.credits))
        balance.credits -= 1
        balance.save(update_fields=["credits", "updated_at"])
        return CritiqueRequest.objects.create(
            circle=circle, asker=asker, portfolio_item=item, question=question
        )


def critique_create(
    *, request_id: int, author: User, what_works: str, one_change: str, resource: str
) -> Critique:
    """A member critiques another member's request: what works, one change, one resource."""
    request = CritiqueRequest.objects.select_related("circle").filter(pk=request_id).first()
    if request is None:
        raise NotFound("No such critique request.")
    try:
        _require_member(request.circle, user=author, action="critique")
    except NotFound:
        raise NotFound("No such critique request.") from None
    given = Critique.objects.filter(request=request, author=author).exists()
    guard_require(
        guard_not_own_request(request, user_id=author.pk),
        guard_critique_not_given(given=given),
    )
    try:
        with transaction.atomic():
            critique = Critique.objects.create(
                request=request,
                author=author,
                what_works=what_works,
                one_change=one_change,
                resource=resource,
            )
            notification_send(
                recipient=request.asker,
                kind="critique_received",
                title=f"A new critique in {request.circle.name}",
                url=f"/circles/{request.circle_id}/",
                email=False,
            )
    except IntegrityError:
        # Two submissions of the same critique at once: the unique constraint kept one.
        guard_require(guard_critique_not_given(given=True))
        raise  # not reached: the guard above raises
    return critique


def _critique_for_member(*, critique_id: int, user: User) -> Critique:
    critique = Critique.objects.select_related("request__circle").filter(pk=critique_id).first()
    is_member = (
        critique is not None
        and CircleMembership.objects.filter(
            circle_id=critique.request.circle_id, user=user, state=CircleMembership.State.MEMBER
        ).exists()
    )
    if critique is None or not is_member:
        raise NotFound("No such critique.")
    return critique


def critique_mark_helpful(*, critique_id: int, user: User) -> Critique:
    """The asker marks a critique helpful: its author earns 1 credit, once per critique."""
    _critique_for_member(critique_id=critique_id, user=user)
    with transaction.atomic():
        critique = critique_lock(critique_id=critique_id)
        if critique is None:
            raise NotFound("No such critique.")
        circle = critique.request.circle
        transition_require(
            circle, "helpful", role=circle_role_of(circle, user=user, is_member=True)
        )
        guard_require(guard_helpful_by_asker(critique, user_id=user.pk))
        critique.helpful_at = timezone.now()
        critique.save(update_fields=["helpful_at", "updated_at"])
        balance = critique_balance_lock(user_id=critique.author_id)
        balance.credits += 1
        balance.save(update_fields=["credits", "updated_at"])
        notification_send(
            recipient=critique.author,
            kind="critique_helpful",
            title="Your critique was marked helpful: +1 credit",
            url=f"/circles/{circle.pk}/",
            email=False,
        )
    return critique


def critique_report(*, critique_id: int, reporter: User, reason: str) -> CritiqueReport:
    """Anyone in the circle reports a critique to site staff (admin list + a notification and
    an e-mail to each staff member, after commit)."""
    critique = _critique_for_member(critique_id=critique_id, user=reporter)
    circle = critique.request.circle
    transition_require(circle, "report", role=circle_role_of(circle, user=reporter, is_member=True))
    reported = CritiqueReport.objects.filter(critique=critique, reporter=reporter).exists()
    guard_require(guard_report_allowed(critique, user_id=reporter.pk, reported=reported))
    with transaction.atomic():
        report = CritiqueReport.objects.create(critique=critique, reporter=reporter, reason=reason)
        staff = get_user_model().objects.filter(is_staff=True, is_active=True)
        for person in staff:
            notification_send(
                recipient=person,
                kind="critique_reported",
                title=f"A critique in “{circle.name}” was reported",
                body=f"Reason given: {reason}",
                url=f"/admin/circles/critiquereport/{report.pk}/change/",
            )
    return report
