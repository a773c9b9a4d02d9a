"""Deleting an account removes personal data but keeps rows other people depend on."""

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import Consent, PortfolioItem, User, UserSkill
from tests.accounts.conftest import PDF_BYTES, stored_files
from tests.factories import (
    DEFAULT_PASSWORD,
    InstitutionFactory,
    MembershipFactory,
    SkillFactory,
    UserSkillFactory,
)

pytestmark = pytest.mark.django_db


def test_wrong_password_deletes_nothing(auth_client, user):
    response = auth_client.post("/api/v1/me/delete/", {"password": "nope"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "password_incorrect"
    user.refresh_from_db()
    assert user.is_active


def test_deletion_anonymises_and_disables_login(
    client, user, media_root, django_capture_on_commit_callbacks
):
    client.force_login(user)
    handle = user.profile.handle
    client.patch("/api/v1/me/", {"headline": "Secret headline"}, content_type="application/json")
    client.post(
        "/api/v1/me/portfolio/",
        {"title": "CV", "file": SimpleUploadedFile("cv.pdf", PDF_BYTES)},
    )
    UserSkillFactory(user=user, skill=SkillFactory(name="Python"))
    uni = InstitutionFactory()
    MembershipFactory(user=user, institution=uni)
    Consent.objects.create(
        student=user, institution=uni, participation=True, purpose="p", version="v"
    )
    assert stored_files(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/me/delete/", {"password": DEFAULT_PASSWORD}, content_type="application/json"
        )
    assert response.status_code == 204

    user = User.objects.get(pk=user.pk)  # the row stays for others' records
    assert not user.is_active and not user.has_usable_password()
    assert user.email.endswith("@deleted.invalid")
    assert user.profile.headline == "" and user.profile.deleted_at is not None
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not PortfolioItem.objects.filter(owner=user).exists()
    assert not UserSkill.objects.filter(user=user).exists()
    assert Consent.objects.get().revoked_at is not None
    assert stored_files(media_root) == []
    assert APIClient().get(f"/api/v1/profiles/{handle}/").status_code == 404
    assert client.get("/api/v1/me/").status_code in {401, 403}  # the session is gone
