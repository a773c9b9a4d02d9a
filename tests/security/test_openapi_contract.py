"""The contract is as strict as the code: the schema validates with openapi-spec-validator,
every /api/ URL answers in the JSON error shape, matched or not, debug on or off (item 11), and
what the fuzz run (issue 18) found the schema and the code disagreeing on now agrees: each input
the code takes, the schema takes, and each it refuses (400), the schema refuses."""

import json
import re

import pytest
from django.test import Client, override_settings
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft4Validator
from openapi_spec_validator import OpenAPIV30SpecValidator
from rest_framework.test import APIClient

from accounts.services.notifications import notification_send
from accounts.skill_families import SKILL_FAMILY_LABELS
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

UNMATCHED = [
    ("get", "/api/v1/no-such-thing/"),
    ("delete", "/api/v1/me/consents/null,null/"),
    ("post", "/api/v1/tasks/abc/publish/"),
    ("patch", "/api/v2/me/"),
    ("put", "/api/"),
    ("get", "/api/v1/tasks"),  # no trailing slash
    ("options", "/api/v1/deliverables/0/file/x/"),
]


def test_the_schema_validates_with_openapi_spec_validator():
    schema = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))

    errors = [str(error).splitlines()[0] for error in OpenAPIV30SpecValidator(schema).iter_errors()]

    assert errors == []


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize(("method", "path"), UNMATCHED)
def test_unmatched_api_urls_answer_the_json_error_shape(debug, method, path):
    with override_settings(DEBUG=debug):
        response = getattr(Client(), method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


def _query_parameter(schema: dict, path: str, name: str) -> dict:
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(p["schema"] for p in parameters if p["name"] == name)


# The fuzz run sent "/B\x1f…" too: whitespace to Python's `\s`, not to the schema's.
PAGES = [
    "/",
    "/engagements/12/",
    "/tasks/5/?tab=files",
    "/p/%C3%A9t%C3%A9/",
    "/a\x85",
    "/\U0001f3fb",
]
NOT_PAGES = [
    *["engagements/12/", "//evil.example/", "/tasks/5/#files", "/a b/", " /", "/\x00", ""],
    *["/B\x1f", "/a\n", "/a\t/", "/a\x7f"],
]


@pytest.mark.parametrize("url", PAGES)
def test_marking_read_by_a_page_path_the_schema_takes_is_accepted(db, schema, url):
    person = UserFactory()
    notification_send(recipient=person, kind="message", title="New message", url=url)
    client = APIClient()
    client.force_authenticate(person)

    response = client.post("/api/v1/me/notifications/read/", {"url": url}, format="json")

    assert response.status_code == 200
    assert response.json() == {"marked": 1}
    pattern = schema["components"]["schemas"]["NotificationsReadInputRequest"]["properties"]
    assert re.fullmatch(pattern["url"]["pattern"], url)


@pytest.mark.parametrize("url", NOT_PAGES)
def test_marking_read_by_something_no_page_path_is_refused_as_the_schema_says(db, schema, url):
    # The fuzz run sent "000…0": the schema took any text, the code wanted a path.
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.post("/api/v1/me/notifications/read/", {"url": url}, format="json")

    assert response.status_code == 400
    assert "url" in response.json()["error"]["fields"]
    pattern = schema["components"]["schemas"]["NotificationsReadInputRequest"]["properties"]
    assert not re.fullmatch(pattern["url"]["pattern"], url)


@pytest.mark.parametrize(
    ("task", "status"),
    [
        *[("0", 200), ("7", 200), (str(10**18 - 1), 200), ("", 200)],
        *[("-61743", 400), (str(10**18), 400), ("1.5", 400), ("true", 400)],
    ],
)
def test_my_offers_task_filter_takes_exactly_what_the_schema_states(db, schema, task, status):
    # The fuzz run sent ?task=-61743: an integer to the schema, refused by the code.
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.get("/api/v1/me/offers/", {"task": task})

    assert response.status_code == status
    parameter = _query_parameter(schema, "/api/v1/me/offers/", "task")
    as_number = int(task) if re.fullmatch(r"-?\d+", task) else task
    assert (status == 200) == (task == "" or Draft4Validator(parameter).is_valid(as_number))


def test_the_circle_alert_path_lists_every_skill_family_and_only_those_answer(db, schema):
    # The schema took any text for {skill_family}: the fuzz run's texts all met a 404.
    client = APIClient()
    client.force_authenticate(UserFactory())
    parameter = schema["paths"]["/api/v1/circles/alerts/{skill_family}/"]["post"]["parameters"]
    families = next(p["schema"]["enum"] for p in parameter if p["name"] == "skill_family")

    answers = {
        family: client.post(f"/api/v1/circles/alerts/{family}/").status_code for family in families
    }
    unknown = client.post("/api/v1/circles/alerts/no-such-family/")

    assert set(families) == set(SKILL_FAMILY_LABELS)
    assert set(answers.values()) == {201}
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_found"


LONG_HOST = "https://" + "0" * 63 + ("." + "a" * 63) * 6 + ".org/metadata"


@pytest.mark.parametrize("url", [LONG_HOST, "http://idp.uni.edu/metadata", "ftp://idp.uni.edu/m"])
def test_an_sso_metadata_url_the_code_refuses_is_refused_by_the_schema(db, schema, url):
    # The fuzz run sent LONG_HOST: a `format: uri` to the schema, too long a host for Django.
    institution = InstitutionFactory()
    admin = UserFactory()
    MembershipFactory(user=admin, institution=institution, role="staff", staff_role="admin")
    client = APIClient()
    client.force_authenticate(admin)

    response = client.put(
        f"/api/v1/institutions/{institution.slug}/sso/", {"metadata_url": url}, format="json"
    )

    assert response.status_code == 400
    assert "metadata_url" in response.json()["error"]["fields"]
    prop = schema["components"]["schemas"]["SsoSetInputRequest"]["properties"]["metadata_url"]
    assert not re.search(prop["pattern"], url)


def test_an_https_metadata_url_is_what_the_schema_takes(schema):
    prop = schema["components"]["schemas"]["SsoSetInputRequest"]["properties"]["metadata_url"]

    assert re.search(prop["pattern"], "https://idp.uni.edu/metadata?entity=1")
    assert prop["maxLength"] == 500
