"""Offer use cases: a drafter offers or withdraws; the mentor declines; unanswered offers expire.
(Accepting, which builds a task and an engagement, is in acceptance.py.)"""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Profile, Skill, User
from accounts.selectors.email_addresses import user_email_verified_require
from accounts.services.notifications import notification_send
from marketplace.errors import Conflict, Forbidden, NotFound, field_error
from projects import locks
from projects.offers import error_codes as codes
from projects.offers.models import OFFER_MAX_HOURS, Offer
from projects.offers.services.offer_mail import offer_received_mail_send
from projects.people import display_name
from projects.services.applications import evidence_items_check
from projects.services.closure import CLOSE_AFTER
from projects.transitions import guard_display_name_set, guard_require, transition_target

MAX_PENDING_PER_DRAFTER = 3
# The closure guarantee's window, applied to offers: a mentor answers within it or the offer
# expires (one source, so the form's hint and the expiry job can never disagree).
OFFER_EXPIRY_DAYS = CLOSE_AFTER.days
TITLE_MAX_LENGTH = 120
WHAT_MAX_LENGTH = 1500
DECLINE_NOTE_MAX_LENGTH = 1000
# Offers that hold one of the mentor's monthly places.
COUNTED_STATES = (Offer.State.PENDING, Offer.State.ACCEPTED)


def month_bounds(now: datetime.datetime) -> tuple[datetime.datetime, datetime.date]:
    """The start of `now`'s calendar month (site time zone) and the first day of the next."""
    local = timezone.localtime(now)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, next_month.date()


def offers_counted_this_month(*, mentor_id: int, now: datetime.datetime) -> int:
    start, _ = month_bounds(now)
    return Offer.objects.filter(
        mentor_id=mentor_id, created_at__gte=start, state__in=COUNTED_STATES
    ).count()


def _offer_fields_check(*, title: str, what: str, estimated_hours: int, by_when) -> None:
    if not title.strip() or len(title) > TITLE_MAX_LENGTH:
        raise field_error(
            f"Give the offer a short title (at most {TITLE_MAX_LENGTH} characters).",
            code=codes.OFFER_INVALID,
            field="title",
        )
    if not what.strip() or len(what) > WHAT_MAX_LENGTH:
        raise field_error(
            f"Say what you will do, in at most {WHAT_MAX_LENGTH} characters.",
            code=codes.OFFER_INVALID,
            field="what",
        )
    if not 1 <= estimated_hours <= OFFER_MAX_HOURS:
        raise field_error(
            f"Offer something small: 1 to {OFFER_MAX_HOURS} hours.",
            code=codes.OFFER_INVALID,
            field="estimated_hours",
        )
    if by_when <= timezone.localdate():
        raise field_error("Choose a date in the future.", code=codes.OFFER_INVALID, field="by_when")
    # Work due before the mentor must even answer could be late the day it is accepted.
    earliest = offer_earliest_by_when()
    if by_when < earliest:
        raise field_error(
            f"The mentor has up to {OFFER_EXPIRY_DAYS} days to answer, so choose "
            f"{date_format(earliest)} or later.",
            code=codes.OFFER_INVALID,
            field="by_when",
        )


def offer_earliest_by_when() -> datetime.date:
    """The first "done by" date an offer sent today may carry: the day after the mentor's
    answer window ends."""
    return timezone.localdate() + datetime.timedelta(days=OFFER_EXPIRY_DAYS + 1)


