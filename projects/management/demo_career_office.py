"""Demo data for the career-office dashboard: Riverbend University with staff and students who
consent (and one who never shared), made through the real services (seed_demo calls this)."""

from typing import Any

from django.utils.text import slugify

from accounts import consent_terms
from accounts.models import Institution, InstitutionMembership, Skill, User
from accounts.services.consent import consent_grant
from accounts.services.institutions import (
    institution_membership_on_email_verified,
    membership_details_set,
)
from accounts.services.profiles import profile_update, user_create
from projects.models import Engagement
from projects.services.applications import (
    application_accept,
    application_create,
)
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.feedback import feedback_submit
from projects.services.report_back import report_back_create
from projects.services.tasks import (
    TASK_FIELDS,
    task_create,
    task_publish,
)

_GAIN = "A reference, a portfolio piece and an hour of career advice."

CAREERS_SLUG = "riverbend-university"
CAREERS_STAFF_EMAIL = "priya.careers@riverbend.edu"
CAREERS_MENTOR_EMAIL = "rita.mentor@riverbend-partners.example"
CAREERS_STUDENTS = [
    # (name, programme, class year, consent scopes; None = never shared)
    # The five who finish a draft share outcomes too (at least 5 must, or the office's funnel
    # hides its outcome step); four of them report what it led to (CAREERS_OUTCOMES).
    (
        "Noah Kim",
        "Economics",
        2026,
        ["participation", "evaluations", "stipend_amounts", "outcomes"],
    ),
    (
        "Zara Ahmed",
        "Economics",
        2027,
        ["participation", "evaluations", "stipend_amounts", "outcomes"],
    ),
    ("Luis Romero", "Computer Science", 2026, ["participation", "evaluations", "outcomes"]),
    ("Mei Tanaka", "Computer Science", 2027, ["participation", "stipend_amounts", "outcomes"]),
    (
        "Omar Haddad",
        "Design",
        2026,
        ["participation", "evaluations", "stipend_amounts", "outcomes"],
    ),
    ("Ines Costa", "Economics", 2028, ["participation", "evaluations", "stipend_amounts"]),
    ("Tom Becker", "Computer Science", 2027, ["participation", "stipend_amounts"]),
    ("Private Person", "Design", 2026, None),
]
# What a finished draft led to, as the student reported back (by the student's index above).
CAREERS_OUTCOMES: dict[int, list[str]] = {
    0: ["introduction", "referral"],
    1: ["job_offer"],
    2: ["repeat_work"],
    4: ["introduction"],
}
CAREERS_TASKS: list[dict[str, Any]] = [
    {
        "title": "Tidy a survey of 2,000 small businesses",
        "description": "Clean, label and document a messy survey export.",
        "estimated_hours": 10,
        "slots": 8,
        "what_you_gain": _GAIN,
        "skills": ["Python", "Data analysis"],
    },
    {
        "title": "Write plain-language summaries of three reports",
        "description": "Turn three policy reports into one-page summaries.",
        "estimated_hours": 6,
        "slots": 8,
        "what_you_gain": "A published byline and a reference.",
        "skills": ["Copywriting"],
    },
    {
        "title": "Paid: build a small spreadsheet model",
        "description": "A cash-flow model for a community bakery.",
        "estimated_hours": 8,
        "slots": 8,
        "stipend_amount": 20000,
        "skills": ["Spreadsheets", "Data analysis"],
    },
]


def seed_career_office(*, password: str) -> None:
    """Riverbend University: live, one admin, seven consenting students (and one who never
    shared), with engagements at every step — made through the real services."""
    institution = Institution.objects.create(
        name="Riverbend University",
        slug=CAREERS_SLUG,
        email_domains=["riverbend.edu"],
        country="US",
        status=Institution.Status.APPROVED,
    )
    staff = user_create(
        email=CAREERS_STAFF_EMAIL,
        password=password,
        display_name="Priya Shah",
        email_verified=True,
    )
    # What site staff do in the admin for the first member of an office.
    InstitutionMembership.objects.get_or_create(
        user=staff,
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        defaults={"staff_role": InstitutionMembership.StaffRole.ADMIN, "email": staff.email},
    )
    # Priya works in the office; she neither drafts nor mentors (her nav shows Careers).
    profile_update(user=staff, data={"wants_to_draft": False, "onboarding_completed": True})
    mentor = user_create(
        email=CAREERS_MENTOR_EMAIL,
        password=password,
        display_name="Rita Gomez",
        email_verified=True,
    )
    profile_update(
        user=mentor,
        data={"wants_to_mentor": True, "headline": "Analyst", "onboarding_completed": True},
    )
    tasks = []
    for spec in CAREERS_TASKS:
        skill_ids = [
            Skill.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0].pk
            for n in spec["skills"]
        ]
        data = {k: v for k, v in spec.items() if k in TASK_FIELDS}
        task = task_create(mentor=mentor, data=data, skill_ids=skill_ids)
        task_publish(task_id=task.pk, mentor=mentor)
        tasks.append(task)
    for index, (name, programme, year, scopes) in enumerate(CAREERS_STUDENTS):
        student = demo_student_create(
            name=name, password=password, programme=programme, class_year=year, scopes=scopes
        )
        for task in (tasks[0], tasks[2]) if index % 2 else (tasks[1], tasks[2]):
            application = application_create(
                task_id=task.pk,
                drafter=student,
                note="I have done similar work for a student society; happy to start this week.",
                work_sample_link=f"https://example.org/{slugify(name)}/sample",
                answers=[],
            )
            engagement = application_accept(application_id=application.pk, mentor=mentor)
            if task.stipend_amount or index >= 5:
                continue  # paid ones wait for funding; two students are still working
            demo_engagement_approve(
                engagement=engagement,
                feedback="Careful and clear.",
                competencies={"communication": 4 + index % 2, "professionalism": 5},
            )
            if index in CAREERS_OUTCOMES:
                report_back_create(
                    engagement_id=engagement.pk,
                    author=student,
                    outcomes=CAREERS_OUTCOMES[index],
                    note="The mentor introduced me to their team lead.",
                )


def demo_student_email(name: str) -> str:
    """A Riverbend student's address, made from their name (Luis Ortega: luis.ortega@...)."""
    return f"{slugify(name).replace('-', '.')}@riverbend.edu"


def demo_student_create(
    *, name: str, password: str, programme: str, class_year: int, scopes: list[str] | None
) -> User:
    """A verified Riverbend student with their programme and year, sharing `scopes` with the
    office (none: a student who never shared) — the demo's career office and cohorts both."""
    email = demo_student_email(name)
    student = user_create(email=email, password=password, display_name=name, email_verified=True)
    institution_membership_on_email_verified(user=student, email=email)
    membership_details_set(
        user=student, institution_slug=CAREERS_SLUG, programme=programme, class_year=class_year
    )
    if scopes:
        consent_grant(
            student=student,
            institution_slug=CAREERS_SLUG,
            scopes=scopes,
            version=consent_terms.VERSION,
        )
    return student


def demo_engagement_approve(
    *, engagement: Engagement, feedback: str, competencies: dict[str, int]
) -> None:
    """The student delivers, the mentor approves and rates the work 5 with `feedback`."""
    engagement_deliver(
        engagement_id=engagement.pk, drafter=engagement.drafter, link="https://example.org/work"
    )
    engagement_approve(engagement_id=engagement.pk, mentor=engagement.mentor)
    feedback_submit(
        engagement_id=engagement.pk,
        author=engagement.mentor,
        rating=5,
        text=feedback,
        competencies=competencies,
    )
