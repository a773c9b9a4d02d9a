"""A mentor's impact letter and /api/v1/me/impact/: report-backs only with the drafter's
consent, thanks, and a pay-it-forward chain that ends however drafts loop."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from rest_framework.test import APIClient

from projects.models import Engagement, ThankYouNote
from projects.selectors.impact import pay_it_forward
from projects.services.impact import impact_letters_send
from projects.services.report_back import report_back_create
from tests.factories import EngagementFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def _draft(mentor, drafter, day: int) -> Engagement:
    """A completed draft of `drafter` for `mentor`, completed on 2026-`day`th day of March."""
    return EngagementFactory(
        application__task=TaskFactory(mentor=mentor, title=f"Task {day}"),
        application__drafter=drafter,
        state=Engagement.State.COMPLETED,
        completed_at=datetime.datetime(2026, 3, day, 12, tzinfo=UTC),
    )


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_chain_counts_people_helped_since_transitively():
    mentor, sam, lee, kim, early = (UserFactory() for _ in range(5))
    _draft(sam, early, 1)  # before Sam drafted for the mentor: not "since"
    _draft(mentor, sam, 2)
    _draft(sam, lee, 3)
    _draft(lee, kim, 4)

    chain = pay_it_forward(mentor_id=mentor.pk)

    assert chain["direct"] == {sam.pk: {lee.pk, kim.pk}}
    assert chain["chain"] == {lee.pk, kim.pk}


def test_a_chain_that_loops_back_ends_and_counts_each_person_once():
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    _draft(a, b, 1)  # A helped B
    _draft(b, c, 2)  # B helped C
    _draft(c, a, 3)  # C helped A: the loop closes
    _draft(a, b, 4)  # A helped B again
    _draft(b, c, 5)  # and B helped C again

    assert pay_it_forward(mentor_id=a.pk)["chain"] == {c.pk}
    assert pay_it_forward(mentor_id=b.pk)["chain"] == {a.pk}  # C helped A (B is not counted)
    loop = pay_it_forward(mentor_id=c.pk)
    assert loop["direct"] == {a.pk: {b.pk}}  # A has since helped B (C is never in C's chain)


def test_two_people_helping_each_other_ends_with_the_right_count():
    a, b = UserFactory(), UserFactory()
    _draft(a, b, 1)
    _draft(b, a, 2)
    _draft(a, b, 3)

    assert pay_it_forward(mentor_id=a.pk)["chain"] == set()
    assert pay_it_forward(mentor_id=b.pk)["direct"] == {a.pk: set()}  # only B again, excluded


def test_impact_shows_what_drafters_did_next_only_when_they_shared_it():
    mentor, sharing, private = UserFactory(), UserFactory(), UserFactory()
    shared_draft = _draft(mentor, sharing, 1)
    private_draft = _draft(mentor, private, 2)
    report_back_create(
        engagement_id=shared_draft.pk,
        author=sharing,
        outcomes=["job_offer"],
        note="It got me an internship.",
        share_with_mentor=True,
    )
    report_back_create(
        engagement_id=private_draft.pk, author=private, outcomes=["referral"], note="A referral."
    )
    report_back_create(
        engagement_id=private_draft.pk,
        author=mentor,
        outcomes=["repeat_work"],
        note="Hired again.",
        share_with_mentor=True,  # a mentor's own report is never "shared with the mentor"
    )

    body = _client(mentor).get("/api/v1/me/impact/").json()

    by_handle = {row["drafter"]["handle"]: row for row in body["drafters"]}
    assert by_handle[sharing.profile.handle]["what_next"][0]["outcomes"] == [
        "A job or internship offer"
    ]
    assert by_handle[private.profile.handle]["what_next"] == []
    assert body["helped_count"] == 2


def test_the_report_back_consent_is_off_unless_the_drafter_ticks_it():
    mentor, drafter = UserFactory(), UserFactory()
    draft = _draft(mentor, drafter, 1)

    response = _client(drafter).post(
        f"/api/v1/engagements/{draft.pk}/report-back/",
        {"outcomes": ["referral"], "note": "Thanks!"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["share_with_mentor"] is False


def test_the_chain_size_shows_on_the_profile_only_after_the_mentor_opts_in():
    mentor, sam, lee = UserFactory(), UserFactory(), UserFactory()
    _draft(mentor, sam, 1)
    _draft(sam, lee, 2)
    path = f"/api/v1/profiles/{mentor.profile.handle}/experience/"

    before = APIClient().get(path).json()["pay_it_forward"]
    opted = _client(mentor).patch(
        "/api/v1/me/impact/", {"show_chain_publicly": True}, format="json"
    )
    after = APIClient().get(path).json()["pay_it_forward"]

    assert (before, opted.json()["show_chain_publicly"], after) == (None, True, 1)


def test_a_patch_that_leaves_the_choice_out_leaves_it_as_it_is():
    mentor = UserFactory()
    _client(mentor).patch("/api/v1/me/impact/", {"show_chain_publicly": True}, format="json")

    response = _client(mentor).patch("/api/v1/me/impact/", {}, format="json")

    assert (response.status_code, response.json()["show_chain_publicly"]) == (200, True)


def test_the_monthly_letter_has_text_and_html_parts_and_goes_once_a_month(
    django_capture_on_commit_callbacks,
):
    mentor = UserFactory(finish__display_name="Maya", email="maya@example.org")
    sam, lee = UserFactory(finish__display_name="Sam"), UserFactory()
    draft = _draft(mentor, sam, 1)
    _draft(sam, lee, 2)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 8, tzinfo=UTC)):  # in March
        report_back_create(
            engagement_id=draft.pk,
            author=sam,
            outcomes=["introduction"],
            note="Met your colleague.",
            share_with_mentor=True,
        )
        ThankYouNote.objects.create(
            engagement=draft, sender=sam, receiver=mentor, body="Thank you!"
        )

    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(datetime.datetime(2026, 4, 1, 8, tzinfo=UTC)),
    ):
        first = impact_letters_send()
        second = impact_letters_send()
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(datetime.datetime(2026, 4, 20, 8, tzinfo=UTC)),
    ):
        third = impact_letters_send()

    # Maya, and Sam (who mentored Lee since): one letter each, whatever the reruns.
    assert (first, second, third) == (2, 0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["maya@example.org", sam.email])
    letter = next(m for m in mail.outbox if m.to == ["maya@example.org"])
    assert letter.subject == "Slipstream: your impact in March 2026"
    assert "You helped Sam; Sam has since helped 1 person." in letter.body
    assert "Met your colleague." in letter.body
    html, mime = letter.alternatives[0]
    assert mime == "text/html"
    assert "Thank you!" in html
    assert "<strong>Sam</strong>" in html


def test_the_letter_job_is_scheduled_with_the_other_periodic_jobs(
    django_capture_on_commit_callbacks,
):
    assert "projects.tasks.impact_letters_run" in dict(settings.SCHEDULED_TASKS)
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(datetime.datetime(2026, 4, 1, 8, tzinfo=UTC)),
    ):
        _draft(UserFactory(), UserFactory(), 1)
        call_command("impact_letters_due")
        call_command("impact_letters_due")  # run twice (an operator, then the job)

    assert len(mail.outbox) == 1
