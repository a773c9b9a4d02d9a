"""Browse's fast path (a statement built once per filter shape, paged by the cursor's keyset)
lists exactly what the browse queryset lists: the same tasks, in the same order, on every
page forwards and backwards, for each viewer, filter and ordering — and its cards carry each
task's skills as the queryset's rows did. Both passes of `make test` run these (SQLite FTS5,
PostgreSQL full-text search)."""

import base64
import datetime
import itertools
from urllib.parse import urlencode

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from accounts.models import Institution, InstitutionMembership
from projects.api.pagination import BrowsePagination
from projects.models import Task
from projects.selectors.tasks import task_list_for_browse
from tests.factories import SkillFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 11, 2, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def world():
    """Tasks with ties on every sort key (the cursor's offset), missing deadlines and stipends,
    an institution-only task, a draft, an inactive mentor's task and a task of the viewer."""
    python = SkillFactory(name="Python", slug="python")
    design = SkillFactory(name="Design", slug="design")
    campus = Institution.objects.create(name="Campus", slug="campus", email_domains=["c.edu"])
    student, mentor = UserFactory(), UserFactory()
    InstitutionMembership.objects.create(
        user=student, institution=campus, role=InstitutionMembership.Role.STUDENT, email="s@c.edu"
    )
    words = ["dashboard data", "dashboard", "survey data", "data cleaning"]
    for n in range(14):
        TaskFactory(
            mentor=mentor,
            title=f"Task {n} {words[n % 4]}",
            description=f"Work on the {words[(n + 1) % 4]} for a week.",
            skills=[[python], [design], [python, design], []][n % 4],
            estimated_hours=2 + n % 5,
            is_remote=n % 3 != 0,
            deadline=None if n % 4 == 0 else datetime.date(2027, 1, 1 + n % 3),
            stipend_amount=[None, 0, 20_000, 20_000, 50_000][n % 5],
            level=["beginner_friendly", "some_experience", "experienced"][n % 3],
            published_at=NOON - datetime.timedelta(hours=n // 3),  # three tasks per hour
        )
    hidden = TaskFactory(mentor=mentor, title="Campus dashboard", visibility="institutions")
    hidden.institutions.set([campus])
    TaskFactory(mentor=mentor, title="Draft dashboard", state="draft", published_at=None)
    gone = UserFactory()
    TaskFactory(mentor=gone, title="Gone dashboard")
    gone.is_active = False
    gone.save()
    TaskFactory(mentor=student, title="The student's own dashboard")
    return {"student": student, "mentor": mentor}


FILTERS = [
    {},
    {"skills": "python"},
    {"skills": "python,Design", "paid": "true"},
    {"skills": "no-such-skill"},
    {"paid": "false", "remote": "true"},
    {"min_hours": "3", "max_hours": "5", "level": "some_experience"},
    {"deadline_before": "2027-01-02"},
    {"institution_only": "true"},
    {"q": "dashboard"},
    {"q": "data dash", "paid": "true"},
    {"q": "?!"},
]
ORDERINGS = ["newest", "deadline", "stipend", "relevance"]


def _filters(query: dict[str, str]) -> dict:
    """The query as BrowseQuerySerializer validates it."""
    filters: dict = {"ordering": query.get("ordering", "newest")}
    for name in ("q", "level"):
        if name in query:
            filters[name] = query[name]
    if "skills" in query:
        filters["skills"] = query["skills"].split(",")
    for name in ("paid", "remote", "institution_only"):
        if name in query:
            filters[name] = query[name] == "true"
    for name in ("min_hours", "max_hours"):
        if name in query:
            filters[name] = int(query[name])
    if "deadline_before" in query:
        filters["deadline_before"] = datetime.date.fromisoformat(query["deadline_before"])
    return filters


def _queryset_page(viewer, query: dict[str, str], url: str) -> dict:
    """What DRF's cursor paginator made of the browse queryset for `url` (the path before the
    fast path): the page's ids and its links."""
    queryset, ordering = task_list_for_browse(viewer=viewer, filters=_filters(query))
    paginator = BrowsePagination()
    paginator.ordering = ordering
    request = Request(APIRequestFactory().get(url))
    page = paginator.paginate_queryset(queryset, request)
    return {
        "ids": [row["id"] for row in page],
        "next": paginator.get_next_link(),
        "previous": paginator.get_previous_link(),
    }


def _walk_and_compare(client, viewer, query: dict[str, str], url: str, key: str) -> list[str]:
    """Follow `key` links from `url`, each page compared with the queryset's; the links."""
    links = []
    # Bounded: with ties on the first sort column, DRF's reversed cursors may revisit pages
    # (its documented paging artifact); the walk compares them and stops under the anonymous
    # throttle (60 a minute).
    while url and len(links) < 25:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        body = response.json()
        got = {
            "ids": [row["id"] for row in body["results"]],
            "next": body["next"],
            "previous": body["previous"],
        }
        assert got == _queryset_page(viewer, query, url), (viewer, url)
        links.append(url)
        url = body[key]
    return links


@pytest.mark.parametrize(
    ("filters", "ordering"), list(itertools.product(FILTERS, ORDERINGS)), ids=str
)
def test_every_page_and_link_is_what_the_browse_queryset_gave(
    world, api_client, client_for, filters, ordering
):
    for viewer, client in (
        (None, api_client),
        (world["student"], client_for(world["student"])),
    ):
        query = {**filters, "ordering": ordering}
        url = "http://testserver/api/v1/tasks/?page_size=2&" + urlencode(query)
        links = _walk_and_compare(client, viewer, query, url, "next")
        # Back from the last page by "previous" links (reversed cursors, their offsets).
        _walk_and_compare(client, viewer, query, links[-1], "previous")


def test_cards_carry_their_skills_by_name_and_the_mentor(world, api_client):
    body = api_client.get("/api/v1/tasks/?page_size=50").json()

    for card in body["results"]:
        task = Task.objects.get(pk=card["id"])
        assert card["skills"] == [
            {"slug": s.slug, "name": s.name} for s in task.skills.order_by("name")
        ]
        assert card["mentor_handle"] == task.mentor.profile.handle
        assert card["published_at"] == task.published_at.isoformat().replace("+00:00", "Z")
    assert {card["title"] for card in body["results"]} >= {"Task 0 dashboard data"}


def test_the_signed_in_student_sees_their_campus_task_and_their_own(world, client_for):
    titles = {
        card["title"]
        for card in client_for(world["student"]).get("/api/v1/tasks/?q=dashboard").json()["results"]
    }

    assert {"Campus dashboard", "The student's own dashboard"} <= titles
    assert not {"Draft dashboard", "Gone dashboard"} & titles


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_an_edited_cursor_is_a_400_not_a_500(world, api_client, ordering):
    cursor = base64.b64encode(b"o=0&p=not-a-position").decode()

    response = api_client.get(f"/api/v1/tasks/?q=dashboard&ordering={ordering}&cursor={cursor}")

    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


@pytest.mark.postgres_only
def test_postgresql_plans_browse_and_the_task_page_once_per_connection(world, client_for):
    """Prepared statements with a generic plan: after its first few runs on a connection,
    neither browse nor the task page is planned again for any viewer (planning had been most
    of their database time); a search is planned for its words each time. Behind a
    transaction-mode pooler DATABASE_PREPARED_STATEMENTS=0 turns this off."""
    from django.db import connection

    task = Task.objects.filter(title="Task 0 dashboard data").get()
    viewers = [UserFactory() for _ in range(4)] + [world["student"]]
    for _ in range(3):
        for viewer in viewers:
            client = client_for(viewer)
            assert client.get("/api/v1/tasks/?page_size=5").status_code == 200
            assert client.get(f"/api/v1/tasks/{task.pk}/").status_code == 200
            # A search is planned for its words on every run, never on a generic plan.
            assert client.get("/api/v1/tasks/?page_size=5&q=dashboard").json()["results"]

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans FROM pg_prepared_statements"
            " WHERE statement LIKE 'SELECT%%projects_task%%'"
        )
        plans = cursor.fetchall()
    browse = [g for statement, g in plans if "LIMIT 6 OFFSET 0" in statement]
    page = [g for statement, g in plans if statement.endswith('WHERE t."id" = $2')]
    assert browse and browse[0] >= 5, plans
    assert not [statement for statement, _ in plans if "@@" in statement], plans
    assert page and page[0] >= 5, plans
