"""Issue 18 point 7: where the code refuses input, the OpenAPI schema says so, and where the
state of the world refuses a well-formed request, the status says which (404, 409, not 400).
Found by an independent schemathesis run with every check."""

import json
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.services.notifications import notification_send
from projects.models import Engagement
from tests.factories import (
    EngagementFactory,
    InstitutionFactory,
    MembershipFactory,
    TaskFactory,
    UserFactory,
)

NUL_SAMPLES = ["\x00", "a\x00", "\x00 b", "Name \x00 here"]


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


def _request_texts(node, where, found):
    if isinstance(node, dict):
        free_text = node.get("format") not in {"binary", "date", "date-time", "uri"}
        if node.get("type") == "string" and "enum" not in node and free_text:
            found.append((where, node))
        for value in node.values():
            _request_texts(value, where, found)
    elif isinstance(node, list):
        for value in node:
            _request_texts(value, where, found)
    return found


def test_every_request_text_in_the_schema_refuses_nul(schema):
    # DRF refuses NUL in every text field: each request text's pattern must refuse it too.
    texts = []
    for name, component in schema["components"]["schemas"].items():
        # COMPONENT_SPLIT_REQUEST names request bodies "<Name>Request" ("CritiqueRequestOutput"
        # is a response that happens to hold the word).
        if name.endswith("Request"):
            _request_texts(component, name, texts)
    for path, item in schema["paths"].items():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    _request_texts(parameter["schema"], f"{path} ?{parameter['name']}", texts)
    admitted = [
        where
        for where, node in texts
        for sample in NUL_SAMPLES
        if "pattern" not in node or re.search(node["pattern"], sample)
    ]
    assert len(texts) > 100
    assert admitted == []


@pytest.mark.parametrize(
    ("field", "component"),
    [("job_title", "PatchedMeInputRequest"), ("location", "PatchedMeInputRequest")],
)
def test_nul_in_profile_text_is_refused_as_the_schema_says(db, schema, field, component):
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.patch("/api/v1/me/", {field: "Designer\x00"}, format="json")

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    pattern = schema["components"]["schemas"][component]["properties"][field]["pattern"]
    assert re.search(pattern, "Designer") and not re.search(pattern, "Designer\x00")


def test_nul_in_a_cancel_reason_is_refused(db, schema):
    engagement = EngagementFactory(state=Engagement.State.ACTIVE)
    client = APIClient()
    client.force_authenticate(engagement.mentor)

    response = client.post(
        f"/api/v1/engagements/{engagement.pk}/cancel/", {"reason": "No\x00"}, format="json"
    )

    assert response.status_code == 400
    pattern = schema["components"]["schemas"]["CancelInputRequest"]["properties"]["reason"]
    assert not re.search(pattern["pattern"], "No\x00")


@pytest.mark.parametrize("email", ["0@0.a", "a@b", "a@b.c0m", " ana@uni.edu", "a..b@uni.edu"])
def test_an_email_the_code_refuses_is_refused_by_the_schema(db, schema, email):
    institution = InstitutionFactory()
    staff = UserFactory()
    MembershipFactory(user=staff, institution=institution, role="staff", staff_role="admin")
    client = APIClient()
    client.force_authenticate(staff)

    response = client.post(
        f"/api/v1/institutions/{institution.slug}/staff/", {"email": email}, format="json"
    )

    assert response.status_code == 400
    pattern = schema["components"]["schemas"]["StaffAddInputRequest"]["properties"]["email"]
    assert not re.search(pattern["pattern"], email)


def test_an_email_the_schema_takes_is_taken(db, schema):
    pattern = schema["components"]["schemas"]["StaffAddInputRequest"]["properties"]["email"]
    for email in ["ana@uni.edu", "a.b+c@mail.example.org", "x_y@a-b.co"]:
        assert re.search(pattern["pattern"], email)


def test_an_invitation_note_over_500_characters_is_refused_as_the_schema_says(db, schema):
    task = TaskFactory()
    client = APIClient()
    client.force_authenticate(task.mentor)
    drafter = UserFactory()

    response = client.post(
        f"/api/v1/tasks/{task.pk}/invitations/",
        {"drafter_handle": drafter.profile.handle, "note": "n" * 501},
        format="json",
    )

    assert response.status_code == 400
    assert "note" in response.json()["error"]["fields"]
    note = schema["components"]["schemas"]["InvitationInputRequest"]["properties"]["note"]
    assert note["maxLength"] == 500


def test_introducing_someone_to_their_own_task_is_a_conflict_and_an_unknown_handle_not_found(db):
    task = TaskFactory()
    friend = APIClient()
    friend.force_authenticate(UserFactory())

    own = friend.post(
        "/api/v1/introductions/",
        {"task_id": task.pk, "drafter_handle": task.mentor.profile.handle, "note": "Hi"},
        format="json",
    )
    unknown = friend.post(
        "/api/v1/introductions/",
        {"task_id": task.pk, "drafter_handle": "nobody-here", "note": "Hi"},
        format="json",
    )

    assert (own.status_code, own.json()["error"]["code"]) == (409, "introduction_not_allowed")
    assert unknown.status_code == 404


def test_a_saved_search_name_must_be_text(db):
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.post(
        "/api/v1/me/saved-searches/", {"name": 0, "query": {"q": "figma"}}, format="json"
    )

    assert response.status_code == 400
    assert "name" in response.json()["error"]["fields"]


@pytest.mark.parametrize("cursor", ["\x1f", " ", "\t\t", "abc$", "cD0x\x00"])
def test_a_cursor_no_page_link_contains_is_refused(db, schema, cursor):
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.get("/api/v1/me/notifications/", {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]
    [parameter] = [
        p
        for p in schema["paths"]["/api/v1/me/notifications/"]["get"]["parameters"]
        if p["name"] == "cursor"
    ]
    assert not re.search(parameter["schema"]["pattern"], cursor)


def test_the_next_page_link_still_works(db):
    user = UserFactory()
    for n in range(3):
        notification_send(recipient=user, kind="message", title=f"N{n}", email=False)
    client = APIClient()
    client.force_authenticate(user)

    first = client.get("/api/v1/me/notifications/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()

    assert [n["title"] for n in first["results"] + second["results"]] == ["N2", "N1", "N0"]
