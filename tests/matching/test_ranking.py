"""Tasks for a drafter, on hand-made cases: order, reasons, exclusions, diversification."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.models import InstitutionMembership
from projects.careers.models import FeaturedTask
from projects.models import Application, Invitation
from tests.factories import (
    ApplicationFactory,
    InstitutionFactory,
    MembershipFactory,
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
)
from tests.matching.conftest import EXPERT, LEARNING, WORKING

pytestmark = pytest.mark.django_db


def _recommend(client_for, user):
    response = client_for(user).get("/api/v1/me/recommendations/")
    assert response.status_code == 200
    return response.json()


def test_a_python_drafter_sees_the_python_task_above_the_illustration_task(
    client_for, make_drafter
):
    drafter = make_drafter({"Python": WORKING, "pandas": WORKING, "SQL": WORKING}, weekly_hours=5)
    TaskFactory(title="Draw a mascot", skills=[SkillFactory(name="Illustration")])
    TaskFactory(
        title="Clean survey data",
        estimated_hours=4,
        skills=[SkillFactory(name="Python"), SkillFactory(name="pandas")],
    )

    body = _recommend(client_for, drafter)

    assert [row["title"] for row in body] == ["Clean survey data"]
    assert body[0]["reasons"][:2] == [
        "Matches 2 of your skills: Python, pandas",
        "Fits your 5 h/week",
    ]
    assert "New on Slipstream" in body[0]["reasons"]


def test_profile_skills_count_without_any_portfolio_item(client_for, make_drafter):
    drafter = make_drafter({"Data visualisation": WORKING})
    TaskFactory(title="Chart our results", skills=[SkillFactory(name="Data visualisation")])
    TaskFactory(title="Write a press release", skills=[SkillFactory(name="Press releases")])

    assert [row["title"] for row in _recommend(client_for, drafter)] == ["Chart our results"]


def test_a_spelling_variant_of_a_skill_is_the_same_skill(client_for, make_drafter):
    drafter = make_drafter({"Financial modelling": EXPERT})
    american = SkillFactory(name="Financial modeling", slug="financial-modeling")
    TaskFactory(title="Model our runway", skills=[american])

    [row] = _recommend(client_for, drafter)

    assert row["title"] == "Model our runway"
    assert row["reasons"][0] == "Matches 1 of your skills: Financial modeling"


def test_portfolio_evidence_counts_more_than_a_declaration(client_for, make_drafter):
    python = SkillFactory(name="Python")
    drafter = make_drafter({"Python": WORKING, "Django": WORKING})
    PortfolioItemFactory(owner=drafter).skills.add(python)
    TaskFactory(title="Django admin tweaks", skills=[SkillFactory(name="Django")])
    TaskFactory(title="A Python script", skills=[python])

    body = _recommend(client_for, drafter)

    assert [row["title"] for row in body] == ["A Python script", "Django admin tweaks"]
    assert "Your portfolio shows Python" in body[0]["reasons"]


def test_a_learning_match_is_a_stretch_and_ranks_below_a_working_match(client_for, make_drafter):
    drafter = make_drafter({"Figma": WORKING, "Python": LEARNING})
    TaskFactory(title="Learn by scripting", skills=[SkillFactory(name="Python")])
    TaskFactory(title="Mock up a form", skills=[SkillFactory(name="Figma")])

    body = _recommend(client_for, drafter)

    assert [row["title"] for row in body] == ["Mock up a form", "Learn by scripting"]
    assert body[1]["stretch"] is True
    assert "A stretch: you are learning Python" in body[1]["reasons"]
    assert body[0]["stretch"] is False


def test_a_skill_of_the_same_family_gives_partial_credit(client_for, make_drafter):
    drafter = make_drafter({"User interviews": EXPERT})
    TaskFactory(title="Run a usability study", skills=[SkillFactory(name="UX research")])
    TaskFactory(title="Interview customers", skills=[SkillFactory(name="User interviews")])
    TaskFactory(title="Bookkeeping catch-up", skills=[SkillFactory(name="Bookkeeping")])

    body = _recommend(client_for, drafter)

    assert [row["title"] for row in body] == ["Interview customers", "Run a usability study"]
    assert "UX research is close to your User interviews" in body[1]["reasons"]


def test_a_task_whose_hours_do_not_fit_the_week_is_left_out(client_for, make_drafter):
    drafter = make_drafter({"Python": WORKING}, weekly_hours=6)
    python = SkillFactory(name="Python")
    TaskFactory(title="Rewrite the backend", estimated_hours=40, skills=[python])
    TaskFactory(title="Fix one bug", estimated_hours=5, skills=[python])
    TaskFactory(
        title="A month-long port",
        estimated_hours=20,
        deadline=timezone.localdate() + timedelta(days=35),
        skills=[python],
    )

    body = _recommend(client_for, drafter)

    assert [row["title"] for row in body] == ["Fix one bug", "A month-long port"]
    assert "Fits your 6 h/week" in body[0]["reasons"]
    assert any(r.startswith("Fits your 6 h/week by ") for r in body[1]["reasons"])


def test_new_is_said_only_of_tasks_published_in_the_last_14_days(client_for, make_drafter):
    drafter = make_drafter({"Python": WORKING})
    python = SkillFactory(name="Python")
    with time_machine.travel(timezone.now() - timedelta(days=20)):
        TaskFactory(title="Old", skills=[python])
    TaskFactory(title="Fresh", skills=[python])

    body = {row["title"]: row for row in _recommend(client_for, drafter)}

    assert "New on Slipstream" in body["Fresh"]["reasons"]
    assert "New on Slipstream" not in body["Old"]["reasons"]
    assert body["Fresh"]["score"] > body["Old"]["score"]


def test_applied_declined_full_closed_own_and_inactive_mentor_tasks_are_left_out(
    client_for, make_drafter
):
    drafter = make_drafter({"Python": WORKING})
    python = SkillFactory(name="Python")
    TaskFactory(title="Shown", skills=[python])
    ApplicationFactory(task=TaskFactory(title="Applied", skills=[python]), drafter=drafter)
    ApplicationFactory(
        task=TaskFactory(title="Declined", skills=[python]),
        drafter=drafter,
        state=Application.State.DECLINED,
    )
    TaskFactory(title="Full but open", skills=[python], slots=2, filled_slots=2)
    TaskFactory(title="Closed", skills=[python], state="closed")
    TaskFactory(title="Mine", skills=[python], mentor=drafter)
    TaskFactory(title="Gone mentor", skills=[python], mentor=UserFactory(is_active=False))
    TaskFactory(
        title="Past deadline",
        skills=[python],
        deadline=timezone.localdate() - timedelta(days=1),
    )
    said_no = TaskFactory(title="Invitation declined", skills=[python])
    Invitation.objects.create(
        task=said_no, drafter=drafter, mentor=said_no.mentor, state=Invitation.State.DECLINED
    )

    assert [row["title"] for row in _recommend(client_for, drafter)] == ["Shown"]


def test_results_are_diversified_across_mentors(client_for, make_drafter):
    drafter = make_drafter({"Python": WORKING})
    python = SkillFactory(name="Python")
    prolific = UserFactory()
    for n in range(5):
        TaskFactory(title=f"Prolific {n}", skills=[python], mentor=prolific)
    TaskFactory(
        title="Other mentor", skills=[python], published_at=timezone.now() - timedelta(days=3)
    )

    titles = [row["title"] for row in _recommend(client_for, drafter)]

    assert titles.index("Other mentor") <= 2
    assert len(titles) == 6


def test_a_mentor_who_answers_quickly_is_named(client_for, make_drafter):
    drafter = make_drafter({"Python": WORKING})
    python = SkillFactory(name="Python")
    task = TaskFactory(title="Quick mentor", skills=[python])
    for _ in range(2):
        application = ApplicationFactory(task=TaskFactory(mentor=task.mentor))
        with time_machine.travel(timezone.now() + timedelta(hours=30)):
            application.state = Application.State.SHORTLISTED
            application.save()

    [row] = _recommend(client_for, drafter)

    assert "Mentor replies within 2 days" in row["reasons"]


def test_without_skills_the_newest_tasks_are_suggested_and_only_new_ones_say_so(
    client_for, make_drafter
):
    drafter = make_drafter()
    with time_machine.travel(timezone.now() - timedelta(days=30)):
        TaskFactory(title="Older")
    TaskFactory(title="Newer")

    body = _recommend(client_for, drafter)

    assert [row["title"] for row in body] == ["Newer", "Older"]
    assert body[0]["reasons"] == ["New on Slipstream"]
    assert body[1]["reasons"] == []


def test_a_skill_row_named_like_an_alias_matches_as_the_aliased_skill(client_for, make_drafter):
    drafter = make_drafter({"UX research": WORKING})
    legacy = SkillFactory(name="User research", slug="user-research")  # made before aliases
    TaskFactory(title="Interview savers", skills=[legacy])

    [row] = _recommend(client_for, drafter)

    # It scores as UX research; said in the drafter's own word, not as a skill they listed.
    assert row["reasons"][0] == "User research is close to your UX research"


def test_a_task_featured_by_the_drafters_career_office_says_so_and_ranks_higher(
    client_for, make_drafter
):
    drafter = make_drafter({"Copywriting": WORKING}, weekly_hours=10)
    office = InstitutionFactory()
    MembershipFactory(user=drafter, institution=office, role=InstitutionMembership.Role.STUDENT)
    copywriting = SkillFactory(name="Copywriting")
    plain = TaskFactory(title="Edit a newsletter", skills=[copywriting])
    featured = TaskFactory(title="Write a case study", skills=[copywriting])
    FeaturedTask.objects.create(institution=office, task=featured)
    elsewhere = InstitutionFactory()  # another office's feature means nothing to this drafter
    FeaturedTask.objects.create(institution=elsewhere, task=plain)

    body = _recommend(client_for, drafter)

    assert [row["title"] for row in body] == ["Write a case study", "Edit a newsletter"]
    assert "Featured by your career office" in body[0]["reasons"]
    assert "Featured by your career office" not in body[1]["reasons"]


def test_a_feature_the_office_ended_or_of_an_office_the_drafter_left_is_not_said(
    client_for, make_drafter
):
    drafter = make_drafter({"Copywriting": WORKING}, weekly_hours=10)
    office = InstitutionFactory()
    MembershipFactory(user=drafter, institution=office, role=InstitutionMembership.Role.STUDENT)
    left = InstitutionFactory()
    MembershipFactory(
        user=drafter,
        institution=left,
        role=InstitutionMembership.Role.STUDENT,
        ended_at=timezone.now() - timedelta(days=3),
    )
    copywriting = SkillFactory(name="Copywriting")
    ended = TaskFactory(title="Edit a newsletter", skills=[copywriting])
    FeaturedTask.objects.create(
        institution=office, task=ended, ended_at=timezone.now() - timedelta(days=1)
    )
    former = TaskFactory(title="Write a case study", skills=[copywriting])
    FeaturedTask.objects.create(institution=left, task=former)

    body = _recommend(client_for, drafter)

    assert {row["title"] for row in body} == {"Edit a newsletter", "Write a case study"}
    assert all("Featured by your career office" not in row["reasons"] for row in body)


def test_your_skills_names_only_the_profile_and_an_alias_is_said_as_close_to_it(
    client_for, make_drafter
):
    # "Spreadsheets" is a catalogue alias of Excel: it scores as Excel, but the drafter never
    # listed it, so it is "close to your Excel", not one of "your skills".
    drafter = make_drafter({"Data analysis": WORKING, "Excel": WORKING, "SQL": WORKING})
    TaskFactory(
        title="Clean a spreadsheet of council spending",
        skills=[SkillFactory(name="Data analysis"), SkillFactory(name="Spreadsheets")],
    )

    [row] = _recommend(client_for, drafter)

    assert row["reasons"][0] == "Matches 1 of your skills: Data analysis"
    assert "Spreadsheets is close to your Excel" in row["reasons"]


def test_a_skill_only_shown_in_the_portfolio_is_not_called_one_of_your_skills(
    client_for, make_drafter
):
    figma = SkillFactory(name="Figma")
    drafter = make_drafter({"Python": WORKING})
    PortfolioItemFactory(owner=drafter).skills.add(figma)
    TaskFactory(title="Mock up a form", skills=[figma])

    [row] = _recommend(client_for, drafter)

    assert "Your portfolio shows Figma" in row["reasons"]
    assert not [reason for reason in row["reasons"] if reason.startswith("Matches")]
