"""Demo data that lets career-office staff try cohorts: Riverbend's Computer Science programme
gets five more consenting students, so it has eight sharing students (5 or more, or a cohort's
figures stay hidden), and their work falls in an earlier term than the rest, so the Term filter
has two terms to choose from, both with figures. Made through the real services; seed_demo calls
it after the career office, and a second run adds nothing. Then every Riverbend date is set
inside the term its figures count in (demo_dates)."""

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Institution, User
from projects.management.demo_career_office import (
    CAREERS_MENTOR_EMAIL,
    CAREERS_SLUG,
    demo_engagement_approve,
    demo_student_create,
    demo_student_email,
)
from projects.management.demo_dates import demo_dates_set
from projects.models import Task
from projects.services.applications import application_accept, application_create

COHORT_PROGRAMME = "Computer Science"
# (name, class year): with Luis, Mei and Tom (demo_career_office) eight CS students share;
# five, so the earlier term is not hidden either.
COHORT_STUDENTS = [
    ("Aisha Bello", 2026),
    ("Kenji Mori", 2027),
    ("Sofia Rossi", 2027),
    ("Ravi Patel", 2028),
    ("Lena Fischer", 2026),
]
_TASK_TITLES = (
    "Tidy a survey of 2,000 small businesses",
    "Write plain-language summaries of three reports",
)


def seed_demo_cohorts(*, password: str) -> None:
    if not Institution.objects.filter(slug=CAREERS_SLUG).exists():
        return
    if User.objects.filter(email=demo_student_email(COHORT_STUDENTS[0][0])).exists():
        return  # seeded on an earlier run
    mentor = User.objects.get(email=CAREERS_MENTOR_EMAIL)
    tasks = list(Task.objects.filter(mentor=mentor, title__in=_TASK_TITLES).order_by("pk"))
    for index, (name, year) in enumerate(COHORT_STUDENTS):
        student = demo_student_create(
            name=name,
            password=password,
            programme=COHORT_PROGRAMME,
            class_year=year,
            scopes=["participation", "evaluations", "outcomes"],
        )
        task = tasks[index % len(tasks)]
        application = application_create(
            task_id=task.pk,
            drafter=student,
            note="I cleaned survey data for my statistics course; glad to help.",
            work_sample_link=f"https://example.org/{slugify(name)}/sample",
            answers=[],
        )
        engagement = application_accept(application_id=application.pk, mentor=mentor)
        demo_engagement_approve(
            engagement=engagement,
            feedback="Thorough, and asked the right questions early.",
            competencies={"communication": 4, "professionalism": 5},
        )
    # The services stamp "now": date this cohort's work in the term before the rest's, and
    # everyone's inside a term wholly past, then recount the office from those dates.
    demo_dates_set(
        institution_slug=CAREERS_SLUG,
        earlier_emails={demo_student_email(name) for name, _ in COHORT_STUDENTS},
        today=timezone.now().date(),
    )
