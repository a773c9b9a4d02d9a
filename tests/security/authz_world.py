"""The world the authorization matrix runs in: seven roles and one object of every kind,
each belonging to drafter A and/or the owning mentor, so every other role is a stranger."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import (
    Consent,
    InstitutionMembership,
    PortfolioItem,
    StaffInvitation,
    User,
)
from projects.circles.models import (
    Circle,
    CircleMembership,
    Critique,
    CritiqueReport,
    CritiqueRequest,
)
from projects.credentials.models import IssuedCredential
from projects.models import (
    Deliverable,
    Engagement,
    Introduction,
    Invitation,
    Message,
    Nudge,
    SavedSearch,
    Task,
    ThankYouNote,
)
from projects.offers.models import Offer
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    InstitutionFactory,
    MembershipFactory,
    PortfolioItemFactory,
    TaskFactory,
    UserFactory,
)

STAFF_INVITE_TOKEN = "authz-world-staff-invitation-token-0001"
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ROLES = (
    "anonymous",
    "drafter_a",
    "drafter_b",
    "mentor_owner",
    "mentor_other",
    "institution_staff",
    "site_staff",
)


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError as error:
            raise AttributeError(name) from error

    def snapshot(self) -> dict[str, Any]:
        """Everything a stranger must not be able to change."""
        a = self.users["drafter_a"]
        return {
            "task": Task.objects.filter(pk=self.task.pk).values_list("state", "title").get(),
            "application": self.application.__class__.objects.get(pk=self.application.pk).state,
            "engagement": Engagement.objects.get(pk=self.engagement.pk).state,
            "deliverables": Deliverable.objects.count(),
            "messages": Message.objects.count(),
            "introduction": Introduction.objects.get(pk=self.introduction.pk).state,
            "thanks": ThankYouNote.objects.get(pk=self.thanks.pk).shown_on_profile,
            "consent": Consent.objects.get(pk=self.consent.pk).revoked_at,
            "membership": InstitutionMembership.objects.filter(pk=self.membership.pk)
            .values_list("ended_at", "programme", "class_year")
            .get(),
            "staff_roles": sorted(
                InstitutionMembership.objects.filter(role="staff").values_list(
                    "pk", "staff_role", "ended_at"
                )
            ),
            "staff_invitation": StaffInvitation.objects.get(pk=self.staff_invitation.pk).state,
            "portfolio": list(
                PortfolioItem.objects.filter(owner=a).values_list("pk", "title", "position")
            ),
            "staff": InstitutionMembership.objects.filter(role="staff").count(),
            "offers": list(Offer.objects.values_list("pk", "state").order_by("pk")),
            "active": sorted(User.objects.filter(is_active=True).values_list("pk", flat=True)),
            "clause": Engagement.objects.filter(pk=self.completed.pk)
            .values_list("showable", "showable_proposed", "case_study", "case_study_state")
            .get(),
            "credential": IssuedCredential.objects.get(pk=self.credential.pk).state,
            "circle": Circle.objects.filter(pk=self.circle.pk)
            .values_list("state", "member_count")
            .get(),
            "circle_members": sorted(CircleMembership.objects.values_list("user_id", "state")),
            "critiques": list(Critique.objects.values_list("pk", "helpful_at").order_by("pk")),
            "critique_requests": CritiqueRequest.objects.count(),
            "critique_reports": CritiqueReport.objects.count(),
        }


def world_build() -> World:
    world = World()
    users = world.users
    users["drafter_a"] = UserFactory()
    users["drafter_b"] = UserFactory()
    users["mentor_owner"] = UserFactory()
    users["mentor_other"] = UserFactory()
    users["institution_staff"] = UserFactory()
    users["site_staff"] = UserFactory(is_staff=True)
    a, owner = users["drafter_a"], users["mentor_owner"]

    institution = InstitutionFactory()
    staff_membership = MembershipFactory(
        user=users["institution_staff"],
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
    )
    item = PortfolioItemFactory(owner=a)
    item.file.save("cv.pdf", ContentFile(PDF_BYTES), save=False)
    item.file_kind, item.file_size, item.file_name = "pdf", len(PDF_BYTES), "cv.pdf"
    item.save()
    task = TaskFactory(mentor=owner, slots=3)
    application = ApplicationFactory(task=task, drafter=a)
    application.portfolio_items.add(item)
    engagement = EngagementFactory(
        application__task=TaskFactory(mentor=owner, stipend_amount=5_000),
        application__drafter=a,
        state=Engagement.State.ACTIVE,
    )
    stipend_on_engagement_accepted(engagement=engagement)
    deliverable = Deliverable(engagement=engagement, submitted_by=a, note="Draft")
    deliverable.file.save("draft.pdf", ContentFile(PDF_BYTES), save=False)
    deliverable.file_name = "draft.pdf"
    deliverable.save()
    world.objects.update(
        institution=institution,
        item=item,
        task=task,
        application=application,
        engagement=engagement,
        deliverable=deliverable,
        ledger_entry=_ledger_entry(engagement),
        membership=MembershipFactory(user=a, institution=institution),
        staff_membership=staff_membership,
        # A pending colleague invitation of the office; its link's token is STAFF_INVITE_TOKEN.
        staff_invitation=StaffInvitation.objects.create(
            institution=institution,
            email="colleague@example.org",
            hashed_token=hashlib.sha256(STAFF_INVITE_TOKEN.encode()).hexdigest(),
            expires_at=timezone.now() + timedelta(days=14),
        ),
        consent=Consent.objects.create(
            student=a, institution=institution, participation=True, purpose="p", version="v1"
        ),
        introduction=Introduction.objects.create(
            task=TaskFactory(mentor=users["mentor_other"]),
            drafter=a,
            introducer=users["drafter_b"],
            note="You would be good at this.",
        ),
        thanks=ThankYouNote.objects.create(
            engagement=engagement, sender=owner, receiver=a, body="Thank you!"
        ),
        saved_search=SavedSearch.objects.create(user=a, name="Python", query={"q": "python"}),
        invitation=Invitation.objects.create(
            task=TaskFactory(mentor=owner), drafter=a, mentor=owner, reasons=["Knows Python"]
        ),
        nudge=Nudge.objects.create(
            recipient=a,
            kind=Nudge.Kind.DELIVERABLE_DUE,
            key=f"authz-world:{engagement.pk}",
            engagement=engagement,
            due_at=engagement.created_at,
        ),
    )
    # A verified experience of drafter A for the owning mentor, with its credential issued.
    completed = EngagementFactory(
        application__task=TaskFactory(mentor=owner),
        application__drafter=a,
        state=Engagement.State.COMPLETED,
    )
    world.objects.update(
        completed=completed,
        credential=IssuedCredential.objects.create(
            engagement=completed, status_index=7, identity_salt="0" * 32
        ),
    )
    offer_settings_update(mentor=owner, data={"is_open": True, "monthly_cap": 10})
    world.objects["offer"] = offer_create(
        mentor_handle=owner.profile.handle,
        drafter=a,
        title="Tidy your interview notes",
        what="I will turn your interview notes into one findings table.",
        estimated_hours=3,
        by_when=engagement.created_at.date() + datetime.timedelta(days=21),
        portfolio_item_ids=[item.pk],
    )
    _circle_world(world)
    return world


def _circle_world(world: World) -> None:
    """A peer critique circle hosted by drafter A (a second verified draft makes A a host),
    with the owning mentor and two other drafters in it: a request by another member, and a
    critique by another member on A's own request."""
    a, owner = world.users["drafter_a"], world.users["mentor_owner"]
    EngagementFactory(
        application__task=TaskFactory(mentor=world.users["mentor_other"]),
        application__drafter=a,
        state=Engagement.State.COMPLETED,
    )
    others = [UserFactory(), UserFactory()]
    circle = Circle.objects.create(
        host=a, name="Authz circle", skill_family="javascript", state="active", member_count=4
    )
    for person in (a, owner, *others):
        CircleMembership.objects.create(circle=circle, user=person)
    theirs = CritiqueRequest.objects.create(
        circle=circle,
        asker=others[0],
        portfolio_item=PortfolioItemFactory(owner=others[0]),
        question="Is it clear?",
    )
    mine = CritiqueRequest.objects.create(
        circle=circle, asker=a, portfolio_item=world.item, question="Too long?"
    )
    critique = Critique.objects.create(
        request=mine,
        author=others[1],
        what_works="The summary.",
        one_change="Cut the intro.",
        resource="https://example.org/r",
    )
    world.objects.update(
        circle=circle, circle_request=theirs, critique=critique, circle_other=others[0]
    )


def _ledger_entry(engagement: Engagement) -> Any:
    """Drafter A's one ledger entry (a payout), whose receipt only A may read."""
    from projects.stipends.models import LedgerEntry
    from projects.stipends.services.ledger import ledger_add

    ledger_add(
        key=f"authz:payout:{engagement.pk}",
        user=engagement.drafter,
        stipend=engagement.stipend,
        kind=LedgerEntry.Kind.PAYOUT,
        amount=4_500,
        description=f"Stipend for “{engagement.task.title}”",
        stripe_object_id="tr_authz_world",
    )
    return LedgerEntry.objects.get(key=f"authz:payout:{engagement.pk}")
