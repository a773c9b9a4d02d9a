"""Keys, roles, onboarding with approval, report suppression, the disclosure log and
featured tasks — the career office's side of things, through the API."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.admin import approve_institutions
from accounts.models import Institution, InstitutionApiKey, InstitutionMembership, Notification
from projects.careers.models import Disclosure
from projects.careers.selectors.featured import featured_badges_for_tasks
from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Engagement, Task
from tests.careers.conftest import key_client, make_student
from tests.factories import EngagementFactory, MembershipFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_key_is_shown_once_stored_hashed_and_stops_working_when_revoked(office):
    staff = office.staff_client()
    made = staff.post("/api/v1/careers/keys/", {"name": "Handshake sync"})
    assert made.status_code == 201
    secret = made.json()["key"]
    row = InstitutionApiKey.objects.get(pk=made.json()["id"])
    assert row.hashed_key == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(staff.get("/api/v1/careers/keys/").json())
    client = key_client(secret)
    assert client.get("/api/v1/careers/students/").status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert staff.delete(f"/api/v1/careers/keys/{row.pk}/").status_code == 204
    refused = client.get("/api/v1/careers/students/")
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Api-Key")


def test_an_expired_key_is_refused(office):
    staff = office.staff_client()
    soon = (timezone.now() + timedelta(hours=1)).isoformat()
    secret = staff.post("/api/v1/careers/keys/", {"name": "Trial", "expires_at": soon}).json()[
        "key"
    ]
    assert key_client(secret).get("/api/v1/careers/engagements/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert key_client(secret).get("/api/v1/careers/engagements/").status_code == 401


def test_a_key_opens_nothing_outside_careers(office):
    assert office.key_client().get("/api/v1/me/").status_code == 401
    assert office.key_client().get("/api/v1/tasks/").status_code in (200, 401)


def test_each_key_has_its_own_rate_limit(office, settings):
    settings.CAREERS_API_KEY_THROTTLE = "2/minute"
    other = office.staff_client().post("/api/v1/careers/keys/", {"name": "Other"}).json()["key"]
    first = office.key_client()
    assert [first.get("/api/v1/careers/students/").status_code for _ in range(3)] == [200, 200, 429]
    assert key_client(other).get("/api/v1/careers/students/").status_code == 200


def test_viewers_read_but_only_admins_manage_keys_and_colleagues(office):
    viewer = UserFactory()
    MembershipFactory(
        user=viewer,
        institution=office.institution,
        role="staff",
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    client = APIClient()
    client.force_authenticate(viewer)
    assert client.get("/api/v1/careers/reports/summary/").status_code == 200
    refused = client.post("/api/v1/careers/keys/", {"name": "Mine"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_institution_admin"
    assert (
        client.post("/api/v1/careers/institution/staff/", {"email": "x@y.org"}).status_code == 403
    )


def test_admin_adds_a_colleague_as_viewer_who_is_notified(office):
    colleague = UserFactory(email="lee@northfield.edu")
    added = office.staff_client().post(
        "/api/v1/careers/institution/staff/", {"email": colleague.email, "role": "viewer"}
    )
    assert added.status_code == 201 and added.json()["role"] == "viewer"
    assert Notification.objects.filter(recipient=colleague, kind="institution_staff_added").exists()
    staff = office.staff_client().get("/api/v1/careers/institution/").json()["staff"]
    assert {s["email"] for s in staff} == {office.admin.email, colleague.email}


def test_onboarding_waits_for_site_staff_approval_then_goes_live():
    creator = UserFactory(email="dana@lakeside.edu")
    client = APIClient()
    client.force_authenticate(creator)
    made = client.post(
        "/api/v1/institutions/", {"name": "Lakeside University", "email_domains": ["lakeside.edu"]}
    )
    assert made.status_code == 201, made.content
    assert made.json() == {
        "slug": "lakeside-university",
        "name": "Lakeside University",
        "status": "pending",
        "email_domains": ["lakeside.edu"],
        "viewer_role": "admin",
    }
    # Not live: no dashboard data, no keys, and students do not join by domain yet.
    assert client.get("/api/v1/careers/students/").status_code == 403
    assert client.post("/api/v1/careers/keys/", {"name": "k"}).status_code == 403

    site_staff = UserFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().post("/admin/")
    request.user = site_staff
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    approve_institutions(
        site._registry[Institution], request, Institution.objects.filter(slug="lakeside-university")
    )
    assert Institution.objects.get(slug="lakeside-university").status == "approved"
    assert Notification.objects.filter(recipient=creator, kind="institution_approved").exists()
    assert client.get("/api/v1/careers/students/").status_code == 200


def test_a_domain_cannot_be_claimed_twice_nor_without_owning_it(office):
    outsider = UserFactory(email="someone@gmail.example")
    client = APIClient()
    client.force_authenticate(outsider)
    unowned = client.post(
        "/api/v1/institutions/", {"name": "Fake U", "email_domains": ["fake.edu"]}
    )
    assert unowned.status_code == 403
    assert unowned.json()["error"]["code"] == "domain_not_verified_by_you"
    EmailAddress.objects.create(user=outsider, email="me@northfield.edu", verified=True)
    taken = client.post(
        "/api/v1/institutions/", {"name": "Copy", "email_domains": ["northfield.edu"]}
    )
    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "domain_already_claimed"


def _engaged(office, n, *, scopes, programme="Biology", stipend=10000):
    for i in range(n):
        student = make_student(office, f"{programme} {i}", scopes=scopes, programme=programme)
        EngagementFactory(
            drafter=student,
            application__task=TaskFactory(stipend_amount=stipend),
            state=Engagement.State.COMPLETED,
        )
    # Factories write past the services that keep the summary table in step.
    careers_summary_rebuild()


def test_report_cells_under_five_students_are_suppressed(office):
    _engaged(office, 5, scopes=["participation", "stipend_amounts"], programme="Biology")
    _engaged(office, 4, scopes=["participation", "stipend_amounts"], programme="Physics")
    body = office.key_client().get("/api/v1/careers/reports/summary/?group_by=major").json()
    groups = {g["key"]: g for g in body["groups"]}
    assert groups["Biology"]["students"] == 5
    assert groups["Biology"]["stipend_totals"] == {"usd": 50000}
    assert groups["Physics"] == {
        **{k: None for k in groups["Physics"] if k not in ("key", "suppressed")},
        "key": "Physics",
        "suppressed": True,
    }
    assert body["totals"]["students"] == 9
    filtered = office.key_client().get("/api/v1/careers/reports/summary/?major=Physics").json()
    assert filtered["totals"]["suppressed"] is True


def test_stipend_totals_need_five_students_sharing_amounts(office):
    _engaged(office, 5, scopes=["participation"])
    body = office.key_client().get("/api/v1/careers/reports/summary/").json()
    assert body["totals"]["students"] == 5 and body["totals"]["paid"] == 5
    assert body["totals"]["stipend_totals"] is None


def test_every_disclosure_is_logged_and_the_student_can_see_it(office):
    student = make_student(office, "Gil Sharer")
    office.key_client().get("/api/v1/careers/students/")
    office.staff_client().get("/api/v1/careers/students/?page_size=5")
    # A report counts only students with engagements: Gil has none, so it discloses nothing.
    office.staff_client().get("/api/v1/careers/reports/summary/")
    log = list(Disclosure.objects.order_by("id"))
    assert [d.endpoint for d in log] == [
        "/api/v1/careers/students/",
        "/api/v1/careers/students/?page_size=5",
    ]
    assert log[0].api_key_id == office.key.key.pk and "skills" in log[0].fields
    assert log[1].staff_user == office.admin
    assert list(log[0].students.all()) == [student]

    mine = APIClient()
    mine.force_authenticate(student)
    seen = mine.get("/api/v1/me/disclosures/").json()["results"]
    assert [(d["institution"], d["by"]["kind"]) for d in seen] == [
        ("Northfield University", "staff"),
        ("Northfield University", "api_key"),
    ]
    csv = office.staff_client().get("/api/v1/careers/disclosures.csv")
    assert csv.status_code == 200 and "/api/v1/careers/students/" in csv.content.decode()
    assert office.key_client().get("/api/v1/careers/disclosures/").status_code == 403


def test_an_empty_answer_discloses_nothing(office):
    make_student(office, "No Consent", scopes=None)
    office.key_client().get("/api/v1/careers/students/")
    assert not Disclosure.objects.exists()


def test_staff_feature_open_tasks_and_their_students_see_the_badge(office, other_office):
    task = TaskFactory()
    student = make_student(office, "Hal Badge", scopes=None)
    elsewhere = make_student(other_office, "Ivy Else", scopes=None)
    made = office.staff_client().post("/api/v1/careers/featured-tasks/", {"task_id": task.pk})
    assert made.status_code == 201
    assert featured_badges_for_tasks(viewer=student, task_ids=[task.pk]) == {
        task.pk: ["Northfield University"]
    }
    assert featured_badges_for_tasks(viewer=elsewhere, task_ids=[task.pk]) == {}
    mine = APIClient()
    mine.force_authenticate(student)
    assert mine.get("/api/v1/me/featured-tasks/").json() == {
        "featured": {str(task.pk): ["Northfield University"]}
    }
    assert (
        office.key_client()
        .post("/api/v1/careers/featured-tasks/", {"task_id": task.pk})
        .status_code
        == 403
    )
    closed = TaskFactory(state=Task.State.CLOSED)
    refused = office.staff_client().post("/api/v1/careers/featured-tasks/", {"task_id": closed.pk})
    assert refused.status_code == 409
    assert (
        office.staff_client()
        .delete(f"/api/v1/careers/featured-tasks/{made.json()['id']}/")
        .status_code
        == 204
    )
    assert featured_badges_for_tasks(viewer=student, task_ids=[task.pk]) == {}
