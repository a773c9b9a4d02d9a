"""The showable-work clause: every choice x viewer x surface, the embargo that opens by itself,
and the flows around it (choice at approval, proposal and confirmation, case study, portfolio)."""

from datetime import timedelta
from html import escape

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import PortfolioItem
from projects.models import Deliverable, Engagement
from tests.factories import EngagementFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CASE_STUDY = "I rebuilt the onboarding survey; completion rose from 40 % to 70 %."
S, CS = Engagement.Showable, Engagement.CaseStudyState


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _completed(**clause) -> tuple[Engagement, Deliverable]:
    engagement = EngagementFactory(
        state=Engagement.State.COMPLETED,
        started_at=timezone.now() - timedelta(days=9),
        completed_at=timezone.now(),
        **clause,
    )
    deliverable = Deliverable(engagement=engagement, submitted_by=engagement.drafter, note="v1")
    deliverable.file.save("work.pdf", ContentFile(PDF), save=False)
    deliverable.file_name = "work.pdf"
    deliverable.save()
    return engagement, deliverable


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _viewer(engagement: Engagement, who: str):
    return {
        "drafter": engagement.drafter,
        "mentor": engagement.mentor,
        "stranger": UserFactory(),
        "anonymous": None,
    }[who]


TOMORROW = timezone.localdate() + timedelta(days=1)
# choice -> (clause fields, what the public sees: "work", "case_study" or nothing)
CHOICES = {
    "full": ({"showable": S.FULL}, "work"),
    "case_study_approved": (
        {"showable": S.CASE_STUDY, "case_study": CASE_STUDY, "case_study_state": CS.APPROVED},
        "case_study",
    ),
    "case_study_waiting": (
        {"showable": S.CASE_STUDY, "case_study": CASE_STUDY, "case_study_state": CS.SUBMITTED},
        None,
    ),
    "after_embargoed": ({"showable": S.AFTER, "show_after": TOMORROW}, None),
    "private": ({"showable": S.PRIVATE}, None),
}
VIEWERS = ["drafter", "mentor", "stranger", "anonymous"]


def _surfaces(engagement: Engagement, deliverable: Deliverable, viewer) -> dict:
    """What one viewer gets from each public surface."""
    api = _api(viewer)
    handle = engagement.drafter.profile.handle
    profile = api.get(f"/api/v1/profiles/{handle}/experience/").json()
    entry = profile["verified_experience"][0]["showing"]
    detail = api.get(f"/api/v1/experience/{engagement.pk}/").json()["showing"]
    page_client = Client()
    if viewer is not None:
        page_client.force_login(viewer)
    page = page_client.get(f"/experience/{engagement.pk}/").content.decode()
    download = api.get(f"/api/v1/deliverables/{deliverable.pk}/file/")
    file_url = f"/api/v1/deliverables/{deliverable.pk}/file/"
    return {
        "profile_work": entry["deliverable"] is not None,
        "profile_case_study": entry["case_study"],
        "api_work": detail["deliverable"] is not None,
        "api_case_study": detail["case_study"],
        "page_work": file_url in page,
        "page_case_study": CASE_STUDY in page,
        "page_label": escape(detail["label"]) in page,
        "download": download.status_code,
    }


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("choice", CHOICES)
def test_every_surface_obeys_the_clause_for_every_viewer(choice, who):
    clause, shown = CHOICES[choice]
    engagement, deliverable = _completed(**clause)
    viewer = _viewer(engagement, who)

    seen = _surfaces(engagement, deliverable, viewer)

    work, case_study = shown == "work", CASE_STUDY if shown == "case_study" else None
    participant = who in ("drafter", "mentor")
    assert seen == {
        "profile_work": work,
        "profile_case_study": case_study,
        "api_work": work,
        "api_case_study": case_study,
        "page_work": work,
        "page_case_study": case_study is not None,
        "page_label": True,
        # The engagement's two people always keep their own copy of the work.
        "download": 200 if work or participant else 404,
    }


@pytest.mark.parametrize("who", VIEWERS)
def test_the_embargo_opens_by_itself_on_its_date(who):
    opens = timezone.localdate() + timedelta(days=10)
    engagement, deliverable = _completed(showable=S.AFTER, show_after=opens)
    viewer = _viewer(engagement, who)
    before = _surfaces(engagement, deliverable, viewer)

    with time_machine.travel(timezone.now() + timedelta(days=11)):
        after = _surfaces(engagement, deliverable, viewer)

    participant = who in ("drafter", "mentor")
    assert (before["api_work"], before["profile_work"], before["page_work"]) == (False,) * 3
    assert before["download"] == (200 if participant else 404)
    assert (after["api_work"], after["profile_work"], after["page_work"]) == (True,) * 3
    assert after["download"] == 200