def offer_create(
    *,
    mentor_handle: str,
    drafter: User,
    title: str,
    what: str,
    estimated_hours: int,
    by_when: datetime.date,
    work_sample_link: str = "",
    portfolio_item_ids: Iterable[int] = (),
    skill_ids: Iterable[int] = (),
) -> Offer:
    """A drafter offers a mentor who is open to offers a small, specific piece of work.

    The drafter's profile row, then the mentor's settings row are locked before anything is
    counted, so concurrent offers queue up and each counts the real totals: the 3-open-offers
    rule and the monthly cap hold under load."""
    profile = (
        Profile.objects.filter(handle=mentor_handle, deleted_at__isnull=True, user__is_active=True)
        .only("user_id")
        .first()
    )
    if profile is None:
        raise NotFound("Mentor not found.")
    mentor_id = profile.user_id
    if mentor_id == drafter.pk:
        raise Forbidden("You cannot send an offer to yourself.", code=codes.OWN_OFFER)
    user_email_verified_require(user=drafter, action="send an offer")
    guard_require(guard_display_name_set(drafter, action="send an offer"))
    _offer_fields_check(title=title, what=what, estimated_hours=estimated_hours, by_when=by_when)
    with transaction.atomic():
        # The sender first, then the mentor: one drafter's offers to different mentors queue
        # on the first lock (at most 3 open), everyone's offers to one mentor on the second
        # (the monthly cap).
        locks.offer_sender_lock(drafter_id=drafter.pk)
        offer_settings = locks.offer_settings_lock(mentor_id=mentor_id)
        if offer_settings is None or not offer_settings.is_open:
            raise Conflict("This mentor is not taking offers.", code=codes.OFFERS_CLOSED)
        mentor = offer_settings.mentor
        pending = Offer.objects.filter(drafter=drafter, state=Offer.State.PENDING)
        if pending.filter(mentor_id=mentor_id).exists():
            raise Conflict(
                "You already have an offer waiting with this mentor; wait for their answer or "
                "withdraw it first.",
                code=codes.OFFER_EXISTS,
            )
        if pending.count() >= MAX_PENDING_PER_DRAFTER:
            raise Conflict(
                f"You have {MAX_PENDING_PER_DRAFTER} offers waiting for an answer, the most at "
                "one time. Withdraw one, or wait until one is answered.",
                code=codes.OFFER_PENDING_LIMIT,
            )
        now = timezone.now()
        if offers_counted_this_month(mentor_id=mentor_id, now=now) >= offer_settings.monthly_cap:
            _, reopens = month_bounds(now)
            raise Conflict(
                f"{display_name(mentor)} has received all {offer_settings.monthly_cap} offers "
                f"they take this month. They open again on {date_format(reopens)}.",
                code=codes.OFFER_CAP_REACHED,
            )
        items = evidence_items_check(
            drafter=drafter,
            portfolio_item_ids=portfolio_item_ids,
            work_sample_link=work_sample_link,
        )
        skills = list(Skill.objects.filter(id__in=set(skill_ids)))
        try:
            with transaction.atomic():
                offer = Offer.objects.create(
                    mentor=mentor,
                    drafter=drafter,
                    title=title.strip(),
                    what=what.strip(),
                    estimated_hours=estimated_hours,
                    by_when=by_when,
                    work_sample_link=work_sample_link,
                )
        except IntegrityError as error:  # a double click that raced past the check above
            raise Conflict(
                "You already have an offer waiting with this mentor.", code=codes.OFFER_EXISTS
            ) from error
        offer.portfolio_items.set(items)
        offer.skills.set(skills)
        title = f"{display_name(drafter)} offers to help: “{offer.title}”"
        notification_send(
            recipient=mentor,
            kind="offer_new",
            title=title,
            body=(
                f"About {estimated_hours} hours, by {date_format(by_when)}, with their work "
                f"attached. Accept, decline or ask a question within {OFFER_EXPIRY_DAYS} days."
            ),
            url=f"/offers/{offer.pk}/",
            email=False,  # the letter below, in the confirmation e-mail's layout
        )
        offer_received_mail_send(
            offer=offer,
            mentor=mentor,
            drafter=drafter,
            subject=f"Slipstream: {title}",
            expiry_days=OFFER_EXPIRY_DAYS,
        )
    return offer


def _offer_lock_for(*, offer_id: int, **owner: User) -> Offer:
    offer = locks.offer_lock(offer_id=offer_id, **owner)
    if offer is None:
        raise NotFound("Offer not found.")
    return offer


def offer_withdraw(*, offer_id: int, drafter: User) -> Offer:
    """pending -> withdrawn, by the drafter."""
    with transaction.atomic():
        offer = _offer_lock_for(offer_id=offer_id, drafter=drafter)
        offer.state = transition_target(offer, "withdraw")
        offer.save(update_fields=["state", "updated_at"])
    return offer


def offer_decline(*, offer_id: int, mentor: User, reason: str, note: str = "") -> Offer:
    """pending -> declined, with a reason from the short list and an optional kind note."""
    if reason not in Offer.DeclineReason.values:
        raise field_error("Choose one of the reasons.", code=codes.OFFER_INVALID, field="reason")
    with transaction.atomic():
        offer = _offer_lock_for(offer_id=offer_id, mentor=mentor)
        offer.state = transition_target(offer, "decline")
        offer.decline_reason = reason
        offer.decline_note = note.strip()[:DECLINE_NOTE_MAX_LENGTH]
        offer.responded_at = timezone.now()
        offer.save(
            update_fields=["state", "decline_reason", "decline_note", "responded_at", "updated_at"]
        )
        label = Offer.DeclineReason(reason).label
        notification_send(
            recipient=offer.drafter,
            kind="offer_declined",
            title=f"Update on your offer “{offer.title}”",
            body=(
                f"{display_name(mentor)} said no this time ({label.lower()})."
                + (f" Their note: {offer.decline_note}" if offer.decline_note else "")
                + " Thank you for offering; other mentors are open to offers too."
            ),
            url=f"/offers/{offer.pk}/",
        )
    return offer


EXPIRED_NOTE = (
    "This offer closed automatically after {days} days without an answer — not a judgement of "
    "your work. It no longer counts toward your open offers; other mentors are open to offers."
)


def offer_expire(*, offer_id: int) -> bool:
    """pending -> expired (system). False when it was answered or withdrawn meanwhile."""
    with transaction.atomic():
        offer = locks.offer_lock(offer_id=offer_id, state=Offer.State.PENDING)
        if offer is None:
            return False
        offer.state = transition_target(offer, "expire")
        offer.save(update_fields=["state", "updated_at"])
        notification_send(
            recipient=offer.drafter,
            kind="offer_expired",
            title=f"Your offer “{offer.title}” closed without an answer",
            body=EXPIRED_NOTE.format(days=OFFER_EXPIRY_DAYS),
            url=f"/offers/{offer.pk}/",
        )
    return True


def offers_expire_due(*, now: datetime.datetime | None = None) -> int:
    """Close, kindly, every offer pending for OFFER_EXPIRY_DAYS. Idempotent: a second run finds
    nothing pending that old. Returns how many expired."""
    now = now or timezone.now()
    due = Offer.objects.filter(
        state=Offer.State.PENDING,
        created_at__lte=now - datetime.timedelta(days=OFFER_EXPIRY_DAYS),
    ).order_by("created_at", "pk")
    return sum(offer_expire(offer_id=offer_id) for offer_id in due.values_list("pk", flat=True))
