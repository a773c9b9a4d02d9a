"""Application reads, for the mentor of the task or the drafter who applied.

"Fetch and authorise in one step": a missing object and somebody else's both raise NotFound,
so a 404 never reveals that something exists."""

from django.db.models import (
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
