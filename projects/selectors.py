"""Reads for the marketplace, always scoped to the viewer.

"Fetch and authorise in one step": a missing object and somebody else's object both raise
NotFound, so a 404 never reveals that something exists.
"""

from collections import defaultdict
from datetime import date, timedelta
from typing import Any, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from accounts.models import InstitutionMembership, Notification, PortfolioItem, Profile, User
from marketplace.errors import NotFound
from projects.models import (
    Application,
    Deliverable,
    Engagement,
    Feedback,
    Introduction,
    Message,
    Task,
    ThankYouNote,
)
from projects.search import search_tokens, task_search

FEEDBACK_BLIND_PERIOD = timedelta(days=14)
COUNT_CAP = 1000
FAR_FUTURE = date(9999, 12, 31)

Viewer = User | AnonymousUser | None


class BrowseFilters(TypedDict, total=False):
    q: str
    skills: list[str]
    paid: bool | None
    min_hours: int | None
    max_hours: int | None
    remote: bool | None
    deadline_before: date | None
    institution_only: bool
    ordering: str


BROWSE_ORDERINGS = {
    "newest": ("-published_at", "-id"),
    "deadline": ("deadline_sort", "id"),
    "stipend": ("-stipend_sort", "-id"),
    "relevance": ("-rank", "-id"),
}


def _signed_in(viewer: Viewer) -> bool:
    return viewer is not None and viewer.is_authenticated


def _student_institutions(viewer: User) -> QuerySet:
    return InstitutionMembership.objects.filter(
        user=viewer, role=InstitutionMembership.Role.STUDENT, ended_at__isnull=True
    ).values("institution_id")


def task_visible_q(viewer: Viewer) -> Q:
    """Tasks `viewer` may see: public ones, institution-only ones of an institution where the
    viewer is an active student, and their own."""
    visible = Q(visibility=Task.Visibility.PUBLIC)
    if not _signed_in(viewer):
        return visible
    through = Task.institutions.through
    member = through.objects.filter(
        task_id=OuterRef("pk"), institution_id__in=_student_institutions(viewer)
    )
    return visible | Q(Exists(member)) | Q(mentor=viewer)


# --- Browse and search ------------------------------------------------------------------------


def task_list_for_browse(*, viewer: Viewer, filters: BrowseFilters) -> tuple[QuerySet, tuple]:
    """Open tasks the viewer may see, filtered and searched, as a values() queryset of plain
    dicts, with the ordering the cursor paginator must use. Skills come from
    task_rows_attach_skills (one more query for the whole page)."""
    qs = Task.objects.filter(task_visible_q(viewer), state=Task.State.OPEN)
    if skills := filters.get("skills"):
        through = Task.skills.through
        qs = qs.filter(
            Exists(through.objects.filter(task_id=OuterRef("pk"), skill__slug__in=skills))
        )
    paid = filters.get("paid")
    if paid is True:
        qs = qs.filter(stipend_amount__gt=0)
    elif paid is False:
        qs = qs.filter(Q(stipend_amount__isnull=True) | Q(stipend_amount=0))
    if (min_hours := filters.get("min_hours")) is not None:
        qs = qs.filter(estimated_hours__gte=min_hours)
    if (max_hours := filters.get("max_hours")) is not None:
        qs = qs.filter(estimated_hours__lte=max_hours)
    if (remote := filters.get("remote")) is not None:
        qs = qs.filter(is_remote=remote)
    if deadline_before := filters.get("deadline_before"):
        qs = qs.filter(deadline__lte=deadline_before)
    if filters.get("institution_only"):
        qs = qs.filter(visibility=Task.Visibility.INSTITUTIONS)
    ordering_name = filters.get("ordering") or "newest"
    # A query without any word in it (only punctuation) searches for nothing: no filter.
    q = (filters.get("q") or "").strip() if search_tokens(filters.get("q") or "") else ""
    if q:
        qs = task_search(qs, q)
    elif ordering_name == "relevance":
        ordering_name = "newest"
    qs = qs.annotate(
        deadline_sort=Coalesce("deadline", Value(FAR_FUTURE), output_field=DateField()),
        stipend_sort=Coalesce("stipend_amount", Value(0), output_field=IntegerField()),
        excerpt=Substr("description", 1, 240),
        mentor_handle=F("mentor__profile__handle"),
        mentor_name=F("mentor__profile__display_name"),
    )
    fields = [
        "id",
        "title",
        "excerpt",
        "estimated_hours",
        "deadline",
        "is_remote",
        "location",
        "slots",
        "filled_slots",
        "stipend_amount",
        "stipend_currency",
        "what_you_gain",
        "visibility",
        "published_at",
        "mentor_handle",
        "mentor_name",
        "deadline_sort",
        "stipend_sort",
    ]
    if q:
        fields.append("rank")
    return qs.values(*fields), BROWSE_ORDERINGS[ordering_name]


