"""The dashboard's sections are values() rows shaped like model instances for its serializers:
each section's JSON must stay what the same serializers give over the instances, and the next
steps must read the same. A person who both mentors and drafts sees every section filled."""

import json

import pytest
from django.utils import timezone

from marketplace.api.renderers import JSONRenderer
from projects.api.engagement_serializers import EngagementCardSerializer
from projects.api.people_serializers import (
    DashboardApplicationSerializer,
    IntroductionOutputSerializer,
)
from projects.models import Application, Engagement, Introduction
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    TaskFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _json(serializer_class, instances) -> list:
    return json.loads(JSONRenderer().render(serializer_class(instances, many=True).data))


@pytest.fixture
def both_roles():
    me = UserFactory(finish__display_name="Robin Both")
    task = TaskFactory(mentor=me, title="Tidy the onboarding guide", stipend_amount=12_000)
    waiting = ApplicationFactory(task=task)
    ApplicationFactory(task=task, state=Application.State.SHORTLISTED)
    ApplicationFactory(task=task, state=Application.State.DECLINED)
    delivered = EngagementFactory(application__task=task, state=Engagement.State.DELIVERED)
    drafting = EngagementFactory(
        application__drafter=me, application__task=TaskFactory(title="Draft a survey")
    )
    done = EngagementFactory(application__drafter=me, state=Engagement.State.COMPLETED)
    Engagement.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    mine = ApplicationFactory(drafter=me, task=TaskFactory(title="Label photos"))
    Introduction.objects.create(
        task=TaskFactory(title="Map the donors"),
        drafter=me,
        introducer=UserFactory(finish__display_name="Ines Introducer"),
        note="You would be good at this.",
    )
    return {"me": me, "waiting": waiting, "delivered": delivered, "drafting": drafting,
            "mine": mine}  # fmt: skip


def test_sections_are_the_serializers_json_over_instances(client_for, both_roles):
    me = both_roles["me"]
    home = client_for(me).get("/api/v1/me/dashboard/").json()

    pending = Application.objects.filter(task__mentor=me, state__in=["submitted", "shortlisted"])
    assert home["mentor"]["applications_to_review"] == _json(
        DashboardApplicationSerializer, list(pending.order_by("-id"))
    )
    assert home["drafter"]["applications"] == _json(
        DashboardApplicationSerializer, list(Application.objects.filter(drafter=me).order_by("-id"))
    )
    assert home["mentor"]["engagements"] == _json(
        EngagementCardSerializer, list(Engagement.objects.filter(mentor=me).order_by("-id"))
    )
    assert home["drafter"]["engagements"] == _json(
        EngagementCardSerializer, list(Engagement.objects.filter(drafter=me).order_by("-id"))
    )
    assert home["drafter"]["introductions"] == _json(
        IntroductionOutputSerializer, list(Introduction.objects.filter(drafter=me))
    )
    [task] = home["mentor"]["tasks"]
    assert (task["applications_total"], task["applications_pending"]) == (4, 2)
    assert home["roles"] == {"mentor": True, "drafter": True}


def test_next_steps_name_people_and_tasks(client_for, both_roles):
    me = both_roles["me"]
    steps = client_for(me).get("/api/v1/me/dashboard/").json()["drafter"]["next_steps"]
    waiting, delivered = both_roles["waiting"], both_roles["delivered"]
    drafter_name = waiting.drafter.profile.display_name or waiting.drafter.profile.handle
    assert {
        "text": f"Review {drafter_name}'s application to “Tidy the onboarding guide”.",
        "url": f"/applications/{waiting.pk}/",
    } in steps
    assert {
        "text": "Review the work delivered on “Tidy the onboarding guide”.",
        "url": f"/engagements/{delivered.pk}/",
    } in steps
    assert {
        "text": "Deliver your work on “Draft a survey”.",
        "url": f"/engagements/{both_roles['drafting'].pk}/",
    } in steps
    assert any(step["text"].startswith("Leave feedback and say thanks") for step in steps)


def test_a_newcomer_is_pointed_at_browsing_and_posting(client_for):
    home = client_for(UserFactory()).get("/api/v1/me/dashboard/").json()
    assert [step["url"] for step in home["drafter"]["next_steps"]] == ["/tasks/", "/tasks/new/"]
    assert home["mentor"]["tasks"] == [] and home["drafter"]["applications"] == []
