"""Cursor pagination caps page_size so nobody can ask for the whole table."""

import pytest
from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from accounts.models import User
from marketplace.api.pagination import CursorPagination
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(("asked", "served"), [("3", 3), ("100", 100), ("100000", 100)])
def test_page_size_is_capped(asked, served, django_assert_max_num_queries):
    User.objects.bulk_create(User(email=f"u{i}@example.org") for i in range(105))
    request = Request(APIRequestFactory().get("/", {"page_size": asked}))
    paginator = CursorPagination()
    with django_assert_max_num_queries(1):
        page = paginator.paginate_queryset(User.objects.all(), request)
    assert len(page) == served
    assert settings.API_MAX_PAGE_SIZE == 100


@pytest.mark.parametrize("asked", ["0", "-5", "nonsense", "null", ""])
def test_a_page_size_the_schema_refuses_is_refused(asked):
    # Not a whole number from 1: a quietly substituted default would hide the client's bug.
    request = Request(APIRequestFactory().get("/", {"page_size": asked}))
    with pytest.raises(ValidationError) as refused:
        CursorPagination().paginate_queryset(User.objects.none(), request)
    assert "page_size" in refused.value.detail


@pytest.mark.django_db
def test_cursor_walks_every_row_once():
    users = UserFactory.create_batch(7)
    paginator = CursorPagination()
    seen, url = [], "/?page_size=3"
    while url:
        request = Request(APIRequestFactory().get(url))
        seen += [u.pk for u in paginator.paginate_queryset(User.objects.all(), request)]
        url = paginator.get_next_link()
    assert sorted(seen) == sorted(u.pk for u in users)
    assert len(seen) == len(set(seen))