def task_rows_attach_skills(*, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `skills` to each task row with one query for the whole page."""
    through = Task.skills.through
    by_task: dict[int, list[dict[str, str]]] = defaultdict(list)
    ids = [row["id"] for row in rows]
    if ids:
        links = (
            through.objects.filter(task_id__in=ids)
            .order_by("skill__name")
            .values("task_id", "skill__slug", "skill__name")
        )
        for link in links:
            by_task[link["task_id"]].append(
                {"slug": link["skill__slug"], "name": link["skill__name"]}
            )
    # New dicts: the paginator still reads the sort keys of the originals for its cursors.
    return [{**row, "skills": by_task[row["id"]]} for row in rows]


def task_count_capped(*, queryset: QuerySet) -> tuple[int, bool]:
    """How many rows match, counting no further than COUNT_CAP (no full COUNT(*))."""
    count = queryset.order_by().values("id")[: COUNT_CAP + 1].count()
    return min(count, COUNT_CAP), count > COUNT_CAP


# --- One task -------------------------------------------------------------------------------


def _task_detail_qs() -> QuerySet:
    return Task.objects.select_related("mentor__profile").prefetch_related("skills", "institutions")


def task_get_for_viewer(*, task_id: int, viewer: Viewer) -> Task:
    """A task page: the mentor sees it in any state; others see published tasks they may see,
    or any task they have applied to. Adds `viewer_application_id` (or None)."""
    qs = _task_detail_qs().filter(pk=task_id)
    if _signed_in(viewer):
        applied = Application.objects.filter(task_id=OuterRef("pk"), drafter=viewer)
        qs = qs.annotate(
            viewer_application_id=applied.values("id")[:1],
        ).filter(
            Q(mentor=viewer)
            | (
                task_visible_q(viewer)
                & Q(state__in=[Task.State.OPEN, Task.State.CLOSED, Task.State.ARCHIVED])
            )
            | Q(Exists(applied))
        )
    else:
        qs = qs.annotate(viewer_application_id=Value(None, output_field=IntegerField())).filter(
            task_visible_q(viewer), state__in=[Task.State.OPEN, Task.State.CLOSED]
        )
    task = qs.first()
    if task is None:
        raise NotFound("Task not found.")
    return task


def task_get_for_mentor(*, task_id: int, mentor: User) -> Task:
    task = _task_detail_qs().filter(pk=task_id, mentor=mentor).first()
    if task is None:
        raise NotFound("Task not found.")
    return task


def task_list_featured(*, viewer: Viewer, limit: int = 6) -> list[dict[str, Any]]:
    """The newest open tasks the viewer may see (home page)."""
    qs, ordering = task_list_for_browse(viewer=viewer, filters={"ordering": "newest"})
    return task_rows_attach_skills(rows=list(qs.order_by(*ordering)[:limit]))


# --- Applications ----------------------------------------------------------------------------


def _application_qs() -> QuerySet:
    # Who introduced the drafter to this task (accepted introductions only): shown to the mentor.
    introduced_by = Introduction.objects.filter(
        task_id=OuterRef("task_id"),
        drafter_id=OuterRef("drafter_id"),
        state=Introduction.State.ACCEPTED,
    ).order_by("id")
    return (
        Application.objects.annotate(
            introduced_by_name=Subquery(
                introduced_by.values("introducer__profile__display_name")[:1]
            ),
            introduced_by_handle=Subquery(introduced_by.values("introducer__profile__handle")[:1]),
        )
        .select_related("task", "task__mentor__profile", "drafter__profile")
        .prefetch_related(
            Prefetch(
                "portfolio_items",
                queryset=PortfolioItem.objects.prefetch_related("skills").order_by(
                    "position", "id"
                ),
            )
        )
    )


def application_list_for_task(*, task_id: int, mentor: User, state: str = "") -> QuerySet:
    """The mentor's view of who applied, with profile summaries and attached work. The attached
    portfolio items are shown whatever their visibility: the drafter chose to share them."""
    if not Task.objects.filter(pk=task_id, mentor=mentor).exists():
        raise NotFound("Task not found.")
    qs = _application_qs().filter(task_id=task_id)
    if state:
        qs = qs.filter(state=state)
    return qs


def application_list_for_drafter(*, drafter: User) -> QuerySet:
    return _application_qs().filter(drafter=drafter)


def application_get_for_participant(*, application_id: int, user: User) -> Application:
    application = (
        _application_qs()
        .select_related("engagement")
        .filter(Q(task__mentor=user) | Q(drafter=user), pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound("Application not found.")
    return application


# --- Engagements -----------------------------------------------------------------------------


def _engagement_qs() -> QuerySet:
    return Engagement.objects.select_related(
        "task", "mentor__profile", "drafter__profile", "cancelled_by__profile"
    )


def engagement_list_for_user(*, user: User, role: str = "") -> QuerySet:
    qs = _engagement_qs()
    if role == "mentor":
        return qs.filter(mentor=user)
    if role == "drafter":
        return qs.filter(drafter=user)
    return qs.filter(Q(mentor=user) | Q(drafter=user))


def engagement_get_for_participant(*, engagement_id: int, user: User) -> Engagement:
    engagement = (
        _engagement_qs()
        .prefetch_related(
            Prefetch("deliverables", queryset=Deliverable.objects.order_by("id")),
            Prefetch(
                "feedback",
                queryset=Feedback.objects.select_related("author__profile").prefetch_related(
                    "endorsed_skills"
                ),
            ),
            Prefetch("thanks", queryset=ThankYouNote.objects.order_by("id")),
            "task__skills",
        )
        .filter(Q(mentor=user) | Q(drafter=user), pk=engagement_id)
        .first()
    )
    if engagement is None:
        raise NotFound("Engagement not found.")
    return engagement


def deliverable_get_for_participant(*, deliverable_id: int, user: User) -> Deliverable:
    """A delivered file is for the engagement's two people only (anyone else: NotFound)."""
    deliverable = (
        Deliverable.objects.filter(
            Q(engagement__mentor=user) | Q(engagement__drafter=user), pk=deliverable_id
        )
        .exclude(file="")
        .first()
    )
    if deliverable is None:
        raise NotFound("File not found.")
    return deliverable


def feedback_visible_to(*, engagement: Engagement, user: User) -> dict[str, Any]:
    """Double-blind: the other side's feedback shows once both have written, or
    FEEDBACK_BLIND_PERIOD after completion."""
    written = {f.author_id: f for f in engagement.feedback.all()}
    mine = written.get(user.pk)
    other_id = engagement.drafter_id if user.pk == engagement.mentor_id else engagement.mentor_id
    theirs = written.get(other_id)
    unblinded = len(written) == 2 or (
        engagement.completed_at is not None
        and timezone.now() >= engagement.completed_at + FEEDBACK_BLIND_PERIOD
    )
    return {
        "mine": mine,
        "theirs": theirs if unblinded else None,
        "theirs_written": theirs is not None,
    }


# --- Messages -------------------------------------------------------------------------------


def message_list_for_thread(
    *, user: User, application_id: int | None = None, engagement_id: int | None = None
) -> QuerySet:
    """A thread's messages, only for its two people (anyone else: NotFound)."""
    if application_id is not None:
        application_get_for_participant(application_id=application_id, user=user)
        thread = {"application_id": application_id}
    else:
        if not Engagement.objects.filter(
            Q(mentor=user) | Q(drafter=user), pk=engagement_id
        ).exists():
            raise NotFound("Engagement not found.")
        thread = {"engagement_id": engagement_id}
    return Message.objects.filter(**thread).select_related("sender__profile")


def message_unread_count(*, user: User) -> int:
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


# --- Notifications --------------------------------------------------------------------------


def notification_list_for_user(*, user: User) -> QuerySet:
    return Notification.objects.filter(recipient=user)


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


# --- Dashboard ------------------------------------------------------------------------------


def dashboard_for_user(*, user: User) -> dict[str, Any]:
    """Everything the signed-in person's home shows, in a fixed number of queries."""
    pending = [Application.State.SUBMITTED, Application.State.SHORTLISTED]
    live = [Engagement.State.AWAITING_FUNDING, Engagement.State.ACTIVE, Engagement.State.DELIVERED]
    my_tasks = list(
        Task.objects.filter(mentor=user)
        .exclude(state=Task.State.ARCHIVED)
        .annotate(
            applications_total=Count("applications"),
            applications_pending=Count("applications", filter=Q(applications__state__in=pending)),
        )
        .order_by("-id")[:50]
    )
    to_review = list(
        Application.objects.filter(task__mentor=user, state__in=pending)
        .select_related("task", "drafter__profile")
        .order_by("-id")[:20]
    )
    engagements = list(
        _engagement_qs()
        .filter(Q(mentor=user) | Q(drafter=user))
        .filter(Q(state__in=live) | Q(completed_at__gte=timezone.now() - timedelta(days=60)))
        .order_by("-id")[:50]
    )
    my_applications = list(
        Application.objects.filter(drafter=user)
        .select_related("task", "task__mentor__profile")
        .order_by("-id")[:50]
    )
    introductions = list(
        Introduction.objects.filter(drafter=user, state=Introduction.State.PENDING)
        .select_related("task", "introducer__profile")
        .order_by("-id")[:20]
    )
    unread = message_unread_count(user=user)
    mentoring = [e for e in engagements if e.mentor_id == user.pk]
    drafting = [e for e in engagements if e.drafter_id == user.pk]
    return {
        "mentor": {
            "tasks": my_tasks,
            "applications_to_review": to_review,
            "engagements": mentoring,
        },
        "drafter": {
            "applications": my_applications,
            "engagements": drafting,
            "introductions": introductions,
            "next_steps": _next_steps(
                applications=my_applications,
                drafting=drafting,
                mentoring=mentoring,
                to_review=to_review,
                has_tasks=bool(my_tasks),
            ),
        },
        "unread_messages": unread,
    }


def _next_steps(
    *,
    applications: list[Application],
    drafting: list[Engagement],
    mentoring: list[Engagement],
    to_review: list[Application],
    has_tasks: bool,
) -> list[dict[str, str]]:
    steps = []
    for application in to_review[:3]:
        steps.append(
            {
                "text": f"Review {_person(application.drafter)}'s application to "
                f"“{application.task.title}”.",
                "url": f"/applications/{application.pk}/",
            }
        )
    for engagement in mentoring:
        if engagement.state == Engagement.State.DELIVERED:
            steps.append(
                {
                    "text": f"Review the work delivered on “{engagement.task.title}”.",
                    "url": f"/engagements/{engagement.pk}/",
                }
            )
    for engagement in drafting:
        if engagement.state == Engagement.State.ACTIVE:
            steps.append(
                {
                    "text": f"Deliver your work on “{engagement.task.title}”.",
                    "url": f"/engagements/{engagement.pk}/",
                }
            )
        elif engagement.state == Engagement.State.AWAITING_FUNDING:
            steps.append(
                {
                    "text": f"“{engagement.task.title}” starts once the mentor funds the stipend.",
                    "url": f"/engagements/{engagement.pk}/",
                }
            )
    if not applications and not drafting and not has_tasks:
        steps.append({"text": "Browse open tasks and offer to help with one.", "url": "/tasks/"})
        steps.append({"text": "Have overflow work? Post a task.", "url": "/tasks/new/"})
    return steps


def _person(user: User) -> str:
    return user.profile.display_name or user.profile.handle


# --- Public profile: verified experience -----------------------------------------------------


def profile_experience(*, handle: str) -> dict[str, Any]:
    """What a public profile shows about drafting: completed engagements confirmed by the
    mentor (with the endorsement once feedback is unblinded), thanks the receiver chose to
    show, and how many people a mentor has helped."""
    profile = Profile.objects.select_related("user").filter(handle=handle).first()
    if profile is None or not profile.user.is_active:
        raise NotFound("Profile not found.")
    user = profile.user
    completed = list(
        Engagement.objects.filter(drafter=user, state=Engagement.State.COMPLETED)
        .select_related("task", "mentor__profile")
        .prefetch_related(
            "task__skills",
            Prefetch(
                "feedback",
                queryset=Feedback.objects.prefetch_related("endorsed_skills"),
            ),
        )
        .order_by("-completed_at", "-id")
    )
    task_ids = [e.task_id for e in completed]
    introducers: dict[int, list[dict[str, str]]] = defaultdict(list)
    for intro in Introduction.objects.filter(
        drafter=user, task_id__in=task_ids, state=Introduction.State.ACCEPTED
    ).select_related("introducer__profile"):
        introducers[intro.task_id].append(
            {
                "handle": intro.introducer.profile.handle,
                "display_name": intro.introducer.profile.display_name,
            }
        )
    now = timezone.now()
    experience = []
    for engagement in completed:
        feedback = list(engagement.feedback.all())
        unblinded = len(feedback) == 2 or (
            engagement.completed_at and now >= engagement.completed_at + FEEDBACK_BLIND_PERIOD
        )
        mentor_fb = next((f for f in feedback if f.author_id == engagement.mentor_id), None)
        endorsement = None
        if mentor_fb is not None and unblinded:
            endorsement = {
                "text": mentor_fb.endorsement,
                "skills": [s.name for s in mentor_fb.endorsed_skills.all()],
            }
        experience.append(
            {
                "engagement_id": engagement.pk,
                "task_title": engagement.task.title,
                "mentor": {
                    "handle": engagement.mentor.profile.handle,
                    "display_name": engagement.mentor.profile.display_name,
                },
                "skills": [s.name for s in engagement.task.skills.all()],
                "started_at": engagement.started_at,
                "completed_at": engagement.completed_at,
                "endorsement": endorsement,
                "introduced_by": introducers.get(engagement.task_id, []),
            }
        )
    thanks = [
        {
            "id": note.pk,
            "body": note.body,
            "task_title": note.engagement.task.title,
            "sender": {
                "handle": note.sender.profile.handle,
                "display_name": note.sender.profile.display_name,
            },
            "created_at": note.created_at,
        }
        for note in ThankYouNote.objects.filter(receiver=user, shown_on_profile=True)
        .select_related("engagement__task", "sender__profile")
        .order_by("-id")[:50]
    ]
    helped = (
        Engagement.objects.filter(mentor=user, state=Engagement.State.COMPLETED)
        .values("drafter_id")
        .distinct()
        .count()
    )
    return {"verified_experience": experience, "thanks": thanks, "helped_count": helped}


# --- Recommendations ------------------------------------------------------------------------


def task_recommendations_for_user(*, user: User, limit: int = 20) -> list[dict[str, Any]]:
    """Open tasks that match the skills shown in the user's portfolio, best match first, each
    with the reasons it was picked. Tasks of their own or already applied to are left out."""
    my_skill_ids = set(
        PortfolioItem.skills.through.objects.filter(portfolioitem__owner=user).values_list(
            "skill_id", flat=True
        )
    )
    qs, _ = task_list_for_browse(viewer=user, filters={})
    qs = qs.exclude(mentor=user).exclude(
        Exists(Application.objects.filter(task_id=OuterRef("pk"), drafter=user))
    )
    if my_skill_ids:
        qs = qs.annotate(
            match_count=Count("skills", filter=Q(skills__id__in=my_skill_ids), distinct=True)
        ).filter(match_count__gt=0)
        qs = qs.order_by("-match_count", "-published_at", "-id")
    else:
        qs = qs.order_by("-published_at", "-id")
    rows = task_rows_attach_skills(rows=list(qs[:limit]))
    my_skill_names = set(
        PortfolioItem.skills.through.objects.filter(portfolioitem__owner=user).values_list(
            "skill__name", flat=True
        )
    )
    soon = timezone.localdate() + timedelta(days=14)
    for row in rows:
        reasons = [
            f"Your portfolio shows {skill['name']}"
            for skill in row["skills"]
            if skill["name"] in my_skill_names
        ]
        if not reasons:
            reasons.append("New on Slipstream")
        if row["stipend_amount"]:
            reasons.append("Comes with a stipend")
        if row["deadline"] and row["deadline"] <= soon:
            reasons.append("Deadline within two weeks")
        row["reasons"] = reasons
    return rows


def application_portfolio_item_get(
    *, application_id: int, item_id: int, user: User
) -> PortfolioItem:
    """A file-bearing portfolio item attached to an application, for its mentor or drafter.

    This is how "only with my applications" items reach the mentor; anything else is a 404.
    """
    application = application_get_for_participant(application_id=application_id, user=user)
    item = (
        application.portfolio_items.filter(pk=item_id, owner__is_active=True)
        .exclude(file="")
        .first()
    )
    if item is None:
        raise NotFound("No such file.")
    return item
