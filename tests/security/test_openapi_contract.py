"""The contract is as strict as the code: the schema validates with openapi-spec-validator, and
every /api/ URL answers in the JSON error shape, matched or not, debug on or off (item 11)."""

import json

import pytest
from django.test import Client, override_settings
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import OpenAPIV30SpecValidator

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