def test_only_the_approved_last_deliverable_is_public():
    engagement, first = _completed(showable=S.FULL)
    last = Deliverable.objects.create(
        engagement=engagement, submitted_by=engagement.drafter, link="https://example.org/final"
    )

    shown = _api().get(f"/api/v1/experience/{engagement.pk}/").json()["showing"]["deliverable"]

    assert shown["link"] == last.link
    assert _api().get(f"/api/v1/deliverables/{first.pk}/file/").status_code == 404


def test_a_public_title_replaces_the_task_title_on_public_surfaces():
    engagement, _ = _completed(showable=S.PRIVATE, public_title="Survey redesign for a client")

    detail = _api().get(f"/api/v1/experience/{engagement.pk}/").json()

    assert detail["task_title"] == "Survey redesign for a client"
    assert (
        engagement.task.title not in Client().get(f"/experience/{engagement.pk}/").content.decode()
    )


def _delivered() -> Engagement:
    engagement = EngagementFactory(state=Engagement.State.DELIVERED)
    Deliverable.objects.create(
        engagement=engagement, submitted_by=engagement.drafter, link="https://example.org/w"
    )
    return engagement


def test_approval_without_a_choice_keeps_the_work_private():
    engagement = _delivered()

    response = _api(engagement.mentor).post(f"/api/v1/engagements/{engagement.pk}/approve/")

    assert response.status_code == 200
    assert response.json()["showable"]["choice"] == "private"
    assert response.json()["showable"]["effective"] == "private"


def test_the_mentor_chooses_the_clause_at_approval():
    engagement = _delivered()
    opens = (timezone.localdate() + timedelta(days=30)).isoformat()

    response = _api(engagement.mentor).post(
        f"/api/v1/engagements/{engagement.pk}/approve/",
        {"showable": "after", "show_after": opens, "public_title": "Survey work"},
        format="json",
    )

    assert response.status_code == 200
    clause = response.json()["showable"]
    assert (clause["choice"], clause["show_after"], clause["public_title"]) == (
        "after",
        opens,
        "Survey work",
    )
    assert "confidential until" in clause["label"]


@pytest.mark.parametrize(
    "body",
    [
        {"showable": "after"},
        {"showable": "full", "show_after": TOMORROW.isoformat()},
        {"showable": "public"},
        {"showable": "full", "public_title": "x\x00y"},
    ],
)
def test_approval_refuses_a_malformed_clause_and_changes_nothing(body):
    engagement = _delivered()

    response = _api(engagement.mentor).post(
        f"/api/v1/engagements/{engagement.pk}/approve/", body, format="json"
    )

    assert response.status_code == 400
    engagement.refresh_from_db()
    assert (engagement.state, engagement.showable) == ("delivered", "private")


def test_an_embargo_date_that_has_come_is_refused_as_a_conflict_and_changes_nothing():
    engagement = _delivered()

    response = _api(engagement.mentor).post(
        f"/api/v1/engagements/{engagement.pk}/approve/",
        {"showable": "after", "show_after": timezone.localdate().isoformat()},
        format="json",
    )

    assert response.status_code == 409
    assert "show_after" in response.json()["error"]["fields"]
    engagement.refresh_from_db()
    assert engagement.state == "delivered"


def test_the_drafter_proposes_and_only_the_mentors_confirmation_applies_it():
    engagement, _ = _completed(showable=S.PRIVATE)
    url = f"/api/v1/engagements/{engagement.pk}/showable/"

    proposed = _api(engagement.drafter).post(url, {"showable": "full"}, format="json")
    assert proposed.status_code == 200
    assert proposed.json()["showable"]["proposal"]["showable"] == "full"
    assert _api().get(f"/api/v1/experience/{engagement.pk}/").json()["showing"]["effective"] == (
        "private"
    )
    assert _api(engagement.mentor).post(url, {"showable": "full"}, format="json").status_code == 404
    assert (
        _api(engagement.drafter).post(f"{url}confirm/", format="json").status_code == 404
    )  # only the mentor confirms

    confirmed = _api(engagement.mentor).post(f"{url}confirm/")

    assert confirmed.status_code == 200
    assert (confirmed.json()["showable"]["choice"], confirmed.json()["showable"]["proposal"]) == (
        "full",
        None,
    )
    assert _api().get(f"/api/v1/experience/{engagement.pk}/").json()["showing"]["effective"] == (
        "full"
    )


