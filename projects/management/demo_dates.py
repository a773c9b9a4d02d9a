"""Dates for the Riverbend demo that agree with the terms its figures are counted in.

The real services stamp "now", so a freshly seeded demo showed every engagement started today
while its summary counted some of them in an earlier term. After the career office and its
cohort are seeded, this dates each Riverbend student's activity inside the last term wholly past
(the cohort's inside the term before it): applications, engagements (started, delivered,
completed), deliverables, feedback and report-backs, the consent a little before the first
application, and the student's last activity on the last of these. Then it rebuilds the
office's summary cells, which the summary counts from these dates (`summary_terms.term_of`).

Stipends keep their own dates: the funding window of the paid engagements that wait for funding
runs from the stipend's creation, and moving it back would lapse them on the next sweep."""

from datetime import UTC, date, datetime, time, timedelta

from accounts.models import Consent, Institution, InstitutionMembership
from projects.careers.models import CareersStudent
from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Application, Deliverable, Engagement, Feedback, ReportBack

# Terms as the summary names them (Spring Jan-May, Fall Sep-Dec); the demo keeps its dates in
# the middle months of each so no date sits near a term's edge.
_WINDOWS = ((3, 1, 5, 31), (9, 1, 11, 30))
# Days from a student's first application: the next application, acceptance, delivery,
# approval (with the mentor's feedback) and the student's report-back.
_SECOND_APPLICATION, _ACCEPTED, _DELIVERED, _APPROVED, _REPORTED = 2, 2, 16, 19, 29
_STUDENT_SPACING = 6  # days between one student's first application and the next one's


def demo_terms(*, today: date) -> tuple[date, date]:
    """The first days of the last two demo windows wholly before `today`: (recent, earlier)."""
    windows = [
        (date(year, m1, d1), date(year, m2, d2))
        for year in range(today.year - 2, today.year + 1)
        for m1, d1, m2, d2 in _WINDOWS
    ]
    past = [start for start, end in windows if end < today]
    return past[-1], past[-2]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour % 24), tzinfo=UTC)


def demo_dates_set(*, institution_slug: str, earlier_emails: set[str], today: date) -> None:
    """Date each student's activity in the recent term (those in `earlier_emails` in the one
    before), then rebuild the institution's summary so its cells match those dates."""
    institution = Institution.objects.get(slug=institution_slug)
    recent, earlier = demo_terms(today=today)
    students = list(
        InstitutionMembership.objects.filter(
            institution=institution, role=InstitutionMembership.Role.STUDENT
        )
        .order_by("pk")
        .values_list("user_id", "user__email")
    )
    place = {recent: 0, earlier: 0}
    for user_id, email in students:
        start = earlier if email in earlier_emails else recent
        first = start + timedelta(days=3 + _STUDENT_SPACING * place[start])
        place[start] += 1
        last = _student_dates_set(user_id=user_id, first=first)
        Consent.objects.filter(institution=institution, student_id=user_id).update(
            granted_at=_at(first - timedelta(days=2), 9)
        )
        CareersStudent.objects.filter(institution=institution, student_id=user_id).update(
            changed_at=last
        )
    careers_summary_rebuild(institution_ids=[institution.pk])


def _student_dates_set(*, user_id: int, first: date) -> datetime:
    """Date one student's applications and what followed from `first`; returns the last date."""
    last = _at(first, 10)
    applications = Application.objects.filter(drafter_id=user_id).order_by("pk")
    for number, application in enumerate(applications):
        applied = first + timedelta(days=_SECOND_APPLICATION * number)
        hour = 10 + number
        Application.objects.filter(pk=application.pk).update(
            created_at=_at(applied, hour), updated_at=_at(applied + timedelta(_ACCEPTED), hour)
        )
        last = max(last, _at(applied + timedelta(_ACCEPTED), hour))
        engagement = Engagement.objects.filter(application=application).first()
        if engagement is None:
            continue
        steps = {
            "created_at": _ACCEPTED,
            "started_at": _ACCEPTED,
            "delivered_at": _DELIVERED,
            "completed_at": _APPROVED,
        }
        stamps = {
            field: _at(applied + timedelta(days=days), hour)
            for field, days in steps.items()
            if field == "created_at" or getattr(engagement, field) is not None
        }
        stamps["updated_at"] = max(stamps.values())
        Engagement.objects.filter(pk=engagement.pk).update(**stamps)
        last = max(last, stamps["updated_at"])
        delivered = stamps.get("delivered_at")
        if delivered:
            Deliverable.objects.filter(engagement=engagement).update(
                created_at=delivered, updated_at=delivered
            )
        completed = stamps.get("completed_at")
        if completed:
            Feedback.objects.filter(engagement=engagement).update(
                created_at=completed, updated_at=completed
            )
            reported = _at(applied + timedelta(days=_REPORTED), hour)
            if ReportBack.objects.filter(engagement=engagement).update(
                created_at=reported, updated_at=reported
            ):
                last = max(last, reported)
    return last
