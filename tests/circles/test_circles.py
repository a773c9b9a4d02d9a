"""Circles: who may host, joining until full, members-only reading, leaving and removal."""

import pytest

from projects.circles.models import Circle, CircleMembership
from projects.circles.services.circles import circle_join
from tests.factories import (
    EngagementFactory,
    InstitutionFactory,
    MembershipFactory,
    SkillFactory,
    UserFactory,
    UserSkillFactory,
)

# The starter catalogue is what these tests search and suggest from.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_catalogue")]
NEW = {"name": "Data viz critique", "skill_family": "python-data", "description": "Weekly."}


def test_a_drafter_with_two_verified_drafts_hosts_a_forming_circle(host, client_for):
    response = client_for(host).post("/api/v1/circles/", NEW, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["state"], body["member_count"], body["viewer_role"]) == ("forming", 1, "host")
    assert body["members"][0]["is_host"] is True


def test_a_drafter_with_one_verified_draft_cannot_host(client_for):
    user = UserFactory()
    EngagementFactory(application__drafter=user, state="completed")

    response = client_for(user).post("/api/v1/circles/", NEW, format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "circle_host_not_eligible"
    assert not Circle.objects.exists()


def test_hosting_refuses_an_unknown_family_and_a_blank_name(host, client_for):
    response = client_for(host).post(
        "/api/v1/circles/", {"name": "  ", "skill_family": "astrology"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"name", "skill_family"}


def test_the_fourth_member_makes_the_circle_active(active_circle):
    circle, _ = active_circle

    assert (circle.state, circle.member_count) == ("active", 4)


def test_a_ninth_person_finds_the_circle_full(circle, client_for):
    for _ in range(7):
        circle_join(circle_id=circle.pk, user=UserFactory())
    ninth = UserFactory()

    listed = client_for(ninth).get("/api/v1/circles/").json()["results"][0]
    response = client_for(ninth).post(f"/api/v1/circles/{circle.pk}/join/")

    assert "join" not in listed["allowed_actions"]
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "circle_full"
    circle.refresh_from_db()
    assert circle.member_count == 8


def test_only_members_read_a_circle(active_circle, client_for):
    circle, members = active_circle

    assert client_for(members[0]).get(f"/api/v1/circles/{circle.pk}/").status_code == 200
    assert client_for(UserFactory()).get(f"/api/v1/circles/{circle.pk}/").status_code == 404


def test_the_list_suggests_circles_by_the_viewers_skill_families(circle, client_for):
    viewer = UserFactory()
    UserSkillFactory(user=viewer, skill=SkillFactory(name="React"))
    SkillFactory(name="React")  # seeded in the javascript family

    suggested = client_for(viewer).get("/api/v1/circles/?suggested=true").json()["results"]
    by_family = client_for(viewer).get("/api/v1/circles/?skill=python-data").json()["results"]

    assert [(c["id"], c["suggested"], c["allowed_actions"]) for c in suggested] == [
        (circle.pk, True, ["join"])
    ]
    assert by_family == []


def test_an_institution_circle_is_seen_and_joined_by_its_members_only(host, client_for):
    institution = InstitutionFactory()
    MembershipFactory(user=host, institution=institution)
    student = UserFactory()
    MembershipFactory(user=student, institution=institution)
    outsider = UserFactory()
    created = client_for(host).post(
        "/api/v1/circles/", NEW | {"institution_slug": institution.slug}, format="json"
    )
    elsewhere = client_for(host).post(
        "/api/v1/circles/", NEW | {"institution_slug": InstitutionFactory().slug}, format="json"
    )
    circle_id = created.json()["id"]

    assert [c["id"] for c in client_for(student).get("/api/v1/circles/").json()["results"]] == [
        circle_id
    ]
    assert client_for(outsider).get("/api/v1/circles/").json()["results"] == []
    assert client_for(outsider).post(f"/api/v1/circles/{circle_id}/join/").status_code == 403
    assert client_for(student).post(f"/api/v1/circles/{circle_id}/join/").status_code == 200
    assert elsewhere.status_code == 400
    assert "institution_slug" in elsewhere.json()["error"]["fields"]


def test_leaving_below_four_sends_the_circle_back_to_forming(active_circle, client_for):
    circle, members = active_circle

    response = client_for(members[0]).post(f"/api/v1/circles/{circle.pk}/leave/")

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["member_count"]) == ("forming", 3)
    assert response.json()["allowed_actions"] == ["join"]


def test_the_host_removes_a_member_who_cannot_come_back(active_circle, host, client_for):
    circle, members = active_circle
    handle = members[1].profile.handle

    removed = client_for(host).post(f"/api/v1/circles/{circle.pk}/members/{handle}/remove/")
    rejoin = client_for(members[1]).post(f"/api/v1/circles/{circle.pk}/join/")

    assert removed.status_code == 200
    assert handle not in [m["handle"] for m in removed.json()["members"]]
    assert rejoin.status_code == 403
    assert rejoin.json()["error"]["code"] == "circle_removed"
    assert CircleMembership.objects.get(circle=circle, user=members[1]).state == "removed"


def test_a_member_cannot_remove_another_member(active_circle, client_for):
    circle, members = active_circle
    handle = members[1].profile.handle

    response = client_for(members[0]).post(f"/api/v1/circles/{circle.pk}/members/{handle}/remove/")

    assert response.status_code == 403
    assert CircleMembership.objects.get(circle=circle, user=members[1]).state == "member"


def test_the_host_closes_the_circle_and_nobody_joins_it(circle, host, client_for):
    closed = client_for(host).post(f"/api/v1/circles/{circle.pk}/close/")
    join = client_for(UserFactory()).post(f"/api/v1/circles/{circle.pk}/join/")

    assert closed.json()["state"] == "closed"
    assert join.status_code == 409
    assert join.json()["error"]["code"] == "circle_state_invalid"


def test_the_circle_list_costs_the_same_queries_for_one_or_many(
    host, client_for, django_assert_max_num_queries
):
    from projects.circles.services.circles import circle_create

    for n in range(12):
        circle_create(host=host, name=f"Circle {n}", skill_family="javascript")
    viewer = UserFactory()

    with django_assert_max_num_queries(6):
        response = client_for(viewer).get("/api/v1/circles/")

    assert len(response.json()["results"]) == 12


def test_hosting_says_how_many_verified_drafts_the_viewer_has_of_those_it_takes(host, client_for):
    newcomer = UserFactory()
    EngagementFactory(application__drafter=newcomer, state="completed")

    assert client_for(newcomer).get("/api/v1/circles/hosting/").json() == {
        "eligible": False,
        "verified_drafts": 1,
        "required": 2,
    }
    assert client_for(host).get("/api/v1/circles/hosting/").json()["eligible"] is True


def test_circles_name_skill_families_with_real_labels(circle, client_for):
    card = client_for(UserFactory()).get("/api/v1/circles/").json()["results"][0]

    assert card["skill_family_label"] == "JavaScript"


def test_the_circles_page_lists_families_by_their_real_names(client):
    client.force_login(UserFactory())

    page = client.get("/circles/").content.decode()

    for label in ("JavaScript", "DevOps", "Digital marketing", "Python &amp; data"):
        assert f">{label}</option>" in page
    assert "Javascript" not in page and "Marketing digital" not in page
