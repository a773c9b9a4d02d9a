"""Every careers route x who asks x the student's consent: nothing about a student leaves
without consent, a key sees its own institution only, and only staff sessions manage."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Consent
from accounts.services.consent import consent_revoke
from accounts.services.institution_keys import (
    institution_api_key_create,
    institution_api_key_revoke,
)
from projects.careers.access import CareersAccess
from projects.careers.api.base import CareersView
from tests.careers.conftest import key_client, make_student
from tests.factories import EngagementFactory, UserFactory

pytestmark = pytest.mark.django_db


def careers_routes() -> list[tuple[str, type]]:
    """Every route under /api/v1/careers/, found from the URL configuration itself."""
    found = []
    for pattern in get_resolver().url_patterns:
        if str(pattern.pattern) != "api/v1/":
            continue
        for group in pattern.url_patterns:
            if str(group.pattern) != "careers/":
                continue
            for route in group.url_patterns:
                assert isinstance(route, URLPattern)
                found.append((str(route.pattern), route.callback.view_class))
    return found


ROUTES = careers_routes()
DATA_ROUTES = {
    "students/",
    "students.csv",
    "students/<str:student_id>/participation/",
    "engagements/",
}


def test_every_careers_route_is_built_on_the_consent_scoped_base_view():
    assert len(ROUTES) >= 14
    for route, view in ROUTES:
        assert issubclass(view, CareersView), f"{route} does not use CareersView"


def _url(route: str, student_public_id: str) -> str:
    return "/api/v1/careers/" + (
        route.replace("<str:student_id>", student_public_id)
        .replace("<id:featured_id>", "999999")
        .replace("<id:key_id>", "999999")
        .replace("<id:membership_id>", "999999")
        .replace("<id:invitation_id>", "999999")
        .replace("<id:request_id>", "999999")
    )


def _world(office, other_office, consent_state: str):
    """One student of `office` whose consent is in `consent_state`, with an engagement."""
    scopes = None if consent_state == "never" else ["participation", "evaluations"]
    student = make_student(office, "Quinn Zephyrine", scopes=scopes, programme="Zoology")
    EngagementFactory(drafter=student)
    if consent_state == "revoked":
        consent = Consent.objects.get(student=student, revoked_at__isnull=True)
        consent_revoke(student=student, consent_id=consent.pk)
    return student


def _principals(office, other_office):
    spare = institution_api_key_create(actor=office.admin, institution=office.institution, name="x")
    institution_api_key_revoke(
        actor=office.admin, institution=office.institution, key_id=spare.key.pk
    )
    expiring = institution_api_key_create(
        actor=office.admin,
        institution=office.institution,
        name="short",
        expires_at=timezone.now() + timedelta(seconds=1),
    )
    expiring.key.expires_at = timezone.now() - timedelta(seconds=1)
    expiring.key.save()
    drafter = APIClient()
    drafter.force_authenticate(UserFactory())
    return {
        "own_key": (office.key_client(), "sees"),
        "own_staff": (office.staff_client(), "sees"),
        "other_key": (other_office.key_client(), "other"),
        "other_staff": (other_office.staff_client(), "other"),
        "revoked_key": (key_client(spare.secret), 401),
        "expired_key": (key_client(expiring.secret), 401),
        "garbage_key": (key_client("slk_nope.nope"), 401),
        "drafter": (drafter, 403),
        "anonymous": (APIClient(), 401),
    }


def _body(response) -> str:
    """What the response says, a streamed file (students.csv) included."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("consent_state", ["consenting", "revoked", "never"])
@pytest.mark.parametrize("route,view", ROUTES, ids=[r for r, _ in ROUTES])
def test_student_data_only_with_consent_and_only_to_own_institution(
    office, other_office, consent_state, route, view
):
    student = _world(office, other_office, consent_state)
    public_id = CareersAccess(institution=office.institution).student_public_id(student.pk)
    principals = _principals(office, other_office)
    for who, (client, expected) in principals.items():
        response = client.get(_url(route, public_id))
        body = _body(response)
        allowed = expected == "sees" and consent_state == "consenting"
        if not allowed:
            assert "Quinn Zephyrine" not in body, (who, route)
            assert public_id not in body, (who, route)
            assert "Zoology" not in body, (who, route)
        elif route in DATA_ROUTES:
            assert response.status_code == 200, (who, route)
            assert public_id in body, (who, route)
        if isinstance(expected, int):
            assert response.status_code == expected, (who, route, response.status_code)
        elif view.staff_only and who.endswith("_key"):
            assert response.status_code == 403, (who, route)
        elif route.startswith("students/<str") and not allowed:
            assert response.status_code == 404, (who, route, response.status_code)


@pytest.mark.parametrize("route,view", ROUTES, ids=[r for r, _ in ROUTES])
def test_keys_are_read_only_on_every_route(office, route, view):
    client = office.key_client()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(_url(route, "stu_x"), {}, format="json")
        assert response.status_code in (403, 405), (route, method, response.status_code)


def test_revocation_takes_effect_on_the_next_request(office):
    student = make_student(office, "Rae Mock")
    public_id = CareersAccess(institution=office.institution).student_public_id(student.pk)
    client = office.key_client()
    url = f"/api/v1/careers/students/{public_id}/participation/"
    assert client.get(url).status_code == 200
    consent_revoke(student=student, consent_id=Consent.objects.get(student=student).pk)
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/careers/students/").json()["results"] == []
