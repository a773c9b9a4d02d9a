"""Demo data that lets career-office staff try cohorts: Riverbend's Computer Science programme
gets five more consenting students, so it has eight sharing students (5 or more, or a cohort's
figures stay hidden), and their work falls in an earlier term than the rest, so the Term filter
has two terms to choose from, both with figures. Made through the real services; seed_demo calls
it after the career office, and a second run adds nothing."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Institution, User
from projects.careers.services.summary import careers_students_sync
from projects.management.demo_career_office import (
    CAREERS_MENTOR_EMAIL,
    CAREERS_SLUG,
    demo_engagement_approve,
    demo_student_create,
    demo_student_email,
)
from projects.models import Application, Engagement, Task
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
# Their engagements ran about eight months ago: always another academic term than today's
# (a term is at most five months long).
EARLIER_TERM_DAYS = 240
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
    then = timezone.now() - timedelta(days=EARLIER_TERM_DAYS)
    students = []
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
        # The services stamp "now"; the demo dates this work to an earlier term (what the
        # office sees is counted from these dates), then recounts these students.
        Application.objects.filter(pk=application.pk).update(created_at=then)
        Engagement.objects.filter(pk=engagement.pk).update(created_at=then)
        students.append(student.pk)
    careers_students_sync(user_ids=students)
