"""The authorization matrix: every operation of the OpenAPI schema by seven roles, against
objects that belong to drafter A and/or the owning mentor (so for every other role they are
foreign). A stranger gets 401 (anonymous) or 404/403 and changes nothing; an allowed role gets
past authorization (2xx, or a 400/409 about the request itself). A meta-test fails when the
schema has an operation this table does not list.

Adding a route is one row in ROWS: method, path template, how to fill it from the world, a
body, who may (PUBLIC, SIGNED_IN or a set of roles), and exceptions in `expect`.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.models import Notification
from accounts.services.institutions import membership_end
from projects.careers.access import CareersAccess
from projects.models import Task
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, TaskFactory
from tests.security.authz_world import ROLES, STAFF_INVITE_TOKEN, World, world_build

PUBLIC = "public"
SIGNED_IN = "signed_in"
ALLOW = "allow"  # past authorization: 2xx, or 400/409/503 about the request or the world
A, OWNER = "drafter_a", "mentor_owner"
PARTIES = frozenset({A, OWNER})
INSTITUTION = frozenset({"institution_staff", "site_staff"})
OFFICE = frozenset({"institution_staff"})


@dataclass(frozen=True)
class Row:
    method: str
    template: str
    fill: Callable[[World], dict[str, Any]] = lambda w: {}
    body: Callable[[World], Any] | dict | None = None
    who: str | frozenset[str] = SIGNED_IN
    deny: int = 404  # what a signed-in stranger gets (404 hides existence)
    expect: dict[str, int | str] = field(default_factory=dict)  # per-role exceptions
    multipart: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.template)

    def expected(self, role: str) -> int | str:
        if role in self.expect:
            return self.expect[role]
        if self.who == PUBLIC:
            return ALLOW
        if role == "anonymous":
            return 401
        if self.who == SIGNED_IN or role in self.who:
            return ALLOW
        return self.deny


def _task(w: World) -> dict:
    return {"task_id": w.task.pk}


def _app(w: World) -> dict:
    return {"application_id": w.application.pk}


def _eng(w: World) -> dict:
    return {"engagement_id": w.engagement.pk}


def _done(w: World) -> dict:
    return {"engagement_id": w.completed.pk}


def _student(w: World) -> dict:
    access = CareersAccess(institution=w.institution)
    return {"student_id": access.student_public_id(w.users["drafter_a"].pk)}


def _handle_a(w: World) -> dict:
    return {"handle": w.users[A].profile.handle}


def _item(w: World) -> dict:
    return {"item_id": w.item.pk}


def _offer(w: World) -> dict:
    return {"offer_id": w.offer.pk}


def _circle(w: World) -> dict:
    return {"circle_id": w.circle.pk}


def _critique(w: World) -> dict:
    return {"critique_id": w.critique.pk}


def _access_request(w: World) -> dict:
    """A waiting join request to the world's office: its admin's notice of it."""
    notice = Notification.objects.create(
        recipient=w.staff_membership.user,
        kind="staff_access_requested",
        title="Kim asks to join",
        url="/careers/settings/?invite=kim@example.org#colleagues",
    )
    return {"request_id": notice.pk}


def _new_offer(w: World) -> dict:
    return {
        "title": "Proofread your launch post",
        "what": "I will proofread the launch post and suggest a shorter opening.",
        "estimated_hours": 2,
        "by_when": str(datetime.date.today() + datetime.timedelta(days=21)),
        "work_sample_link": "https://example.org/sample",
    }


ROWS: list[Row] = [
    Row("GET", "/api/v1/", who=PUBLIC),
    Row("GET", "/api/v1/config/", who=PUBLIC),
    Row("GET", "/api/v1/config/stipend-quote/", who=PUBLIC),
    Row("GET", "/api/v1/me/threads/"),
    # Matchmaking and relationships: each person's own lists; object routes for their owner.
    Row("GET", "/api/v1/me/invitations/"),
    Row("GET", "/api/v1/me/nudges/"),
    Row("GET", "/api/v1/me/saved-searches/"),
    Row("POST", "/api/v1/me/saved-searches/", body={"name": "Design", "query": {"q": "figma"}}),
    Row(
        "DELETE",
        "/api/v1/me/saved-searches/{saved_search_id}/",
        lambda w: {"saved_search_id": w.saved_search.pk},
        who={A},
    ),
    Row("GET", "/api/v1/me/notification-preferences/"),
    Row("PATCH", "/api/v1/me/notification-preferences/", body={"nudges": False}),
    Row(
        "POST",
        "/api/v1/invitations/{invitation_id}/decline/",
        lambda w: {"invitation_id": w.invitation.pk},
        who={A},
    ),
    Row(
        "POST",
        "/api/v1/nudges/{nudge_id}/snooze/",
        lambda w: {"nudge_id": w.nudge.pk},
        body={"days": 7},
        who={A},
    ),
    Row("POST", "/api/v1/nudges/{nudge_id}/turn-off/", lambda w: {"nudge_id": w.nudge.pk}, who={A}),
    Row("GET", "/api/v1/tasks/{task_id}/recommended-drafters/", _task, who={OWNER}),
    Row(
        "POST",
        "/api/v1/tasks/{task_id}/invitations/",
        _task,
        body=lambda w: {"drafter_handle": w.users["drafter_b"].profile.handle},
        who={OWNER},
    ),
    Row("GET", "/api/v1/engagements/{engagement_id}/report-back/", _eng, who=PARTIES),
    Row(
        "POST",
        "/api/v1/engagements/{engagement_id}/report-back/",
        _eng,
        body={"message": "It led to an internship.", "outcomes": ["job_offer"]},
        who={A},
        deny=404,
        expect={OWNER: "allow"},
    ),
    Row(
        "GET",
        "/api/v1/profiles/{handle}/outcomes/",
        lambda w: {"handle": w.users[A].profile.handle},
        who=PUBLIC,
    ),
    # A signed link, not a session: a made-up token is refused for everyone alike.
    Row(
        "POST",
        "/api/v1/unsubscribe/{token}/",
        lambda w: {"token": "not-a-signed-token"},
        who=PUBLIC,
        expect=dict.fromkeys(ROLES, 404),
    ),
    Row("GET", "/api/v1/me/disclosures/"),
    Row("GET", "/api/v1/me/disclosures/days/"),
    Row("GET", "/api/v1/me/featured-tasks/"),
    # Who at the office can see what the student shares: their own student membership only.
    Row(
        "GET",
        "/api/v1/me/memberships/{membership_id}/office-people/",
        lambda w: {"membership_id": w.membership.pk},
        who={A},
    ),
    Row("GET", "/api/v1/institutions/"),
    Row(
        "POST",
        "/api/v1/institutions/",
        body={"name": "Northfield College", "domains": ["northfield.edu"]},
    ),
    Row("GET", "/api/v1/institutions/domain-check/", body={"email_domains": "northfield.edu"}),
    # The career office's API: its staff (or keys, tested in tests/careers) and nobody else.
    *[
        Row("GET", f"/api/v1/careers/{path}", who=OFFICE, deny=403)
        for path in [
            "students/",
            "students.csv",
            "engagements/",
            "reports/summary/",
            "reports/summary.csv",
            "reports/filters/",
            "featured-tasks/",
            "disclosures/",
            "disclosures/days/",
            "disclosures.csv",
            "institution/",
            "keys/",
            "reports/first-destination.csv",
            "invitations/",
        ]
    ],
    Row(
        "POST",
        "/api/v1/careers/invitations/",
        body={
            "email": "new.colleague@example.org",
            "role": "viewer",
            "confirm_outside_domains": True,
        },
        who=OFFICE,
        deny=403,
    ),
    Row(
        "DELETE",
        "/api/v1/careers/invitations/{invitation_id}/",
        lambda w: {"invitation_id": w.staff_invitation.pk},
        who=OFFICE,
        deny=403,
    ),
    # The token is the authority: whoever holds the link reads it (signed out too: the join
    # page says who invited whom, where, as what) and, signed in, may accept it.
    Row(
        "GET",
        "/api/v1/staff-invitations/{token}/",
        lambda w: {"token": STAFF_INVITE_TOKEN},
        who=PUBLIC,
    ),
    Row(
        "POST",
        "/api/v1/me/staff-invitations/accept/",
        body={"token": STAFF_INVITE_TOKEN},
        who=SIGNED_IN,
    ),
    # Asking the office on your confirmed address's domain to invite you: drafter A is a student
    # member of the world's live office; anyone else has no such office (404, none named).
    Row("POST", "/api/v1/me/staff-access-requests/", who=frozenset({A})),
    # When you asked: drafter A has the office on their domain; anyone else has none (404).
    Row("GET", "/api/v1/me/staff-access-requests/", who=frozenset({A})),
    # Invitations waiting for your own confirmed addresses: every signed-in person has a list
    # (empty for all of the world's people); accepting another address's invitation is a 404.
    Row("GET", "/api/v1/me/staff-invitations/", who=SIGNED_IN),
    Row(
        "POST",
        "/api/v1/me/staff-invitations/{invitation_id}/accept/",
        lambda w: {"invitation_id": w.staff_invitation.pk},
        who=frozenset(),
    ),
    Row(
        "POST",
        "/api/v1/me/staff-invitations/{invitation_id}/decline/",
        lambda w: {"invitation_id": w.staff_invitation.pk},
        who=frozenset(),
    ),
    # The office's waiting join requests: its admins list and dismiss them.
    Row("GET", "/api/v1/careers/access-requests/", who=OFFICE, deny=403),
    Row(
        "DELETE",
        "/api/v1/careers/access-requests/{request_id}/",
        _access_request,
        who=OFFICE,
        deny=403,
    ),
    Row(
        "PATCH",
        "/api/v1/careers/institution/staff/{membership_id}/",
        lambda w: {"membership_id": w.staff_membership.pk},
        {"role": "admin"},
        who=OFFICE,
        deny=403,
    ),
    Row(
        "DELETE",
        "/api/v1/careers/institution/staff/{membership_id}/",
        lambda w: {"membership_id": w.staff_membership.pk},
        who=OFFICE,
        deny=403,  # and the office's only admin cannot leave it without one (409)
    ),
    Row(
        "POST",
        "/api/v1/careers/roster/",
        body=lambda w: {
            "file": SimpleUploadedFile("roster.csv", b"email\nnew@example.org\n", "text/csv")
        },
        who=OFFICE,
        deny=403,
        multipart=True,
    ),
    Row(
        "GET",
        "/api/v1/careers/students/{student_id}/participation/",
        _student,
        who=OFFICE,
        deny=403,
    ),
    Row(
        "POST",
        "/api/v1/careers/featured-tasks/",
        body=lambda w: {"task_id": w.task.pk},
        who=OFFICE,
        deny=403,
    ),
    Row(
        "DELETE",
        "/api/v1/careers/featured-tasks/{featured_id}/",
        lambda w: {"featured_id": 999_999},
        who=OFFICE,
        deny=403,
        expect={"institution_staff": 404},
    ),
    Row("POST", "/api/v1/careers/keys/", body={"name": "Student system"}, who=OFFICE, deny=403),
    Row(
        "DELETE",
        "/api/v1/careers/keys/{key_id}/",
        lambda w: {"key_id": 999_999},
        who=OFFICE,
        deny=403,
        expect={"institution_staff": 404},
    ),
    Row(
        "POST",
        "/api/v1/careers/institution/staff/",
        body={"email": "colleague@example.org"},
        who=OFFICE,
        deny=403,
    ),
    # Public once the draft is completed; the world's engagement is still live: hidden from all.
    Row(
        "GET",
        "/api/v1/experience/{engagement_id}/",
        _eng,
        who=PUBLIC,
        expect=dict.fromkeys(ROLES, 404),
    ),
    Row("GET", "/api/v1/consent-terms/", who=PUBLIC),
    Row("GET", "/api/v1/skills/", who=PUBLIC),
    Row("POST", "/api/v1/skills/", body={"name": "Survey design"}),
    Row(
        "GET",
        "/api/v1/profiles/{handle}/",
        lambda w: {"handle": w.users[A].profile.handle},
        who=PUBLIC,
    ),
    Row(
        "GET",
        "/api/v1/profiles/{handle}/experience/",
        lambda w: {"handle": w.users[A].profile.handle},
        who=PUBLIC,
    ),
    # Tasks
    Row("GET", "/api/v1/tasks/", who=PUBLIC),
    Row(
        "POST",
        "/api/v1/tasks/",
        body={"title": "T", "description": "D", "estimated_hours": 2, "what_you_gain": "G"},
    ),
    Row("GET", "/api/v1/tasks/{task_id}/", _task, who=PUBLIC),
    Row("PATCH", "/api/v1/tasks/{task_id}/", _task, {"title": "Renamed"}, who={OWNER}),
    Row("DELETE", "/api/v1/tasks/{task_id}/", _task, who={OWNER}),
    Row("POST", "/api/v1/tasks/{task_id}/publish/", _task, who={OWNER}),
    Row("POST", "/api/v1/tasks/{task_id}/close/", _task, who={OWNER}),
    Row("POST", "/api/v1/tasks/{task_id}/archive/", _task, who={OWNER}),
    Row("POST", "/api/v1/tasks/{task_id}/cancel/", _task, who={OWNER}),
    Row("GET", "/api/v1/tasks/{task_id}/applications/", _task, who={OWNER}),
    Row(
        "POST",
        "/api/v1/tasks/{task_id}/applications/",
        _task,
        {"note": "I can help.", "work_sample_link": "https://example.org/w"},
        expect={OWNER: 403},  # not on one's own task
    ),
    # Applications
    Row("GET", "/api/v1/applications/{application_id}/", _app, who=PARTIES),
    Row("POST", "/api/v1/applications/{application_id}/shortlist/", _app, who={OWNER}),
    Row("POST", "/api/v1/applications/{application_id}/accept/", _app, who={OWNER}),
    Row(
        "POST", "/api/v1/applications/{application_id}/decline/", _app, {"note": "No"}, who={OWNER}
    ),
    Row("POST", "/api/v1/applications/{application_id}/withdraw/", _app, who={A}),
    Row("GET", "/api/v1/applications/{application_id}/messages/", _app, who=PARTIES),
    Row(
        "POST", "/api/v1/applications/{application_id}/messages/", _app, {"body": "Hi"}, who=PARTIES
    ),
    Row(
        "GET",
        "/api/v1/applications/{application_id}/portfolio/{item_id}/file/",
        lambda w: {**_app(w), **_item(w)},
        who=PARTIES,
    ),
    # Engagements and money
    Row("GET", "/api/v1/engagements/{engagement_id}/", _eng, who=PARTIES),
    Row(
        "POST",
        "/api/v1/engagements/{engagement_id}/deliverables/",
        _eng,
        {"link": "https://example.org/d"},
        who={A},
    ),
    Row(
        "POST",
        "/api/v1/engagements/{engagement_id}/request-revision/",
        _eng,
        {"comment": "More"},
        who={OWNER},
    ),
    Row("POST", "/api/v1/engagements/{engagement_id}/approve/", _eng, who={OWNER}),
    Row(
        "POST", "/api/v1/engagements/{engagement_id}/cancel/", _eng, {"reason": "Stop"}, who=PARTIES
    ),
    Row("POST", "/api/v1/engagements/{engagement_id}/feedback/", _eng, {"rating": 5}, who=PARTIES),
    Row(
        "POST", "/api/v1/engagements/{engagement_id}/thanks/", _eng, {"body": "Thanks"}, who=PARTIES
    ),
    Row("GET", "/api/v1/engagements/{engagement_id}/messages/", _eng, who=PARTIES),
    Row("POST", "/api/v1/engagements/{engagement_id}/messages/", _eng, {"body": "Hi"}, who=PARTIES),
    Row("POST", "/api/v1/engagements/{engagement_id}/fund/", _eng, who={OWNER}),
    Row("GET", "/api/v1/engagements/{engagement_id}/stipend/", _eng, who=PARTIES),
    # Files are for the two people; public only while a completed draft's clause allows
    # (tests/projects/test_showable_work.py), so an anonymous caller gets 404, not 401.
    Row(
        "GET",
        "/api/v1/deliverables/{deliverable_id}/file/",
        lambda w: {"deliverable_id": w.deliverable.pk},
        who=PARTIES,
        expect={"anonymous": 404},
    ),
    # The showable-work clause of a completed draft: the drafter proposes and writes the case
    # study, the mentor confirms and approves.
    Row(
        "POST",
        "/api/v1/engagements/{engagement_id}/showable/",
        _done,
        {"showable": "full"},
        who={A},
    ),
    Row("POST", "/api/v1/engagements/{engagement_id}/showable/confirm/", _done, who={OWNER}),
    Row(
        "POST",
        "/api/v1/engagements/{engagement_id}/case-study/",
        _done,
        {"text": "What I did and how."},
        who={A},
    ),
    Row("POST", "/api/v1/engagements/{engagement_id}/case-study/approve/", _done, who={OWNER}),
    Row("POST", "/api/v1/engagements/{engagement_id}/portfolio/", _done, who={A}),
    # Credentials: only the drafter downloads; the drafter or site staff revoke; anyone verifies.
    Row("GET", "/api/v1/experience/{engagement_id}/credential/", _done, who={A}),
    Row("GET", "/api/v1/experience/{engagement_id}/credential/certificate/", _done, who={A}),
    Row(
        "POST",
        "/api/v1/experience/{engagement_id}/credential/revoke/",
        _done,
        who={A, "site_staff"},
    ),
    Row("POST", "/api/v1/credentials/verify/", body={"credential": "a.b.c"}, who=PUBLIC),
    Row(
        "POST",
        "/api/v1/thanks/{thanks_id}/show/",
        lambda w: {"thanks_id": w.thanks.pk},
        {"shown_on_profile": True},
        who={A},
    ),
    # Introductions
    Row(
        "POST",
        "/api/v1/introductions/",
        body=lambda w: {
            "task_id": w.task.pk,
            "drafter_handle": w.users["drafter_b"].profile.handle,
            "note": "Try it",
        },
    ),
    Row(
        "POST",
        "/api/v1/introductions/{introduction_id}/accept/",
        lambda w: {"introduction_id": w.introduction.pk},
        who={A},
    ),
    Row(
        "POST",
        "/api/v1/introductions/{introduction_id}/decline/",
        lambda w: {"introduction_id": w.introduction.pk},
        who={A},
    ),
    # Institutions
    Row(
        "POST",
        "/api/v1/institutions/{slug}/staff/",
        lambda w: {"slug": w.institution.slug},
        {"email": "colleague@example.org"},
        who=INSTITUTION,
        deny=404,  # to anyone but its staff, an institution is as unknown as a missing slug
    ),
    # University sign-in (SAML): the office's admins only; site staff use the admin.
    Row(
        "GET",
        "/api/v1/institutions/{slug}/sso/",
        lambda w: {"slug": w.institution.slug},
        who=OFFICE,
    ),
    Row(
        "PUT",
        "/api/v1/institutions/{slug}/sso/",
        lambda w: {"slug": w.institution.slug},
        {"metadata_xml": "<not-metadata/>"},
        who=OFFICE,
    ),
    Row(
        "DELETE",
        "/api/v1/institutions/{slug}/sso/",
        lambda w: {"slug": w.institution.slug},
        who=OFFICE,
    ),
    # The signed-in person's own things (/me/): objects are drafter A's; others get 404.
    Row("GET", "/api/v1/me/"),
    Row("PATCH", "/api/v1/me/", body={"headline": "Hello"}),
    Row("POST", "/api/v1/me/delete/", body={"password": DEFAULT_PASSWORD}),
    Row("POST", "/api/v1/me/avatar/", body={}, multipart=True),
    Row("DELETE", "/api/v1/me/avatar/"),
    # A confirmed account (every role here) gets 409 email_already_verified: past authorization.
    Row("GET", "/api/v1/me/email/"),
    Row("PUT", "/api/v1/me/email/", body={"email": "corrected@example.org"}),
    Row("POST", "/api/v1/me/email/resend/"),
    Row("GET", "/api/v1/me/applications/"),
    Row("GET", "/api/v1/me/engagements/"),
    Row("GET", "/api/v1/me/dashboard/"),
    Row("GET", "/api/v1/me/ledger/"),
    Row("GET", "/api/v1/me/ledger/totals/"),
    Row("GET", "/api/v1/me/ledger.csv"),
    Row(
        "GET",
        "/api/v1/me/ledger/{entry_id}/receipt/",
        lambda w: {"entry_id": w.ledger_entry.pk},
        who=frozenset({A}),
    ),
    Row("GET", "/api/v1/me/notifications/"),
    Row("POST", "/api/v1/me/notifications/read/", body={}),
    Row("GET", "/api/v1/me/recommendations/"),
    Row("GET", "/api/v1/me/payouts/onboarding/"),
    Row("POST", "/api/v1/me/payouts/onboarding/"),
    Row("GET", "/api/v1/me/skills/"),
    Row("PUT", "/api/v1/me/skills/", body={"skills": []}),
    Row("GET", "/api/v1/me/consents/"),
    Row(
        "POST",
        "/api/v1/me/consents/",
        body=lambda w: {"institution_slug": w.institution.slug, "scopes": ["participation"]},
    ),
    Row(
        "DELETE",
        "/api/v1/me/consents/{consent_id}/",
        lambda w: {"consent_id": w.consent.pk},
        who={A},
    ),
    Row("GET", "/api/v1/me/memberships/"),
    Row(
        "PATCH",
        "/api/v1/me/memberships/{membership_id}/",
        lambda w: {"membership_id": w.membership.pk},
        {"programme": "History", "class_year": 2027},
        who={A},
    ),
    Row(
        "DELETE",
        "/api/v1/me/memberships/{membership_id}/",
        lambda w: {"membership_id": w.membership.pk},
        who={A},
    ),
    Row("GET", "/api/v1/me/portfolio/"),
    Row(
        "POST",
        "/api/v1/me/portfolio/",
        body={"title": "Case study", "link": "https://example.org/c"},
    ),
    Row(
        "POST", "/api/v1/me/portfolio/reorder/", body=lambda w: {"item_ids": [w.item.pk]}, expect={}
    ),
    # Offers: anyone signed in may offer to an open mentor (not to themselves); an offer is read
    # and discussed by its two people; the mentor answers it, the drafter withdraws it.
    Row("GET", "/api/v1/me/offer-settings/"),
    Row("PATCH", "/api/v1/me/offer-settings/", body={"note": "Small research tasks welcome."}),
    Row("GET", "/api/v1/mentors/", who=PUBLIC),
    Row("GET", "/api/v1/me/mentor-suggestions/"),  # my own suggestions only, from my skills
    Row(
        "POST",
        "/api/v1/mentors/{handle}/offers/",
        lambda w: {"handle": w.users[OWNER].profile.handle},
        body=_new_offer,
        expect={OWNER: 403},
    ),
    Row("GET", "/api/v1/me/offers/"),
    Row("GET", "/api/v1/offers/{offer_id}/", _offer, who=PARTIES),
    Row("POST", "/api/v1/offers/{offer_id}/accept/", _offer, body={}, who={OWNER}),
    Row(
        "POST", "/api/v1/offers/{offer_id}/decline/", _offer, body={"reason": "other"}, who={OWNER}
    ),
    Row("POST", "/api/v1/offers/{offer_id}/withdraw/", _offer, who={A}),
    Row("GET", "/api/v1/offers/{offer_id}/messages/", _offer, who=PARTIES),
    Row("POST", "/api/v1/offers/{offer_id}/messages/", _offer, body={"body": "Hi"}, who=PARTIES),
    # A mentor's impact (each person's own) and its public-chain opt-in.
    Row("GET", "/api/v1/me/impact/"),
    Row("PATCH", "/api/v1/me/impact/", body={"show_chain_publicly": True}),
    # Peer critique circles: A hosts (two verified drafts), the owning mentor is a member;
    # anyone signed in lists and joins; only members read a circle and act in it.
    Row("GET", "/api/v1/circles/"),
    Row("GET", "/api/v1/circles/hosting/"),  # each person's own eligibility
    # "Tell me when a circle opens": each person's own alert for a family.
    Row("GET", "/api/v1/circles/alerts/"),
    Row("POST", "/api/v1/circles/alerts/{skill_family}/", lambda w: {"skill_family": "javascript"}),
    Row(
        "DELETE", "/api/v1/circles/alerts/{skill_family}/", lambda w: {"skill_family": "javascript"}
    ),
    Row(
        "POST",
        "/api/v1/circles/",
        body={"name": "Portfolio crit", "skill_family": "javascript"},
        who={A},
        deny=403,
    ),
    Row("GET", "/api/v1/circles/{circle_id}/", _circle, who=PARTIES),
    Row("POST", "/api/v1/circles/{circle_id}/join/", _circle),
    Row("POST", "/api/v1/circles/{circle_id}/leave/", _circle, who=PARTIES, expect={A: 403}),
    Row("POST", "/api/v1/circles/{circle_id}/close/", _circle, who={A}, expect={OWNER: 403}),
    Row(
        "POST",
        "/api/v1/circles/{circle_id}/members/{handle}/remove/",
        lambda w: {"circle_id": w.circle.pk, "handle": w.circle_other.profile.handle},
        who={A},
        expect={OWNER: 403},
    ),
    Row(
        "POST",
        "/api/v1/circles/{circle_id}/requests/",
        _circle,
        body=lambda w: {"portfolio_item_id": w.item.pk, "question": "Is the flow clear?"},
        who=PARTIES,
    ),
    Row(
        "POST",
        "/api/v1/critique-requests/{request_id}/critiques/",
        lambda w: {"request_id": w.circle_request.pk},
        body={"what_works": "Clear.", "one_change": "Shorter.", "resource": "A style guide."},
        who=PARTIES,
    ),
    Row(
        "POST",
        "/api/v1/critiques/{critique_id}/helpful/",
        _critique,
        who={A},
        expect={OWNER: 403},
    ),
    Row(
        "POST",
        "/api/v1/critiques/{critique_id}/report/",
        _critique,
        body={"reason": "Unkind."},
        who=PARTIES,
    ),
    Row("GET", "/api/v1/me/portfolio/{item_id}/", _item, who={A}),
    Row("PATCH", "/api/v1/me/portfolio/{item_id}/", _item, {"title": "Renamed"}, who={A}),
    Row("DELETE", "/api/v1/me/portfolio/{item_id}/", _item, who={A}),
]


def _schema_operations() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_schema_operation_is_in_the_matrix():
    listed = [row.key for row in ROWS]
    assert len(listed) == len(set(listed)), "a route is listed twice"
    missing = sorted(_schema_operations() - set(listed))
    stale = sorted(set(listed) - _schema_operations())
    assert (missing, stale) == ([], [])


def _client(world: World, role: str) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(world.users[role])
    return client


def _call(world: World, row: Row, role: str):
    path = row.template.format(**row.fill(world))
    body = row.body(world) if callable(row.body) else row.body
    kwargs: dict[str, Any] = {"format": "multipart" if row.multipart else "json"}
    if body is not None:
        kwargs["data"] = body
    return getattr(_client(world, role), row.method.lower())(path, **kwargs)


def _passes(status: int) -> bool:
    return status not in {401, 403, 404, 405} and (status < 500 or status == 503)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STRIPE_SECRET_KEY = ""  # no Stripe: a call that would reach it answers 503


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.method} {row.template}")
def test_authorization(row: Row):
    world = world_build()
    # Strangers first, on an untouched world: each is refused and changes nothing.
    denied = [role for role in ROLES if row.expected(role) != ALLOW]
    allowed = [role for role in ROLES if row.expected(role) == ALLOW]
    before = world.snapshot()
    outcomes: dict[str, Any] = {}
    for role in denied:
        response = _call(world, row, role)
        outcomes[role] = response.status_code
        if response.status_code != row.expected(role):
            outcomes[role] = (response.status_code, response.content[:200])
    assert world.snapshot() == before, f"a stranger changed something: {outcomes}"
    for role in allowed:
        status = _call(world, row, role).status_code
        outcomes[role] = ALLOW if _passes(status) else status

    assert outcomes == {role: row.expected(role) for role in ROLES}


@pytest.mark.django_db
def test_read_only_fields_written_change_nothing():
    world = world_build()
    a, owner = world.users[A], world.users[OWNER]
    other = world.users["mentor_other"]
    as_a, as_owner = _client(world, A), _client(world, OWNER)

    as_a.patch(
        "/api/v1/me/",
        {"email": "evil@example.org", "is_staff": True, "id": other.pk, "headline": "Hi"},
        format="json",
    )
    as_owner.patch(
        f"/api/v1/tasks/{world.task.pk}/",
        {"state": "cancelled", "mentor": other.pk, "filled_slots": 3, "id": 1},
        format="json",
    )
    applied = _client(world, "drafter_b").post(
        f"/api/v1/tasks/{world.task.pk}/applications/",
        {
            "note": "I can help.",
            "work_sample_link": "https://example.org/w",
            "state": "accepted",
            "drafter": a.pk,
            "engagement_id": 1,
        },
        format="json",
    )
    as_a.patch(f"/api/v1/me/portfolio/{world.item.pk}/", {"owner": other.pk}, format="json")
    as_a.post(
        f"/api/v1/engagements/{world.engagement.pk}/deliverables/",
        {"link": "https://example.org/d", "state": "completed"},
        format="json",
    )
    as_owner.post(
        f"/api/v1/engagements/{world.engagement.pk}/fund/",
        {"amount": 1, "payment_intent_id": "pi_forged", "state": "funded"},
        format="json",
    )

    a.refresh_from_db()
    world.task.refresh_from_db()
    world.item.refresh_from_db()
    world.engagement.refresh_from_db()
    stipend = world.engagement.stipend
    assert (a.email != "evil@example.org", a.is_staff, a.profile.headline) == (True, False, "Hi")
    assert (world.task.state, world.task.mentor_id, world.task.filled_slots) == (
        "open",
        owner.pk,
        0,
    )
    assert applied.status_code == 201
    assert applied.json()["state"] == "submitted"
    assert world.item.owner_id == a.pk
    assert world.engagement.state in {"active", "delivered"}
    assert (stipend.amount, stipend.payment_intent_id, stipend.state) == (5_000, "", "unfunded")


def test_the_matrix_table_is_readable_as_json():
    """The table doubles as documentation: role -> expectation per route."""
    table = {
        f"{row.method} {row.template}": {role: row.expected(role) for role in ROLES} for row in ROWS
    }
    assert json.loads(json.dumps(table)) == table


# --- Existence hidden from those who may not know it (issue 18 point 10) ------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["approved", "pending"])
def test_adding_staff_to_an_institution_you_are_not_staff_of_answers_like_a_missing_one(status):
    world = world_build()
    world.institution.status = status
    world.institution.save()

    for role in ("drafter_a", "mentor_other"):
        client = _client(world, role)
        real = client.post(
            f"/api/v1/institutions/{world.institution.slug}/staff/",
            {"email": "colleague@example.org"},
            format="json",
        )
        missing = client.post(
            "/api/v1/institutions/no-such-university/staff/",
            {"email": "colleague@example.org"},
            format="json",
        )
        assert (real.status_code, real.json()) == (missing.status_code, missing.json())
        assert real.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "cancelled"])
def test_featuring_a_task_the_office_cannot_see_answers_like_a_missing_one(state):
    world = world_build()
    hidden = TaskFactory(mentor=world.users[OWNER], state=state, published_at=None)
    client = _client(world, "institution_staff")

    seen = client.post("/api/v1/careers/featured-tasks/", {"task_id": hidden.pk}, format="json")
    missing = client.post("/api/v1/careers/featured-tasks/", {"task_id": 999_999}, format="json")

    assert (seen.status_code, seen.json()) == (missing.status_code, missing.json())
    assert seen.status_code == 404


@pytest.mark.django_db
def test_office_viewers_read_featured_tasks_but_only_admins_feature_them():
    world = world_build()
    featured = _client(world, "institution_staff").post(
        "/api/v1/careers/featured-tasks/", {"task_id": world.task.pk}, format="json"
    )
    world.staff_membership.staff_role = "viewer"
    world.staff_membership.save(update_fields=["staff_role"])
    viewer = _client(world, "institution_staff")

    made = viewer.post("/api/v1/careers/featured-tasks/", {"task_id": world.task.pk}, format="json")
    ended = viewer.delete(f"/api/v1/careers/featured-tasks/{featured.json()['id']}/")
    listed = viewer.get("/api/v1/careers/featured-tasks/")

    assert (made.status_code, made.json()["error"]["code"]) == (403, "not_institution_admin")
    assert (ended.status_code, ended.json()["error"]["code"]) == (403, "not_institution_admin")
    assert [row["id"] for row in listed.json()["results"]] == [featured.json()["id"]]


@pytest.mark.django_db
def test_featuring_a_closed_public_task_is_a_conflict_not_a_secret():
    world = world_build()
    closed = TaskFactory(mentor=world.users[OWNER], state=Task.State.CLOSED)

    response = _client(world, "institution_staff").post(
        "/api/v1/careers/featured-tasks/", {"task_id": closed.pk}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "task_not_open"


@pytest.mark.django_db
def test_a_student_who_never_consented_is_never_reported_as_removed():
    # Drafter B joined the institution by e-mail domain but never consented; drafter A did.
    # Both leave: the office's sync reports A (whom it saw) and says nothing about B.
    world = world_build()
    since = (timezone.now() - timedelta(minutes=1)).isoformat()
    quiet = MembershipFactory(user=world.users["drafter_b"], institution=world.institution)
    membership_end(membership=quiet)
    membership_end(membership=world.membership)

    body = (
        _client(world, "institution_staff")
        .get("/api/v1/careers/students/", {"updated_since": since})
        .json()
    )

    access = CareersAccess(institution=world.institution)
    assert body["removed"] == [access.student_public_id(world.users[A].pk)]
