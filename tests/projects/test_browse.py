"""Browse and search: one selector, FTS5 on SQLite and PostgreSQL full-text search (both
passes of `make test` run these)."""

import datetime

import pytest
from django.db import connection

from accounts.models import Institution, InstitutionMembership
from projects.models import Task
from projects.search import task_search
from projects.services.tasks import task_update
from tests.factories import SkillFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["title"] for row in response.json()["results"]]


@pytest.fixture
def catalogue():
    python = SkillFactory(name="Python", slug="python")
    design = SkillFactory(name="Figma", slug="figma")
    return {
        "survey": TaskFactory(
            title="Analyse survey responses",
            description="Clean the spreadsheet and chart the answers.",
            skills=[python],
            estimated_hours=10,
            stipend_amount=30_000,
            what_you_gain="",
            deadline=datetime.date(2030, 3, 1),
        ),
        "logo": TaskFactory(
            title="Refresh a charity logo",
            description="Three directions, one round of feedback.",
            skills=[design],
            estimated_hours=4,
            is_remote=False,
            location="Leeds",
            deadline=datetime.date(2030, 1, 15),
        ),
        "scraper": TaskFactory(
            title="Fix a web scraper",
            description="It broke when the site changed its markup.",
            skills=[python],
            estimated_hours=3,
        ),
    }


def test_search_matches_title_description_and_skills(api_client, catalogue):
    assert titles(api_client.get("/api/v1/tasks/?q=survey")) == ["Analyse survey responses"]
    assert titles(api_client.get("/api/v1/tasks/?q=markup")) == ["Fix a web scraper"]
    assert set(titles(api_client.get("/api/v1/tasks/?q=python"))) == {
        "Analyse survey responses",
        "Fix a web scraper",
    }
    assert titles(api_client.get("/api/v1/tasks/?q=figm")) == ["Refresh a charity logo"]


def test_search_uses_the_backend_of_the_database(api_client, catalogue):
    # Stemming proves the real full-text engine answered (porter on SQLite, english on PG).
    assert titles(api_client.get("/api/v1/tasks/?q=charting")) == ["Analyse survey responses"]
    assert connection.vendor in {"sqlite", "postgresql"}


def test_search_input_cannot_break_the_query(api_client, catalogue):
    for q in ['"', "AND OR NOT", "*", "')--", "NEAR(", "&|!:*"]:
        assert api_client.get("/api/v1/tasks/", {"q": q}).status_code == 200


def test_search_follows_edits(client_for, catalogue):
    task = catalogue["logo"]
    task_update(task_id=task.pk, mentor=task.mentor, data={"title": "Draw a mascot"})
    client = client_for(UserFactory())
    assert titles(client.get("/api/v1/tasks/?q=mascot")) == ["Draw a mascot"]
    assert titles(client.get("/api/v1/tasks/?q=logo")) == []


def test_relevance_ordering_puts_title_hits_first(api_client):
    TaskFactory(title="Budget review", description="Look over a podcast budget.")
    TaskFactory(title="Podcast editing", description="Edit a podcast podcast episode.")
    ranked = titles(api_client.get("/api/v1/tasks/?q=podcast&ordering=relevance"))
    assert ranked[0] == "Podcast editing"
    assert len(ranked) == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("skills=figma", {"logo"}),
        ("paid=true", {"survey"}),
        ("paid=false", {"logo", "scraper"}),
        ("min_hours=4&max_hours=10", {"survey", "logo"}),
        ("remote=false", {"logo"}),
        ("deadline_before=2030-02-01", {"logo"}),
        ("skills=python&paid=false", {"scraper"}),
    ],
)
def test_filters(api_client, catalogue, query, expected):
    names = {v.title: k for k, v in catalogue.items()}
    assert {names[t] for t in titles(api_client.get(f"/api/v1/tasks/?{query}"))} == expected


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("newest", ["scraper", "logo", "survey"]),
        ("deadline", ["logo", "survey", "scraper"]),
        ("stipend", ["survey", "scraper", "logo"]),
    ],
)
def test_orderings(api_client, catalogue, ordering, expected):
    names = {v.title: k for k, v in catalogue.items()}
    got = [names[t] for t in titles(api_client.get(f"/api/v1/tasks/?ordering={ordering}"))]
    assert got == expected


def test_only_open_tasks_are_listed(api_client):
    TaskFactory(title="Open one")
    for state in ("draft", "closed", "cancelled", "archived"):
        TaskFactory(title=f"{state} one", state=state)
    assert titles(api_client.get("/api/v1/tasks/")) == ["Open one"]


