"""The recommendation's candidate statement carries each task's skills as JSON and the shown
cards come by a second statement; text relevance is remembered with the texts it scored. What
a drafter reads must not change: skills in name order, the mentor's name and a skill's name as
they are now, a task without skills, and a task whose text changed ranked by its new text."""

import datetime

import time_machine

from projects.matching.text import text_relevance
from tests.factories import SkillFactory, TaskFactory, UserFactory
from tests.matching.conftest import WORKING

NOW = datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC)


@time_machine.travel(NOW, tick=False)
def test_recommended_cards_list_skills_by_name_whatever_order_they_were_added(
    client_for, make_drafter
):
    # Given a task whose skills were created and linked out of name order
    drafter = make_drafter({"Zine layout": WORKING}, weekly_hours=6)
    zine = SkillFactory(name="Zine layout")
    mural = SkillFactory(name="Mural design")
    plain = SkillFactory(name="Accessibility audit")
    TaskFactory(mentor=UserFactory(), skills=[zine, mural, plain], title="Poster run")

    # When the drafter asks for recommendations
    [card] = client_for(drafter).get("/api/v1/me/recommendations/").json()

    # Then the card's skills read in name order (as the task page and browse list them)
    assert [skill["name"] for skill in card["skills"]] == [
        "Accessibility audit",
        "Mural design",
        "Zine layout",
    ]
    assert card["reasons"][0] == "Matches 1 of your skills: Zine layout"


@time_machine.travel(NOW, tick=False)
def test_recommendation_shows_the_mentors_name_as_edited_since_the_last_one(
    client_for, make_drafter
):
    # Given a drafter who already saw a recommended task of a mentor
    drafter = make_drafter({"Python": WORKING}, weekly_hours=6)
    mentor = UserFactory(finish__display_name="Ana Mentor")
    TaskFactory(mentor=mentor, skills=[SkillFactory(name="Python")])
    client = client_for(drafter)
    assert client.get("/api/v1/me/recommendations/").json()[0]["mentor_name"] == "Ana Mentor"

    # When the mentor renames themselves and the drafter asks again
    mentor.profile.display_name = "Ana Okafor"
    mentor.profile.save(update_fields=["display_name"])
    [card] = client.get("/api/v1/me/recommendations/").json()

    # Then the card names the mentor as they are now
    assert card["mentor_name"] == "Ana Okafor"


@time_machine.travel(NOW, tick=False)
def test_recommendation_shows_a_skill_as_renamed_since_the_last_one(client_for, make_drafter):
    # Given a drafter who already saw a recommended task with a skill they do not have
    drafter = make_drafter({"Python": WORKING}, weekly_hours=6)
    extra = SkillFactory(name="Notebook hygiene")
    TaskFactory(mentor=UserFactory(), skills=[SkillFactory(name="Python"), extra])
    client = client_for(drafter)
    [card] = client.get("/api/v1/me/recommendations/").json()
    assert [skill["name"] for skill in card["skills"]] == ["Notebook hygiene", "Python"]

    # When the catalogue renames that skill and the drafter asks again
    extra.name = "Reproducible notebooks"
    extra.save(update_fields=["name"])
    [card] = client.get("/api/v1/me/recommendations/").json()

    # Then the card lists the skill by its new name, still in name order
    assert [skill["name"] for skill in card["skills"]] == ["Python", "Reproducible notebooks"]


@time_machine.travel(NOW, tick=False)
def test_drafter_without_evidence_is_shown_a_new_task_without_skills(client_for, make_drafter):
    # Given a drafter with no skills or words yet, and a new task that lists no skills
    drafter = make_drafter(weekly_hours=6)
    task = TaskFactory(mentor=UserFactory(), title="Sort the archive boxes")

    # When the drafter asks for recommendations
    [card] = client_for(drafter).get("/api/v1/me/recommendations/").json()

    # Then the newest task is shown, with an empty list of skills
    assert card["id"] == task.pk
    assert card["skills"] == []


def test_text_relevance_follows_a_changed_text_of_the_same_tasks():
    # Given the relevance of three texts to a drafter's words, computed once
    words = ["survey", "pandas"]
    texts = {1: "a survey of survey methods", 2: "pandas cleaning", 3: "nothing here"}
    first = text_relevance(texts=texts, words=words)
    assert first[1] == 1.0 and 3 not in first

    # When the third task's text now mentions the words, for the same task ids
    changed = {**texts, 3: "survey pandas survey pandas survey"}
    again = text_relevance(texts=changed, words=words)

    # Then the relevance is that of the new texts, not the remembered one
    assert again[3] == 1.0
    assert again == text_relevance(texts=dict(changed), words=list(words))
    assert again != first
