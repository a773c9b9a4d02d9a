"""/api/v1/me/ (account + profile + completeness), the avatar, and the public profile."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import Profile
from tests.accounts.conftest import image_bytes, stored_files
from tests.factories import PortfolioItemFactory, SkillFactory, UserFactory, UserSkillFactory

pytestmark = pytest.mark.django_db


def test_me_reports_completeness_and_the_next_step(db):
    auth_client = APIClient()
    auth_client.force_authenticate(UserFactory(finish__display_name=""))
    body = auth_client.get("/api/v1/me/").json()
    assert body["completeness"]["percent"] == 0
    assert body["completeness"]["next_step"]["key"] == "display_name"

    auth_client.patch("/api/v1/me/", {"display_name": "Ada", "headline": "Analyst in training"})
    body = auth_client.get("/api/v1/me/").json()
    assert body["completeness"]["percent"] == 25
    assert body["completeness"]["next_step"] == {
        "key": "skills",
        "label": "Add at least 3 skills",
        "url": "/settings/#skills",
    }


def test_mentors_are_asked_for_their_organisation_not_a_portfolio(auth_client):
    auth_client.patch("/api/v1/me/", {"wants_to_mentor": True, "wants_to_draft": False})
    missing = auth_client.get("/api/v1/me/").json()["completeness"]["missing"]
    assert "mentor_details" in missing
    assert "portfolio" not in missing


def test_me_query_count_is_pinned(auth_client, user, django_assert_max_num_queries):
    for name in ("Python", "SQL", "Excel"):
        UserSkillFactory(user=user, skill=SkillFactory(name=name))
    PortfolioItemFactory.create_batch(3, owner=user)
    with django_assert_max_num_queries(2):
        body = auth_client.get("/api/v1/me/").json()
    assert len(body["skills"]) == 3
    assert body["portfolio_count"] == 3


def test_patch_updates_every_profile_field(auth_client, user):
    response = auth_client.patch(
        "/api/v1/me/",
        {
            "handle": "Ada-Lovelace",
            "location": "London",
            "time_zone": "Europe/London",
            "weekly_hours": 6,
            "links": ["https://example.org/ada"],
            "organisation": "Analytical Engines Ltd",
            "job_title": "Programmer",
            "years_experience": 12,
            "onboarding_completed": True,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["handle"] == "ada-lovelace"
    assert body["links"] == ["https://example.org/ada"]
    assert body["onboarding_completed"] is True
    assert Profile.objects.get(user=user).weekly_hours == 6


@pytest.mark.parametrize(
    ("payload", "field", "rule"),
    [
        ({"handle": "has space"}, "handle", "letters, digits or hyphens"),
        ({"handle": "-edge"}, "handle", "starting and ending"),
        ({"handle": "ab"}, "handle", "3-40"),
        ({"handle": "<script>"}, "handle", "letters, digits or hyphens"),
        ({"handle": "admin"}, "handle", "reserved"),
        ({"links": ["javascript:alert(1)"]}, "links", "http:// and https://"),
        ({"links": ["mailto:a@example.org"]}, "links", "http:// and https://"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "time zone"),
        ({"weekly_hours": 200}, "weekly_hours", "80"),
        ({"wants_to_mentor": False, "wants_to_draft": False}, "wants_to_draft", "at least one"),
        ({"headline": "x" * 161}, "headline", "160"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_changes(auth_client, user, payload, field, rule):
    before = Profile.objects.get(user=user)
    response = auth_client.patch("/api/v1/me/", payload)
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert field in fields
    assert rule.lower() in str(fields[field]).lower()
    after = Profile.objects.get(user=user)
    assert (after.handle, after.links, after.time_zone, after.weekly_hours) == (
        before.handle,
        before.links,
        before.time_zone,
        before.weekly_hours,
    )


def test_a_taken_handle_is_refused(auth_client, user):
    Profile.objects.filter(user=UserFactory()).update(handle="grace")
    response = auth_client.patch("/api/v1/me/", {"handle": "Grace"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "handle_taken"
    assert "taken" in error["fields"]["handle"][0]
    assert Profile.objects.get(user=user).handle != "grace"


def test_html_in_text_fields_is_kept_as_text_and_rendered_escaped(auth_client, user):
    headline = "<b>Bold</b> claims"
    bio = "Hello <script>alert(1)</script> **world** [site](javascript:alert(2))"
    auth_client.patch("/api/v1/me/", {"headline": headline, "bio": bio})
    profile = Profile.objects.get(user=user)
    assert profile.headline == headline and profile.bio == bio  # kept verbatim, as text

    public = APIClient().get(f"/api/v1/profiles/{profile.handle}/").json()
    assert public["headline"] == headline  # JSON carries text; pages insert it with textContent
    html = public["bio_html"]
    assert "<script" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>world</strong>" in html


def test_avatar_is_re_encoded_and_served(auth_client, user, media_root):
    upload = SimpleUploadedFile("me.jpg", image_bytes("JPEG", (900, 600)), "image/jpeg")
    response = auth_client.post("/api/v1/me/avatar/", {"avatar": upload}, format="multipart")
    assert response.status_code == 200, response.content
    url = response.json()["avatar_url"]
    assert url.startswith(f"/api/v1/profiles/{user.profile.handle}/avatar/")
    served = APIClient().get(url)
    assert served["Content-Type"] == "image/webp"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert [p.suffix for p in stored_files(media_root)] == [".webp"]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "file_type_not_allowed"),
        ("a.pdf", b"%PDF-1.4 not an image", "file_type_not_allowed"),
        ("big.png", image_bytes(size=(6000, 5000), mode="1"), "image_too_large"),
    ],
)
def test_bad_avatars_are_refused(auth_client, user, media_root, name, content, code):
    upload = SimpleUploadedFile(name, content)
    response = auth_client.post("/api/v1/me/avatar/", {"avatar": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert "avatar" in response.json()["error"]["fields"]
    assert not Profile.objects.get(user=user).avatar
    assert stored_files(media_root) == []


def test_public_profile_shows_public_work_and_never_an_email(user):
    user.profile.headline = "Data journalist"
    user.profile.save()
    UserSkillFactory(user=user, skill=SkillFactory(name="Python"), level="expert")
    PortfolioItemFactory(owner=user, title="Shown", visibility="public")
    PortfolioItemFactory(owner=user, title="Hidden", visibility="applications")

    response = APIClient().get(f"/api/v1/profiles/{user.profile.handle}/")
    assert response.status_code == 200
    body = response.json()
    assert body["headline"] == "Data journalist"
    assert [s["name"] for s in body["skills"]] == ["Python"]
    assert body["skills"][0]["level"] == "expert"
    assert [item["title"] for item in body["portfolio"]] == ["Shown"]
    assert "@" not in response.content.decode()


def test_public_profile_query_count_is_pinned(user, django_assert_max_num_queries):
    for name in ("Python", "SQL", "Excel", "Figma"):
        UserSkillFactory(user=user, skill=SkillFactory(name=name))
    for _ in range(5):
        item = PortfolioItemFactory(owner=user)
        item.skills.set([SkillFactory(name="Python"), SkillFactory(name="SQL")])
    with django_assert_max_num_queries(4):
        body = APIClient().get(f"/api/v1/profiles/{user.profile.handle}/").json()
    assert len(body["portfolio"]) == 5


def test_unknown_profile_is_404():
    assert APIClient().get("/api/v1/profiles/nobody-here/").status_code == 404
