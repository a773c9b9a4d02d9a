"""A page size in plain digits is read without building a field: every spelling must still get
what DRF's IntegerField(min_value=1) gave it (a number, capped, or a 400 on page_size)."""

import pytest
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from marketplace.api.pagination import CursorPagination

SPELLINGS = ["20", "1", "100", "101", "020", " 7", "7.0", "٣", "99999999999", "0", "-1", "1e3"]


def _as_the_field_reads(value: str) -> int | str:
    try:
        return min(serializers.IntegerField(min_value=1).run_validation(value), 100)
    except serializers.ValidationError:
        return "refused"


@pytest.mark.parametrize("asked", SPELLINGS)
def test_a_page_size_is_read_as_the_integer_field_reads_it(asked):
    request = Request(APIRequestFactory().get("/", {"page_size": asked}))
    try:
        served: int | str = CursorPagination().get_page_size(request)
    except serializers.ValidationError as refused:
        assert "page_size" in refused.detail
        served = "refused"
    assert served == _as_the_field_reads(asked)
