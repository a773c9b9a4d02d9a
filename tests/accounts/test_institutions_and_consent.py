"""Membership by verified e-mail domain, staff, and consent: grant → visible to the
institution, revoke → gone on the next read, history kept."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_removed
from django.core import mail
from rest_framework.test import APIClient

from accounts import consent_terms
from accounts.models import Consent, InstitutionMembership
from accounts.selectors.consent import consenting_students
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def _grant(client, institution, scopes=("participation",), version=consent_terms.VERSION):
    return client.post(
        "/api/v1/me/consents/",
        {"institution": institution.slug, "scopes": list(scopes), "version": version},
    )


def test_verifying_an_address_on_an_institution_domain_makes_a_student(client):
    uni = InstitutionFactory(email_domains=["uni.edu"])
    InstitutionFactory(email_domains=["elsewhere.edu"])
    base = "/_allauth/browser/v1"
    client.post(
        f"{base}/auth/signup",
        {"email": "alice@cs.uni.edu", "password": PASSWORD},
        content_type="application/json",
    )
    assert not InstitutionMembership.objects.exists()  # not verified yet
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(1)
    response = client.post(
        f"{base}/auth/email/verify", {"key": key}, content_type="application/json"
    )
    assert response.status_code == 200
    membership = InstitutionMembership.objects.get()
    assert membership.institution == uni
    assert membership.role == "student"
    assert membership.email == "alice@cs.uni.edu"
    memberships = client.get("/api/v1/me/memberships/").json()
    assert [m["institution_slug"] for m in memberships] == [uni.slug]


def test_losing_the_address_ends_membership_and_consent(user):
    uni = InstitutionFactory(email_domains=["uni.edu"])
    address = EmailAddress.objects.create(user=user, email="me@uni.edu", verified=True)
    membership = MembershipFactory(user=user, institution=uni, email="me@uni.edu")
    Consent.objects.create(
        student=user, institution=uni, participation=True, purpose="p", version="v"
    )
    assert list(consenting_students(institution=uni, scope="participation")) == [user]

    address.delete()
    email_removed.send(sender=EmailAddress, request=None, user=user, email_address=address)

    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert list(consenting_students(institution=uni, scope="participation")) == []
    assert Consent.objects.get().revoked_at is not None


def test_consent_lifecycle(auth_client, user):
    uni = InstitutionFactory()
    MembershipFactory(user=user, institution=uni)
    assert list(consenting_students(institution=uni, scope="participation")) == []

    granted = _grant(auth_client, uni, scopes=["participation", "evaluations"])
    assert granted.status_code == 201, granted.content
    body = granted.json()
    assert body["scopes"] == ["participation", "evaluations"]
    assert body["version"] == consent_terms.VERSION
    assert body["purpose"] == consent_terms.PURPOSE
    assert list(consenting_students(institution=uni, scope="participation")) == [user]
    assert list(consenting_students(institution=uni, scope="evaluations")) == [user]
    assert list(consenting_students(institution=uni, scope="stipend_amounts")) == []

    assert auth_client.delete(f"/api/v1/me/consents/{body['id']}/").status_code == 204
    assert list(consenting_students(institution=uni, scope="participation")) == []

    history = auth_client.get("/api/v1/me/consents/").json()["results"]
    assert [(c["id"], c["is_active"]) for c in history] == [(body["id"], False)]
    assert history[0]["revoked_at"] is not None


def test_a_new_grant_replaces_the_old_one_and_keeps_it_in_history(auth_client, user):
    uni = InstitutionFactory()
    MembershipFactory(user=user, institution=uni)
    _grant(auth_client, uni, scopes=["participation", "stipend_amounts"])
    _grant(auth_client, uni, scopes=["participation"])
    assert list(consenting_students(institution=uni, scope="stipend_amounts")) == []
    assert list(consenting_students(institution=uni, scope="participation")) == [user]
    assert Consent.objects.filter(student=user).count() == 2
    assert Consent.objects.filter(student=user, revoked_at__isnull=True).count() == 1


def test_consent_needs_a_student_membership_the_current_wording_and_a_scope(auth_client, user):
    uni = InstitutionFactory()
    not_member = _grant(auth_client, uni)
    assert not_member.status_code == 403
    assert not_member.json()["error"]["code"] == "not_a_student_member"

    MembershipFactory(user=user, institution=uni)
    outdated = _grant(auth_client, uni, version="2020-1")
    assert outdated.status_code == 400
    assert "version" in outdated.json()["error"]["fields"]

    no_scope = _grant(auth_client, uni, scopes=[])
    assert no_scope.status_code == 400
    assert "scopes" in no_scope.json()["error"]["fields"]
    assert not Consent.objects.exists()


def test_a_consent_of_someone_else_cannot_be_revoked(auth_client):
    other = UserFactory()
    uni = InstitutionFactory()
    MembershipFactory(user=other, institution=uni)
    consent = Consent.objects.create(
        student=other, institution=uni, participation=True, purpose="p", version="v"
    )
    assert auth_client.delete(f"/api/v1/me/consents/{consent.pk}/").status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_only_students_with_an_active_membership_are_visible(user):
    uni = InstitutionFactory()
    membership = MembershipFactory(user=user, institution=uni)
    Consent.objects.create(
        student=user, institution=uni, participation=True, purpose="p", version="v"
    )
    other_uni = InstitutionFactory()
    assert list(consenting_students(institution=other_uni, scope="participation")) == []
    membership.ended_at = membership.created_at
    membership.save()
    assert list(consenting_students(institution=uni, scope="participation")) == []


def test_leaving_an_institution(auth_client, user):
    uni = InstitutionFactory()
    membership = MembershipFactory(user=user, institution=uni)
    _grant(auth_client, uni)
    assert auth_client.delete(f"/api/v1/me/memberships/{membership.pk}/").status_code == 204
    assert auth_client.get("/api/v1/me/memberships/").json() == []
    assert list(consenting_students(institution=uni, scope="participation")) == []


def test_staff_add_staff_and_nobody_else_can(user):
    uni = InstitutionFactory()
    colleague = UserFactory()
    staff = APIClient()
    staff.force_authenticate(user)
    url = f"/api/v1/institutions/{uni.slug}/staff/"

    # Not its staff: the institution answers as if it did not exist.
    refused = staff.post(url, {"email": colleague.email})
    assert refused.status_code == 404

    MembershipFactory(user=user, institution=uni, role="staff")
    added = staff.post(url, {"email": colleague.email.upper()})
    assert added.status_code == 201, added.content
    assert added.json()["role"] == "staff"
    assert InstitutionMembership.objects.filter(user=colleague, role="staff").exists()

    unknown = staff.post(url, {"email": "nobody@example.org"})
    assert unknown.status_code == 400
    assert "email" in unknown.json()["error"]["fields"]


def test_consent_terms_are_public():
    body = APIClient().get("/api/v1/consent-terms/").json()
    assert body["version"] == consent_terms.VERSION
    assert [s["key"] for s in body["scopes"]] == [
        "participation",
        "evaluations",
        "stipend_amounts",
        "outcomes",
    ]