def test_institution_only_tasks_show_to_their_students_only(client_for, api_client):
    school = Institution.objects.create(name="Uni", slug="uni")
    task = TaskFactory(title="Campus only", visibility=Task.Visibility.INSTITUTIONS)
    task.institutions.add(school)
    student, outsider = UserFactory(), UserFactory()
    InstitutionMembership.objects.create(user=student, institution=school, role="student")
    ended = UserFactory()
    InstitutionMembership.objects.create(
        user=ended, institution=school, role="student", ended_at=datetime.datetime.now(datetime.UTC)
    )
    assert titles(api_client.get("/api/v1/tasks/")) == []
    assert titles(client_for(outsider).get("/api/v1/tasks/")) == []
    assert titles(client_for(ended).get("/api/v1/tasks/")) == []
    assert titles(client_for(student).get("/api/v1/tasks/?institution_only=true")) == [
        "Campus only"
    ]
    assert client_for(outsider).get(f"/api/v1/tasks/{task.pk}/").status_code == 404


def test_cursor_pagination_walks_every_task_once_with_a_count(api_client):
    for i in range(7):
        TaskFactory(title=f"Task {i}", estimated_hours=i + 1)
    seen, url = [], "/api/v1/tasks/?page_size=3&ordering=stipend"
    while url:
        body = api_client.get(url).json()
        assert body["count"] == 7
        assert body["count_capped"] is False
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == 7 == len(set(seen))


def test_count_is_capped(api_client, monkeypatch):
    monkeypatch.setattr("projects.selectors.tasks.COUNT_CAP", 2)
    for _ in range(3):
        TaskFactory()
    body = api_client.get("/api/v1/tasks/").json()
    assert body["count"] == 2
    assert body["count_capped"] is True


def test_bad_filters_are_400(api_client):
    response = api_client.get("/api/v1/tasks/?ordering=random&min_hours=lots")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"ordering", "min_hours"}


def test_browse_query_count_is_fixed(client_for, django_assert_max_num_queries):
    skills = [SkillFactory() for _ in range(3)]
    for _ in range(25):
        TaskFactory(skills=skills)
    client = client_for(UserFactory())
    with django_assert_max_num_queries(5):
        body = client.get("/api/v1/tasks/?q=overflow&skills=" + skills[0].slug).json()
    assert len(body["results"]) == 20
    assert all(len(row["skills"]) == 3 for row in body["results"])


@pytest.mark.postgres_only
def test_postgres_search_can_use_the_gin_index():
    TaskFactory(title="Podcast editing")
    qs = task_search(Task.objects.all(), "podcast")
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "projects_task_search_vector_gin" in plan


def test_relevance_ranks_only_the_newest_matches_within_the_window():
    # Given five tasks mentioning "podcast", the oldest with it in the title (the best rank)
    tasks = [TaskFactory(title="Podcast show notes podcast")] + [
        TaskFactory(title=f"Edit episode {n}", description="A podcast episode.") for n in range(4)
    ]
    TaskFactory(title="Refresh a logo")
    # When a search ranks a window of the three newest matches
    ranked = task_search(Task.objects.all(), "podcast", window=3).order_by("-rank", "-id")
    # Then only those three are listed, and the older, better-ranked one is not among them
    assert {row.pk for row in ranked} == {task.pk for task in tasks[-3:]}
    # And without a window (newest, deadline or stipend ordering) every match is listed
    assert task_search(Task.objects.all(), "podcast").count() == 5


def test_a_window_larger_than_the_matches_keeps_every_match():
    for n in range(3):
        TaskFactory(title=f"Podcast {n}")
    assert task_search(Task.objects.all(), "podcast", window=10).count() == 3


def test_a_skill_filter_finds_a_skill_created_after_a_lookup_found_nothing(api_client):
    # Given a browse filtered by a skill that does not exist yet
    assert titles(api_client.get("/api/v1/tasks/?skills=rust")) == []
    # When the skill is created and a task asks for it
    TaskFactory(title="Port a parser", skills=[SkillFactory(name="Rust", slug="rust")])
    # Then the same filter finds it, by slug and by its printed name
    assert titles(api_client.get("/api/v1/tasks/?skills=rust")) == ["Port a parser"]
    assert titles(api_client.get("/api/v1/tasks/?skills=Rust")) == ["Port a parser"]
