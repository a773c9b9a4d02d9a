"""The hot reads' fast paths change how rows are fetched, never what is said: the OpenAPI
description of browse, task detail, the dashboard and recommendations, and their JSON for a
fixed world (anonymous and signed in, filters, search, a refused query), are exactly what they
were before the fast paths (read_contract.json, written from the code before them).

Ids are replaced by their order of appearance per place in the document (databases number rows
differently); everything else is compared as it is. To rewrite the reference after a deliberate
change of the contract: READ_CONTRACT_WRITE=1 pytest tests/topology/test_read_contract.py."""

import json
import os
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.models import Institution, InstitutionMembership
from projects.models import Application, Engagement
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
    UserSkillFactory,
)

pytestmark = pytest.mark.django_db
REFERENCE = Path(__file__).with_name("read_contract.json")
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
PATHS = (
    "/api/v1/tasks/",
    "/api/v1/tasks/{task_id}/",
    "/api/v1/me/dashboard/",
    "/api/v1/me/recommendations/",
)


def _world() -> dict[str, Any]:
    python = SkillFactory(name="Python contract", slug="python-contract")
    sql = SkillFactory(name="SQL contract", slug="sql-contract")
    design = SkillFactory(name="Design contract", slug="design-contract")
    mentor = UserFactory(email="contract.mentor@example.org", finish__display_name="Mia Mentor")
    drafter = UserFactory(email="contract.drafter@example.org", finish__display_name="Dan Draft")
    UserSkillFactory(user=drafter, skill=python)
    UserSkillFactory(user=drafter, skill=sql)
    campus = Institution.objects.create(
        name="Contract University", slug="contract-university", email_domains=["cu.edu"]
    )
    InstitutionMembership.objects.create(
        user=drafter, institution=campus, role=InstitutionMembership.Role.STUDENT, email="d@cu.edu"
    )
    tasks = []
    specs = [
        ("Clean the sales dashboard", [python, sql], 120000, "public"),
        ("Sketch onboarding screens", [design], None, "public"),
        ("Dashboard for the campus lab", [python], None, "institutions"),
        ("Tidy a research notebook", [python, design], 50000, "public"),
    ]
    for n, (title, skills, stipend, visibility) in enumerate(specs):
        task = TaskFactory(
            mentor=mentor,
            title=title,
            description=f"**{title}**: a real piece of work, reviewed together.\n\n- step one",
            estimated_hours=4 + n,
            deadline=date(2026, 12, 1 + n),
            stipend_amount=stipend,
            visibility=visibility,
            published_at=datetime(2026, 10, 1 + n, 12, 0, tzinfo=UTC),
            skills=skills,
        )
        if visibility == "institutions":
            task.institutions.set([campus])
        tasks.append(task)
    TaskFactory(mentor=mentor, title="Not yet published", state="draft", published_at=None)
    ApplicationFactory(task=tasks[1], drafter=drafter)
    EngagementFactory(
        application__task=tasks[3], application__drafter=drafter, state=Engagement.State.ACTIVE
    )
    assert Application.objects.filter(drafter=drafter).count() == 2
    return {"mentor": mentor, "drafter": drafter, "tasks": tasks}


def _normalised(document: Any) -> Any:
    """Each integer id becomes `#n`, n its order of appearance at that place (`tasks.id`,
    `results.mentor.id`, ...), so the same row keeps the same name wherever it recurs there."""
    names: dict[tuple[str, int], str] = {}

    def walk(node: Any, place: str) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                is_id = key == "id" or key.endswith("_id") or key.endswith("_ids")
                if is_id and isinstance(value, int) and not isinstance(value, bool):
                    out[key] = names.setdefault((f"{place}.{key}", value), f"#{len(names)}")
                elif is_id and isinstance(value, list):
                    out[key] = [
                        names.setdefault((f"{place}.{key}", v), f"#{len(names)}") for v in value
                    ]
                elif key == "rank" and isinstance(value, float):
                    out[key] = "<engine's own score>"  # bm25 on SQLite, ts_rank on PostgreSQL
                else:
                    out[key] = walk(value, f"{place}.{key}")
            return out
        if isinstance(node, list):
            return [walk(item, place) for item in node]
        if isinstance(node, str):  # links to a row: /engagements/12/
            return re.sub(
                r"/([a-z-]+)/(\d+)/",
                lambda m: f"/{m[1]}/{names.setdefault((m[1], int(m[2])), f'#{len(names)}')}/",
                node,
            )
        return node

    return walk(document, "")


def _schema_of_reads() -> dict[str, Any]:
    schema = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    components = schema["components"]["schemas"]
    picked = {path: schema["paths"][path] for path in PATHS}
    seen: dict[str, Any] = {}
    pending = [picked]
    while pending:
        text = json.dumps(pending.pop())
        for ref in {part.split('"')[0] for part in text.split('"#/components/schemas/')[1:]}:
            if ref not in seen:
                seen[ref] = components[ref]
                pending.append(components[ref])
    return {"paths": picked, "components": dict(sorted(seen.items()))}


def _reads(world: dict[str, Any]) -> dict[str, Any]:
    anonymous, drafter, mentor = APIClient(), APIClient(), APIClient()
    drafter.force_authenticate(world["drafter"])
    mentor.force_authenticate(world["mentor"])
    tasks = world["tasks"]
    requests = {
        "anonymous browse": (anonymous, "/api/v1/tasks/"),
        "anonymous filtered browse": (anonymous, "/api/v1/tasks/?skills=python-contract&paid=true"),
        "anonymous browse by deadline": (anonymous, "/api/v1/tasks/?ordering=deadline"),
        "anonymous search": (anonymous, "/api/v1/tasks/?q=dashboard"),
        "anonymous refused query": (anonymous, "/api/v1/tasks/?min_hours=abc&page_size=x"),
        "signed-in browse": (drafter, "/api/v1/tasks/"),
        "signed-in search": (drafter, "/api/v1/tasks/?q=dashboard&ordering=newest"),
        "signed-in browse page 1 of 2": (drafter, "/api/v1/tasks/?page_size=2"),
        "anonymous task detail": (anonymous, f"/api/v1/tasks/{tasks[0].pk}/"),
        "anonymous hidden task": (anonymous, f"/api/v1/tasks/{tasks[2].pk}/"),
        "student's institution task": (drafter, f"/api/v1/tasks/{tasks[2].pk}/"),
        "applied task detail": (drafter, f"/api/v1/tasks/{tasks[1].pk}/"),
        "mentor's task detail": (mentor, f"/api/v1/tasks/{tasks[3].pk}/"),
        "drafter dashboard": (drafter, "/api/v1/me/dashboard/"),
        "mentor dashboard": (mentor, "/api/v1/me/dashboard/"),
        "recommendations": (drafter, "/api/v1/me/recommendations/"),
    }
    out = {}
    for name, (client, url) in requests.items():
        response = client.get(url)
        body = response.json()
        if isinstance(body, dict) and isinstance(body.get("next"), str):
            body["next"] = "<next page link>"  # its cursor encodes a row's position
        out[name] = {"status": response.status_code, "body": body}
    return _normalised(out)


def test_the_hot_reads_say_exactly_what_they_said_before_their_fast_paths():
    with time_machine.travel(NOW, tick=False):
        world = _world()
        current = {"schema": _schema_of_reads(), "reads": _reads(world)}
    if os.environ.get("READ_CONTRACT_WRITE"):
        REFERENCE.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n")
    reference = json.loads(REFERENCE.read_text())

    assert current["schema"] == reference["schema"]
    for name, read in reference["reads"].items():
        assert current["reads"][name] == read, name