def test_confirming_without_a_proposal_is_a_conflict():
    engagement, _ = _completed(showable=S.PRIVATE)

    response = _api(engagement.mentor).post(
        f"/api/v1/engagements/{engagement.pk}/showable/confirm/"
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "showable_no_proposal"


def test_a_live_engagement_has_no_clause_to_propose():
    engagement = EngagementFactory(state=Engagement.State.ACTIVE)

    response = _api(engagement.drafter).post(
        f"/api/v1/engagements/{engagement.pk}/showable/", {"showable": "full"}, format="json"
    )

    assert response.status_code == 409


def test_a_case_study_shows_only_once_the_mentor_approves_it():
    engagement, _ = _completed(showable=S.CASE_STUDY)
    base = f"/api/v1/engagements/{engagement.pk}/case-study/"

    submitted = _api(engagement.drafter).post(base, {"text": CASE_STUDY}, format="json")
    public_before = _api().get(f"/api/v1/experience/{engagement.pk}/").json()["showing"]
    approved = _api(engagement.mentor).post(f"{base}approve/")
    public_after = _api().get(f"/api/v1/experience/{engagement.pk}/").json()["showing"]

    assert submitted.status_code == 200
    assert submitted.json()["showable"]["case_study_state"] == "submitted"
    assert public_before["case_study"] is None
    assert approved.status_code == 200
    assert public_after["case_study"] == CASE_STUDY
    assert public_after["deliverable"] is None  # the work itself stays private


def test_no_case_study_without_the_case_study_choice():
    engagement, _ = _completed(showable=S.PRIVATE)

    response = _api(engagement.drafter).post(
        f"/api/v1/engagements/{engagement.pk}/case-study/", {"text": CASE_STUDY}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "case_study_not_allowed"


def test_full_work_goes_to_the_portfolio_in_one_click_and_only_once():
    engagement, deliverable = _completed(showable=S.FULL)
    url = f"/api/v1/engagements/{engagement.pk}/portfolio/"

    added = _api(engagement.drafter).post(url)
    again = _api(engagement.drafter).post(url)

    assert added.status_code == 201
    item = PortfolioItem.objects.get(owner=engagement.drafter)
    assert item.title == engagement.task.title
    assert item.link.endswith(f"/api/v1/deliverables/{deliverable.pk}/file/")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "portfolio_already_added"


def test_an_approved_case_study_goes_to_the_portfolio():
    engagement, _ = _completed(
        showable=S.CASE_STUDY, case_study=CASE_STUDY, case_study_state=CS.APPROVED
    )

    response = _api(engagement.drafter).post(f"/api/v1/engagements/{engagement.pk}/portfolio/")

    assert response.status_code == 201
    item = PortfolioItem.objects.get(owner=engagement.drafter)
    assert (item.description, item.link.endswith(f"/experience/{engagement.pk}/")) == (
        CASE_STUDY,
        True,
    )


@pytest.mark.parametrize(
    "clause", [{"showable": S.PRIVATE}, {"showable": S.AFTER, "show_after": TOMORROW}]
)
def test_private_or_embargoed_work_cannot_go_to_the_portfolio(clause):
    engagement, _ = _completed(**clause)

    response = _api(engagement.drafter).post(f"/api/v1/engagements/{engagement.pk}/portfolio/")

    assert response.status_code == 409
    assert not PortfolioItem.objects.filter(owner=engagement.drafter).exists()


def test_the_engagement_offers_each_side_only_its_clause_actions():
    engagement, _ = _completed(
        showable=S.CASE_STUDY, case_study=CASE_STUDY, case_study_state=CS.SUBMITTED
    )
    url = f"/api/v1/engagements/{engagement.pk}/"

    mentor = _api(engagement.mentor).get(url).json()["allowed_actions"]
    drafter = _api(engagement.drafter).get(url).json()["allowed_actions"]

    assert [a for a in mentor if a in {"case_study_approve", "showable_confirm"}] == [
        "case_study_approve"
    ]
    assert [a for a in drafter if "case_study" in a or "portfolio" in a] == ["case_study_submit"]


def test_profile_experience_query_count_is_flat(django_assert_max_num_queries):
    first, _ = _completed(showable=S.FULL)
    for _ in range(4):
        more = EngagementFactory(
            application__drafter=first.drafter,
            state=Engagement.State.COMPLETED,
            completed_at=timezone.now(),
            showable=S.FULL,
        )
        Deliverable.objects.create(
            engagement=more, submitted_by=more.drafter, link="https://example.org/x"
        )

    with django_assert_max_num_queries(14):
        response = _api().get(f"/api/v1/profiles/{first.drafter.profile.handle}/experience/")

    assert len(response.json()["verified_experience"]) == 5
