"""Validation and domain errors keep their field messages and stable codes."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from marketplace.api.exceptions import exception_handler
from marketplace.errors import Conflict, NotFound


def test_serializer_errors_name_each_field():
    class Input(serializers.Serializer):
        title = serializers.CharField(max_length=5)
        hours = serializers.IntegerField(min_value=1)

    form = Input(data={"title": "far too long", "hours": 0})
    assert not form.is_valid()
    response = exception_handler(serializers.ValidationError(form.errors), {})
    assert response.status_code == 400
    error = response.data["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"title", "hours"}
    assert "5 characters" in error["fields"]["title"][0]
    assert error["message"].startswith("title:")


def test_django_validation_error_becomes_400_with_fields():
    response = exception_handler(DjangoValidationError({"link": ["Only http and https."]}), {})
    assert response.status_code == 400
    assert response.data["error"]["fields"] == {"link": ["Only http and https."]}


def test_domain_errors_keep_their_code_and_status():
    conflict = exception_handler(Conflict("All slots are taken.", code="slots_full"), {})
    assert conflict.status_code == 409
    assert conflict.data == {
        "error": {"code": "slots_full", "message": "All slots are taken.", "fields": {}}
    }
    missing = exception_handler(NotFound("No such engagement."), {})
    assert missing.status_code == 404
    assert missing.data["error"]["code"] == "not_found"


def test_unexpected_exceptions_are_left_to_the_500_handler():
    assert exception_handler(ZeroDivisionError(), {}) is None
