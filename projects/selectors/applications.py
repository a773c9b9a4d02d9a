"""Application reads, for the mentor of the task or the drafter who applied.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from collections import defaultdict
from typing import Any

from django.db.models import (
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from accounts.models import PortfolioItem, User
from marketplace.errors import NotFound
from projects.models import (
    Application,
    Introduction,
    Task,
)


def _application_qs() -> QuerySet[Application]:
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
        # The engagement too: accepted rows show its id (one query per row otherwise).
        .select_related("task", "task__mentor__profile", "drafter__profile", "engagement")
        .prefetch_related(
            Prefetch(
                "portfolio_items",
                queryset=PortfolioItem.objects.prefetch_related("skills").order_by(
                    "position", "id"
                ),
            )
        )
    )


def application_list_for_task(
    *, task_id: int, mentor: User, state: str = ""
) -> QuerySet[Application]:
    """The mentor's view of who applied, with profile summaries and attached work. The attached
    portfolio items are shown whatever their visibility: the drafter chose to share them."""
    if not Task.objects.filter(pk=task_id, mentor=mentor).exists():
        raise NotFound("Task not found.")
    qs = _application_qs().filter(task_id=task_id)
    if state:
        qs = qs.filter(state=state)
    return qs


# The task fields an application row shows (its summary, questions, and what allowed_actions reads).
_TASK_ROW_FIELDS = (
    "id",
    "title",
    "state",
    "stipend_amount",
    "stipend_currency",
    "questions",
    "slots",
    "filled_slots",
    "mentor_id",
)


def application_rows_for_task(
    *, task_id: int, mentor: User, state: str = ""
) -> tuple[dict[str, Any], QuerySet[Application, Any]]:
    """application_list_for_task as plain rows (the mentor's hot list): the task once, and a
    values() queryset of its applications, newest first, for the cursor paginator. Portfolio
    items come from application_rows_attach_portfolio for the page."""
    task = (
        Task.objects.filter(pk=task_id, mentor=mentor)
        .values(
            *_TASK_ROW_FIELDS,
            mentor_handle=F("mentor__profile__handle"),
            mentor_display_name=F("mentor__profile__display_name"),
        )
        .first()
    )
    if task is None:
        raise NotFound("Task not found.")
    introduced_by = Introduction.objects.filter(
        task_id=OuterRef("task_id"),
        drafter_id=OuterRef("drafter_id"),
        state=Introduction.State.ACCEPTED,
    ).order_by("id")
    applications = Application.objects.filter(task_id=task_id)
    if state:
        applications = applications.filter(state=state)
    rows = applications.values(
        "id",
        "state",
        "note",
        "work_sample_link",
        "answers",
        "decline_note",
        "decline_reason",
        "closed_automatically",
        "created_at",
        "updated_at",
        "drafter_id",
        drafter_handle=F("drafter__profile__handle"),
        drafter_display_name=F("drafter__profile__display_name"),
        drafter_headline=F("drafter__profile__headline"),
        engagement_id=F("engagement__id"),
        introduced_by_name=Subquery(introduced_by.values("introducer__profile__display_name")[:1]),
        introduced_by_handle=Subquery(introduced_by.values("introducer__profile__handle")[:1]),
    )
    return task, rows


def application_rows_attach_portfolio(*, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `portfolio_items` (with their `skills`) to each application row: two queries for
    the page, in the order the drafter arranged them."""
    through = Application.portfolio_items.through
    items = list(
        through.objects.filter(application_id__in=[row["id"] for row in rows])
        .order_by("portfolioitem__position", "portfolioitem__id")
        .values(
            "application_id",
            "portfolioitem_id",
            title=F("portfolioitem__title"),
            description=F("portfolioitem__description"),
            link=F("portfolioitem__link"),
            visibility=F("portfolioitem__visibility"),
            file=F("portfolioitem__file"),
            file_name=F("portfolioitem__file_name"),
            file_kind=F("portfolioitem__file_kind"),
        )
    )
    skills: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if items:
        links = (
            PortfolioItem.skills.through.objects.filter(
                portfolioitem_id__in={item["portfolioitem_id"] for item in items}
            )
            .order_by("skill__name")
            .values("portfolioitem_id", "skill_id", "skill__slug", "skill__name")
        )
        for link in links:
            skills[link["portfolioitem_id"]].append(
                {"id": link["skill_id"], "slug": link["skill__slug"], "name": link["skill__name"]}
            )
    by_application: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        item_id = item["portfolioitem_id"]
        by_application[item["application_id"]].append(
            {**item, "id": item_id, "skills": skills[item_id]}
        )
    return [{**row, "portfolio_items": by_application[row["id"]]} for row in rows]


def application_list_for_drafter(*, drafter: User) -> QuerySet[Application]:
    return _application_qs().filter(drafter=drafter)


def application_get_for_participant(*, application_id: int, user: User) -> Application:
    application = (
        _application_qs().filter(Q(task__mentor=user) | Q(drafter=user), pk=application_id).first()
    )
    if application is None:
        raise NotFound("Application not found.")
    return application


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
